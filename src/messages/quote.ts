/**
 * A quote in words: every message of the engine's answer (explanation lines,
 * exemption and payer reasons, notes) becomes `{ id, params, text }` in one
 * locale, and `titles` names every code a person reads (and the words of
 * each listed party's measure and effect, as the list files give them). Amounts, ids and the
 * quote id are left as they are.
 */
import type { Message } from './message';
import { codeTitle, dataTitle, type Locale, type RenderedMessage, rendered } from './render';

/** A value with each message rendered. */
export type Rendered<T> = T extends Message
  ? RenderedMessage
  : T extends ReadonlyArray<infer U>
    ? Rendered<U>[]
    : T extends object
      ? { [K in keyof T]: Rendered<T[K]> }
      : T;

/** The shape of a quote the renderer reads (the engine's `Quote`). */
export interface MessageQuote {
  assumptions: Record<string, string>;
  scenario?: string;
  voyages: ReadonlyArray<{
    regime: string;
    tariff: string | null;
    rule: string | null;
    outcome: string;
    certainty: string;
    explanation: Message[];
    exemptions: ReadonlyArray<{ id: string; reason: Message }>;
    payerReason?: Message;
  }>;
  notes: Message[];
  /** Listed parties: their measure and effect are words of the list files. */
  screening?: ReadonlyArray<{ measure: string; effect: string }>;
}

/** English titles from the data files: a rule of a version, an assumption, a scenario. */
export interface DataTitles {
  rule(tariff: string, rule: string): string | undefined;
  assumption(id: string): string | undefined;
  scenario(id: string): string | undefined;
}

/** Titles of the codes a quote names, in a locale: regimes, rules, outcomes, certainty, assumptions, scenario. */
export interface QuoteTitles {
  regimes: Record<string, string>;
  rules: Record<string, string>;
  outcomes: Record<string, string>;
  certainties: Record<string, string>;
  assumptions: Record<string, string>;
  scenario?: string;
  /** The measure and effect of each listed party, English as listed → the locale's words (only when a party is listed). */
  listed?: Record<string, string>;
}

function titlesOf(quote: MessageQuote, locale: Locale, data?: DataTitles): QuoteTitles {
  const titles: QuoteTitles = { regimes: {}, rules: {}, outcomes: {}, certainties: {}, assumptions: {} };
  for (const voyage of quote.voyages) {
    titles.regimes[voyage.regime] = codeTitle(voyage.regime, locale);
    titles.outcomes[voyage.outcome] = codeTitle(voyage.outcome, locale);
    titles.certainties[voyage.certainty] = codeTitle(voyage.certainty, locale);
    if (voyage.rule && voyage.tariff && !(voyage.rule in titles.rules)) {
      const title = data?.rule(voyage.tariff, voyage.rule);
      titles.rules[voyage.rule] = title ? dataTitle(title, locale) : codeTitle(voyage.rule, locale);
    }
  }
  for (const id of Object.keys(quote.assumptions)) {
    const title = data?.assumption(id);
    titles.assumptions[id] = title ? dataTitle(title, locale) : id;
  }
  const scenario = quote.scenario ? data?.scenario(quote.scenario) : undefined;
  if (quote.scenario) titles.scenario = scenario ? dataTitle(scenario, locale) : quote.scenario;
  if (quote.screening && quote.screening.length > 0) {
    titles.listed = {};
    for (const row of quote.screening)
      for (const text of [row.measure, row.effect]) titles.listed[text] = dataTitle(text, locale);
  }
  return titles;
}

/**
 * The quote with its messages rendered in `locale` and a `titles` field added.
 * @example renderQuote(quote(input, env), 'zh-CN').voyages[0].explanation[0].text
 */
export function renderQuote<Q extends MessageQuote>(
  quote: Q,
  locale: Locale,
  data?: DataTitles,
): Rendered<Q> & { titles: QuoteTitles } {
  const voyages = quote.voyages.map((voyage) => ({
    ...voyage,
    explanation: voyage.explanation.map((line) => rendered(line, locale)),
    exemptions: voyage.exemptions.map((exemption) => ({ ...exemption, reason: rendered(exemption.reason, locale) })),
    ...(voyage.payerReason ? { payerReason: rendered(voyage.payerReason, locale) } : {}),
  }));
  return {
    ...quote,
    voyages,
    notes: quote.notes.map((note) => rendered(note, locale)),
    titles: titlesOf(quote, locale, data),
  } as unknown as Rendered<Q> & { titles: QuoteTitles };
}

/** The words of a rendered message list, one per line (CSV cells, MCP text). */
export function texts(messages: ReadonlyArray<{ text: string }>): string[] {
  return messages.map((value) => value.text);
}
