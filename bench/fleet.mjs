// A deterministic synthetic fleet for benchmarks: seeded vessels, each with
// port calls alternating between US and Chinese ports from 2025 into 2027.
// The same seed always gives the same fleet, so figures are comparable.

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid IMO number from a 6-digit stem: the check digit is Σ(digit × 7..2) mod 10. */
export function imoFromStem(stem) {
  const digits = String(stem).padStart(6, '0');
  let total = 0;
  for (let i = 0; i < 6; i++) total += Number(digits[i]) * (7 - i);
  return `${digits}${total % 10}`;
}

const US_PORTS = ['USLAX', 'USLGB', 'USOAK', 'USSEA', 'USHOU', 'USNYC', 'USSAV', 'USBAL'];
const CN_PORTS = ['CNSHA', 'CNNGB', 'CNYTN', 'CNTAO', 'CNTXG', 'CNXMN', 'CNDLC'];
const TYPES = ['container', 'container', 'dry_bulk', 'tanker', 'vehicle_carrier', 'general_cargo'];
const PARTY_COUNTRIES = ['GR', 'CN', 'DK', 'US', 'NO', 'HK', 'JP', 'SG'];
const FLAGS = ['PA', 'LR', 'MH', 'US', 'HK', 'SG', 'MT'];
const YARDS = ['CN', 'CN', 'KR', 'JP', 'US'];
const DAY = 86_400_000;

/**
 * `vessels` vessels with `calls` calls each (US, CN, US, …), first call in 2025,
 * 45–75 days apart. Returns quote requests (without options).
 */
export function generateFleet({ vessels = 2000, calls = 12, seed = 20251014 } = {}) {
  const random = seededRandom(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const start = Date.UTC(2025, 0, 1);
  if (vessels > 900_000)
    throw new RangeError('at most 900,000 vessels: the generator runs out of distinct IMO numbers');
  const fleet = [];
  for (let i = 0; i < vessels; i++) {
    const type = pick(TYPES);
    const netTonnage = Math.round(5000 + random() * 95000);
    const vessel = {
      // Stems 900000–999999 first (the figures of earlier runs), then 100000–899999: 900,000 distinct valid IMOs.
      imo: imoFromStem(i < 100_000 ? 900000 + i : 100000 + (i - 100_000)),
      name: `BENCH ${i + 1}`,
      type,
      flag: pick(FLAGS),
      buildCountry: pick(YARDS),
      netTonnage,
      deadweight: Math.round(netTonnage * (1.6 + random())),
      ...(type === 'container' ? { teuCapacity: Math.round(netTonnage / 7) } : {}),
      ...(type === 'vehicle_carrier' ? { ceuCapacity: Math.round(netTonnage / 6) } : {}),
      owner: { country: pick(PARTY_COUNTRIES) },
      operator: { country: pick(PARTY_COUNTRIES) },
    };
    let at = start + Math.floor(random() * 365) * DAY + Math.floor(random() * 24) * 3_600_000;
    const portCalls = [];
    for (let c = 0; c < calls; c++) {
      portCalls.push({
        port: c % 2 === 0 ? pick(US_PORTS) : pick(CN_PORTS),
        arrival: new Date(at).toISOString().replace('.000Z', 'Z'),
        ...(random() < 0.1 ? { cargo: 'ballast' } : {}),
        ...(type === 'container' && c % 2 === 0 ? { containersDischarged: Math.round(random() * 3000) } : {}),
      });
      at += (45 + Math.floor(random() * 31)) * DAY;
    }
    fleet.push({ vessel, portCalls });
  }
  return fleet;
}

const CSV_COLUMNS = [
  'imo',
  'name',
  'type',
  'flag',
  'buildCountry',
  'netTonnage',
  'deadweight',
  'teuCapacity',
  'ceuCapacity',
  'ownerCountry',
  'operatorCountry',
  'port',
  'arrival',
  'cargo',
  'containersDischarged',
];

/** The fleet as one CSV: a row per call, the vessel columns repeated on every row. */
export function fleetCsv(fleet) {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { vessel, portCalls } of fleet) {
    for (const call of portCalls) {
      const row = {
        ...vessel,
        ownerCountry: vessel.owner.country,
        operatorCountry: vessel.operator.country,
        port: call.port,
        arrival: call.arrival,
        cargo: call.cargo,
        containersDischarged: call.containersDischarged,
      };
      lines.push(CSV_COLUMNS.map((name) => row[name] ?? '').join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
