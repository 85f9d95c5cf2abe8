// The widget's pure parts (no DOM): its vocabulary matches the API schema,
// request paths, number formatting and port-local arrival times; a voyage's
// headline, the CSV and curl of one quote.
import { describe, expect, it } from 'vitest';
import { CALL_PURPOSES, CARGO_STATES, PROGRAMS, VESSEL_TYPES } from '../../src/tariffs/schema';
import { curlCommand, quoteCsv } from '../../src/widget/export';
import { formatAmount, localArrival } from '../../src/widget/format';
import { getPath, pathAncestors, pathSegments, setPath } from '../../src/widget/paths';
import { headline, type QuoteResult, type VoyageResult, voyageRange } from '../../src/widget/quote';
import * as vocabulary from '../../src/widget/vocabulary';

describe('widget vocabulary', () => {
  it('offers exactly the values the API accepts', () => {
    const values = (list: ReadonlyArray<readonly [string, string]>) => list.map(([value]) => value);
    expect(values(vocabulary.VESSEL_TYPES)).toEqual([...VESSEL_TYPES]);
    expect(values(vocabulary.PROGRAMS)).toEqual([...PROGRAMS]);
    expect(values(vocabulary.CARGO_STATES)).toEqual([...CARGO_STATES]);
    expect(values(vocabulary.CALL_PURPOSES)).toEqual([...CALL_PURPOSES]);
  });
});

describe('request paths', () => {
  it('reads and writes the paths the API names in its problems', () => {
    expect(pathSegments('vessel.owner.stakes[0].equity')).toEqual(['vessel', 'owner', 'stakes', 0, 'equity']);
    const request: Record<string, unknown> = {};
    setPath(request, 'portCalls[1].port', 'USLAX');
    setPath(request, 'vessel.owner.country', 'GR');
    expect(request).toEqual({ portCalls: [undefined, { port: 'USLAX' }], vessel: { owner: { country: 'GR' } } });
    expect(getPath(request, 'portCalls[1].port')).toBe('USLAX');
    expect(getPath(request, 'portCalls[0].port')).toBeUndefined();
    expect(pathAncestors('portCalls[2].arrival')).toEqual(['portCalls[2].arrival', 'portCalls[2]', 'portCalls']);
  });
});

describe('formatting', () => {
  it('formats decimal strings exactly, in the locale', () => {
    expect(formatAmount('3000000.00', 'en')).toBe('3,000,000.00');
    expect(formatAmount('3000000.00', 'de')).toBe('3.000.000,00');
    // Beyond a float's 15–17 digits: still exact.
    expect(formatAmount('12345678901234567.89', 'en')).toBe('12,345,678,901,234,567.89');
  });

  it('writes a port-local time with the offset of that zone on that day', () => {
    expect(localArrival('2025-10-20', '06:00', 'America/Los_Angeles')).toBe('2025-10-20T06:00:00-07:00'); // PDT
    expect(localArrival('2025-12-01', '06:00', 'America/Los_Angeles')).toBe('2025-12-01T06:00:00-08:00'); // PST
    expect(localArrival('2025-10-14', '18:00', 'Asia/Shanghai')).toBe('2025-10-14T18:00:00+08:00');
    expect(localArrival('2025-07-01', '09:30', 'Asia/Kolkata')).toBe('2025-07-01T09:30:00+05:30');
  });
});

describe('one quote taken elsewhere: the headline, CSV and curl', () => {
  // docs/rules.md, date-only arrivals: 60,000 NT at Los Angeles on 2025-10-13 is 0.00 USD before 21:00 local
  // (fees start 2025-10-14 00:00 ET) and 60,000 × 50 = 3,000,000.00 USD after.
  const voyage: VoyageResult = {
    regime: 'us-301',
    calls: ['USLAX', 'USOAK'],
    chargedAt: null,
    arrival: '2025-10-13T00:00:00-07:00',
    rule: 'annex-i',
    outcome: 'not-in-force',
    certainty: 'time-dependent',
    fee: { amount: '0.00', currency: 'USD' },
    exemptions: [],
    alternatives: [{ assumption: 'arrival-time', value: 'end-of-day', amount: '3000000.00', outcome: 'charged' }],
    explanation: [],
  };
  const quote: QuoteResult = { quoteId: 'q_0', asOf: '2026-12-06', voyages: [voyage], totals: [], notes: [] };

  it('heads a time-dependent voyage with its range, compared as decimals (9.50 < 10.00)', () => {
    expect(voyageRange(voyage)).toEqual({ low: '0.00', high: '3000000.00' });
    expect(headline(voyage, 'en')).toBe('0.00 – 3,000,000.00 USD');
    expect(headline({ ...voyage, certainty: 'unconfirmed' }, 'en')).toBe('0.00 USD');
    const small = {
      ...voyage,
      fee: { amount: '10.00', currency: 'USD' },
      alternatives: [{ ...voyage.alternatives![0]!, amount: '9.50' }],
    };
    expect(voyageRange(small)).toEqual({ low: '9.50', high: '10.00' });
  });

  it('writes one CSV row per voyage, the port falling back to the first call, cells quoted when they must be', () => {
    expect(quoteCsv(quote)).toBe(
      'regime,port,arrival,rule,outcome,certainty,amount,currency,low,high\r\n' +
        'us-301,USLAX,2025-10-13T00:00:00-07:00,annex-i,not-in-force,time-dependent,0.00,USD,0.00,3000000.00\r\n',
    );
    expect(quoteCsv({ ...quote, voyages: [{ ...voyage, rule: 'a,"b"' }] })).toContain(',"a,""b""",');
  });

  it('writes the request as a curl command, a single quote in a name escaped for the shell', () => {
    expect(curlCommand('https://portfees.example.com', { vessel: { name: "O'HARA" } })).toBe(
      "curl -X POST 'https://portfees.example.com/v1/quotes' \\\n" +
        "  -H 'content-type: application/json' \\\n" +
        `  --data-raw '{"vessel":{"name":"O'\\''HARA"}}'`,
    );
  });
});
