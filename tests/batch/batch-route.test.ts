import { describe, expect, it } from 'vitest';
import { BATCH_LIMITS } from '../../src/batch/limits';
import type { BatchTotal, VesselResult } from '../../src/batch/run';
import { FLEET_CSV, FLEET_TOTALS } from '../support/fleet';
import { annexIRequest, portCall } from '../support/requests';
import { call, postJson } from '../support/worker';

interface BatchBody {
  results: VesselResult[];
  totals: BatchTotal[];
  errors: Array<{ path: string; message: string; row?: number; column?: string | null; index?: number; file?: string }>;
  summary: { vessels: number; quoted: number; failed: number; calls: number };
}

const post = (path: string, body: BodyInit, headers: Record<string, string>) =>
  call(path, { method: 'POST', body, headers });

/**
 * Three vessels, one call per row (docs/rules.md, Worked checks):
 * - 9310006: operator of China, 60,000 NT; LA → Oakland is one rotation: Annex I 60,000 × 50 = 3,000,000.00 USD at USLAX.
 * - 9321483: US-flag, 30,224 NT; Shanghai → Ningbo is one voyage: 30,224 × 400 = 12,089,600.00 CNY at CNSHA.
 * - 9074729: China-built bulker whose second row (line 8) has an unreadable arrival.
 */
const FLEET_URL = '/v1/quotes/batch?asOf=2025-10-20';

describe('POST /v1/quotes/batch with a fleet CSV', () => {
  it('quotes 3 vessels with one bad row: the two good vessels are quoted, the bad row is reported by row and column', async () => {
    const res = await post(FLEET_URL, FLEET_CSV, { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as BatchBody;
    expect(body.summary).toEqual({ vessels: 3, quoted: 2, failed: 1, calls: 7, errors: 1, omittedErrors: 0 });

    const [alpha, bravo, charlie] = body.results;
    expect(alpha!.imo).toBe('9310006');
    expect(alpha!.rows).toEqual([2, 3, 4]);
    const alphaUs = alpha!.quote!.voyages.find((v) => v.regime === 'us-301')!;
    expect(alphaUs).toMatchObject({
      calls: ['USLAX', 'USOAK'],
      chargedAt: 'USLAX',
      rule: 'annex-i',
      outcome: 'charged',
      fee: { amount: '3000000.00', currency: 'USD' },
      capYear: '2025',
    });
    const bravoCn = bravo!.quote!.voyages.find((v) => v.regime === 'cn-spf')!;
    expect(bravoCn).toMatchObject({
      calls: ['CNSHA', 'CNNGB'],
      chargedAt: 'CNSHA',
      fee: { amount: '12089600.00', currency: 'CNY' },
      capYear: '2025-26',
    });

    expect(charlie!.quote).toBeUndefined();
    expect(charlie!.problem!.errors).toEqual([
      {
        path: 'portCalls[1].arrival',
        row: 8,
        column: 'arrival',
        message: 'must be an ISO 8601 date-time with offset (2025-10-20T06:00:00-07:00) or a date (2025-10-20)',
      },
    ]);
    // Written once, with the vessel: the batch-wide list holds only rows that belong to no vessel.
    expect(body.errors).toEqual([]);
  });

  it('totals per regime, currency and cap year', async () => {
    const body = (await (await post(FLEET_URL, FLEET_CSV, { 'content-type': 'text/csv' })).json()) as BatchBody;
    expect(body.totals).toEqual(FLEET_TOTALS);
  });

  it('answers CSV when asked: one row per voyage, the error row, then the totals', async () => {
    const res = await post(FLEET_URL, FLEET_CSV, { 'content-type': 'text/csv', accept: 'text/csv' });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'record,index,imo,rows,regime,tariff,capYear,calls,chargedAt,arrival,rule,outcome,certainty,amount,currency,low,high,listed,voyages,charged,row,column,path,message',
    );
    expect(
      lines.filter((line) => line.startsWith('voyage,')).map((line) => line.split(',').slice(2, 15).join(',')),
    ).toEqual([
      '9310006,2 3 4,cn-spf,cn-spf/2025-10-14,2025-26,CNSHA,,2025-09-25T08:00:00+08:00,,not-covered,confirmed,0.00,CNY',
      '9310006,2 3 4,us-301,us-301/2025-10-10,2025,USLAX USOAK,USLAX,2025-10-20T06:00:00-07:00,annex-i,charged,confirmed,3000000.00,USD',
      '9321483,5 6,cn-spf,cn-spf/2025-10-14,2025-26,CNSHA CNNGB,CNSHA,2025-10-14T18:00:00+08:00,cn-spf,charged,confirmed,12089600.00,CNY',
    ]);
    expect(lines.filter((line) => line.startsWith('error,'))).toEqual([
      'error,,9074729,7 8,,,,,,,,,,,,,,,,,8,arrival,portCalls[1].arrival,must be an ISO 8601 date-time with offset (2025-10-20T06:00:00-07:00) or a date (2025-10-20)',
    ]);
    expect(lines.filter((line) => line.startsWith('total,'))).toEqual([
      'total,,,,cn-spf,,2025-26,,,,,,,12089600.00,CNY,12089600.00,12089600.00,,2,1,,,,',
      'total,,,,us-301,,2025,,,,,,,3000000.00,USD,3000000.00,3000000.00,,1,1,,,,',
    ]);
  });

  it('names listed parties per voyage in the listed column and the summary, possible matches left out', async () => {
    const csv = [
      'imo,type,flag,buildCountry,netTonnage,ownerName,ownerCountry,operatorName,operatorCountry,port,arrival',
      '9310006,container,PA,KR,60000,Hanwha Shipping Holdings Korea,GR,"Hanwha Shipping, L.L.C.",US,CNSHA,2025-10-20T08:00:00+08:00',
    ].join('\r\n');
    const res = await post(FLEET_URL, csv, { 'content-type': 'text/csv', accept: 'text/csv' });
    const lines = (await res.text()).trimEnd().split('\r\n');
    // The operator is listed; the owner's name only possibly matches, and is left out.
    expect(lines.find((line) => line.startsWith('voyage,'))).toContain(
      ',"cn-countermeasures: Hanwha Shipping LLC (operator, in-force)",',
    );
    const json = await post(FLEET_URL, csv, { 'content-type': 'text/csv' });
    const body = (await json.json()) as { results: Array<{ quote: { voyages: Array<{ listed?: string[] }> } }> };
    expect(body.results[0]!.quote.voyages[0]!.listed).toEqual([
      'cn-countermeasures: Hanwha Shipping LLC (operator, in-force)',
    ]);
  });

  it('streams NDJSON: one line per vessel, the totals on the last line', async () => {
    const res = await post(FLEET_URL, FLEET_CSV, { 'content-type': 'text/csv', accept: 'application/x-ndjson' });
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const text = new TextDecoder().decode(await res.arrayBuffer());
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.type, line.imo ?? null])).toEqual([
      ['vessel', '9310006'],
      ['vessel', '9321483'],
      ['vessel', '9074729'],
      ['summary', null],
    ]);
    expect((lines[3]!.totals as BatchTotal[]).map((total) => total.amount)).toEqual(['12089600.00', '3000000.00']);
  });

  it('applies the cap across each vessel’s whole schedule: the sixth US rotation of 2025 is capped', async () => {
    // Six rotations USLAX, each after a Mexican call: 5 charged × 3,000,000.00 = 15,000,000.00 USD, the sixth capped at 0.
    const rows = ['imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,port,arrival'];
    for (let i = 0; i < 6; i++) {
      const day = 15 + i * 7;
      const date = (d: number) =>
        d <= 31 ? `2025-10-${String(d).padStart(2, '0')}` : `2025-11-${String(d - 31).padStart(2, '0')}`;
      rows.push(`9310006,container,PA,KR,60000,GR,CN,MXZLO,${date(day)}`, `9310006,,,,,,,USLAX,${date(day + 3)}`);
    }
    const body = (await (await post(FLEET_URL, rows.join('\n'), { 'content-type': 'text/csv' })).json()) as BatchBody;
    const outcomes = body.results[0]!.quote!.voyages.filter((v) => v.regime === 'us-301').map((v) => v.outcome);
    expect(outcomes).toEqual(['charged', 'charged', 'charged', 'charged', 'charged', 'capped']);
    expect(body.totals).toEqual([
      {
        regime: 'us-301',
        currency: 'USD',
        capYear: '2025',
        amount: '15000000.00',
        low: '15000000.00',
        high: '15000000.00',
        voyages: 6,
        charged: 5,
      },
    ]);
  });
});

describe('POST /v1/quotes/batch with two CSV files or JSON', () => {
  it('takes multipart calls + vessels', async () => {
    const form = new FormData();
    form.set(
      'vessels',
      new Blob(
        ['imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry\n9321483,container,US,US,30224,US,US\n'],
        { type: 'text/csv' },
      ),
      'vessels.csv',
    );
    form.set(
      'calls',
      new Blob(['imo,port,arrival\n9321483,CNSHA,2025-10-14T18:00:00+08:00\n9321483,CNNGB,2025-10-16\n'], {
        type: 'text/csv',
      }),
      'calls.csv',
    );
    const res = await post(FLEET_URL, form, {});
    expect(res.status).toBe(200);
    const body = (await res.json()) as BatchBody;
    // The vessel's rows are its call rows, lines 2 and 3 of the calls file.
    expect(body.results[0]).toMatchObject({ imo: '9321483', rows: [2, 3] });
    expect(body.totals).toEqual([
      {
        regime: 'cn-spf',
        currency: 'CNY',
        capYear: '2025-26',
        amount: '12089600.00',
        low: '12089600.00',
        high: '12089600.00',
        voyages: 1,
        charged: 1,
      },
    ]);
  });

  it('takes a JSON array; a bad request is reported by index and path while the others are quoted', async () => {
    const good = annexIRequest([portCall('USLAX', '2025-10-20T06:00:00-07:00')], { options: { asOf: '2025-10-20' } });
    const bad = { ...good, vessel: { ...good.vessel, imo: '9321483', netTonnage: -1 } };
    const res = await postJson('/v1/quotes/batch', [good, bad]);
    const body = (await res.json()) as BatchBody;
    expect(body.results[0]!.quote!.totals).toEqual([{ currency: 'USD', amount: '3000000.00' }]);
    expect(body.results[1]).toMatchObject({ index: 1, imo: '9321483' });
    expect(body.results[1]!.problem!.errors).toEqual([
      { index: 1, path: 'vessel.netTonnage', message: 'must be greater than 0' },
    ]);
    expect(body.errors).toEqual([]);
  });

  it('reports engine refusals on the vessel’s row, and detail=full adds explanations', async () => {
    // USXYZ has a LOCODE's shape but is not in the port table: refused on its row, at the port column.
    const csv =
      'imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,port,arrival\n9310006,container,PA,KR,60000,GR,CN,USXYZ,2025-10-20\n';
    const refused = (await (await post(FLEET_URL, csv, { 'content-type': 'text/csv' })).json()) as BatchBody;
    expect(refused.results[0]!.problem!.errors).toEqual([
      expect.objectContaining({ path: 'portCalls[0].port', row: 2, column: 'port' }),
    ]);
    const full = (await (
      await post(`${FLEET_URL}&detail=full`, FLEET_CSV, { 'content-type': 'text/csv' })
    ).json()) as BatchBody;
    expect(full.results[0]!.quote!.voyages[1]).toHaveProperty('explanation');
    const line = (full.results[0]!.quote!.voyages[1] as unknown as { explanation: Array<{ id: string; text: string }> })
      .explanation[0]!;
    expect(line.id).toBe('voyage.charging-point');
    expect(line.text).toContain('charging point is the first port');
  });
});

describe('POST /v1/quotes/batch refusals', () => {
  it('answers 415 for an unknown body type, 406 for an unknown answer type', async () => {
    expect((await post('/v1/quotes/batch', 'x', { 'content-type': 'text/plain' })).status).toBe(415);
    const res = await post('/v1/quotes/batch', FLEET_CSV, { 'content-type': 'text/csv', accept: 'application/xml' });
    expect(res.status).toBe(406);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 400 for an unreadable body or query, naming the field', async () => {
    const notJson = await post('/v1/quotes/batch', '[{', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    const header = await post('/v1/quotes/batch', 'imo,port\n', { 'content-type': 'text/csv' });
    expect(header.status).toBe(400);
    expect(((await header.json()) as BatchBody).errors.map((e) => e.path)).toContain('arrival');
    const query = await post('/v1/quotes/batch?assumptions=us-301.after-suspension=maybe&asOf=2026-11-28', FLEET_CSV, {
      'content-type': 'text/csv',
    });
    expect(query.status).toBe(400);
    expect(((await query.json()) as BatchBody).errors).toEqual([
      { path: 'assumptions', message: 'unknown value maybe; valid values: resumed, extended' },
    ]);
  });

  it(`refuses more than ${BATCH_LIMITS.vessels} vessels with 413`, async () => {
    const request = (i: number) => ({ vessel: { imo: String(i) }, portCalls: [] });
    const res = await postJson(
      '/v1/quotes/batch',
      Array.from({ length: BATCH_LIMITS.vessels + 1 }, (_, i) => request(i)),
    );
    expect(res.status).toBe(413);
    const body = (await res.json()) as { detail: string };
    expect(body.detail).toBe(
      `at most ${BATCH_LIMITS.vessels} quote requests (vessels) per batch; this one has ${BATCH_LIMITS.vessels + 1}`,
    );
  });

  it('accepts bodies above the 256 KiB limit of the other routes, up to its own limit', async () => {
    // 3,000 rows of about 100 bytes: ~300 KB, over 256 KiB.
    const rows = ['imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,port,arrival,name'];
    for (let i = 0; i < 3000; i++)
      rows.push(
        `9310006,container,PA,KR,60000,GR,CN,${i % 2 ? 'USLAX' : 'MXZLO'},2025-10-14T00:00:00Z,A LONG VESSEL NAME FOR PADDING`,
      );
    const text = rows.join('\n');
    expect(text.length).toBeGreaterThan(256 * 1024);
    const res = await post(FLEET_URL, text, { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as BatchBody).summary).toMatchObject({ vessels: 1, calls: 3000 });
    expect((await postJson('/v1/quotes', { padding: 'x'.repeat(300 * 1024) })).status).toBe(413);
  });

  it('refuses a body over its own limit with 413', async () => {
    const res = await post('/v1/quotes/batch', 'x'.repeat(BATCH_LIMITS.bodyBytes + 1), { 'content-type': 'text/csv' });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { type: string }).type).toBe('urn:portfees:problem:body-too-large');
  });
});

describe('/openapi.json', () => {
  it('documents the analyst routes, the batch formats and its limits', async () => {
    const doc = (await (await call('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { description?: string; requestBody?: { content: Record<string, unknown> } }>
      >;
    };
    for (const path of [
      '/v1/tariffs/{regime}/diff',
      '/v1/tariffs/{regime}/timeline',
      '/v1/quotes/compare',
      '/v1/quotes/batch',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    const batch = doc.paths['/v1/quotes/batch']!.post!;
    expect(Object.keys(batch.requestBody!.content)).toEqual(['application/json', 'text/csv', 'multipart/form-data']);
    expect(batch.description).toContain(
      `At most ${BATCH_LIMITS.vessels} vessels, ${BATCH_LIMITS.calls} port calls and ${BATCH_LIMITS.bodyBytes} bytes`,
    );
  });
});
