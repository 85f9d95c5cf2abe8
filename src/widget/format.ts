/**
 * Locale formatting of the API's decimal strings, and port-local arrival
 * times turned into ISO 8601 with the port's offset.
 */

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string): Intl.NumberFormat {
  let format = formats.get(locale);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    } catch {
      format = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formats.set(locale, format);
  }
  return format;
}

/**
 * A decimal string in the reader's locale, exact: Intl formats the string
 * itself rather than a float.
 * @example formatAmount('3000000.00', 'en') // '3,000,000.00'
 */
export function formatAmount(amount: string, locale: string): string {
  return numberFormat(locale).format(amount as unknown as number);
}

/** Minutes east of UTC that `zone` observes at the instant `millis`. */
export function zoneOffsetMinutes(zone: string, millis: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(millis));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wallClock = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return Math.round((wallClock - Math.floor(millis / 1000) * 1000) / 60000);
}

/**
 * A port-local date and time as ISO 8601 with the zone's offset at that moment.
 * @example localArrival('2025-10-20', '06:00', 'America/Los_Angeles') // '2025-10-20T06:00:00-07:00'
 */
export function localArrival(date: string, time: string, zone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wallClock = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at the wall-clock reading, corrected once for the offset itself (right outside DST gaps).
  let offset = zoneOffsetMinutes(zone, wallClock);
  offset = zoneOffsetMinutes(zone, wallClock - offset * 60000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A calendar date (`YYYY-MM-DD`, or the date part of an ISO date-time as
 * written, so a port-local arrival keeps its local day) in the reader's locale.
 * @example formatDate('2026-12-01', 'en') // 'Dec 1, 2026'
 */
export function formatDate(text: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return text;
  const millis = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(millis);
  } catch {
    return match[0];
  }
}

/** An arrival as the port saw it: the local date in the reader's locale, then the local time when one was given. */
export function formatArrival(text: string, locale: string): string {
  const time = /T(\d{2}:\d{2})/.exec(text)?.[1];
  return time ? `${formatDate(text, locale)} ${time}` : formatDate(text, locale);
}
