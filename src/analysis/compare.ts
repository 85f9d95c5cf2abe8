/**
 * One voyage (or schedule) quoted under several scenarios side by side: each
 * variant pins tariff versions, moves the knowledge date or sets
 * assumptions, and the answer is a table with one row per voyage and one
 * column per variant, with deltas against the first variant.
 */

import {
  type Certainty,
  type Money,
  type Outcome,
  type Quote,
  type QuoteEnvironment,
  type QuoteInput,
  QuoteInputError,
  type QuoteOptions,
  quote,
} from '../engine';
import { decimal, formatAmount, ZERO } from '../lib/money';
import { renderMessage } from '../messages/render';

/** A scenario: its fields override the request's options (records are merged key by key). */
export interface Variant {
  label?: string;
  asOf?: string;
  /** A named joint scenario; replaces the request's. */
  scenario?: string;
  tariffVersions?: Record<string, string>;
  assumptions?: Record<string, string>;
}

export interface CompareCell {
  amount: string;
  currency: string;
  outcome: Outcome;
  certainty: Certainty;
  rule: string | null;
  tariff: string | null;
  chargedAt: string | null;
  /** This amount minus the first variant's amount for the same voyage ("0.00" in the first column; null when the first variant has no such voyage). */
  delta: string | null;
}

export interface CompareRow {
  regime: string;
  /** The first port of the rotation or voyage (its charging point when a fee is due). */
  port: string;
  arrival: string;
  calls: string[];
  /** One cell per variant, in the variants' order; null when that variant has no such voyage. */
  cells: Array<CompareCell | null>;
}

export interface CompareColumn {
  label: string;
  /** The options this variant was quoted with (the request's, overridden by the variant). */
  options: QuoteOptions;
  asOf: string;
  quoteId: string;
  tariffs: string[];
  assumptions: Record<string, string>;
  /** The joint scenario this variant was quoted under. */
  scenario?: string;
  totals: Money[];
  /** Totals minus the first variant's totals, per currency. */
  deltas: Money[];
}

export interface Comparison {
  variants: CompareColumn[];
  rows: CompareRow[];
  notes: string[];
}

/** The options of one variant: asOf replaced, pins and assumptions merged over the request's. */
export function variantOptions(base: QuoteOptions = {}, variant: Variant): QuoteOptions {
  const options: QuoteOptions = { ...base };
  if (variant.asOf) options.asOf = variant.asOf;
  if (variant.scenario) options.scenario = variant.scenario;
  if (variant.tariffVersions) options.tariffVersions = { ...base.tariffVersions, ...variant.tariffVersions };
  if (variant.assumptions) options.assumptions = { ...base.assumptions, ...variant.assumptions };
  return options;
}

/** A readable label from what the variant sets: `asOf 2026-11-28, us-301.after-suspension=extended`. */
export function variantLabel(variant: Variant, index: number): string {
  if (variant.label) return variant.label;
  const parts = [
    ...(variant.asOf ? [`asOf ${variant.asOf}`] : []),
    ...(variant.scenario ? [`scenario ${variant.scenario}`] : []),
    ...Object.values(variant.tariffVersions ?? {}),
    ...Object.entries(variant.assumptions ?? {}).map(([id, value]) => `${id}=${value}`),
  ];
  return parts.length > 0 ? parts.join(', ') : `variant ${index + 1}`;
}

/** Where an engine complaint about a merged option came from: the variant or the request. */
function locate(path: string, variant: Variant, index: number): string {
  if (path === 'options.scenario') return variant.scenario ? `variants[${index}].scenario` : `request.${path}`;
  for (const field of ['tariffVersions', 'assumptions'] as const) {
    const prefix = `options.${field}.`;
    if (path.startsWith(prefix)) {
      const key = path.slice(prefix.length);
      return variant[field] && key in variant[field] ? `variants[${index}].${field}.${key}` : `request.${path}`;
    }
  }
  return `request.${path}`;
}

const rowKey = (regime: string, port: string, arrival: string) => `${regime}|${port}|${arrival}`;

function deltaOf(amount: string, first: string): string {
  return formatAmount(decimal(amount).minus(decimal(first)));
}

function totalDeltas(totals: Money[], first: Money[]): Money[] {
  const currencies = [...new Set([...first, ...totals].map((total) => total.currency))].sort();
  const amountIn = (list: Money[], currency: string) => {
    const found = list.find((total) => total.currency === currency);
    return found ? decimal(found.amount) : ZERO;
  };
  return currencies.map((currency) => ({
    currency,
    amount: formatAmount(amountIn(totals, currency).minus(amountIn(first, currency))),
  }));
}

/** Rows in order of first appearance (variants in order, voyages by arrival), each with one cell per variant. */
function tabulate(quotes: Quote[]): CompareRow[] {
  const rows = new Map<string, CompareRow>();
  quotes.forEach((result, column) => {
    for (const voyage of result.voyages) {
      const port = voyage.calls[0] ?? '';
      const key = rowKey(voyage.regime, port, voyage.arrival);
      let row = rows.get(key);
      if (!row) {
        row = {
          regime: voyage.regime,
          port,
          arrival: voyage.arrival,
          calls: voyage.calls,
          cells: quotes.map(() => null),
        };
        rows.set(key, row);
      }
      row.cells[column] = {
        amount: voyage.fee.amount,
        currency: voyage.fee.currency,
        outcome: voyage.outcome,
        certainty: voyage.certainty,
        rule: voyage.rule,
        tariff: voyage.tariff,
        chargedAt: voyage.chargedAt,
        delta: null,
      };
    }
  });
  const list = [...rows.values()].sort(
    (a, b) => Date.parse(a.arrival) - Date.parse(b.arrival) || a.regime.localeCompare(b.regime),
  );
  for (const row of list) {
    const first = row.cells[0];
    row.cells.forEach((cell) => {
      if (cell) cell.delta = first && first.currency === cell.currency ? deltaOf(cell.amount, first.amount) : null;
    });
  }
  return list;
}

/**
 * Quotes `request` once per variant and lines the voyages up.
 * @throws QuoteInputError naming `variants[i].…` or `request.…` for every field the engine refuses, across all variants.
 * @example compareScenarios(request, [{ assumptions: { 'us-301.after-suspension': 'resumed' } }, { assumptions: { 'us-301.after-suspension': 'extended' } }], env).rows[0].cells[1].delta
 */
export function compareScenarios(
  request: QuoteInput,
  variants: ReadonlyArray<Variant>,
  env: QuoteEnvironment,
): Comparison {
  const quotes: Quote[] = [];
  const issues: Array<{ path: string; message: string }> = [];
  variants.forEach((variant, index) => {
    try {
      quotes.push(quote({ ...request, options: variantOptions(request.options, variant) }, env));
    } catch (error) {
      if (!(error instanceof QuoteInputError)) throw error;
      for (const issue of error.issues)
        issues.push({ path: locate(issue.path, variant, index), message: issue.message });
    }
  });
  if (issues.length > 0) {
    // The same request field refused by several variants is reported once.
    const unique = [...new Map(issues.map((issue) => [`${issue.path}|${issue.message}`, issue])).values()];
    throw new QuoteInputError(unique);
  }
  const first = quotes[0]!;
  const columns = quotes.map(
    (result, index): CompareColumn => ({
      label: variantLabel(variants[index]!, index),
      options: variantOptions(request.options, variants[index]!),
      asOf: result.asOf,
      quoteId: result.quoteId,
      tariffs: result.tariffs.map((tariff) => tariff.id),
      assumptions: result.assumptions,
      ...(result.scenario ? { scenario: result.scenario } : {}),
      totals: result.totals,
      deltas: totalDeltas(result.totals, first.totals),
    }),
  );
  const locale = request.options?.locale ?? 'en';
  const notes = quotes.flatMap((result) => result.notes.map((note) => renderMessage(note, locale)));
  return { variants: columns, rows: tabulate(quotes), notes: [...new Set(notes)] };
}
