/**
 * A case on each side of every date boundary, read in the regime's own zone
 * (America/New_York for us-301, Asia/Shanghai for cn-spf).
 * Annex I vessel: 1,000 NT, CN operator. China vessel: US flag, 1,000 NT.
 */
import { describe, expect, it } from 'vitest';
import type { QuoteInput } from '../../src/engine/types';
import { onlyVoyage, portCall, vessel } from '../support/requests';

const annexI = vessel({ operator: { country: 'CN' }, netTonnage: 1000 });
const usLinked = vessel({ flag: 'US', netTonnage: 1000 });

function us(port: string, arrival: string, pin?: string) {
  const input: QuoteInput = {
    vessel: annexI,
    portCalls: [portCall(port, arrival)],
    ...(pin ? { options: { tariffVersions: { 'us-301': pin } } } : {}),
  };
  const v = onlyVoyage(input, 'us-301');
  return [v.outcome, v.certainty, v.basis[0]?.rate ?? null, v.fee.amount];
}
function cn(arrival: string, pin?: string) {
  const input: QuoteInput = {
    vessel: usLinked,
    portCalls: [portCall('CNSHA', arrival)],
    ...(pin ? { options: { tariffVersions: { 'cn-spf': pin } } } : {}),
  };
  const v = onlyVoyage(input, 'cn-spf');
  return [v.outcome, v.certainty, v.basis[0]?.rate ?? null, v.fee.amount];
}

describe('2025-10-14: fees start (00:00 in each regime zone)', () => {
  it('US: one minute before midnight New York is not in force; midnight is 1,000 × 50', () => {
    expect(us('USNYC', '2025-10-13T23:59:00-04:00')).toEqual(['not-in-force', 'confirmed', null, '0.00']);
    expect(us('USNYC', '2025-10-14T00:00:00-04:00')).toEqual(['charged', 'confirmed', '50', '50000.00']);
  });
  it('US: 21:00 on 10-13 in Los Angeles is already 00:00 on 10-14 in New York', () => {
    expect(us('USLAX', '2025-10-13T20:59:00-07:00')[0]).toBe('not-in-force');
    expect(us('USLAX', '2025-10-13T21:00:00-07:00')[0]).toBe('charged');
  });
  it('China: 23:59 on 10-13 Beijing time is not in force; 00:00 on 10-14 is 1,000 × 400', () => {
    expect(cn('2025-10-13T23:59:00+08:00')).toEqual(['not-in-force', 'confirmed', null, '0.00']);
    expect(cn('2025-10-14T00:00:00+08:00')).toEqual(['charged', 'confirmed', '400', '400000.00']);
  });
});

describe('2025-11-10 00:01 New York: US suspension starts', () => {
  it('00:00:59 ET is charged, 00:01 ET is suspended', () => {
    expect(us('USNYC', '2025-11-10T00:00:59-05:00')).toEqual(['charged', 'confirmed', '50', '50000.00']);
    expect(us('USNYC', '2025-11-10T00:01:00-05:00')).toEqual(['suspended', 'confirmed', '50', '0.00']);
  });
  it('the same instant from Los Angeles (21:01 on 11-09 PST) is suspended', () => {
    expect(us('USLAX', '2025-11-09T21:00:00-08:00')[0]).toBe('charged');
    expect(us('USLAX', '2025-11-09T21:01:00-08:00')[0]).toBe('suspended');
  });
  it('before the suspension was published (2025-10-10 version) the same arrival is charged', () => {
    expect(us('USNYC', '2025-11-10T00:01:00-05:00', 'us-301/2025-10-10')[0]).toBe('charged');
  });
});

describe('2025-11-10 13:01 Shanghai: China suspension starts', () => {
  it('13:00:59 is charged, 13:01 is suspended', () => {
    expect(cn('2025-11-10T13:00:59+08:00')).toEqual(['charged', 'confirmed', '400', '400000.00']);
    expect(cn('2025-11-10T13:01:00+08:00')).toEqual(['suspended', 'confirmed', '400', '0.00']);
  });
  it('00:01 New York (13:01 Beijing) is the same instant for both regimes', () => {
    expect(cn('2025-11-10T00:00:59-05:00')[0]).toBe('charged');
    expect(cn('2025-11-10T00:01:00-05:00')[0]).toBe('suspended');
  });
});

describe('2026-04-17: first step-up (read under versions without the suspension)', () => {
  it('US Annex I: 50 until 04-16 23:59 New York, 80 from 04-17 00:00', () => {
    expect(us('USNYC', '2026-04-16T23:59:00-04:00', 'us-301/2025-10-10')).toEqual([
      'charged',
      'confirmed',
      '50',
      '50000.00',
    ]);
    expect(us('USNYC', '2026-04-17T00:00:00-04:00', 'us-301/2025-10-10')).toEqual([
      'charged',
      'confirmed',
      '80',
      '80000.00',
    ]);
  });
  it('China: 400 until 04-16 23:59 Beijing, 640 from 04-17 00:00', () => {
    expect(cn('2026-04-16T23:59:00+08:00', 'cn-spf/2025-10-14')).toEqual(['charged', 'confirmed', '400', '400000.00']);
    expect(cn('2026-04-17T00:00:00+08:00', 'cn-spf/2025-10-14')).toEqual(['charged', 'confirmed', '640', '640000.00']);
  });
});

describe('2026-11-10: end of the suspension year, status unconfirmed', () => {
  it('US: 11-09 23:59 New York is suspended (confirmed); 11-10 00:00 is unconfirmed, 1,000 × 80 under `resumed`', () => {
    expect(us('USNYC', '2026-11-09T23:59:00-05:00')).toEqual(['suspended', 'confirmed', '80', '0.00']);
    expect(us('USNYC', '2026-11-10T00:00:00-05:00')).toEqual(['charged', 'unconfirmed', '80', '80000.00']);
  });
  it('China: 13:00 Beijing is suspended; 13:01 is unconfirmed, 1,000 × 640 under `resumed`', () => {
    expect(cn('2026-11-10T13:00:00+08:00')).toEqual(['suspended', 'confirmed', '640', '0.00']);
    expect(cn('2026-11-10T13:01:00+08:00')).toEqual(['charged', 'unconfirmed', '640', '640000.00']);
  });
});

describe('2027-04-17 and 2028-04-17: later step-ups', () => {
  it('US Annex I: 80 → 110 → 140', () => {
    expect(us('USNYC', '2027-04-16T23:59:00-04:00')[2]).toBe('80');
    expect(us('USNYC', '2027-04-17T00:00:00-04:00')).toEqual(['charged', 'unconfirmed', '110', '110000.00']);
    expect(us('USNYC', '2028-04-16T23:59:00-04:00')[2]).toBe('110');
    expect(us('USNYC', '2028-04-17T00:00:00-04:00')).toEqual(['charged', 'unconfirmed', '140', '140000.00']);
  });
  it('China: 640 → 880 → 1,120', () => {
    expect(cn('2027-04-16T23:59:00+08:00')[2]).toBe('640');
    expect(cn('2027-04-17T00:00:00+08:00')).toEqual(['charged', 'unconfirmed', '880', '880000.00']);
    expect(cn('2028-04-16T23:59:00+08:00')[2]).toBe('880');
    expect(cn('2028-04-17T00:00:00+08:00')).toEqual(['charged', 'unconfirmed', '1120', '1120000.00']);
  });
  it('a date-only arrival is read at 00:00 in the port zone', () => {
    // 2027-04-17 at Los Angeles: 00:00 PDT = 03:00 New York, already in the 110 step
    expect(us('USLAX', '2027-04-17')[2]).toBe('110');
    // 2027-04-17 at Shanghai: 00:00 Beijing, the 880 step
    expect(cn('2027-04-17')[2]).toBe('880');
  });
});

describe('cap years', () => {
  const sixth = (arrival: string, priorDates: string[], extra: Partial<QuoteInput> = {}) =>
    onlyVoyage(
      {
        vessel: annexI,
        portCalls: [portCall('USNYC', arrival)],
        priorCharges: priorDates.map((date) => ({ regime: 'us-301', date })),
        ...extra,
      },
      'us-301',
    );

  it('US calendar year: five charges in 2025 do not cap a call on 2026-01-01 in New York', () => {
    const prior = ['2025-10-14', '2025-10-15', '2025-10-16', '2025-10-17', '2025-10-18'];
    const pin = { options: { tariffVersions: { 'us-301': 'us-301/2025-10-10' } } };
    expect(sixth('2025-12-31T23:59:00-05:00', prior, pin).outcome).toBe('capped');
    expect(sixth('2026-01-01T00:00:00-05:00', prior, pin)).toMatchObject({
      outcome: 'charged',
      cap: { year: '2026', count: 1 },
    });
  });
  it('US `april-17` cap year: the 2025 charges still count on 2026-01-01 (year 2025-26)', () => {
    const prior = ['2025-10-14', '2025-10-15', '2025-10-16', '2025-10-17', '2025-10-18'];
    const voyage = sixth('2026-01-01T00:00:00-05:00', prior, {
      options: { tariffVersions: { 'us-301': 'us-301/2025-10-10' }, assumptions: { 'us-301.cap-year': 'april-17' } },
    });
    expect(voyage).toMatchObject({ outcome: 'capped', cap: { year: '2025-26', count: 5 } });
  });
  it('China billing year starts on 17 April: five voyages before it do not cap one on 04-17 00:00 Beijing', () => {
    const prior = ['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-01', '2026-04-16'].map((date) => ({
      regime: 'cn-spf',
      date,
    }));
    const at = (arrival: string) =>
      onlyVoyage(
        {
          vessel: usLinked,
          portCalls: [portCall('CNSHA', arrival)],
          priorCharges: prior,
          options: { tariffVersions: { 'cn-spf': 'cn-spf/2025-10-14' } },
        },
        'cn-spf',
      );
    expect(at('2026-04-16T23:59:00+08:00')).toMatchObject({ outcome: 'capped', cap: { year: '2025-26' } });
    expect(at('2026-04-17T00:00:00+08:00')).toMatchObject({ outcome: 'charged', cap: { year: '2026-27', count: 1 } });
  });
});

describe('reading arrivals', () => {
  it('accepts offsets and Z, refuses impossible calendar dates and times', async () => {
    const { isValidDateTimeWithOffset, isValidDate, parseArrival } = await import('../../src/lib/time');
    expect(isValidDateTimeWithOffset('2025-10-20T06:00:00-07:00')).toBe(true);
    expect(isValidDateTimeWithOffset('2025-10-20T13:00Z')).toBe(true);
    expect(isValidDateTimeWithOffset('2024-02-29T00:00:00+08:00')).toBe(true);
    expect(isValidDateTimeWithOffset('2025-02-29T00:00:00+08:00')).toBe(false);
    expect(isValidDateTimeWithOffset('2025-10-20T24:00:00Z')).toBe(false);
    expect(isValidDateTimeWithOffset('2025-10-20T06:00:00')).toBe(false);
    expect(isValidDate('2025-04-31')).toBe(false);
    // 06:00 at UTC-7 is 13:00 UTC
    expect(parseArrival('2025-10-20T06:00:00-07:00', undefined)!.millis).toBe(Date.UTC(2025, 9, 20, 13));
    // a date-only arrival in New York on the day clocks go back lasts 25 hours
    const day = parseArrival('2025-11-02', 'America/New_York')!;
    expect(day.iso).toBe('2025-11-02T00:00:00-04:00');
    expect(day.latestMillis + 1 - day.millis).toBe(25 * 3_600_000);
  });
});
