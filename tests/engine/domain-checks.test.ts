/**
 * docs/rules.md, Worked checks: one test per check, with the arithmetic by hand. Checks of one voyage's
 * fields are data in tests/cases/*.json (tests/engine/cases.test.ts); the rest are here.
 * Default knowledge date 2026-11-28 picks us-301/2025-11-10 and cn-spf/2025-11-10
 * unless a test pins a version.
 */
import { describe, expect, it } from 'vitest';
import { applying, english, onlyVoyage, portCall, quoteOf, vessel, voyagesOf } from '../support/requests';

const cnOperated = vessel({ operator: { country: 'CN' } });
const chinaBuilt = vessel({ buildCountry: 'CN' });
const usFlag = vessel({
  flag: 'US',
  buildCountry: 'US',
  owner: { country: 'US' },
  operator: { country: 'US' },
  netTonnage: 30224,
});

describe('docs/rules.md, Worked checks: US Section 301', () => {
  it('containers discharged across the whole rotation count toward the container basis', () => {
    // 30,000 NT × 18 = 540,000 < (3,000 + 2,000) × 120 = 600,000
    const voyage = onlyVoyage(
      {
        vessel: { ...chinaBuilt, netTonnage: 30000 },
        portCalls: [
          portCall('CNSHA', '2025-09-22T08:00:00+08:00'),
          portCall('USLAX', '2025-10-20T06:00:00-07:00', { containersDischarged: 3000 }),
          portCall('USOAK', '2025-10-23T06:00:00-07:00', { containersDischarged: 2000 }),
        ],
      },
      'us-301',
    );
    expect(voyage.basis[1]).toEqual({ quantity: '5000', unit: 'container', rate: '120', amount: '600000.00' });
  });

  it('China-built 4,000 TEU container ship: exempt small-vessel', () => {
    // 4,000 TEU ≤ 4,000 TEU limit for container ships
    const voyage = onlyVoyage(
      {
        vessel: { ...chinaBuilt, teuCapacity: 4000, netTonnage: 25000, deadweight: 50000 },
        portCalls: [portCall('CNSHA', '2025-09-22T08:00:00+08:00'), portCall('USLAX', '2025-10-20T06:00:00-07:00')],
      },
      'us-301',
    );
    expect(voyage).toMatchObject({ rule: 'annex-ii', outcome: 'exempt', fee: { amount: '0.00' } });
    expect(applying(voyage)).toEqual(['small-vessel']);
  });

  it('China-built Capesize bulker arriving in ballast: exempt ballast', () => {
    // 180,000 DWT > 80,000 DWT bulk limit, so only the ballast exemption applies
    const voyage = onlyVoyage(
      {
        vessel: { ...chinaBuilt, type: 'dry_bulk', deadweight: 180000, teuCapacity: undefined, netTonnage: 55000 },
        portCalls: [
          portCall('CNQIN', '2025-09-10T08:00:00+08:00'),
          portCall('USMSY', '2025-10-25T06:00:00-05:00', { cargo: 'ballast' }),
        ],
      },
      'us-301',
    );
    expect(voyage.outcome).toBe('exempt');
    expect(applying(voyage)).toEqual(['ballast']);
    expect(voyage.exemptions.find((e) => e.id === 'small-vessel')).toMatchObject({ applies: false });
  });

  it('non-US-built PCTC, 20,000 NT, 2025-10-20, under us-301/2025-10-10: Annex III 920,000.00 USD', () => {
    // 20,000 NT × 46 USD = 920,000.00
    const voyage = onlyVoyage(
      {
        vessel: vessel({
          type: 'vehicle_carrier',
          buildCountry: 'JP',
          netTonnage: 20000,
          teuCapacity: undefined,
          ceuCapacity: 6500,
        }),
        portCalls: [portCall('JPYOK', '2025-10-01T08:00:00+09:00'), portCall('USBAL', '2025-10-20T06:00:00-04:00')],
        options: { tariffVersions: { 'us-301': 'us-301/2025-10-10' } },
      },
      'us-301',
    );
    expect(voyage).toMatchObject({
      rule: 'annex-iii',
      outcome: 'charged',
      tariff: 'us-301/2025-10-10',
      fee: { amount: '920000.00', currency: 'USD' },
    });
  });

  it('the same PCTC under the 2025-04-17 notice pays 150 USD per CEU: 6,500 × 150 = 975,000.00 USD', () => {
    const voyage = onlyVoyage(
      {
        vessel: vessel({
          type: 'vehicle_carrier',
          buildCountry: 'JP',
          netTonnage: 20000,
          teuCapacity: undefined,
          ceuCapacity: 6500,
        }),
        portCalls: [portCall('USBAL', '2025-10-20T06:00:00-04:00')],
        options: { tariffVersions: { 'us-301': 'us-301/2025-04-17' } },
      },
      'us-301',
    );
    expect(voyage.basis).toEqual([{ quantity: '6500', unit: 'ceu', rate: '150', amount: '975000.00' }]);
  });

  it('CN-operated ship LA → Oakland → Seattle: one charge, at LA', () => {
    // one rotation; 10,000 NT × 50 = 500,000.00 at the first port only
    const voyages = voyagesOf(
      {
        vessel: { ...cnOperated, netTonnage: 10000 },
        portCalls: [
          portCall('CNYTN', '2025-09-28T08:00:00+08:00'),
          portCall('USLAX', '2025-10-20T06:00:00-07:00'),
          portCall('USOAK', '2025-10-23T06:00:00-07:00'),
          portCall('USSEA', '2025-10-26T06:00:00-07:00'),
        ],
      },
      'us-301',
    );
    expect(voyages).toHaveLength(1);
    expect(voyages[0]).toMatchObject({
      calls: ['USLAX', 'USOAK', 'USSEA'],
      chargedAt: 'USLAX',
      fee: { amount: '500000.00' },
    });
  });

  it('a foreign call between two US calls starts a new rotation, charged again', () => {
    // USLAX, then Ensenada (MX), then USLGB: two rotations, 2 × 10,000 × 50
    const voyages = voyagesOf(
      {
        vessel: { ...cnOperated, netTonnage: 10000 },
        portCalls: [
          portCall('USLAX', '2025-10-20T06:00:00-07:00'),
          portCall('MXESE', '2025-10-22T06:00:00-07:00'),
          portCall('USLGB', '2025-10-24T06:00:00-07:00'),
        ],
      },
      'us-301',
    );
    expect(voyages.map((v) => [v.chargedAt, v.fee.amount])).toEqual([
      ['USLAX', '500000.00'],
      ['USLGB', '500000.00'],
    ]);
  });

  it('CN-owned and China-built: Annex I only', () => {
    // Annex I precedes Annex II: 40,000 × 50 = 2,000,000.00 (not 40,000 × 18)
    const voyage = onlyVoyage(
      {
        vessel: vessel({
          buildCountry: 'CN',
          owner: { country: 'CN' },
          operator: { country: 'CN' },
          netTonnage: 40000,
        }),
        portCalls: [portCall('USSAV', '2025-10-27T06:00:00-04:00', { containersDischarged: 3000 })],
      },
      'us-301',
    );
    expect(voyage).toMatchObject({ rule: 'annex-i', fee: { amount: '2000000.00' } });
  });

  it('China-built LNG carrier: no fee, Annex IV note', () => {
    const result = quoteOf({
      vessel: vessel({ type: 'lng_carrier', buildCountry: 'CN', teuCapacity: undefined, netTonnage: 30000 }),
      portCalls: [portCall('USSAB', '2025-10-20T06:00:00-05:00', { cargo: 'ballast' })],
    });
    expect(result.voyages[0]).toMatchObject({
      regime: 'us-301',
      outcome: 'not-covered',
      rule: null,
      fee: { amount: '0.00' },
    });
    expect(english(result.notes).some((note) => note.includes('Annex IV'))).toBe(true);
  });

  it('6th US rotation of one vessel in calendar year 2025: capped, 0', () => {
    const voyage = onlyVoyage(
      {
        vessel: { ...cnOperated, netTonnage: 10000 },
        portCalls: [portCall('MXZLO', '2025-11-01T08:00:00-06:00'), portCall('USLAX', '2025-11-04T06:00:00-08:00')],
        priorCharges: ['2025-10-14', '2025-10-18', '2025-10-22', '2025-10-26', '2025-10-30'].map((date) => ({
          regime: 'us-301',
          date,
        })),
        options: { tariffVersions: { 'us-301': 'us-301/2025-10-10' } },
      },
      'us-301',
    );
    expect(voyage).toMatchObject({
      outcome: 'capped',
      fee: { amount: '0.00' },
      cap: { year: '2025', count: 5, limit: 5 },
    });
    expect(voyage.cap?.counted.map((c) => c.source)).toEqual(['request', 'request', 'request', 'request', 'request']);
  });

  it('the cap also counts charged rotations earlier in the same quote', () => {
    // six rotations 2025-10-15 … 2025-10-30 (all before the suspension): five charged, the sixth capped
    const portCalls = [15, 18, 21, 24, 27, 30].flatMap((day) => [
      portCall('MXZLO', `2025-10-${String(day - 1).padStart(2, '0')}T08:00:00-06:00`),
      portCall('USLAX', `2025-10-${day}T06:00:00-07:00`),
    ]);
    const voyages = voyagesOf({ vessel: { ...cnOperated, netTonnage: 10000 }, portCalls }, 'us-301');
    expect(voyages.map((v) => v.outcome)).toEqual(['charged', 'charged', 'charged', 'charged', 'charged', 'capped']);
    expect(voyages.map((v) => v.cap?.count)).toEqual([1, 2, 3, 4, 5, 5]);
  });
});

describe('docs/rules.md, Worked checks: China special port fees', () => {
  it('same vessel, Shanghai → Ningbo → Qingdao: charged at Shanghai only', () => {
    const voyages = voyagesOf(
      {
        vessel: usFlag,
        portCalls: [
          portCall('CNSHA', '2025-10-14T18:00:00+08:00'),
          portCall('CNNGB', '2025-10-16T18:00:00+08:00'),
          portCall('CNTAO', '2025-10-19T18:00:00+08:00'),
        ],
      },
      'cn-spf',
    );
    expect(voyages).toHaveLength(1);
    expect(voyages[0]).toMatchObject({
      calls: ['CNSHA', 'CNNGB', 'CNTAO'],
      chargedAt: 'CNSHA',
      fee: { amount: '12089600.00' },
    });
  });

  it('Hong Kong is outside the regime: Shanghai → Hong Kong → Shenzhen is two voyages', () => {
    const voyages = voyagesOf(
      {
        vessel: usFlag,
        portCalls: [
          portCall('CNSHA', '2025-10-14T18:00:00+08:00'),
          portCall('HKHKG', '2025-10-16T18:00:00+08:00'),
          portCall('CNSZX', '2025-10-17T18:00:00+08:00'),
        ],
      },
      'cn-spf',
    );
    expect(voyages.map((v) => v.chargedAt)).toEqual(['CNSHA', 'CNSZX']);
  });

  const usOwnedChinaBuilt = vessel({
    buildCountry: 'CN',
    owner: { country: 'US' },
    operator: { country: 'US' },
    netTonnage: 20000,
  });
  const calls = [portCall('KRPUS', '2025-10-13T06:00:00+09:00'), portCall('CNSHA', '2025-10-20T18:00:00+08:00')];

  it('US-owned, China-built: exempt china-built under cn-spf/2025-10-14', () => {
    const voyage = onlyVoyage(
      { vessel: usOwnedChinaBuilt, portCalls: calls, options: { tariffVersions: { 'cn-spf': 'cn-spf/2025-10-14' } } },
      'cn-spf',
    );
    expect(voyage.outcome).toBe('exempt');
    expect(applying(voyage)).toEqual(['china-built']);
  });

  it('US-owned, China-built: charged under cn-spf/2025-10-10 (20,000 × 400 = 8,000,000.00 CNY)', () => {
    const voyage = onlyVoyage(
      { vessel: usOwnedChinaBuilt, portCalls: calls, options: { tariffVersions: { 'cn-spf': 'cn-spf/2025-10-10' } } },
      'cn-spf',
    );
    expect(voyage).toMatchObject({ outcome: 'charged', exemptions: [], fee: { amount: '8000000.00' } });
  });

  it('US-linked vessel, empty, repair-only call: exempt repair-only', () => {
    const voyage = onlyVoyage(
      {
        vessel: vessel({ flag: 'US', owner: { country: 'US' }, netTonnage: 20000 }),
        portCalls: [
          portCall('SGSIN', '2025-10-15T06:00:00+08:00'),
          portCall('CNZOS', '2025-10-21T09:00:00+08:00', { cargo: 'empty', purpose: 'repair' }),
        ],
      },
      'cn-spf',
    );
    expect(applying(voyage)).toEqual(['repair-only']);
    expect(voyage.fee.amount).toBe('0.00');
  });

  it('an empty call for bunkers is not repair-only: charged', () => {
    const voyage = onlyVoyage(
      {
        vessel: vessel({ flag: 'US', owner: { country: 'US' }, netTonnage: 20000 }),
        portCalls: [portCall('CNZOS', '2025-10-21T09:00:00+08:00', { cargo: 'empty', purpose: 'bunkers' })],
      },
      'cn-spf',
    );
    expect(voyage.outcome).toBe('charged');
  });

  it('NT 30,000.4 at a Chinese port at 400 CNY: 30,001 NT, 12,000,400.00 CNY', () => {
    // ceil(30,000.4) = 30,001; 30,001 × 400 = 12,000,400.00
    const voyage = onlyVoyage(
      {
        vessel: vessel({ flag: 'US', netTonnage: 30000.4 }),
        portCalls: [portCall('CNSHA', '2025-10-21T09:00:00+08:00')],
      },
      'cn-spf',
    );
    expect(voyage.basis).toEqual([{ quantity: '30001', unit: 'net-ton', rate: '400', amount: '12000400.00' }]);
  });

  it('Announcement No. 54 rounds up too (item 1, erratum 2026-12-01): 30,000.4 → 30,001 × 400 = 12,000,400.00 CNY', () => {
    const voyage = onlyVoyage(
      {
        vessel: vessel({ flag: 'US', netTonnage: 30000.4 }),
        portCalls: [portCall('CNSHA', '2025-10-21T09:00:00+08:00')],
        options: { tariffVersions: { 'cn-spf': 'cn-spf/2025-10-10' } },
      },
      'cn-spf',
    );
    expect(voyage.fee.amount).toBe('12000400.00');
    expect(voyage.basis[0]).toMatchObject({ quantity: '30001', rate: '400' });
  });
});

describe('docs/rules.md, Worked checks: after the suspension year', () => {
  const input = { vessel: cnOperated, portCalls: [portCall('USLAX', '2026-12-01T06:00:00-08:00')] };

  it('Annex I, 60,000 NT, 2026-12-01: unconfirmed; resumed 4,800,000.00 USD, extended 0', () => {
    // 2026-04-17 step: 60,000 × 80 = 4,800,000.00 under `resumed` (the default)
    const voyage = onlyVoyage(input, 'us-301');
    expect(voyage).toMatchObject({ outcome: 'charged', certainty: 'unconfirmed', fee: { amount: '4800000.00' } });
    expect(voyage.alternatives).toEqual([
      { assumption: 'us-301.after-suspension', value: 'extended', amount: '0.00', outcome: 'suspended' },
    ]);
  });

  it('with the `extended` assumption the same voyage is suspended, and `resumed` is its alternative', () => {
    const voyage = onlyVoyage(
      { ...input, options: { assumptions: { 'us-301.after-suspension': 'extended' } } },
      'us-301',
    );
    expect(voyage).toMatchObject({ outcome: 'suspended', certainty: 'unconfirmed', fee: { amount: '0.00' } });
    expect(voyage.alternatives).toEqual([
      { assumption: 'us-301.after-suspension', value: 'resumed', amount: '4800000.00', outcome: 'charged' },
    ]);
  });

  it('a US-flag ship at Shanghai on 2026-12-01 is unconfirmed at 640 CNY/NT (30,224 × 640 = 19,343,360.00)', () => {
    const voyage = onlyVoyage(
      { vessel: usFlag, portCalls: [portCall('CNSHA', '2026-12-01T08:00:00+08:00')] },
      'cn-spf',
    );
    expect(voyage).toMatchObject({ certainty: 'unconfirmed', fee: { amount: '19343360.00' } });
    expect(voyage.alternatives[0]).toMatchObject({ value: 'extended', amount: '0.00' });
  });
});
