/**
 * The rule families one by one: annex precedence and the 25% tests,
 * exemptions, remission, explanation and notes.
 */
import { describe, expect, it } from 'vitest';
import type { QuoteInput, VesselInput } from '../../src/engine/types';
import { applying, english, englishLine, onlyVoyage, portCall, quoteOf, vessel } from '../support/requests';

const inForce = '2025-10-20T06:00:00-07:00';
const usVoyage = (v: VesselInput, extra: Partial<QuoteInput> = {}) =>
  onlyVoyage(
    { vessel: v, portCalls: [portCall('CNSHA', '2025-09-25T08:00:00+08:00'), portCall('USLAX', inForce)], ...extra },
    'us-301',
  );

describe('coverage: "of China" and the 25% tests', () => {
  it('HK and MO owners are of China; TW is not', () => {
    expect(usVoyage(vessel({ owner: { country: 'HK' } })).rule).toBe('annex-i');
    expect(usVoyage(vessel({ operator: { country: 'MO' } })).rule).toBe('annex-i');
    expect(usVoyage(vessel({ owner: { country: 'TW' } })).outcome).toBe('not-covered');
  });

  it('persons of China holding exactly 25% of any one measure make the owner Chinese; 24.9% does not', () => {
    const held = (stake: Record<string, number>) =>
      usVoyage(vessel({ owner: { country: 'SG', stakes: [{ country: 'CN', ...stake }] } }));
    expect(held({ equity: 25 }).rule).toBe('annex-i');
    expect(held({ voting: 25 }).rule).toBe('annex-i');
    expect(held({ board: 25 }).rule).toBe('annex-i');
    expect(held({ equity: 24.9, voting: 24.9, board: 24.9 }).outcome).toBe('not-covered');
  });

  it('stakes of CN, HK and MO persons add up: 10 + 10 + 5 = 25%', () => {
    const owner = {
      country: 'SG',
      stakes: [
        { country: 'CN', equity: 10 },
        { country: 'HK', equity: 10 },
        { country: 'MO', equity: 5 },
      ],
    };
    expect(usVoyage(vessel({ owner })).rule).toBe('annex-i');
  });

  it('decimal stakes are added exactly: 12.1 + 12.9 = 25.0 reaches the threshold', () => {
    const owner = {
      country: 'SG',
      stakes: [
        { country: 'CN', equity: 12.1 },
        { country: 'HK', equity: 12.9 },
      ],
    };
    expect(usVoyage(vessel({ owner })).rule).toBe('annex-i');
  });

  it('China: a US person with 25% of the operator’s voting rights makes the vessel US-linked', () => {
    const v = vessel({ operator: { country: 'GR', stakes: [{ country: 'US', voting: 25 }] }, netTonnage: 1000 });
    const voyage = onlyVoyage({ vessel: v, portCalls: [portCall('CNSHA', '2025-10-20T08:00:00+08:00')] }, 'cn-spf');
    expect(voyage).toMatchObject({ outcome: 'charged', fee: { amount: '400000.00' } });
  });

  it('Annex III takes precedence over Annex I; a US-built car carrier is not covered by it', () => {
    const pctc = { type: 'vehicle_carrier' as const, teuCapacity: undefined, netTonnage: 20000 };
    expect(usVoyage(vessel({ ...pctc, buildCountry: 'CN', operator: { country: 'CN' } })).rule).toBe('annex-iii');
    expect(usVoyage(vessel({ ...pctc, buildCountry: 'US' })).outcome).toBe('not-covered');
  });

  it('RoRo vessels fall under Annex III from the 2025-10-10 modification, not under the April notice', () => {
    const roro = vessel({ type: 'roro', buildCountry: 'KR', teuCapacity: undefined, netTonnage: 20000 });
    expect(usVoyage(roro).rule).toBe('annex-iii');
    expect(usVoyage(roro, { options: { tariffVersions: { 'us-301': 'us-301/2025-04-17' } } }).outcome).toBe(
      'not-covered',
    );
  });
});

describe('Annex II exemptions', () => {
  const chinaBuilt = (overrides: Partial<VesselInput> = {}) =>
    vessel({ buildCountry: 'CN', netTonnage: 50000, ...overrides });

  it('every exemption is listed with applies and a reason, in the tariff order', () => {
    const voyage = usVoyage(chinaBuilt());
    expect(voyage.exemptions.map((e) => e.id)).toEqual([
      'ballast',
      'small-vessel',
      'short-sea',
      'us-owned',
      'us-program',
      'chemical-tanker',
      'us-government-cargo',
    ]);
    expect(voyage.exemptions.every((e) => !e.applies && englishLine(e.reason).length > 0)).toBe(true);
  });

  it('small-vessel thresholds: bulk 80,000 DWT, others 55,000 DWT', () => {
    const bulk = (dwt: number) =>
      applying(usVoyage(chinaBuilt({ type: 'dry_bulk', teuCapacity: undefined, deadweight: dwt })));
    expect(bulk(80000)).toEqual(['small-vessel']);
    expect(bulk(80001)).toEqual([]);
    const general = (dwt: number) =>
      applying(usVoyage(chinaBuilt({ type: 'general_cargo', teuCapacity: undefined, deadweight: dwt })));
    expect(general(55000)).toEqual(['small-vessel']);
    expect(general(55001)).toEqual([]);
  });

  it('tankers: 80,000 DWT by default (liquid bulk), 55,000 DWT under general-55k; 55,000 before the modification', () => {
    const tanker = chinaBuilt({ type: 'tanker', teuCapacity: undefined, deadweight: 70000 });
    expect(applying(usVoyage(tanker))).toEqual(['small-vessel']);
    expect(
      applying(usVoyage(tanker, { options: { assumptions: { 'us-301.tanker-threshold': 'general-55k' } } })),
    ).toEqual([]);
    expect(applying(usVoyage(tanker, { options: { tariffVersions: { 'us-301': 'us-301/2025-04-17' } } }))).toEqual([]);
  });

  it('without the capacity figure the small-vessel test is not evaluated, and says so', () => {
    const voyage = usVoyage(chinaBuilt({ teuCapacity: undefined }));
    const smallVessel = voyage.exemptions.find((e) => e.id === 'small-vessel')!;
    expect(smallVessel.applies).toBe(false);
    expect(englishLine(smallVessel.reason)).toContain('vessel.teuCapacity');
  });

  it('short-sea: farthest foreign port of the voyage; a Mexican last call does not exempt a trans-Pacific voyage', () => {
    const calls = [
      portCall('CNSHA', '2025-09-25T08:00:00+08:00'),
      portCall('MXZLO', '2025-10-15T08:00:00-06:00'),
      portCall('USLAX', inForce),
    ];
    const farthest = onlyVoyage({ vessel: chinaBuilt(), portCalls: calls }, 'us-301');
    const shortSea = farthest.exemptions.find((e) => e.id === 'short-sea')!;
    expect(shortSea.applies).toBe(false);
    expect(englishLine(shortSea.reason)).toContain('CNSHA');
    // the April notice read the last foreign port: Manzanillo → Los Angeles is about 1,150 nm
    const last = onlyVoyage(
      { vessel: chinaBuilt(), portCalls: calls, options: { tariffVersions: { 'us-301': 'us-301/2025-04-17' } } },
      'us-301',
    );
    expect(applying(last)).toEqual(['short-sea']);
  });

  it('short-sea: a given distanceNm wins over the estimate; 1,999 nm exempts, 2,000 nm does not', () => {
    const at = (distanceNm: number) =>
      applying(
        onlyVoyage(
          {
            vessel: chinaBuilt(),
            portCalls: [portCall('CNSHA', '2025-09-25T08:00:00+08:00'), portCall('USLAX', inForce, { distanceNm })],
          },
          'us-301',
        ),
      );
    expect(at(1999)).toEqual(['short-sea']);
    expect(at(2000)).toEqual([]);
  });

  it('short-sea is not evaluated without a foreign call or a distance, and a note says so', () => {
    const result = quoteOf({ vessel: chinaBuilt(), portCalls: [portCall('USLAX', inForce)] });
    expect(englishLine(result.voyages[0]!.exemptions.find((e) => e.id === 'short-sea')!.reason)).toMatch(
      /not evaluated/,
    );
    expect(english(result.notes).some((n) => n.includes('short-sea') && n.includes('not evaluated'))).toBe(true);
  });

  it('us-owned: 75% US beneficial ownership exempts; 74% does not', () => {
    expect(
      applying(usVoyage(chinaBuilt({ owner: { country: 'GR', stakes: [{ country: 'US', equity: 75 }] } }))),
    ).toEqual(['us-owned']);
    expect(
      applying(usVoyage(chinaBuilt({ owner: { country: 'GR', stakes: [{ country: 'US', equity: 74 }] } }))),
    ).toEqual([]);
  });

  it('programmes, chemical tankers and US government cargo', () => {
    expect(applying(usVoyage(chinaBuilt({ programs: ['VISA'] })))).toEqual(['us-program']);
    expect(
      applying(usVoyage(chinaBuilt({ type: 'chemical_tanker', teuCapacity: undefined, deadweight: 100000 }))),
    ).toEqual(['chemical-tanker']);
    const cargo = onlyVoyage(
      {
        vessel: chinaBuilt(),
        portCalls: [
          portCall('CNSHA', '2025-09-25T08:00:00+08:00'),
          portCall('USLAX', inForce),
          portCall('USOAK', '2025-10-22', { usGovernmentCargo: true }),
        ],
      },
      'us-301',
    );
    expect(applying(cargo)).toEqual(['us-government-cargo']);
  });

  it('Annex I has no exemption: a Chinese-operated 4,000 TEU ship in ballast pays', () => {
    const voyage = onlyVoyage(
      {
        vessel: vessel({ operator: { country: 'CN' }, teuCapacity: 4000, netTonnage: 1000 }),
        portCalls: [portCall('USLAX', inForce, { cargo: 'ballast' })],
      },
      'us-301',
    );
    expect(voyage).toMatchObject({ rule: 'annex-i', exemptions: [], outcome: 'charged', fee: { amount: '50000.00' } });
  });

  it('Annex III exemptions: MSP only (not VISA), US government vessels and cargo', () => {
    const pctc = (extra: Partial<VesselInput>) =>
      usVoyage(
        vessel({ type: 'vehicle_carrier', buildCountry: 'JP', teuCapacity: undefined, netTonnage: 20000, ...extra }),
      );
    expect(applying(pctc({ programs: ['MSP'] }))).toEqual(['us-program']);
    expect(applying(pctc({ programs: ['VISA'] }))).toEqual([]);
    expect(applying(pctc({ usGovernment: true }))).toEqual(['us-government']);
  });
});

describe('remission for a US-built order', () => {
  const chinaBuilt = (order: VesselInput['usBuiltOrder']) =>
    vessel({ buildCountry: 'CN', netTonnage: 50000, usBuiltOrder: order });

  it('remitted within 3 years of the order, delivery pending, equal or greater net tonnage', () => {
    const voyage = usVoyage(chinaBuilt({ orderedOn: '2025-06-01', deliveredOn: null, netTonnage: 50000 }));
    expect(voyage).toMatchObject({ outcome: 'remitted', fee: { amount: '0.00' } });
  });

  it('not remitted for a smaller ordered vessel, an arrival before the order, or a late delivery', () => {
    expect(usVoyage(chinaBuilt({ orderedOn: '2025-06-01', netTonnage: 49999 })).outcome).toBe('charged');
    expect(usVoyage(chinaBuilt({ orderedOn: '2025-10-21', netTonnage: 60000 })).outcome).toBe('charged');
    expect(
      usVoyage(chinaBuilt({ orderedOn: '2025-06-01', deliveredOn: '2028-06-01', netTonnage: 60000 })).outcome,
    ).toBe('charged');
  });

  it('Annex III remission needs a US-built vehicle carrier on order', () => {
    const pctc = (vesselType?: 'vehicle_carrier' | 'container') =>
      usVoyage(
        vessel({
          type: 'vehicle_carrier',
          buildCountry: 'JP',
          teuCapacity: undefined,
          netTonnage: 20000,
          usBuiltOrder: { orderedOn: '2025-06-01', netTonnage: 20000, vesselType },
        }),
      );
    expect(pctc('vehicle_carrier').outcome).toBe('remitted');
    expect(pctc('container').outcome).toBe('charged');
  });
});

describe('explanations, citations and notes', () => {
  it('each voyage explains its steps and cites its legal sources', () => {
    const voyage = usVoyage(vessel({ operator: { country: 'CN' } }));
    const text = english(voyage.explanation).join('\n');
    expect(text).toContain('charging point is the first port, USLAX');
    expect(text).toContain('60,000 net-ton × 50 = 3,000,000.00 USD');
    expect(voyage.citations.length).toBeGreaterThan(0);
    expect(voyage.citations.every((c) => c.url.startsWith('http'))).toBe(true);
  });

  it('vehicle carriers arriving before 2025-12-11 get the payment deferral note; the amount is unchanged', () => {
    const result = quoteOf({
      vessel: vessel({ type: 'vehicle_carrier', buildCountry: 'JP', teuCapacity: undefined, netTonnage: 20000 }),
      portCalls: [portCall('USBAL', '2025-10-20T06:00:00-04:00')],
    });
    expect(english(result.notes).some((n) => n.includes('defer'))).toBe(true);
    expect(result.voyages[0]!.fee.amount).toBe('920000.00');
  });

  it('the same input gives the same quoteId; another knowledge date gives another', () => {
    const input: QuoteInput = {
      vessel: vessel({ operator: { country: 'CN' } }),
      portCalls: [portCall('USLAX', inForce)],
    };
    expect(quoteOf(input).quoteId).toBe(quoteOf(input).quoteId);
    expect(quoteOf(input).quoteId).toMatch(/^q_[0-9a-f]{24}$/);
    expect(quoteOf({ ...input, options: { asOf: '2025-10-20' } }).quoteId).not.toBe(quoteOf(input).quoteId);
  });

  it('totals per currency and a converted total with an FX rate', () => {
    // US: 1,000 × 50 = 50,000 USD; China: 1,000 × 400 = 400,000 CNY = 400,000 / 8 = 50,000 USD
    const both = vessel({ flag: 'US', operator: { country: 'CN' }, netTonnage: 1000 });
    const result = quoteOf({
      vessel: both,
      portCalls: [portCall('CNSHA', '2025-10-15T08:00:00+08:00'), portCall('USLAX', inForce)],
      options: { fx: { 'USD/CNY': '8' } },
    });
    expect(result.totals).toEqual([
      { currency: 'CNY', amount: '400000.00' },
      { currency: 'USD', amount: '50000.00' },
    ]);
    expect(result.converted).toEqual({ currency: 'USD', amount: '100000.00', rates: { 'USD/CNY': '8' } });
  });
});

describe('ports outside the bundled table', () => {
  it('are refused, naming the call and the nearest known codes', () => {
    const calls = [portCall('CNSHA', '2025-10-01T08:00:00+08:00'), portCall('USLXA', inForce)];
    expect(() => quoteOf({ vessel: vessel({ operator: { country: 'CN' } }), portCalls: calls })).toThrow(
      expect.objectContaining({
        issues: [
          {
            path: 'portCalls[1].port',
            message: expect.stringMatching(/^USLXA is not in the port table; did you mean USLAX\b/),
          },
        ],
      }),
    );
  });
  it('a code with no near neighbour points to the port search', () => {
    expect(() => quoteOf({ vessel: vessel(), portCalls: [portCall('QQQQQ', '2025-10-20')] })).toThrow(
      expect.objectContaining({
        issues: [{ path: 'portCalls[0].port', message: expect.stringContaining('GET /v1/ports?q=') }],
      }),
    );
  });
});

describe('quote ids', () => {
  it('the native SHA-256 the Worker uses gives the same ids as @noble/hashes', async () => {
    const { nativeSha256Hex } = await import('../../src/lib/native-sha256');
    const { sha256Hex } = await import('../../src/lib/sha256');
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'ü漢字'.repeat(300), '\u{1F6A2}'])
      expect(nativeSha256Hex(text)).toBe(sha256Hex(text));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('a voyage quoted again after its fee was paid', () => {
  it('a prior charge at the charging port on the arrival date is the voyage’s own payment, not an earlier one', () => {
    // four earlier charges + this voyage's own payment: still charge 5 of 5, not capped
    const earlier = ['2025-10-14', '2025-10-16', '2025-10-18', '2025-10-19'].map((date) => ({
      regime: 'us-301',
      date,
    }));
    const voyage = onlyVoyage(
      {
        vessel: vessel({ operator: { country: 'CN' }, netTonnage: 1000 }),
        portCalls: [portCall('USLAX', inForce)],
        priorCharges: [...earlier, { regime: 'us-301', date: '2025-10-20', port: 'USLAX' }],
      },
      'us-301',
    );
    expect(voyage).toMatchObject({ outcome: 'charged', cap: { count: 5 } });
    expect(english(voyage.explanation).join(' ')).toContain('Already paid: the prior charge (2025-10-20, USLAX)');
  });
  it('the same date at another port still counts as an earlier charge', () => {
    const voyage = onlyVoyage(
      {
        vessel: vessel({ operator: { country: 'CN' }, netTonnage: 1000 }),
        portCalls: [portCall('USLAX', inForce)],
        priorCharges: [{ regime: 'us-301', date: '2025-10-20', port: 'USSEA' }],
      },
      'us-301',
    );
    expect(voyage.cap).toMatchObject({ count: 2 });
  });
});
