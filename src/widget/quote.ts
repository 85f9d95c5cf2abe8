/**
 * A quote as the widget reads it (the API's answer, fields an older API may
 * leave out optional), and the amounts and words worked out from it. No DOM:
 * the pure tests import it.
 */
import { formatAmount } from './format';
import { codeWord } from './i18n';

/** A line as the API answers it: a message with its words, or the plain text of a quote saved before messages. */
export type Words = string | { text: string };
export const words = (value: Words): string => (typeof value === 'string' ? value : value.text);

export interface Money {
  amount: string;
  currency: string;
}

export interface Alternative {
  assumption: string;
  value: string;
  amount: string;
  outcome?: string;
}

export interface VoyageResult {
  regime: string;
  calls: string[];
  chargedAt: string | null;
  arrival?: string;
  rule: string | null;
  outcome: string;
  certainty?: string;
  fee: Money;
  exemptions: Array<{ id: string; applies: boolean; reason: Words }>;
  alternatives?: Alternative[];
  explanation: Words[];
  citations?: Array<{ title: string; url: string }>;
  payer?: string | null;
  payerReason?: Words;
  clause?: { id: string; title: string; url: string } | null;
}

export interface Total extends Money {
  low?: string;
  high?: string;
}

/** The words for every code a quote names, in the request's locale (the API's `titles`). */
export interface QuoteTitles {
  regimes: Record<string, string>;
  rules: Record<string, string>;
  outcomes: Record<string, string>;
  certainties: Record<string, string>;
  assumptions: Record<string, string>;
  scenario?: string;
  /** A listed party's measure and effect as the list gives them (English) → the request locale's words. */
  listed?: Record<string, string>;
}

export interface QuoteResult {
  quoteId: string;
  titles?: QuoteTitles;
  asOf: string;
  tariffs?: Array<{ id: string; regime: string; sha256: string }>;
  assumptions?: Record<string, string>;
  voyages: VoyageResult[];
  totals: Total[];
  converted?: { currency: string; amount: string; rates: Record<string, string> };
  notes: Words[];
  screening?: ScreeningRow[];
}

/** A listed party as the API answers it (`screening`); `possible` is shown as possible, never counted. */
export interface ScreeningRow {
  list: string;
  entry: string;
  party: string;
  name: string;
  match: string;
  status: string;
  measure?: string;
}

export const money = (value: Money, locale: string) => `${formatAmount(value.amount, locale)} ${value.currency}`;

/**
 * The word for a code the quote names: the API's title in the request's
 * locale, else the widget's own word (a quote saved before titles).
 */
export function titleOf(
  titles: QuoteTitles | undefined,
  kind: Exclude<keyof QuoteTitles, 'scenario' | 'listed'>,
  code: string,
  locale: string,
): string {
  return titles?.[kind][code] ?? codeWord(locale, code);
}

/** A non-negative decimal string as a key that sorts as its value does (no float on the way). */
const amountKey = (amount: string) => {
  const [whole = '', fraction = ''] = amount.split('.');
  return `${whole.padStart(24, '0')}.${fraction.padEnd(8, '0')}`;
};

/** The lowest and highest amount of a voyage over its alternative readings. */
export function voyageRange(voyage: VoyageResult): { low: string; high: string } {
  const amounts = [voyage.fee.amount, ...(voyage.alternatives ?? []).map((alternative) => alternative.amount)].sort(
    (a, b) => (amountKey(a) < amountKey(b) ? -1 : amountKey(a) > amountKey(b) ? 1 : 0),
  );
  return { low: amounts[0]!, high: amounts.at(-1)! };
}

/**
 * A voyage's headline amount: its fee, or for a `time-dependent` voyage
 * (the time of day decides) the range its readings span.
 * @example headline(voyage, 'en') // '0.00 – 3,000,000.00 USD'
 */
export function headline(voyage: VoyageResult, locale: string): string {
  const { low, high } = voyageRange(voyage);
  if (voyage.certainty !== 'time-dependent' || low === high) return money(voyage.fee, locale);
  return `${formatAmount(low, locale)} – ${money({ amount: high, currency: voyage.fee.currency }, locale)}`;
}
