/**
 * Re-quotes: a saved request quoted again under today's tariff versions, and
 * the structured difference against the saved answer (per voyage: outcome,
 * amount, certainty and tariff; totals per currency with their deltas).
 */

import { type Quote, type QuoteEnvironment, type QuoteInput, quote, selectVersions } from '../engine';
import { decimal, formatAmount } from '../lib/money';
import { isMatch, type ScreeningHit, screeningChanges } from '../lists/screen';
import { renderMessage } from '../messages/render';

/** The parts of a saved answer a diff reads (the saved response is stored as JSON text). */
export interface SavedAnswer {
  quoteId: string;
  asOf: string;
  tariffs: Array<{ id: string }>;
  voyages: Array<{
    regime: string;
    tariff: string | null;
    calls: string[];
    arrival: string;
    outcome: string;
    certainty: string;
    fee: { amount: string; currency: string };
  }>;
  totals: Array<{ amount: string; currency: string; low?: string; high?: string }>;
  /** The list versions screened; absent in answers saved before screening. */
  lists?: Array<{ id: string }>;
  /** Listed parties at asOf; absent in answers saved before screening (then the screening is not compared). */
  screening?: ScreeningHit[];
}

export interface VoyageSide {
  outcome: string;
  amount: string;
  currency: string;
  certainty: string;
  tariff: string | null;
}

export interface VoyageDiff {
  regime: string;
  arrival: string;
  calls: string[];
  /** `same`: outcome, amount, certainty and tariff all equal; `added`/`removed`: the voyage exists on one side only. */
  change: 'same' | 'changed' | 'added' | 'removed';
  before: VoyageSide | null;
  after: VoyageSide | null;
  /** After minus before, in the voyage's currency; null when the currencies differ. */
  delta: string | null;
  /** Which of outcome, amount, certainty, tariff differ. */
  fields: Array<'outcome' | 'amount' | 'certainty' | 'tariff'>;
}

/** A total's low/high range; null when the total is certain (no other reading moves it). */
export type TotalRange = { low: string; high: string } | null;

export interface TotalDiff {
  currency: string;
  before: string;
  after: string;
  delta: string;
  range: { before: TotalRange; after: TotalRange };
}

/** What can change between a saved quote and its re-quote, as {@link changesOf} names it. */
export type Change = 'totals' | 'certainty' | 'range' | 'screening';

/** One screening row as a diff names it: the list, the entry, where the party sits, how it matched, its status. */
export interface ScreeningRowRef {
  list: string;
  version: string;
  entryId: string;
  entry: string;
  party: string;
  name: string;
  match: ScreeningHit['match'];
  status: ScreeningHit['status'];
}

/** The listed parties that moved between the saved answer and the re-quote (`possible` matches never count). */
export interface ScreeningDiff {
  added: ScreeningRowRef[];
  removed: ScreeningRowRef[];
  changed: Array<{ before: ScreeningRowRef; after: ScreeningRowRef }>;
}

export interface QuoteDiff {
  quoteId: string;
  requotedId: string;
  asOf: { before: string; after: string };
  tariffs: { before: string[]; after: string[] };
  /** The countermeasure list versions screened on each side. */
  lists: { before: string[]; after: string[] };
  /** True when some total differs. */
  totalsChanged: boolean;
  /** True when any voyage differs in outcome, amount, certainty or tariff. */
  voyagesChanged: boolean;
  voyages: VoyageDiff[];
  totals: TotalDiff[];
  /** Listed parties added, removed or whose listing changed (empty when the saved answer was never screened). */
  screening: ScreeningDiff;
  /** What changed, by {@link changesOf}: empty when the saved quote still holds. */
  changed: Change[];
  /** Assumptions the saved request pinned (directly or through its scenario) that today's versions settled. */
  settled: string[];
  notes: string[];
}

/**
 * The one decision of "changed", for the changes feed and the webhooks alike:
 * one comparison per kind of change, every currency's total compared. A new
 * kind of change is one more entry.
 */
type Compared = Pick<QuoteDiff, 'voyages' | 'totals'> & { screening?: ScreeningDiff };

const COMPARISONS: ReadonlyArray<readonly [Change, (diff: Compared) => boolean]> = [
  ['totals', (diff) => diff.totals.some((total) => !decimal(total.delta).isZero())],
  ['certainty', (diff) => diff.voyages.some((voyage) => voyage.before?.certainty !== voyage.after?.certainty)],
  ['range', (diff) => diff.totals.some((total) => !sameRange(total.range.before, total.range.after))],
  [
    'screening',
    ({ screening }) =>
      screening !== undefined && screening.added.length + screening.removed.length + screening.changed.length > 0,
  ],
];

const rowRef = (hit: ScreeningHit): ScreeningRowRef => ({
  list: hit.list,
  version: hit.version,
  entryId: hit.entryId,
  entry: hit.entry,
  party: hit.party,
  name: hit.name,
  match: hit.match,
  status: hit.status,
});

/**
 * The listed parties that moved, by `screeningChanges` of the lists: only rows that are matches count (a `possible`
 * match is never counted), and nothing is compared when the saved answer was never screened.
 */
export function screeningDiff(
  before: ReadonlyArray<ScreeningHit> | undefined,
  after: ReadonlyArray<ScreeningHit> | undefined,
): ScreeningDiff {
  if (before === undefined || after === undefined) return { added: [], removed: [], changed: [] };
  const moved = screeningChanges(before.filter(isMatch), after.filter(isMatch));
  return {
    added: moved.added.map(rowRef),
    removed: moved.removed.map(rowRef),
    changed: moved.changed.map((row) => ({ before: rowRef(row.before), after: rowRef(row.after) })),
  };
}

function sameRange(before: TotalRange, after: TotalRange): boolean {
  if (!before || !after) return before === after;
  return decimal(before.low).eq(decimal(after.low)) && decimal(before.high).eq(decimal(after.high));
}

/**
 * What changed between a saved quote and its re-quote: any total (every
 * currency), the certainty of any voyage, the low/high range of any total,
 * a listed party added, removed or whose listing changed.
 * @example changesOf(diff) // ['certainty', 'range'] when a reading was confirmed at the same amount
 */
export function changesOf(diff: Compared): Change[] {
  return COMPARISONS.filter(([, differs]) => differs(diff)).map(([change]) => change);
}

/**
 * The saved request as it is quoted again: today's versions (no `asOf`, no
 * pinned versions) and only the assumptions today's versions still declare.
 * An assumption the request pinned (itself or through a named scenario) that
 * today's versions no longer declare was settled by the law: the request is
 * quoted under the settled law, and the assumption is named in `settled`.
 */
export function requoteRequest(
  saved: QuoteInput,
  env: QuoteEnvironment,
): { request: QuoteInput; notes: string[]; settled: string[] } {
  const { asOf: _asOf, tariffVersions: _pins, ...options } = saved.options ?? {};
  const declared = new Set(
    selectVersions(env.registry, env.today, undefined).flatMap((selection) =>
      (selection.tariff?.data.assumptions ?? []).map((assumption) => assumption.id),
    ),
  );
  const viaScenario = options.scenario === undefined ? {} : (env.scenarios?.get(options.scenario)?.assumptions ?? {});
  const pinned = new Set([...Object.keys(viaScenario), ...Object.keys(options.assumptions ?? {})]);
  const settled = [...pinned].filter((id) => !declared.has(id)).sort();
  if (options.assumptions)
    options.assumptions = Object.fromEntries(Object.entries(options.assumptions).filter(([id]) => declared.has(id)));
  const notes = settled.map((id) => `settled: \`${id}\` is no longer open; the pinned reading no longer applies`);
  return { request: { ...saved, options }, notes, settled };
}

const key = (voyage: { regime: string; arrival: string; calls: string[] }) =>
  `${voyage.regime}|${voyage.arrival}|${voyage.calls.join(',')}`;

function side(voyage: SavedAnswer['voyages'][number]): VoyageSide {
  return {
    outcome: voyage.outcome,
    amount: voyage.fee.amount,
    currency: voyage.fee.currency,
    certainty: voyage.certainty,
    tariff: voyage.tariff,
  };
}

function voyageDiff(before: VoyageSide | null, after: VoyageSide | null, where: SavedAnswer['voyages'][number]) {
  const fields: VoyageDiff['fields'] = [];
  if (before && after) {
    if (before.outcome !== after.outcome) fields.push('outcome');
    if (before.currency !== after.currency || !decimal(before.amount).eq(decimal(after.amount))) fields.push('amount');
    if (before.certainty !== after.certainty) fields.push('certainty');
    if (before.tariff !== after.tariff) fields.push('tariff');
  }
  const sameCurrency = !before || !after || before.currency === after.currency;
  const delta = sameCurrency ? formatAmount(decimal(after?.amount ?? '0').minus(decimal(before?.amount ?? '0'))) : null;
  const change: VoyageDiff['change'] = !before ? 'added' : !after ? 'removed' : fields.length > 0 ? 'changed' : 'same';
  return { regime: where.regime, arrival: where.arrival, calls: where.calls, change, before, after, delta, fields };
}

/** The difference between a saved answer and a fresh quote of the same request. */
export function diffQuotes(
  saved: SavedAnswer,
  fresh: Quote | SavedAnswer,
  notes: string[] = [],
  settled: string[] = [],
): QuoteDiff {
  const afterByKey = new Map(fresh.voyages.map((voyage) => [key(voyage), voyage]));
  const seen = new Set<string>();
  const voyages: VoyageDiff[] = saved.voyages.map((voyage) => {
    const k = key(voyage);
    seen.add(k);
    const after = afterByKey.get(k);
    return voyageDiff(side(voyage), after ? side(after) : null, voyage);
  });
  for (const voyage of fresh.voyages) if (!seen.has(key(voyage))) voyages.push(voyageDiff(null, side(voyage), voyage));

  const currencies = [...new Set([...saved.totals, ...fresh.totals].map((total) => total.currency))].sort();
  const amountIn = (totals: SavedAnswer['totals'], currency: string) =>
    decimal(totals.find((total) => total.currency === currency)?.amount ?? '0');
  const rangeIn = (totals: SavedAnswer['totals'], currency: string): TotalRange => {
    const total = totals.find((candidate) => candidate.currency === currency);
    return total?.low !== undefined && total.high !== undefined ? { low: total.low, high: total.high } : null;
  };
  const totals = currencies.map((currency) => {
    const before = amountIn(saved.totals, currency);
    const after = amountIn(fresh.totals, currency);
    return {
      currency,
      before: formatAmount(before),
      after: formatAmount(after),
      delta: formatAmount(after.minus(before)),
      range: { before: rangeIn(saved.totals, currency), after: rangeIn(fresh.totals, currency) },
    };
  });
  const screening = screeningDiff(saved.screening, fresh.screening);
  return {
    quoteId: saved.quoteId,
    requotedId: fresh.quoteId,
    asOf: { before: saved.asOf, after: fresh.asOf },
    tariffs: { before: saved.tariffs.map((t) => t.id), after: fresh.tariffs.map((t) => t.id) },
    lists: { before: (saved.lists ?? []).map((l) => l.id), after: (fresh.lists ?? []).map((l) => l.id) },
    totalsChanged: totals.some((total) => !decimal(total.delta).isZero()),
    voyagesChanged: voyages.some((voyage) => voyage.change !== 'same'),
    voyages,
    totals,
    screening,
    changed: changesOf({ voyages, totals, screening }),
    settled,
    notes,
  };
}

/** Quotes a saved request again under today's versions and compares it with the saved answer. */
export function requote(savedRequest: QuoteInput, saved: SavedAnswer, env: QuoteEnvironment): QuoteDiff {
  const { request, notes, settled } = requoteRequest(savedRequest, env);
  const fresh = quote(request, env);
  // Diffs feed webhooks and the changes listing, which speak English.
  return diffQuotes(saved, fresh, [...notes, ...fresh.notes.map((note) => renderMessage(note, 'en'))], settled);
}
