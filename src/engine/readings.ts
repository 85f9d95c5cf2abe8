/**
 * Honest certainty: a voyage is `confirmed` only when no other reading of the
 * request or of the texts changes its amount. A *reading* is one other way to
 * read something the quote had to settle: a declared assumption's other
 * value, the hour of a date-only arrival, an estimated distance. Each reading
 * re-evaluates the regime with that one change, and every voyage whose amount
 * or outcome moves lists it in `alternatives` and drops to the reading's rung.
 *
 * Adding a kind of reading is adding a {@link ReadingSource}; a new assumption
 * declared in a tariff file is picked up with no change here.
 */

import { formatAmount, ZERO } from '../lib/money';
import { codeMessage, type Message, message } from '../messages/message';
import type { CapYearDefinition } from '../tariffs/schema';
import { evaluateRegime, type RegimeContext, type RegimeResult, triggerOf } from './evaluate';
import { capYearOf } from './rules/cap';
import { type Alternative, type Certainty, type VoyageQuote, weakerCertainty } from './types';

export interface Reading {
  /** Named in `alternatives[].assumption`: an assumption id or an input reading (`arrival-time`, `distance`). */
  id: string;
  /** Named in `alternatives[].value`. */
  value: string;
  /** The rung a voyage falls to when this reading changes its amount or outcome. */
  rung: Exclude<Certainty, 'confirmed'>;
  /** The regime's context under this reading. */
  apply(ctx: RegimeContext): RegimeContext;
  /** An explanation line for a voyage this reading changes. */
  explain?(voyage: VoyageQuote, alternative: Alternative): Message | undefined;
}

/** The other readings worth trying for one regime, given its evaluation under the quote's own reading. */
export type ReadingSource = (ctx: RegimeContext, base: RegimeResult) => Reading[];

/**
 * Every other value of every assumption the evaluation consulted (an
 * assumption it never read cannot change it). The after-suspension scenario
 * assumption of a status window is `unconfirmed`: the law in force is not known.
 */
export const assumptionReadings: ReadingSource = (ctx, base) => {
  const scenarioAssumptions = new Set(ctx.tariff.data.statusWindows.flatMap((w) => w.scenario?.assumption ?? []));
  return ctx.tariff.data.assumptions.flatMap((assumption) => {
    if (!base.assumptionsRead.has(assumption.id)) return [];
    const rung = scenarioAssumptions.has(assumption.id) ? 'unconfirmed' : 'assumed';
    return assumption.options
      .filter((option) => option.value !== ctx.assumptions[assumption.id])
      .map(
        ({ value }): Reading => ({
          id: assumption.id,
          value,
          rung,
          apply: (context) => ({ ...context, assumptions: { ...context.assumptions, [assumption.id]: value } }),
        }),
      );
  });
};

/** The instants inside a local day where the amount can change: status edges, rate steps, cap-year starts. */
function edgesWithin(ctx: RegimeContext, startMillis: number, endMillis: number): number[] {
  const { tariff } = ctx;
  const inside = (millis: number) => millis > startMillis && millis <= endMillis;
  const found = tariff.edges.filter(inside);
  const year = tariff.data.cap.year;
  const definitions: CapYearDefinition[] = 'assumption' in year ? Object.values(year.values) : [year];
  for (const definition of definitions) {
    const { endMillis: nextStart } = capYearOf(definition, startMillis, tariff.data.zone);
    if (inside(nextStart)) found.push(nextStart);
  }
  return found;
}

const MINUTE = 60_000;

/**
 * A date-only trigger is read at 00:00 local. When a status edge, rate step or
 * cap-year start falls inside that local day, the end of the day (23:59) is
 * the other reading: `time-dependent`, and the explanation asks for the time.
 */
export const arrivalTimeReadings: ReadingSource = (ctx, base) => {
  const edges = new Map<number, number[]>();
  for (const index of base.firstCalls) {
    const call = ctx.calls[index]?.index === index ? ctx.calls[index] : ctx.calls.find((c) => c.index === index)!;
    const trigger = triggerOf(ctx.tariff, call);
    if (!trigger.given.dateOnly) continue;
    const found = edgesWithin(ctx, trigger.given.millis, trigger.given.latestMillis + 1 - MINUTE);
    if (found.length > 0) edges.set(index, found);
  }
  if (edges.size === 0) return [];
  const zone = ctx.tariff.data.zone;
  return [
    {
      id: 'arrival-time',
      value: 'end-of-day',
      rung: 'time-dependent',
      apply: (context) => ({ ...context, endOfDay: new Set(edges.keys()) }),
      explain: (voyage, alternative) => {
        const index = base.firstCalls[base.voyages.indexOf(voyage)];
        const inside = index === undefined ? undefined : edges.get(index);
        if (!inside) return undefined;
        return message('reading.arrival-time', {
          event: codeMessage(ctx.tariff.data.trigger?.event ?? 'arrival'),
          when: { list: inside.map((millis) => ({ instant: millis, zone })), join: 'codes' },
          amount: { amount: voyage.fee.amount, currency: voyage.fee.currency },
          other: { amount: alternative.amount, currency: voyage.fee.currency },
        });
      },
    },
  ];
};

/**
 * An estimated distance (no `distanceNm` given) within the tariff's margin of
 * a limit decides the short-sea test only within that margin: the other side
 * of the limit is the other reading, `estimated`.
 */
export const distanceReadings: ReadingSource = (_ctx, base) =>
  base.nearLimit && base.nearLimit.size > 0
    ? [
        {
          id: 'distance',
          value: 'other-side-of-limit',
          rung: 'estimated',
          apply: (context) => ({ ...context, distanceOtherSide: true }),
          explain: (voyage, alternative) =>
            message('reading.distance', {
              outcome: codeMessage(alternative.outcome ?? 'not-charged'),
              amount: { amount: alternative.amount, currency: voyage.fee.currency },
            }),
        },
      ]
    : [];

/** Every kind of reading the engine tries, in the order alternatives are listed. */
export const READING_SOURCES: ReadonlyArray<ReadingSource> = [
  assumptionReadings,
  arrivalTimeReadings,
  distanceReadings,
];

/** A voyage that exists only under another reading (a port inside the territory only then): not covered here. */
function absentVoyage(ctx: RegimeContext, other: VoyageQuote, reading: Reading): VoyageQuote {
  const current = ctx.assumptions[reading.id];
  return {
    ...other,
    chargedAt: null,
    rule: null,
    outcome: 'not-covered',
    certainty: 'confirmed',
    fee: { amount: formatAmount(ZERO, ctx.tariff.data.amountRounding.places), currency: other.fee.currency },
    basis: [],
    exemptions: [],
    cap: null,
    alternatives: [],
    explanation: [
      message('voyage.only-under-reading', {
        calls: other.calls.join(' → '),
        regime: ctx.tariff.regime,
        assumption: reading.id,
        current: current ?? message('voyage.reading-used', {}),
        value: reading.value,
      }),
    ],
  };
}

function otherReadingLine(voyage: VoyageQuote, alternative: Alternative, reading: Reading): Message {
  return message('reading.other', {
    assumption: reading.id,
    value: reading.value,
    amount: { amount: alternative.amount, currency: voyage.fee.currency },
    outcome: alternative.outcome
      ? message('reading.outcome', { outcome: codeMessage(alternative.outcome) })
      : message('reading.no-voyage', {}),
    rung: codeMessage(reading.rung),
  });
}

function changes(voyage: VoyageQuote, alternative: Alternative): boolean {
  return voyage.fee.amount !== alternative.amount || (alternative.outcome ?? voyage.outcome) !== voyage.outcome;
}

/**
 * Evaluates the regime under every other reading, one at a time, and lists on
 * each voyage the readings that change its amount or outcome. Voyages are
 * matched by their first call, since a reading may split, join or add voyages.
 * @returns the voyages (with any that exist only under another reading), in the base order then by first call
 */
export function withAlternatives(
  ctx: RegimeContext,
  base: RegimeResult,
  sources: ReadonlyArray<ReadingSource> = READING_SOURCES,
): VoyageQuote[] {
  const readings = sources.flatMap((source) => source(ctx, base));
  if (readings.length === 0) return base.voyages;
  const byFirstCall = new Map(base.firstCalls.map((index, i) => [index, base.voyages[i]!]));
  const onlyUnderOthers = new Set<number>();
  const zero = formatAmount(ZERO, ctx.tariff.data.amountRounding.places);
  for (const reading of readings) {
    const other = evaluateRegime(reading.apply(ctx));
    const found = new Map(other.firstCalls.map((index, i) => [index, other.voyages[i]!]));
    for (const [index, alternativeVoyage] of found) {
      if (byFirstCall.has(index)) continue;
      byFirstCall.set(index, absentVoyage(ctx, alternativeVoyage, reading));
      onlyUnderOthers.add(index);
    }
    for (const [index, voyage] of byFirstCall) {
      const under = found.get(index);
      const alternative: Alternative = under
        ? { assumption: reading.id, value: reading.value, amount: under.fee.amount, outcome: under.outcome }
        : { assumption: reading.id, value: reading.value, amount: zero };
      if (!changes(voyage, alternative)) continue;
      voyage.alternatives.push(alternative);
      voyage.certainty = weakerCertainty(voyage.certainty, reading.rung);
      voyage.explanation.push(reading.explain?.(voyage, alternative) ?? otherReadingLine(voyage, alternative, reading));
    }
  }
  // A voyage found only under another reading is shown when that reading changes something for it.
  return [...byFirstCall]
    .filter(([index, voyage]) => !onlyUnderOthers.has(index) || voyage.alternatives.length > 0)
    .sort(([a], [b]) => a - b)
    .map(([, voyage]) => voyage);
}
