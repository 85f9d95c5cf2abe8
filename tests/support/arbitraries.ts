/** fast-check generators of valid quote requests: vessels, stakes, rotations across US, CN, HK and other ports, 2025–2029. */
import fc from 'fast-check';
import type { PortCallInput, QuoteInput } from '../../src/engine/types';
import { VESSEL_TYPES } from '../../src/tariffs/schema';

const COUNTRIES = ['US', 'CN', 'HK', 'MO', 'TW', 'PA', 'GR', 'KR', 'JP', 'LR', 'MH', 'SG', 'DK'] as const;
const PORTS = [
  'USLAX',
  'USOAK',
  'USNYC',
  'USHOU',
  'USSAV',
  'PRSJU',
  'CNSHA',
  'CNNGB',
  'CNQIN',
  'CNYTN',
  'HKHKG',
  'MOMFM',
  'SGSIN',
  'MXZLO',
  'KRPUS',
  'JPTYO',
  'CAVAN',
  'NLRTM',
] as const;
const START = Date.UTC(2025, 0, 1);
const END = Date.UTC(2029, 11, 31);

/** IMO numbers with a valid check digit. */
export const imo = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }).map((digits) => {
  const first = [Math.max(1, digits[0]!), ...digits.slice(1)];
  const check = first.reduce((sum, d, i) => sum + d * (7 - i), 0) % 10;
  return `${first.join('')}${check}`;
});

const stakes = fc
  .array(
    fc.record({
      country: fc.constantFrom(...COUNTRIES),
      equity: fc.integer({ min: 0, max: 40 }),
      voting: fc.integer({ min: 0, max: 40 }),
      board: fc.integer({ min: 0, max: 40 }),
    }),
    { maxLength: 2 },
  )
  .filter((list) => (['equity', 'voting', 'board'] as const).every((m) => list.reduce((s, x) => s + x[m], 0) <= 100));

const party = fc.record({ country: fc.constantFrom(...COUNTRIES), stakes }, { requiredKeys: ['country'] });

export const vessel = fc.record(
  {
    imo,
    type: fc.constantFrom(...VESSEL_TYPES),
    flag: fc.constantFrom(...COUNTRIES),
    buildCountry: fc.constantFrom(...COUNTRIES),
    netTonnage: fc
      .integer({ min: 100, max: 250_000 })
      .chain((whole) => fc.constantFrom(whole, whole + 0.4, whole + 0.75)),
    deadweight: fc.integer({ min: 1_000, max: 400_000 }),
    teuCapacity: fc.integer({ min: 100, max: 24_000 }),
    ceuCapacity: fc.integer({ min: 500, max: 9_000 }),
    owner: party,
    operator: party,
    programs: fc.subarray(['MSP', 'TSP', 'CSP', 'VISA'] as const),
    usGovernment: fc.boolean(),
  },
  { requiredKeys: ['imo', 'type', 'flag', 'buildCountry', 'netTonnage', 'owner', 'operator', 'ceuCapacity'] },
);

const pad = (n: number) => String(n).padStart(2, '0');
const isoZ = (millis: number) => `${new Date(millis).toISOString().slice(0, 19)}Z`;

export const portCalls = fc
  .record({
    start: fc.integer({ min: START, max: END }),
    legs: fc.array(
      fc.record({
        port: fc.constantFrom(...PORTS),
        gapHours: fc.integer({ min: 1, max: 24 * 20 }),
        cargo: fc.constantFrom('laden', 'ballast', 'empty'),
        purpose: fc.constantFrom('cargo', 'cargo', 'repair', 'bunkers'),
        containersDischarged: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined }),
        distanceNm: fc.option(fc.integer({ min: 50, max: 12000 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map(({ start, legs }): PortCallInput[] => {
    let at = start;
    return legs.map((leg) => {
      at += leg.gapHours * 3_600_000;
      const call: PortCallInput = {
        port: leg.port,
        arrival: isoZ(at),
        cargo: leg.cargo as PortCallInput['cargo'],
        purpose: leg.purpose as PortCallInput['purpose'],
      };
      if (leg.containersDischarged !== undefined) call.containersDischarged = leg.containersDischarged;
      if (leg.distanceNm !== undefined) call.distanceNm = leg.distanceNm;
      return call;
    });
  });

const dateIn = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((m) => {
    const d = new Date(m);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  });

export const priorCharges = fc.array(
  fc.record({ regime: fc.constantFrom('us-301', 'cn-spf'), date: dateIn(START, END) }),
  { maxLength: 6 },
);

export const options = fc.record(
  {
    asOf: dateIn(Date.UTC(2025, 3, 17), Date.UTC(2027, 0, 1)),
    assumptions: fc.record(
      {
        'us-301.cap-year': fc.constantFrom('calendar', 'april-17'),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

export const quoteRequest: fc.Arbitrary<QuoteInput> = fc.record(
  { vessel, portCalls, priorCharges, options },
  { requiredKeys: ['vessel', 'portCalls'] },
);
