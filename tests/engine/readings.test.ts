/**
 * Readings that move money, declared as assumptions in the tariff files
 * (docs/tariffs.md, "Readings as assumptions"): what ends a Chinese voyage,
 * which containers Annex II counts, and whether the US territories are US
 * ports. The default is the first option; every other reading that changes a
 * voyage's amount is listed in its alternatives and the voyage is `assumed`.
 */
import { describe, expect, it } from 'vitest';
import type { QuoteInput } from '../../src/engine/types';
import { portCall, quoteOf, vessel, voyagesOf } from '../support/requests';

describe('cn-spf.voyage-split: a Hong Kong call between two mainland calls', () => {
  /** US-flag, 30,224 NT: 30,224 × 400 = 12,089,600.00 CNY per charged voyage. */
  const input = (via: string, assumptions: Record<string, string> = {}): QuoteInput => ({
    vessel: vessel({ flag: 'US', netTonnage: 30224 }),
    portCalls: [
      portCall('CNSHA', '2025-10-20T08:00:00+08:00'),
      portCall(via, '2025-10-22T08:00:00+08:00'),
      portCall('CNNGB', '2025-10-24T08:00:00+08:00'),
    ],
    options: { asOf: '2025-10-20', assumptions },
  });

  it('any-foreign-call (default): two voyages, two charges; the second is assumed, 0.00 under the other reading', () => {
    const [first, second] = voyagesOf(input('HKHKG'), 'cn-spf');
    expect(first).toMatchObject({ calls: ['CNSHA'], outcome: 'charged', certainty: 'confirmed', alternatives: [] });
    expect(second).toMatchObject({ calls: ['CNNGB'], outcome: 'charged', fee: { amount: '12089600.00' } });
    expect(second!.certainty).toBe('assumed');
    expect(second!.alternatives).toEqual([
      { assumption: 'cn-spf.voyage-split', value: 'mainland-run-ignores-hk-mo', amount: '0.00' },
    ]);
    const total = quoteOf(input('HKHKG')).totals.find((t) => t.currency === 'CNY');
    expect(total).toMatchObject({ amount: '24179200.00', low: '12089600.00', high: '24179200.00' });
  });

  it('mainland-run-ignores-hk-mo: one voyage charged at Shanghai; Ningbo shows as not-covered with its alternative', () => {
    const voyages = voyagesOf(input('HKHKG', { 'cn-spf.voyage-split': 'mainland-run-ignores-hk-mo' }), 'cn-spf');
    expect(voyages).toHaveLength(2);
    expect(voyages[0]).toMatchObject({
      calls: ['CNSHA', 'CNNGB'],
      chargedAt: 'CNSHA',
      outcome: 'charged',
      fee: { amount: '12089600.00' },
      certainty: 'confirmed',
    });
    expect(voyages[1]).toMatchObject({ calls: ['CNNGB'], outcome: 'not-covered', certainty: 'assumed' });
    expect(voyages[1]!.alternatives).toEqual([
      { assumption: 'cn-spf.voyage-split', value: 'any-foreign-call', amount: '12089600.00', outcome: 'charged' },
    ]);
  });

  it('a call in Japan ends the voyage under both readings: two charges, both confirmed', () => {
    const voyages = voyagesOf(input('JPYOK'), 'cn-spf');
    expect(voyages.map((v) => [v.outcome, v.certainty])).toEqual([
      ['charged', 'confirmed'],
      ['charged', 'confirmed'],
    ]);
  });
});

describe('us-301.container-basis: Annex II containers of the rotation or of its first port', () => {
  /** China-built, non-Chinese operator, 30,000 NT: 30,000 × 18 = 540,000.00 USD on the net-ton basis. */
  const input = (assumptions: Record<string, string> = {}): QuoteInput => ({
    vessel: vessel({ buildCountry: 'CN', netTonnage: 30000 }),
    portCalls: [
      portCall('CNSHA', '2025-09-25T08:00:00+08:00'),
      portCall('USLAX', '2025-10-20T06:00:00-07:00', { containersDischarged: 3000 }),
      portCall('USOAK', '2025-10-23T06:00:00-07:00', { containersDischarged: 3000 }),
    ],
    options: { asOf: '2025-10-20', assumptions },
  });

  it('rotation (default): 6,000 × 120 = 720,000.00 USD beats 540,000; first-port would charge 540,000.00', () => {
    const [voyage] = voyagesOf(input(), 'us-301');
    expect(voyage).toMatchObject({ outcome: 'charged', fee: { amount: '720000.00' }, certainty: 'assumed' });
    expect(voyage!.alternatives).toEqual([
      { assumption: 'us-301.container-basis', value: 'first-port', amount: '540000.00', outcome: 'charged' },
    ]);
  });

  it('first-port: 3,000 × 120 = 360,000 loses to 540,000.00; rotation is the alternative', () => {
    const [voyage] = voyagesOf(input({ 'us-301.container-basis': 'first-port' }), 'us-301');
    expect(voyage).toMatchObject({ fee: { amount: '540000.00' }, certainty: 'assumed' });
    expect(voyage!.alternatives).toEqual([
      { assumption: 'us-301.container-basis', value: 'rotation', amount: '720000.00', outcome: 'charged' },
    ]);
  });

  it('when the net-ton amount wins under both, the reading changes nothing and the voyage stays confirmed', () => {
    const few = input();
    few.portCalls[1]!.containersDischarged = 100;
    const [voyage] = voyagesOf(few, 'us-301');
    expect(voyage).toMatchObject({ fee: { amount: '540000.00' }, certainty: 'confirmed', alternatives: [] });
  });
});

describe('us-301.territories: Guam between two foreign calls', () => {
  /** CN-operated, 60,000 NT: Annex I, 60,000 × 50 = 3,000,000.00 USD. */
  const input = (assumptions: Record<string, string> = {}): QuoteInput => ({
    vessel: vessel({ operator: { country: 'CN' } }),
    portCalls: [
      portCall('CNSHA', '2025-10-15T08:00:00+08:00'),
      portCall('GUGUM', '2025-10-20T08:00:00+10:00'),
      portCall('JPYOK', '2025-10-25T08:00:00+09:00'),
    ],
    options: { asOf: '2025-10-20', assumptions },
  });

  it('us-and-pr (default): Guam appears as a not-covered us-301 voyage, assumed, with the Annex I amount as alternative', () => {
    const voyages = voyagesOf(input(), 'us-301');
    expect(voyages).toHaveLength(1);
    expect(voyages[0]).toMatchObject({
      calls: ['GUGUM'],
      outcome: 'not-covered',
      certainty: 'assumed',
      fee: { amount: '0.00', currency: 'USD' },
    });
    expect(voyages[0]!.alternatives).toEqual([
      { assumption: 'us-301.territories', value: 'with-gu-vi-as-mp', amount: '3000000.00', outcome: 'charged' },
    ]);
  });

  it('with-gu-vi-as-mp: charged 3,000,000.00 USD at Guam, the default reading as the alternative', () => {
    const [voyage] = voyagesOf(input({ 'us-301.territories': 'with-gu-vi-as-mp' }), 'us-301');
    expect(voyage).toMatchObject({ calls: ['GUGUM'], chargedAt: 'GUGUM', outcome: 'charged', certainty: 'assumed' });
    expect(voyage!.alternatives).toEqual([{ assumption: 'us-301.territories', value: 'us-and-pr', amount: '0.00' }]);
  });

  it('the readings are declared in the tariff data and reported among the quote assumptions', () => {
    expect(quoteOf(input()).assumptions).toMatchObject({
      'cn-spf.voyage-split': 'any-foreign-call',
      'us-301.container-basis': 'rotation',
      'us-301.territories': 'us-and-pr',
    });
  });
});
