/**
 * The only module that touches luxon. Every comparison is between instants
 * (epoch milliseconds); wall-clock dates of a tariff or a port are turned
 * into instants in their own zone.
 *
 * Quotes convert many instants to and from wall-clock time, so the hot paths
 * use UTC arithmetic plus a cached zone offset (luxon's IANA zone computes
 * the offset; the cache keys it by quarter hour, since no zone changes its
 * offset more often). Luxon stays the reference for validity and formatting.
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

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;
const LOCAL_MOMENT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;
const MINUTE = 60_000;
const QUARTER_HOUR = 15 * MINUTE;
/** The first year read: `Date.UTC` reads the years 0–99 as 1900–1999, and the API accepts none of them. */
const FIRST_YEAR = 100;

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

const offsetCache = new Map<string, Map<number, number>>();

/**
 * Offset of `zone` from UTC at an instant, in whole minutes (cached per quarter
 * hour). Local mean times before standard time have second offsets (-7:52:58
 * in Los Angeles); they are rounded to the minute, as ISO 8601 offsets are written.
 */
export function zoneOffsetMinutes(zone: string, millis: number): number {
  let cache = offsetCache.get(zone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(zone, cache);
  }
  const bucket = Math.floor(millis / QUARTER_HOUR);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    if (cache.size > 50_000) cache.clear();
    offset = Math.round(IANAZone.create(zone).offset(bucket * QUARTER_HOUR));
    cache.set(bucket, offset);
  }
  return offset;
}

/** The instant of a wall-clock time in `zone` (the earlier one in a repeated hour, shifted past a skipped one). */
function wallClockToMillis(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  let guess = asUtc - zoneOffsetMinutes(zone, asUtc) * MINUTE;
  guess = asUtc - zoneOffsetMinutes(zone, guess) * MINUTE;
  return guess;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `year` is a leap year of the proleptic Gregorian calendar (the one `Date` uses). */
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < FIRST_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Wall-clock fields of an instant in `zone`. */
function wallClock(millis: number, zone: string) {
  const offset = zoneOffsetMinutes(zone, millis);
  const shifted = new Date(millis + offset * MINUTE);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    offset,
  };
}

export function isDateOnly(text: string): boolean {
  return DATE_ONLY.test(text);
}

/** Checks the shape and the calendar: `2025-02-30` is not a date, nor is any day before the year 100. */
export function isValidDate(text: string): boolean {
  const match = DATE_ONLY.exec(text);
  return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** An ISO 8601 date-time with an offset (or Z), calendar-checked. */
export function isValidDateTimeWithOffset(text: string): boolean {
  return !DATE_ONLY.test(text) && parseArrival(text, undefined) !== undefined;
}

/** The number written by `count` ASCII digits at `start`, or -1 when one is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/**
 * The common form `YYYY-MM-DDTHH:MM:SSZ` or `…SS±HH:MM` read without a regular expression (a quote reads
 * every call's arrival); anything else (fractions, no seconds, `-00:00`, invalid text) is left to the general
 * reading below, which gives the same result for this form.
 */
function parseCommonDateTime(text: string): Arrival | undefined {
  const zulu = text.length === 20 && text.charCodeAt(19) === 90; // 'Z'
  const signed = text.length === 25 && text.charCodeAt(22) === 58; // ':'
  if (!zulu && !signed) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let offset = 0;
  if (signed) {
    const sign = text[19] === '+' ? 1 : text[19] === '-' ? -1 : 0;
    const hours = digitsAt(text, 20, 2);
    const minutes = digitsAt(text, 23, 2);
    if (sign === 0 || hours < 0 || minutes < 0) return undefined;
    offset = sign * (hours * 60 + minutes);
    if (offset === 0 && sign < 0) return undefined;
  }
  const millis = instantOf(year, month, day, hour, minute, second, 0, offset);
  return millis === undefined ? undefined : { millis, latestMillis: millis, dateOnly: false, iso: text };
}

/** Widest UTC offset in use: +14:00 (Line Islands); the westernmost is -12:00. Anything beyond is a typo. */
const MAX_OFFSET_MINUTES = 14 * 60;

/** The instant of a date-time written with an offset (minutes), or undefined when a field is out of range. */
function instantOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offset: number,
): number | undefined {
  if (
    !isCalendarDate(year, month, day) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    Math.abs(offset) > MAX_OFFSET_MINUTES
  )
    return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * MINUTE;
}

/**
 * Reads a port-call arrival. A date-time keeps its own offset; a plain date is
 * 00:00 in the port's zone (and stands for the whole day when ordering calls).
 * Answers undefined for an invalid text or a date-only arrival with no zone.
 */
export function parseArrival(text: string, portZone: string | undefined): Arrival | undefined {
  const common = parseCommonDateTime(text);
  if (common !== undefined) return common;
  const date = DATE_ONLY.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!portZone || !isValidZone(portZone) || !isCalendarDate(year, month, day)) return undefined;
    const start = wallClockToMillis(portZone, year, month, day);
    const next = new Date(Date.UTC(year, month - 1, day + 1));
    const end = wallClockToMillis(portZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()) - 1;
    return {
      millis: start,
      latestMillis: end,
      dateOnly: true,
      iso: `${text}T00:00:00${formatOffset(zoneOffsetMinutes(portZone, start))}`,
    };
  }
  const m = DATE_TIME_WITH_OFFSET.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const offset = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const millis = instantOf(year, month, day, hour, minute, second, ms, offset);
  if (millis === undefined) return undefined;
  // Text already in the normal form (seconds, no fraction, `Z` or `±HH:MM` other than -00:00) is its own iso.
  const normal =
    m[6] !== undefined &&
    m[7] === undefined &&
    (m[8] === 'Z' || (text.length === 25 && (offset !== 0 || m[9] === '+')));
  const iso = normal
    ? text
    : `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(second)}${ms ? `.${pad(ms, 3)}` : ''}${m[8] === 'Z' ? 'Z' : formatOffset(offset)}`;
  return { millis, latestMillis: millis, dateOnly: false, iso };
}

/** A tariff's wall-clock moment (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`) as an instant in `zone`. */
export function localMomentMillis(text: string, zone: string): number {
  const m = LOCAL_MOMENT.exec(text);
  if (!m) return Number.NaN;
  return wallClockToMillis(zone, Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
}

/** The calendar date (`YYYY-MM-DD`) of an instant in `zone`. */
export function localDate(millis: number, zone: string): string {
  const t = wallClock(millis, zone);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

/** The local date-time of an instant in `zone`, for explanations: `2025-10-20 09:00 America/New_York`. */
export function describeInstant(millis: number, zone: string): string {
  const t = wallClock(millis, zone);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)} ${zone}`;
}

/** Adds whole years to a `YYYY-MM-DD` date (29 February falls back to 28 February). */
export function addYears(date: string, years: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ years }).toISODate() ?? date;
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayUtc(nowMillis: number): string {
  return new Date(nowMillis).toISOString().slice(0, 10);
}

export interface YearWindow {
  label: string;
  startMillis: number;
  endMillis: number;
}

/** The calendar year containing an instant, in `zone`. */
export function calendarYear(millis: number, zone: string): YearWindow {
  const { year } = wallClock(millis, zone);
  return {
    label: String(year),
    startMillis: wallClockToMillis(zone, year, 1, 1),
    endMillis: wallClockToMillis(zone, year + 1, 1, 1),
  };
}

/** The year starting each `month`/`day` that contains an instant, in `zone`; labelled `2025-26`. */
export function anniversaryYear(millis: number, zone: string, month: number, day: number): YearWindow {
  const local = wallClock(millis, zone);
  const startsThisYear = local.month > month || (local.month === month && local.day >= day);
  const first = startsThisYear ? local.year : local.year - 1;
  return {
    label: `${first}-${String(first + 1).slice(2)}`,
    startMillis: wallClockToMillis(zone, first, month, day),
    endMillis: wallClockToMillis(zone, first + 1, month, day),
  };
}

/** The instant of an ISO 8601 timestamp with its offset (`2025-10-20T13:00:00.000Z`); NaN when unreadable. */
export function timestampMillis(text: string): number {
  const time = DateTime.fromISO(text, { setZone: true });
  return time.isValid ? time.toMillis() : Number.NaN;
}

/** An instant as an ISO 8601 UTC timestamp with milliseconds: `2025-10-20T13:00:00.000Z` (sorts as text). */
export function utcTimestamp(millis: number): string {
  return DateTime.fromMillis(millis, { zone: 'UTC' }).toISO() ?? '';
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
export function yearStartsBetween(
  fromMillis: number,
  toMillis: number,
  zone: string,
): Array<{ year: number; millis: number }> {
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

/** Adds whole days (negative to go back) to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
}
