/**
 * The one reader of "now". Every handler, queue consumer, scheduled check and
 * job reads the current instant here, from its bindings: `NOW` (an ISO 8601
 * date, read as midnight UTC, or a date-time with an offset) stands the clock
 * still at that instant; unset, it is the real time. Tests set it through
 * vitest.config.ts (`PORTFEES_NOW`), drills with `--var NOW:…`.
 */
import { parseArrival } from './time';

/** The bindings the clock reads. */
export interface ClockSetting {
  NOW?: string;
}

const fixed = new Map<string, number>();

/**
 * Epoch milliseconds of "now" for these bindings.
 * @throws Error when `NOW` is set but is not a date or a date-time with an offset (a deployment mistake).
 * @example nowMillis({ NOW: '2028-06-01' }) // 1843430400000
 */
export function nowMillis(setting: ClockSetting | undefined): number {
  const text = setting?.NOW;
  if (!text) return Date.now();
  let millis = fixed.get(text);
  if (millis === undefined) {
    const instant = parseArrival(text, 'UTC');
    if (!instant) throw new Error(`NOW=${text} is neither a date YYYY-MM-DD nor a date-time with an offset`);
    millis = instant.millis;
    fixed.set(text, millis);
  }
  return millis;
}

/**
 * The real time, whatever `NOW` says: for durations, cache lifetimes and the
 * timestamp a webhook receiver checks against its own clock. Never a domain date.
 */
export function wallMillis(): number {
  return Date.now();
}
