/**
 * The certainty ladder (docs/tariffs.md, "Certainty and alternatives"): every
 * other reading that changes a voyage's amount is listed, and the voyage takes
 * the weakest rung among them. Knowledge date 2026-11-28 unless pinned.
 */

import { describe, expect, it } from 'vitest';
import { evaluateRegime, type RegimeContext } from '../../src/engine/evaluate';
import { withAlternatives } from '../../src/engine/readings';
import { resolveCalls } from '../../src/engine/voyages';
import { message } from '../../src/messages/message';
import { shippedRegistry } from '../../src/tariffs/shipped';
import { english, onlyVoyage, portCall, quoteOf, vessel } from '../support/requests';

/** China-built tanker of 70,000 DWT and 20,000 NT, laden from Shanghai (Annex II). */
const tanker = vessel({ type: 'tanker', buildCountry: 'CN', deadweight: 70000, netTonnage: 20000 });
const tankerCalls = [portCall('CNSHA', '2025-09-20T08:00:00+08:00'), portCall('USLAX', '2025-10-20T06:00:00-07:00')];

describe('declared assumptions become alternatives when their other value changes the amount', () => {
  it('70,000 DWT China-built tanker: exempt under bulk-80k, assumed, general-55k charges 20,000 × 18 = 360,000.00', () => {
    const voyage = onlyVoyage({ vessel: tanker, portCalls: tankerCalls }, 'us-301');
    expect(voyage).toMatchObject({
      rule: 'annex-ii',
      outcome: 'exempt',
      certainty: 'assumed',
      fee: { amount: '0.00' },
    });
    expect(voyage.alternatives).toEqual([
      { assumption: 'us-301.tanker-threshold', value: 'general-55k', amount: '360000.00', outcome: 'charged' },
    ]);
    expect(english(voyage.explanation)).toContain(
      'Under us-301.tanker-threshold = general-55k this voyage would be 360,000.00 USD (charged): assumed.',
    );
  });

  it('the other way round: general-55k charges 360,000.00 and bulk-80k is the exempt alternative', () => {
    const voyage = onlyVoyage(
      {
        vessel: tanker,
        portCalls: tankerCalls,
        options: { assumptions: { 'us-301.tanker-threshold': 'general-55k' } },
      },
      'us-301',
    );
    expect(voyage).toMatchObject({ outcome: 'charged', certainty: 'assumed', fee: { amount: '360000.00' } });
    expect(voyage.alternatives).toEqual([
      { assumption: 'us-301.tanker-threshold', value: 'bulk-80k', amount: '0.00', outcome: 'exempt' },
    ]);
  });

  it('a 90,000 DWT tanker is charged under both thresholds: confirmed, no alternatives', () => {
    const voyage = onlyVoyage({ vessel: { ...tanker, deadweight: 90000 }, portCalls: tankerCalls }, 'us-301');
    expect(voyage).toMatchObject({ outcome: 'charged', certainty: 'confirmed', alternatives: [] });
  });

  it('cap year: five charges in March 2025 cap a calendar-year sixth, not an april-17 one (60,000 × 50 = 3,000,000.00)', () => {
    const input = {
      vessel: vessel({ operator: { country: 'CN' } }),
      portCalls: [portCall('USLAX', '2025-10-20T06:00:00-07:00')],
      priorCharges: ['01', '05', '10', '15', '20'].map((day) => ({ regime: 'us-301', date: `2025-03-${day}` })),
    };
    const voyage = onlyVoyage(input, 'us-301');
    expect(voyage).toMatchObject({ outcome: 'capped', certainty: 'assumed', fee: { amount: '0.00' } });
    expect(voyage.alternatives).toEqual([
      { assumption: 'us-301.cap-year', value: 'april-17', amount: '3000000.00', outcome: 'charged' },
    ]);
    expect(quoteOf(input).totals).toEqual([{ currency: 'USD', amount: '0.00', low: '0.00', high: '3000000.00' }]);
  });

  it('totals carry no low/high when every voyage is confirmed', () => {
    const result = quoteOf({
      vessel: vessel({ operator: { country: 'CN' } }),
      portCalls: [portCall('USLAX', '2025-10-20T06:00:00-07:00')],
    });
    expect(result.voyages.every((voyage) => voyage.certainty === 'confirmed')).toBe(true);
    expect(result.totals).toEqual([{ currency: 'USD', amount: '3000000.00' }]);
  });

  it('low/high sum each voyage’s own range: 0 or 360,000 (2025) plus 0 or 460,000 (2026-12-01) = 0 to 820,000', () => {
    const result = quoteOf({
      vessel: tanker,
      portCalls: [
        ...tankerCalls,
        portCall('JPTYO', '2026-11-20T08:00:00+09:00'),
        portCall('USLAX', '2026-12-01T06:00:00-08:00'),
      ],
    });
    const [first, second] = result.voyages.filter((voyage) => voyage.regime === 'us-301');
    expect(first).toMatchObject({ certainty: 'assumed', fee: { amount: '0.00' } });
    // 2026-12-01 (unconfirmed window): exempt under bulk-80k; suspended under `extended`; 20,000 × 23 = 460,000 under general-55k.
    expect(second).toMatchObject({ outcome: 'exempt', certainty: 'unconfirmed', fee: { amount: '0.00' } });
    expect(second!.alternatives).toEqual(
      expect.arrayContaining([
        { assumption: 'us-301.after-suspension', value: 'extended', amount: '0.00', outcome: 'suspended' },
        { assumption: 'us-301.tanker-threshold', value: 'general-55k', amount: '460000.00', outcome: 'charged' },
      ]),
    );
    expect(result.totals.find((total) => total.currency === 'USD')).toEqual({
      currency: 'USD',
      amount: '0.00',
      low: '0.00',
      high: '820000.00',
    });
  });
});

describe('readings are matched by first call and may add or remove voyages', () => {
  const registry = shippedRegistry();
  const tariff = registry.get('us-301/2025-11-10')!;
  const context = (calls: Parameters<typeof resolveCalls>[0]): RegimeContext => ({
    tariff,
    choice: message('version.pinned', {}),
    vessel: vessel({ operator: { country: 'CN' } }),
    calls: resolveCalls(calls),
    priorCharges: [],
    assumptions: {
      'us-301.after-suspension': 'resumed',
      'us-301.cap-year': 'calendar',
      'us-301.container-basis': 'rotation',
      'us-301.tanker-threshold': 'bulk-80k',
      'us-301.territories': 'us-and-pr',
    },
  });
  /** A reading under which Guam is a US port (how a territories assumption works), for the mechanism alone. */
  const withGuam = () => [
    {
      id: 'test.territories',
      value: 'with-gu',
      rung: 'assumed' as const,
      apply: (ctx: RegimeContext) => ({
        ...ctx,
        tariff: { ...ctx.tariff, data: { ...ctx.tariff.data, territory: ['US', 'PR', 'GU'] } },
      }),
    },
  ];

  it('a voyage that exists only under another reading appears as not-covered, assumed, with its alternative', () => {
    const ctx = context([
      portCall('GUGUM', '2025-10-20T08:00:00+10:00'),
      portCall('JPTYO', '2025-10-25T08:00:00+09:00'),
    ]);
    const base = evaluateRegime(ctx);
    expect(base.voyages).toEqual([]);
    const voyages = withAlternatives(ctx, base, [withGuam]);
    expect(voyages).toHaveLength(1);
    expect(voyages[0]).toMatchObject({
      calls: ['GUGUM'],
      outcome: 'not-covered',
      certainty: 'assumed',
      fee: { amount: '0.00', currency: 'USD' },
      alternatives: [{ assumption: 'test.territories', value: 'with-gu', amount: '3000000.00', outcome: 'charged' }],
    });
  });

  it('a voyage absorbed into another under a reading has an alternative of 0.00 without an outcome', () => {
    // Base: LAX and, after Guam, Honolulu are two rotations; with Guam in the territory they are one (LAX → GUM → HNL).
    const ctx = context([
      portCall('USLAX', '2025-10-20T06:00:00-07:00'),
      portCall('GUGUM', '2025-10-30T08:00:00+10:00'),
      portCall('USHNL', '2025-11-03T08:00:00-10:00'),
    ]);
    const voyages = withAlternatives(ctx, evaluateRegime(ctx), [withGuam]);
    const honolulu = voyages.find((voyage) => voyage.calls[0] === 'USHNL')!;
    expect(honolulu).toMatchObject({ outcome: 'charged', certainty: 'assumed', fee: { amount: '3000000.00' } });
    expect(honolulu.alternatives).toEqual([{ assumption: 'test.territories', value: 'with-gu', amount: '0.00' }]);
    expect(voyages.find((voyage) => voyage.calls[0] === 'USLAX')).toMatchObject({ certainty: 'confirmed' });
  });
});
