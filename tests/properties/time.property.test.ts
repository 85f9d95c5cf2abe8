// Reading date-times: the fast reading of the common form (`…SSZ`, `…SS±HH:MM`) agrees with luxon on every
// instant and keeps the text as its ISO form; every other form is read as before.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseArrival } from '../../src/lib/time';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

const commonDateTime = fc
  .record({
    year: fc.integer({ min: 100, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    offset: fc.option(fc.integer({ min: -18 * 60, max: 18 * 60 }), { nil: undefined }),
  })
  .map(({ year, month, day, hour, minute, second, offset }) => {
    const zone =
      offset === undefined
        ? 'Z'
        : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
    return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${zone}`;
  });

describe('reading date-times with an offset', () => {
  it('agrees with luxon on the instant, and keeps the text, for every common form with an offset within ±14:00', () => {
    fc.assert(
      fc.property(commonDateTime, (text) => {
        const reference = DateTime.fromISO(text, { setZone: true });
        const read = parseArrival(text, undefined);
        // Offsets beyond ±14:00 exist on no clock: refused, though luxon reads them.
        if (!reference.isValid || Math.abs(reference.offset) > 14 * 60) {
          expect(read).toBeUndefined();
          return;
        }
        expect(read).toEqual({
          millis: reference.toMillis(),
          latestMillis: reference.toMillis(),
          dateOnly: false,
          iso: text,
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the other forms as before: no seconds, fractions, -00:00, compact offsets', () => {
    expect(parseArrival('2025-10-20T13:00Z', undefined)?.iso).toBe('2025-10-20T13:00:00Z');
    expect(parseArrival('2025-10-20T13:00:00.5Z', undefined)?.iso).toBe('2025-10-20T13:00:00.500Z');
    expect(parseArrival('2025-10-20T13:00:00-00:00', undefined)?.iso).toBe('2025-10-20T13:00:00+00:00');
    expect(parseArrival('2025-10-20T13:00:00+0800', undefined)?.iso).toBe('2025-10-20T13:00:00+08:00');
    expect(parseArrival('2025-10-20T13:00:00+0800', undefined)?.millis).toBe(Date.UTC(2025, 9, 20, 5));
    expect(parseArrival('2025-10-20T13:00:60Z', undefined)).toBeUndefined();
    expect(parseArrival('2025-13-20T13:00:00Z', undefined)).toBeUndefined();
    expect(parseArrival('2025-10-20T13:00:00+19:00', undefined)).toBeUndefined();
    expect(parseArrival('2025-10-2OT13:00:00+01:00', undefined)).toBeUndefined();
  });
});
