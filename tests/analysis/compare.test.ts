import { describe, expect, it } from 'vitest';
import { type Comparison, compareScenarios, variantLabel, variantOptions } from '../../src/analysis/compare';
import { type QuoteInput, QuoteInputError } from '../../src/engine/types';
import { shippedRegistry } from '../../src/tariffs/shipped';
import { annexIVessel } from '../support/requests';
import { postJson } from '../support/worker';

const env = { registry: shippedRegistry(), today: '2026-11-28' };

/** docs/rules.md, Worked checks: Annex I vessel (operator of China), 60,000 NT, first US call 2026-12-01, after the suspension year. */
const annexI: QuoteInput = {
  vessel: annexIVessel(),
  portCalls: [
    { port: 'KRPUS', arrival: '2026-11-15T08:00:00+09:00' },
    { port: 'USLAX', arrival: '2026-12-01T06:00:00-08:00' },
  ],
  options: { asOf: '2026-11-28' },
};

const resumed = { label: 'resumed', assumptions: { 'us-301.after-suspension': 'resumed' } };
const extended = { label: 'extended', assumptions: { 'us-301.after-suspension': 'extended' } };

describe('compareScenarios', () => {
  it('resumed vs extended after 2026-11-10: 4,800,000.00 USD against 0.00', () => {
    const result = compareScenarios(annexI, [resumed, extended], env);
    expect(result.variants.map((v) => v.label)).toEqual(['resumed', 'extended']);
    expect(result.rows).toHaveLength(1);
    const [row] = result.rows;
    expect(row).toMatchObject({ regime: 'us-301', port: 'USLAX', arrival: '2026-12-01T06:00:00-08:00' });
    // 60,000 NT × 80 USD (Annex I from 2026-04-17) = 4,800,000.00 USD when fees resume.
    expect(row!.cells[0]).toMatchObject({
      amount: '4800000.00',
      currency: 'USD',
      outcome: 'charged',
      certainty: 'unconfirmed',
      rule: 'annex-i',
      delta: '0.00',
    });
    // Suspension extended: no fee; 0 − 4,800,000 = −4,800,000.00.
    expect(row!.cells[1]).toMatchObject({
      amount: '0.00',
      outcome: 'suspended',
      certainty: 'unconfirmed',
      delta: '-4800000.00',
    });
    // Unconfirmed either way: each total also spans the other reading (0 to 4,800,000).
    expect(result.variants[0]!.totals).toEqual([
      { currency: 'USD', amount: '4800000.00', low: '0.00', high: '4800000.00' },
    ]);
    expect(result.variants[1]!.totals).toEqual([{ currency: 'USD', amount: '0.00', low: '0.00', high: '4800000.00' }]);
    expect(result.variants[1]!.deltas).toEqual([{ currency: 'USD', amount: '-4800000.00' }]);
    expect(result.variants[1]!.assumptions['us-301.after-suspension']).toBe('extended');
  });

  it('compares tariff pins: Annex III per CEU (04-17) against per net ton (10-10)', () => {
    // Non-US-built PCTC, 20,000 NT, 6,000 CEU, first US call 2025-10-20.
    const pctc: QuoteInput = {
      vessel: {
        imo: '9321483',
        type: 'vehicle_carrier',
        flag: 'NO',
        buildCountry: 'JP',
        netTonnage: 20000,
        ceuCapacity: 6000,
        owner: { country: 'NO' },
        operator: { country: 'NO' },
      },
      portCalls: [{ port: 'USBAL', arrival: '2025-10-20' }],
    };
    const result = compareScenarios(
      pctc,
      [{ tariffVersions: { 'us-301': 'us-301/2025-04-17' } }, { tariffVersions: { 'us-301': 'us-301/2025-10-10' } }],
      env,
    );
    const us = result.rows.find((row) => row.regime === 'us-301')!;
    // 6,000 CEU × 150 = 900,000.00; 20,000 NT × 46 = 920,000.00; delta +20,000.00.
    expect(us.cells.map((cell) => [cell?.amount, cell?.delta])).toEqual([
      ['900000.00', '0.00'],
      ['920000.00', '20000.00'],
    ]);
    expect(result.variants.map((v) => v.label)).toEqual(['us-301/2025-04-17', 'us-301/2025-10-10']);
  });

  it('compares knowledge dates: before the suspension was known, the same voyage is charged and confirmed', () => {
    const result = compareScenarios(annexI, [{ asOf: '2025-10-20' }, {}], env);
    expect(result.variants.map((v) => v.tariffs)).toEqual([
      ['cn-spf/2025-10-14', 'us-301/2025-10-10'],
      ['cn-spf/2025-11-10', 'us-301/2025-11-10'],
    ]);
    const us = result.rows.find((row) => row.regime === 'us-301')!;
    expect(us.cells.map((cell) => [cell?.amount, cell?.certainty])).toEqual([
      ['4800000.00', 'confirmed'],
      ['4800000.00', 'unconfirmed'],
    ]);
  });

  it('refuses every bad variant at once, naming variants[i] or the request', () => {
    const bad = [
      resumed,
      { assumptions: { 'us-301.after-suspension': 'maybe' } },
      { tariffVersions: { 'us-301': 'us-301/2024-01-01' } },
    ];
    let refused: unknown;
    try {
      compareScenarios(annexI, bad, env);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(QuoteInputError);
    expect((refused as QuoteInputError).issues.map((issue) => issue.path)).toEqual([
      'variants[1].assumptions.us-301.after-suspension',
      'variants[2].tariffVersions.us-301',
    ]);
    const badRequest = { ...annexI, options: { assumptions: { 'us-301.after-suspension': 'maybe' } } };
    expect(() => compareScenarios(badRequest, [{}], env)).toThrow(/maybe/);
  });

  it('merges options key by key and labels variants from what they set', () => {
    expect(
      variantOptions({ asOf: '2026-01-01', assumptions: { a: '1', b: '2' } }, { assumptions: { b: '3' } }),
    ).toEqual({ asOf: '2026-01-01', assumptions: { a: '1', b: '3' } });
    expect(variantLabel({ asOf: '2026-11-28', assumptions: { 'us-301.after-suspension': 'extended' } }, 0)).toBe(
      'asOf 2026-11-28, us-301.after-suspension=extended',
    );
    expect(variantLabel({}, 2)).toBe('variant 3');
  });
});

describe('POST /v1/quotes/compare', () => {
  it('answers the table', async () => {
    const res = await postJson('/v1/quotes/compare', { request: annexI, variants: [resumed, extended] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Comparison;
    expect(body.rows[0]!.cells.map((cell) => cell?.amount)).toEqual(['4800000.00', '0.00']);
    expect(body.variants.map((v) => v.deltas[0]!.amount)).toEqual(['0.00', '-4800000.00']);
  });

  it('names an invalid variant field with 400', async () => {
    const res = await postJson('/v1/quotes/compare', {
      request: annexI,
      variants: [resumed, { asOf: '2026-02-30', colour: 'red' }],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ path: string }> };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['variants[1].asOf', 'variants[1].colour']);
  });

  it('names an engine-refused assumption with 400, and limits the variants', async () => {
    const res = await postJson('/v1/quotes/compare', {
      request: annexI,
      variants: [{ assumptions: { 'us-301.after-suspension': 'maybe' } }],
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string; message: string }> }).errors).toEqual([
      {
        path: 'variants[0].assumptions.us-301.after-suspension',
        message: 'unknown value maybe; valid values: resumed, extended',
      },
    ]);
    const tooMany = await postJson('/v1/quotes/compare', {
      request: annexI,
      variants: Array.from({ length: 11 }, () => ({})),
    });
    expect(tooMany.status).toBe(400);
    const none = await postJson('/v1/quotes/compare', { request: annexI, variants: [] });
    expect(((await none.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('variants');
  });
});
