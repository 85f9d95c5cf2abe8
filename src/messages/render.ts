/**
 * Messages into words: one catalogue per locale, typed params formatted with
 * Intl for that locale. Amounts keep their digits (only separators change),
 * codes and ids stay as they are, and source references are never translated.
 */

import zhCNData from '../../translations/zh-CN.json';
import { describeInstant } from '../lib/time';
import { en } from './en';
import { isMessage, type Message, type MessageParam } from './message';
import { zhCN } from './zh-CN';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** Whether `text` names a locale with a catalogue. */
export const isLocale = (text: string): text is Locale => (LOCALES as ReadonlyArray<string>).includes(text);

const CATALOGUES: Record<Locale, Readonly<Record<string, string>>> = { en, 'zh-CN': zhCN };

/** Translations of words that come from data files (tariff notes, titles, reasons), keyed by the English text. */
const DATA_TEXT: Record<Locale, Readonly<Record<string, string>>> = { en: {}, 'zh-CN': zhCNData };

/**
 * The locale a request asks for: `options.locale` when given, else the first
 * `Accept-Language` range that names a catalogue (any `zh` reads zh-CN), else English.
 * @example localeOf(undefined, 'zh-CN,zh;q=0.9,en;q=0.8') // 'zh-CN'
 */
export function localeOf(option: string | undefined, acceptLanguage?: string | null): Locale {
  if (option !== undefined && isLocale(option)) return option;
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((range) => range.tag !== '' && range.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranges) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, places: number): Intl.NumberFormat {
  const key = `${locale}|${places}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: places, maximumFractionDigits: places });
    numberFormats.set(key, format);
  }
  return format;
}

/** Decimal text with the locale's separators, every digit kept (Intl formats the string exactly). */
export function formatDecimal(amount: string, locale: Locale): string {
  if (!/^-?\d+(\.\d+)?$/.test(amount)) return amount;
  const places = amount.includes('.') ? amount.length - amount.indexOf('.') - 1 : 0;
  return numberFormat(locale, places).format(amount as unknown as number);
}

function formatDate(date: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match || locale === 'en') return date;
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`;
}

const listFormats = new Map<string, Intl.ListFormat>();
function listFormat(locale: Locale, type: 'conjunction' | 'disjunction'): Intl.ListFormat {
  const key = `${locale}/${type}`;
  let format = listFormats.get(key);
  if (!format) {
    format = new Intl.ListFormat(locale, { type });
    listFormats.set(key, format);
  }
  return format;
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();
/** English keeps the engine's `YYYY-MM-DD HH:mm zone`; Chinese reads the same wall clock through Intl. */
function formatInstant(millis: number, zone: string, locale: Locale): string {
  if (locale === 'en') return describeInstant(millis, zone);
  let format = instantFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('zh-CN', {
      timeZone: zone,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    instantFormats.set(zone, format);
  }
  const year = new Date(millis).getUTCFullYear();
  // Intl writes years before 1000 with eras and no padding; those keep the engine's form.
  if (year < 1000) return describeInstant(millis, zone);
  return `${format.format(millis)}（${zone}）`;
}

const JOINS: Record<Locale, Record<'steps' | 'codes' | 'chain', string>> = {
  en: { steps: '; ', codes: ', ', chain: ' ← ' },
  'zh-CN': { steps: '；', codes: '、', chain: ' ← ' },
};

function formatParam(value: MessageParam, locale: Locale): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberFormat(locale, Number.isInteger(value) ? 0 : 2).format(value);
  if (isMessage(value)) return renderMessage(value, locale);
  if ('amount' in value)
    return value.currency
      ? `${formatDecimal(value.amount, locale)} ${value.currency}`
      : formatDecimal(value.amount, locale);
  if ('date' in value) return formatDate(value.date, locale);
  if ('instant' in value) return formatInstant(value.instant, value.zone, locale);
  if ('text' in value) return DATA_TEXT[locale][value.text] ?? value.text;
  const items = value.list.map((item) => formatParam(item, locale));
  if (value.join === 'and' || value.join === 'or')
    return listFormat(locale, value.join === 'and' ? 'conjunction' : 'disjunction').format(items);
  return items.join(JOINS[locale][value.join]);
}

/**
 * A message in words. An id missing from the catalogue (a message stored by an
 * older version) shows its id, so nothing a person reads is silently dropped.
 * @example renderMessage({ id: 'exemption.none', params: {} }, 'zh-CN') // '无适用的豁免。'
 */
export function renderMessage(value: Message, locale: Locale): string {
  const template =
    CATALOGUES[locale][value.id] ??
    en[value.id as keyof typeof en] ??
    (/^(code|unit)\./.test(value.id) ? value.id.slice(5) : value.id);
  let text = '';
  for (const part of partsOf(template)) {
    if (typeof part === 'string') text += part;
    else {
      const param = value.params[part.name];
      text += param === undefined ? `{${part.name}}` : formatParam(param, locale);
    }
  }
  return text;
}

/** A catalogue text split once into its words and its `{name}` placeholders (a quote renders hundreds of lines). */
const templateParts = new Map<string, ReadonlyArray<string | { name: string }>>();
function partsOf(template: string): ReadonlyArray<string | { name: string }> {
  let parts = templateParts.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 1 ? { name: piece } : piece));
    templateParts.set(template, parts);
  }
  return parts;
}

/** A message as the API answers it: its id, params and the words in the request's locale. */
export interface RenderedMessage {
  id: string;
  params: Record<string, MessageParam>;
  text: string;
}

export function rendered(value: Message, locale: Locale): RenderedMessage {
  return { id: value.id, params: value.params, text: renderMessage(value, locale) };
}

/** The word for a code (`charged`, `us-301`, `unconfirmed`) in a locale, or the code itself. */
export function codeTitle(code: string, locale: Locale): string {
  const id = `code.${code}`;
  return CATALOGUES[locale][id] ?? code;
}

/** Words from a data file in a locale: its shipped translation, else as published. */
export function dataTitle(text: string, locale: Locale): string {
  return DATA_TEXT[locale][text] ?? text;
}

/** Every placeholder name of a catalogue text (for the catalogue test). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}

export { CATALOGUES };
