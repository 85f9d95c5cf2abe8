/**
 * The short-sea exemption (Annex II, under 2,000 nm from the farthest foreign
 * port) measured by sea route, never across land (docs/tariffs.md,
 * "Sea-route distances").
 */
import { describe, expect, it } from 'vitest';
import type { VesselInput } from '../../src/engine/types';
import { applying, english, englishLine, onlyVoyage, portCall, quoteOf, vessel } from '../support/requests';

const inForce = '2025-10-20T06:00:00-05:00';
/** China-built, non-Chinese operator, 50,000 NT, 8,000 TEU: Annex II at 18 USD/NT = 900,000.00 USD. */
const chinaBuilt = (overrides: Partial<VesselInput> = {}) =>
  vessel({ buildCountry: 'CN', netTonnage: 50000, teuCapacity: 8000, ...overrides });
const fromTo = (foreign: string, arrivalAbroad: string, us: string, extra = {}) =>
  onlyVoyage(
    { vessel: chinaBuilt(), portCalls: [portCall(foreign, arrivalAbroad), portCall(us, inForce, extra)] },
    'us-301',
  );
const shortSea = (voyage: ReturnType<typeof fromTo>) => voyage.exemptions.find((e) => e.id === 'short-sea')!;

describe('short-sea by sea route', () => {
  it('Manzanillo (MX) → Houston is about 3,300 nm through Panama: charged 50,000 × 18 = 900,000.00 USD', () => {
    const voyage = fromTo('MXZLO', '2025-10-10T08:00:00-06:00', 'USHOU');
    expect(voyage).toMatchObject({
      outcome: 'charged',
      rule: 'annex-ii',
      fee: { amount: '900000.00', currency: 'USD' },
    });
    expect(shortSea(voyage)).toMatchObject({ applies: false });
    expect(englishLine(shortSea(voyage).reason)).toMatch(
      /MXZLO is about 3,3\d\d nm by sea route \(Eurostat SeaRoute network\)/,
    );
  });

  it('Halifax → Houston rounds Florida (about 2,300 nm): charged, not exempt', () => {
    const voyage = fromTo('CAHAL', '2025-10-12T08:00:00-03:00', 'USHOU');
    expect(voyage.outcome).toBe('charged');
    expect(englishLine(shortSea(voyage).reason)).toMatch(/about 2,[2-4]\d\d nm by sea route/);
  });

  it('Manzanillo (MX) → Long Beach is about 1,200 nm: exempt short-sea, the reason naming the method', () => {
    const voyage = fromTo('MXZLO', '2025-10-15T08:00:00-06:00', 'USLGB');
    expect(applying(voyage)).toEqual(['short-sea']);
    expect(englishLine(shortSea(voyage).reason)).toContain('by sea route (Eurostat SeaRoute network)');
  });

  it('the note says the distance was estimated and how', () => {
    const result = quoteOf({
      vessel: chinaBuilt(),
      portCalls: [portCall('MXZLO', '2025-10-10T08:00:00-06:00'), portCall('USHOU', inForce)],
    });
    expect(english(result.notes)).toContain(
      'Distance from MXZLO to USHOU estimated by sea route (Eurostat SeaRoute network); give distanceNm to replace the estimate.',
    );
  });

  it('a port off the network (the Great Lakes) falls back to great circle, and says it may cross land', () => {
    const voyage = fromTo('CAMTR', '2025-10-12T08:00:00-04:00', 'USCHI');
    expect(englishLine(shortSea(voyage).reason)).toContain(
      'by great circle (not on the sea-route network: the line may cross land)',
    );
  });

  it("the caller's distanceNm wins over the sea-route estimate", () => {
    const voyage = fromTo('MXZLO', '2025-10-10T08:00:00-06:00', 'USHOU', { distanceNm: 1500 });
    expect(applying(voyage)).toEqual(['short-sea']);
    expect(englishLine(shortSea(voyage).reason)).toContain('sea distance given: 1,500 nm');
  });
});

describe('an estimated distance near the 2,000 nm limit', () => {
  it('Balboa → New York, about 2,030 nm by sea (within 10%): charged 900,000.00 USD, estimated, exempt 0.00 as the alternative', () => {
    const voyage = fromTo('PABLB', '2025-10-13T08:00:00-05:00', 'USNYC');
    expect(voyage).toMatchObject({ outcome: 'charged', fee: { amount: '900000.00' }, certainty: 'estimated' });
    expect(voyage.alternatives).toEqual([
      { assumption: 'distance', value: 'other-side-of-limit', amount: '0.00', outcome: 'exempt' },
    ]);
    expect(englishLine(shortSea(voyage).reason)).toMatch(
      /PABLB is about 2,0\d\d nm by sea route .*within 10% of the limit/,
    );
    expect(english(voyage.explanation).join('\n')).toContain('Give portCalls[].distanceNm to settle it.');
  });

  it("the caller's distanceNm is not an estimate: the same voyage with distanceNm 2,030 is confirmed", () => {
    const voyage = fromTo('PABLB', '2025-10-13T08:00:00-05:00', 'USNYC', { distanceNm: 2030 });
    expect(voyage).toMatchObject({ outcome: 'charged', certainty: 'confirmed', alternatives: [] });
  });

  it('an estimate far from the limit decides alone: Manzanillo (MX) → Houston stays confirmed', () => {
    const voyage = fromTo('MXZLO', '2025-10-10T08:00:00-06:00', 'USHOU');
    expect(voyage).toMatchObject({ outcome: 'charged', certainty: 'confirmed', alternatives: [] });
  });
});
