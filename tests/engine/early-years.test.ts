/**
 * Years 0000–0099 are refused, not misread: JavaScript's Date.UTC would read them as 1900–1999,
 * and the API accepts no year before 2000.
 */
import { describe, expect, it } from 'vitest';
import { QuoteInputError } from '../../src/engine/types';
import { isValidDate, localDate, parseArrival } from '../../src/lib/time';
import { thrown } from '../support/errors';
import { portCall, quoteOf, vessel } from '../support/requests';

describe('dates before the year 100', () => {
  it('are not dates: 0050-06-01 is refused rather than read as 1950', () => {
    expect(isValidDate('0050-06-01')).toBe(false);
    expect(isValidDate('0099-12-31')).toBe(false);
    expect(isValidDate('0100-01-01')).toBe(true);
    expect(parseArrival('0050-06-01', 'America/Los_Angeles')).toBeUndefined();
    expect(parseArrival('0050-06-01T10:00:00Z', undefined)).toBeUndefined();
  });
  it('make the engine name the arrival', () => {
    const input = { vessel: vessel(), portCalls: [portCall('USLAX', '0050-06-01')] };
    const error = thrown(() => quoteOf(input));
    expect(error).toBeInstanceOf(QuoteInputError);
    expect((error as QuoteInputError).issues).toEqual([
      {
        path: 'portCalls[0].arrival',
        message: 'not a calendar date or a date-time with an offset, in the year 100 or later',
      },
    ]);
  });
});

describe('local mean time offsets (before standard time)', () => {
  it('writes a date-only arrival of 1850 in Los Angeles with a whole-minute offset', () => {
    const arrival = parseArrival('1850-01-01', 'America/Los_Angeles')!;
    expect(arrival.iso).toBe('1850-01-01T00:00:00-07:53');
    expect(localDate(arrival.millis, 'America/Los_Angeles')).toBe('1850-01-01');
  });
});
