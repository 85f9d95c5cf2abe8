/**
 * Years 0000–0099 are real ISO 8601 years: JavaScript's Date.UTC reads them as
 * 1900–1999, so every wall-clock conversion must set the full year itself.
 */
import { describe, expect, it } from 'vitest';
import { isValidDate, localDate, parseArrival } from '../../src/lib/time';
import { english, onlyVoyage, portCall, vessel } from '../support/requests';

describe('arrivals and dates before the year 100', () => {
  it('reads 0050-06-01 in Los Angeles as the year 50, not 1950', () => {
    const arrival = parseArrival('0050-06-01', 'America/Los_Angeles')!;
    expect(localDate(arrival.millis, 'America/Los_Angeles')).toBe('0050-06-01');
    expect(parseArrival('0050-06-01T10:00:00Z', undefined)!.millis).toBe(Date.parse('0050-06-01T10:00:00Z'));
  });
  it('checks the calendar of those years by their own leap rule (year 0 is a leap year, 1900 is not)', () => {
    expect(isValidDate('0000-02-29')).toBe(true);
    expect(isValidDate('0001-02-29')).toBe(false);
  });
  it('explains an arrival in year 0 as year 0', () => {
    const v = onlyVoyage(
      { vessel: vessel({ operator: { country: 'CN' } }), portCalls: [portCall('USLAX', '0000-01-01')] },
      'us-301',
    );
    expect(v.outcome).toBe('not-in-force');
    expect(english(v.explanation)[0]).toContain('arriving 0000-01-01 ');
    expect(v.arrival).toMatch(/^0000-01-01T00:00:00-\d{2}:\d{2}$/);
  });
  it('keeps calls of the years 50 and 1949 in their real order', () => {
    const input = {
      vessel: vessel({ operator: { country: 'CN' } }),
      portCalls: [portCall('USLAX', '0050-01-01'), portCall('USOAK', '1949-01-01')],
    };
    const v = onlyVoyage(input, 'us-301');
    // One rotation whose first call, and so its arrival, is the year-50 one; Annex I, not yet in force.
    expect(v.calls).toEqual(['USLAX', 'USOAK']);
    expect(v.arrival).toMatch(/^0050-01-01T00:00:00-\d{2}:\d{2}$/);
    expect(v.outcome).toBe('not-in-force');
    expect(v.fee).toEqual({ amount: '0.00', currency: 'USD' });
  });
});

describe('local mean time offsets (before standard time)', () => {
  it('writes a date-only arrival of 1850 in Los Angeles with a whole-minute offset', () => {
    const arrival = parseArrival('1850-01-01', 'America/Los_Angeles')!;
    expect(arrival.iso).toBe('1850-01-01T00:00:00-07:53');
    expect(localDate(arrival.millis, 'America/Los_Angeles')).toBe('1850-01-01');
  });
});
