/**
 * The only module that touches luxon. Every comparison is between instants
 * (epoch milliseconds); wall-clock dates of a tariff are turned into
 * instants in the tariff's own zone.
 */
import { DateTime, IANAZone } from 'luxon';

export interface Arrival {
  /** Epoch milliseconds of the arrival. */
  millis: number;
  /** Latest instant the arrival may stand for (the end of the day for a date-only arrival). */
  latestMillis: number;
  dateOnly: boolean;
  /** ISO 8601 text with offset, in the port's zone or the given offset. */
  iso: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const zoneValidity = new Map<string, boolean>();

/** True when the runtime knows this IANA zone. */
export function isValidZone(zone: string): boolean {
  let known = zoneValidity.get(zone);
  if (known === undefined) {
    known = IANAZone.isValidZone(zone);
    zoneValidity.set(zone, known);
  }
  return known;
}

export function isDateOnly(text: string): boolean {
  return DATE_ONLY.test(text);
}

/** Checks the shape and the calendar: `2025-02-30` is not a date. */
export function isValidDate(text: string): boolean {
  return DATE_ONLY.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/** An ISO 8601 date-time with an offset (or Z), calendar-checked. */
export function isValidDateTimeWithOffset(text: string): boolean {
  return DATE_TIME_WITH_OFFSET.test(text) && DateTime.fromISO(text, { setZone: true }).isValid;
}

/**
 * Reads a port-call arrival. A date-time keeps its own offset; a plain date is
 * 00:00 in the port's zone (and stands for the whole day when ordering calls).
 */
export function parseArrival(text: string, portZone: string | undefined): Arrival | undefined {
  if (DATE_ONLY.test(text)) {
    if (!portZone) return undefined;
    const start = DateTime.fromISO(text, { zone: portZone });
    if (!start.isValid) return undefined;
    return {
      millis: start.toMillis(),
      latestMillis: start.endOf('day').toMillis(),
      dateOnly: true,
      iso: start.toISO({ suppressMilliseconds: true }) ?? text,
    };
  }
  const moment = DateTime.fromISO(text, { setZone: true });
  if (!moment.isValid) return undefined;
  const millis = moment.toMillis();
  return { millis, latestMillis: millis, dateOnly: false, iso: moment.toISO({ suppressMilliseconds: true }) ?? text };
}

/** A tariff's wall-clock moment (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`) as an instant in `zone`. */
export function localMomentMillis(text: string, zone: string): number {
  return DateTime.fromISO(text, { zone }).toMillis();
}

/** The calendar date (`YYYY-MM-DD`) of an instant in `zone`. */
export function localDate(millis: number, zone: string): string {
  return DateTime.fromMillis(millis, { zone }).toISODate() ?? '';
}

/** The local date-time of an instant in `zone`, for explanations: `2025-10-20 09:00 America/New_York`. */
export function describeInstant(millis: number, zone: string): string {
  return `${DateTime.fromMillis(millis, { zone }).toFormat('yyyy-LL-dd HH:mm')} ${zone}`;
}

/** Adds whole years to a `YYYY-MM-DD` date (29 February falls back to 28 February). */
export function addYears(date: string, years: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ years }).toISODate() ?? date;
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayUtc(nowMillis: number): string {
  return DateTime.fromMillis(nowMillis, { zone: 'UTC' }).toISODate() ?? '';
}

export interface YearWindow {
  label: string;
  startMillis: number;
  endMillis: number;
}

/** The calendar year containing an instant, in `zone`. */
export function calendarYear(millis: number, zone: string): YearWindow {
  const local = DateTime.fromMillis(millis, { zone });
  const start = local.startOf('year');
  return { label: String(local.year), startMillis: start.toMillis(), endMillis: start.plus({ years: 1 }).toMillis() };
}

/** The year starting each `month`/`day` that contains an instant, in `zone`; labelled `2025-26`. */
export function anniversaryYear(millis: number, zone: string, month: number, day: number): YearWindow {
  const local = DateTime.fromMillis(millis, { zone });
  let start = DateTime.fromObject({ year: local.year, month, day }, { zone });
  if (local < start) start = start.minus({ years: 1 });
  const end = start.plus({ years: 1 });
  return { label: `${start.year}-${String(end.year).slice(2)}`, startMillis: start.toMillis(), endMillis: end.toMillis() };
}

/** An instant as ISO 8601 text with the offset of `zone`: `2025-10-14T00:00:00-04:00`. */
export function isoWithZoneOffset(millis: number, zone: string): string {
  return DateTime.fromMillis(millis, { zone }).toISO({ suppressMilliseconds: true }) ?? '';
}

/** The local wall-clock text of an instant in `zone`: `2025-11-10` at midnight, `2025-11-10 00:01` otherwise. */
export function localMomentText(millis: number, zone: string): string {
  const local = DateTime.fromMillis(millis, { zone });
  return local.hour === 0 && local.minute === 0 ? local.toFormat('yyyy-LL-dd') : local.toFormat('yyyy-LL-dd HH:mm');
}

/** The instants at which a new year starts in `zone`, strictly inside (`fromMillis`, `toMillis`). */
export function yearStartsBetween(fromMillis: number, toMillis: number, zone: string): Array<{ year: number; millis: number }> {
  const starts: Array<{ year: number; millis: number }> = [];
  let start = DateTime.fromMillis(fromMillis, { zone }).startOf('year').plus({ years: 1 });
  while (start.toMillis() < toMillis) {
    starts.push({ year: start.year, millis: start.toMillis() });
    start = start.plus({ years: 1 });
  }
  return starts;
}

/** Adds whole months (negative to go back) to a `YYYY-MM-DD` date; the day is clamped to the month's length. */
export function addMonths(date: string, months: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ months }).toISODate() ?? date;
}
