/**
 * A message a person reads, as the engine emits it: an id of the catalogue
 * and the values it names. Words are chosen at the edge (API, pages, jobs),
 * in the request's locale, by `renderMessage`; the engine builds no sentence.
 */
import type { en } from './en';

export type MessageId = keyof typeof en;

/** A value a message names. Typed values are formatted per locale when rendered. */
export type MessageParam =
  | string
  | number
  | Message
  /** An amount (decimal text): with a currency it is money, without one a quantity. */
  | { amount: string; currency?: string }
  /** A calendar date, `YYYY-MM-DD`. */
  | { date: string }
  /** An instant shown on the wall clock of a zone. */
  | { instant: number; zone: string }
  /** Words from a data file (tariff notes, coverage reasons, clause reasons), translated where a translation ships. */
  | { text: string }
  /** Several values joined as the locale joins them. */
  | { list: MessageParam[]; join: 'and' | 'or' | 'steps' | 'codes' | 'chain' };

/** The names inside `{…}` of a catalogue text. */
type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

export type ParamsOf<K extends MessageId> = { [Name in Placeholders<(typeof en)[K]>]: MessageParam };

export interface Message<K extends MessageId = MessageId> {
  id: K;
  params: Record<string, MessageParam>;
}

/**
 * A message of the catalogue, its params checked against the English text's placeholders.
 * @example message('exemption.none', {}) // { id: 'exemption.none', params: {} }
 */
export function message<K extends MessageId>(id: K, params: ParamsOf<K>): Message<K> {
  return { id, params: params as Record<string, MessageParam> };
}

/** Words from a data file, as a message of their own (a note, a clause's reason). */
export function dataText(text: string): Message<'data.text'> {
  return message('data.text', { text: { text } });
}

/** Whether a value is a message (not one of the typed params). */
export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && 'id' in value && 'params' in value;
}

/** One key per message, for keeping each note once. */
export function messageKey(value: Message): string {
  return JSON.stringify(value);
}

/** The word for a code (an outcome, a status, a regime, a unit): `code.<code>` of the catalogue, or the code itself. */
export function codeMessage(code: string, family: 'code' | 'unit' = 'code'): Message {
  return { id: `${family}.${code}` as MessageId, params: {} };
}
