/**
 * The history of one tariff version over time: the rate of every rule and
 * basis as steps, and the status windows (in force, suspended, unconfirmed,
 * and not in force in the gaps), within a date range. Every date is the
 * tariff's own wall-clock text and also an instant with the offset of the
 * tariff's zone.
 */
import { addYears, isoWithZoneOffset, localMomentMillis, localMomentText } from '../lib/time';
import type { LoadedTariff } from '../tariffs/registry';
import type { Erratum } from '../tariffs/schema';

export interface TimelineSpan {
  /** Wall-clock start in the tariff zone (`2025-10-14` or `2025-11-10 00:01`), clipped to the range. */
  from: string;
  /** Wall-clock end (exclusive), clipped to the range. */
  to: string;
  fromInstant: string;
  toInstant: string;
  fromMillis: number;
  toMillis: number;
}

export interface TimelineStep extends TimelineSpan {
  rate: string;
  /** The step's effective date as written in the tariff (before clipping). */
  effective: string;
}

export interface TimelineSeries {
  rule: string;
  title: string;
  unit: string;
  /** Per-unit rate label: `USD per net-ton`. */
  measure: string;
  steps: TimelineStep[];
}

export type WindowStatus = 'not-in-force' | 'in-force' | 'suspended' | 'unconfirmed';

export interface TimelineWindow extends TimelineSpan {
  status: WindowStatus;
  note: string;
  /** For unconfirmed windows: the deciding assumption, its default and what each value means. */
  scenario?: { assumption: string; default?: string; outcomes: Record<string, string> };
}

/** A reading the version leaves to the caller (`options.assumptions`): its values and the one used by default. */
export interface TimelineAssumption {
  id: string;
  title: string;
  default: string;
  options: Array<{ value: string; description: string }>;
}

export interface Timeline {
  regime: string;
  version: { id: string; title: string; published: string; sha256: string };
  zone: string;
  currency: string;
  range: TimelineSpan;
  series: TimelineSeries[];
  statusWindows: TimelineWindow[];
  /** Every assumption the version declares, in its order: the readings a quote settles by default. */
  assumptions: TimelineAssumption[];
  /** Corrections made to this version after it shipped. */
  errata: Erratum[];
}

/**
 * The longest range a timeline is drawn for, in years: an operational limit
 * (the work grows with the range), not a tariff value. Every version's
 * default range fits well inside it.
 */
export const MAX_TIMELINE_SPAN_YEARS = 10;

/**
 * Why a `from`–`to` range (`YYYY-MM-DD`, `to` exclusive) is longer than {@link MAX_TIMELINE_SPAN_YEARS}, or undefined.
 * @example timelineSpanProblem('0001-01-01', '9999-12-31') // 'the range 0001-01-01 → 9999-12-31 is longer than 10 years; …'
 */
export function timelineSpanProblem(from: string, to: string): string | undefined {
  const latest = addYears(from, MAX_TIMELINE_SPAN_YEARS);
  return to > latest
    ? `the range ${from} → ${to} is longer than ${MAX_TIMELINE_SPAN_YEARS} years; end it by ${latest} or start it later`
    : undefined;
}

export interface TimelineRange {
  /** `YYYY-MM-DD` in the tariff zone; default: the earliest date of the version. */
  from?: string;
  /** `YYYY-MM-DD` in the tariff zone, exclusive; default: one year after the latest date of the version. */
  to?: string;
}

/** A span clipped to the range, or undefined when it lies outside. */
function clip(
  fromMillis: number,
  toMillis: number,
  range: { fromMillis: number; toMillis: number },
  zone: string,
): TimelineSpan | undefined {
  const start = Math.max(fromMillis, range.fromMillis);
  const end = Math.min(toMillis, range.toMillis);
  if (!(start < end)) return undefined;
  return {
    from: localMomentText(start, zone),
    to: localMomentText(end, zone),
    fromInstant: isoWithZoneOffset(start, zone),
    toInstant: isoWithZoneOffset(end, zone),
    fromMillis: start,
    toMillis: end,
  };
}

/** The dates a version mentions (rate steps and window bounds), as `YYYY-MM-DD`. */
function datesOf(tariff: LoadedTariff): string[] {
  const dates = [
    ...tariff.data.rules.flatMap((rule) => rule.rates.map((step) => step.from)),
    ...tariff.data.statusWindows.flatMap((window) => [window.from, ...(window.to ? [window.to] : [])]),
  ];
  return dates.map((date) => date.slice(0, 10)).sort();
}

/** The default range: from the earliest date of the version to one year after its latest. */
export function defaultRange(tariff: LoadedTariff): { from: string; to: string } {
  const dates = datesOf(tariff);
  return { from: dates[0]!, to: addYears(dates.at(-1)!, 1) };
}

function seriesOf(tariff: LoadedTariff, range: { fromMillis: number; toMillis: number }): TimelineSeries[] {
  const zone = tariff.data.zone;
  const series: TimelineSeries[] = [];
  for (const { rule, steps } of tariff.rules.values()) {
    const units = [...new Set(steps.flatMap((step) => step.bases.map((basis) => basis.unit)))];
    for (const unit of units) {
      const timeline: TimelineStep[] = [];
      steps.forEach((step, i) => {
        const basis = step.bases.find((candidate) => candidate.unit === unit);
        if (!basis) return;
        const span = clip(step.fromMillis, steps[i + 1]?.fromMillis ?? Number.POSITIVE_INFINITY, range, zone);
        if (span) timeline.push({ ...span, rate: basis.rateText, effective: step.from });
      });
      series.push({
        rule: rule.id,
        title: rule.title,
        unit,
        measure: `${tariff.data.currency} per ${unit}`,
        steps: timeline,
      });
    }
  }
  return series;
}

function windowsOf(tariff: LoadedTariff, range: { fromMillis: number; toMillis: number }): TimelineWindow[] {
  const zone = tariff.data.zone;
  const windows: TimelineWindow[] = [];
  let cursor = Number.NEGATIVE_INFINITY;
  const gap = (until: number) => {
    const span = clip(cursor, until, range, zone);
    if (span) windows.push({ ...span, status: 'not-in-force', note: 'The regime is not in force.' });
  };
  for (const compiled of tariff.windows) {
    if (compiled.fromMillis > cursor) gap(compiled.fromMillis);
    const span = clip(compiled.fromMillis, compiled.toMillis, range, zone);
    const { status, note, scenario } = compiled.window;
    if (span) {
      const assumption = scenario
        ? tariff.data.assumptions.find((candidate) => candidate.id === scenario.assumption)
        : undefined;
      windows.push({
        ...span,
        status,
        note,
        ...(scenario
          ? {
              scenario: {
                assumption: scenario.assumption,
                default: assumption?.default,
                outcomes: { ...scenario.outcomes },
              },
            }
          : {}),
      });
    }
    cursor = compiled.toMillis;
  }
  if (cursor < Number.POSITIVE_INFINITY) gap(Number.POSITIVE_INFINITY);
  return windows;
}

/**
 * The timeline of one version within `range` (dates read in the tariff's zone).
 * @throws RangeError when the range is empty.
 * @example timelineOf(shippedRegistry().get('us-301/2025-11-10')!, { from: '2025-10-01', to: '2027-01-01' }).statusWindows.map((w) => w.status)
 * // ['not-in-force', 'in-force', 'suspended', 'unconfirmed']
 */
export function timelineOf(tariff: LoadedTariff, range: TimelineRange = {}): Timeline {
  const zone = tariff.data.zone;
  const fallback = defaultRange(tariff);
  const fromMillis = localMomentMillis(range.from ?? fallback.from, zone);
  const toMillis = localMomentMillis(range.to ?? fallback.to, zone);
  if (!(fromMillis < toMillis))
    throw new RangeError(
      `the timeline range must end after it starts (${range.from ?? fallback.from} → ${range.to ?? fallback.to})`,
    );
  const bounds = { fromMillis, toMillis };
  return {
    regime: tariff.regime,
    version: { id: tariff.id, title: tariff.data.title, published: tariff.published, sha256: tariff.sha256 },
    zone,
    currency: tariff.data.currency,
    range: clip(fromMillis, toMillis, bounds, zone)!,
    series: seriesOf(tariff, bounds),
    statusWindows: windowsOf(tariff, bounds),
    assumptions: tariff.data.assumptions.map(({ id, title, default: byDefault, options }) => ({
      id,
      title,
      default: byDefault,
      options: options.map(({ value, description }) => ({ value, description })),
    })),
    errata: tariff.data.errata,
  };
}
