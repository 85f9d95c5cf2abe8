/**
 * Quotes batch items one vessel at a time (each with its whole schedule, so
 * the cap counts every call) and keeps running totals per regime, currency
 * and cap year. A vessel that fails never stops the others.
 */

import {
  amountRange,
  capYearOfVoyage,
  type Money,
  type Outcome,
  type Quote,
  type QuoteEnvironment,
  QuoteInputError,
  quote,
  quoteTitles,
  type Total,
  type VoyageQuote,
} from '../engine';
import { addAmount, type Decimal, formatAmount, ZERO } from '../lib/money';
import { type Rendered, renderQuote } from '../messages/quote';
import { type Locale, renderMessage } from '../messages/render';
import type { BatchError, BatchItem } from './items';

/** A voyage without its basis, exemptions, cap details, explanation and citations: what a fleet table needs. */
export type VoyageSummary = Pick<
  VoyageQuote,
  'regime' | 'tariff' | 'calls' | 'chargedAt' | 'arrival' | 'rule' | 'outcome' | 'certainty' | 'fee' | 'alternatives'
> & {
  capYear: string;
  /** The lowest and highest amount over the voyage's alternatives (its own amount when confirmed). */
  low: string;
  high: string;
  /** Listed parties at the voyage's arrival (docs/rules.md, Screening), `possible` rows left out; only when any. */
  listed?: string[];
};

/** `cn-countermeasures: Hanwha Shipping LLC (operator, suspended)`, one per row that counts as a match. */
export function listedParties(voyage: Pick<VoyageQuote, 'screening'>): string[] {
  return (voyage.screening ?? [])
    .filter((row) => row.match !== 'possible')
    .map(
      (row) =>
        `${row.list}: ${row.entry} (${row.party}, ${row.status}${row.reading ? `, read ${row.reading.status}` : ''})`,
    );
}

export interface QuoteSummary {
  quoteId: string;
  asOf: string;
  tariffs: Quote['tariffs'];
  assumptions: Record<string, string>;
  scenario?: string;
  totals: Total[];
  voyages: Array<VoyageSummary | (Rendered<VoyageQuote> & { capYear: string; low: string; high: string })>;
  converted?: Quote['converted'];
  /** The notes in words, in the request's `options.locale` (English by default). */
  notes: string[];
}

export interface VesselResult {
  index?: number;
  imo: string | null;
  /** The vessel's name, when its request gives one (a quoted vessel only). */
  name?: string;
  rows?: number[];
  quote?: QuoteSummary;
  problem?: {
    title: string;
    detail: string;
    errors: BatchError[];
    /** Errors found for this vessel; `errors` holds at most a limited number of them. */
    errorCount?: number;
    /** Errors found but not written in `errors` (the per-vessel and per-batch limits). */
    omittedErrors?: number;
  };
}

export interface BatchTotal {
  regime: string;
  currency: string;
  capYear: string;
  amount: string;
  /** Sums of each voyage's lowest and highest amount over its alternatives. */
  low: string;
  high: string;
  /** Voyages of this regime in this cap year, whatever their outcome. */
  voyages: number;
  /** Of those, the voyages charged a fee. */
  charged: number;
}

/** Running totals per regime, currency and cap year. */
export class BatchTotals {
  private readonly totals = new Map<
    string,
    {
      regime: string;
      currency: string;
      capYear: string;
      amount: Decimal;
      low: Decimal;
      high: Decimal;
      voyages: number;
      charged: number;
    }
  >();

  add(voyage: { regime: string; fee: Money; capYear: string; outcome: Outcome; low: string; high: string }): void {
    const key = `${voyage.regime}|${voyage.fee.currency}|${voyage.capYear}`;
    const entry = this.totals.get(key) ?? {
      regime: voyage.regime,
      currency: voyage.fee.currency,
      capYear: voyage.capYear,
      amount: ZERO,
      low: ZERO,
      high: ZERO,
      voyages: 0,
      charged: 0,
    };
    entry.amount = addAmount(entry.amount, voyage.fee.amount);
    entry.low = addAmount(entry.low, voyage.low);
    entry.high = addAmount(entry.high, voyage.high);
    entry.voyages += 1;
    if (voyage.outcome === 'charged') entry.charged += 1;
    this.totals.set(key, entry);
  }

  /** Sorted by regime, currency, cap year. */
  list(): BatchTotal[] {
    return [...this.totals.values()]
      .sort(
        (a, b) =>
          a.regime.localeCompare(b.regime) ||
          a.currency.localeCompare(b.currency) ||
          a.capYear.localeCompare(b.capYear),
      )
      .map(({ regime, currency, capYear, amount, low, high, voyages, charged }) => ({
        regime,
        currency,
        capYear,
        amount: formatAmount(amount),
        low: formatAmount(low),
        high: formatAmount(high),
        voyages,
        charged,
      }));
  }
}

function summarize(result: Quote, env: QuoteEnvironment, detail: 'summary' | 'full', locale: Locale): QuoteSummary {
  const words = detail === 'full' ? renderQuote(result, locale, quoteTitles(env)).voyages : undefined;
  const voyages = result.voyages.map((voyage, i) => {
    const capYear = capYearOfVoyage(voyage, result.assumptions, env.registry);
    const range = amountRange(voyage);
    const [low, high] = [formatAmount(range.low), formatAmount(range.high)];
    if (words) return { ...words[i]!, capYear, low, high };
    const { regime, tariff, calls, chargedAt, arrival, rule, outcome, certainty, fee, alternatives } = voyage;
    const listed = listedParties(voyage);
    return {
      regime,
      tariff,
      calls,
      chargedAt,
      arrival,
      rule,
      outcome,
      certainty,
      fee,
      low,
      high,
      capYear,
      alternatives,
      ...(listed.length > 0 ? { listed } : {}),
    };
  });
  const { quoteId, asOf, tariffs, assumptions, scenario, totals, converted, notes } = result;
  return {
    quoteId,
    asOf,
    tariffs,
    assumptions,
    ...(scenario ? { scenario } : {}),
    totals,
    voyages,
    ...(converted ? { converted } : {}),
    notes: notes.map((note) => renderMessage(note, locale)),
  };
}

const failed = (item: BatchItem, title: string, errors: BatchError[], count = errors.length): VesselResult => ({
  ...(item.index !== undefined ? { index: item.index } : {}),
  imo: item.imo,
  ...(item.rows ? { rows: item.rows } : {}),
  problem: {
    title,
    detail: `${count} problem${count === 1 ? '' : 's'}: ${errors
      .map((e) => e.message)
      .slice(0, 3)
      .join('; ')}${count > 3 ? '; …' : ''}`,
    errors,
    errorCount: count,
  },
});

/**
 * Quotes one item and adds its voyages to `totals`; `onQuote` sees the engine's quote beside its summary.
 * @example quoteItem(items[0], env, totals, 'summary').quote?.totals
 */
export function quoteItem(
  item: BatchItem,
  env: QuoteEnvironment,
  totals: BatchTotals,
  detail: 'summary' | 'full' = 'summary',
  onQuote?: (full: Quote, summary: QuoteSummary) => void,
): VesselResult {
  if (!item.request)
    return failed(item, 'Invalid vessel', item.errors, Math.max(item.errorCount ?? 0, item.errors.length));
  try {
    const full = quote(item.request, env);
    const summary = summarize(full, env, detail, item.request.options?.locale ?? 'en');
    onQuote?.(full, summary);
    for (const voyage of summary.voyages) totals.add(voyage);
    const name = item.request.vessel.name;
    return {
      ...(item.index !== undefined ? { index: item.index } : {}),
      imo: item.imo,
      ...(name ? { name } : {}),
      ...(item.rows ? { rows: item.rows } : {}),
      quote: summary,
    };
  } catch (error) {
    if (error instanceof QuoteInputError) {
      return failed(
        item,
        'Invalid vessel',
        error.issues.map((issue) => ({ ...item.locate(issue.path), message: issue.message })),
      );
    }
    // One vessel's fault must not sink the fleet: logged, answered as that vessel's problem.
    console.error(
      'batch: internal error on one vessel',
      error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : error,
    );
    return failed(item, 'Internal error', [
      { ...item.locate(''), message: 'the server failed to quote this vessel; the fault has been logged' },
    ]);
  }
}
