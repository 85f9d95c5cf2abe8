/** Hostile batches: bounded errors, multipart parts, formula cells in the CSV answer. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/batch/csv';
import { BATCH_LIMITS } from '../../src/batch/limits';
import { annexOneQuote } from '../support/vessels';
import { call, postJson } from '../support/worker';

interface Problem {
  errors: unknown[];
  errorCount: number;
  omittedErrors: number;
}
interface Body {
  results: Array<{ problem?: Problem }>;
  errors: unknown[];
  summary: { vessels: number; failed: number; errors: number; omittedErrors: number };
}

/** A request with `n` unknown keys in its body: `n` errors. */
const withUnknownKeys = (n: number, imo?: string) => ({
  ...annexOneQuote('2025-10-20T06:00:00-07:00', {}, imo),
  ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`junk${i}`, 0])),
});

const IMOS = ['9310006', '9321483', '9074729', '9176187', '9195195', '9224180'];

describe('batch errors are bounded and written once', () => {
  it('writes at most the per-vessel limit, counting what was left out, and never repeats vessel errors', async () => {
    const res = await postJson('/v1/quotes/batch', [withUnknownKeys(500)]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    const problem = body.results[0]!.problem!;
    expect(problem.errors).toHaveLength(BATCH_LIMITS.errorsPerVessel);
    expect(problem.errorCount).toBe(500);
    expect(problem.omittedErrors).toBe(500 - BATCH_LIMITS.errorsPerVessel);
    expect(body.errors).toEqual([]);
    expect(body.summary).toMatchObject({ errors: 500, omittedErrors: 500 - BATCH_LIMITS.errorsPerVessel });
  }, 60_000);

  it('writes at most the per-batch limit over all vessels', async () => {
    // 2,000 vessels of 1 error each → only errorsPerBatch written; the batch answer stays small.
    const requests = Array.from({ length: 2000 }, (_, i) => ({ ...withUnknownKeys(1), vessel: { imo: `x${i}` } }));
    const res = await postJson('/v1/quotes/batch', requests);
    const text = await res.text();
    const body = JSON.parse(text) as Body;
    const written = body.results.reduce((n, result) => n + (result.problem?.errors.length ?? 0), 0);
    expect(written).toBe(BATCH_LIMITS.errorsPerBatch);
    expect(body.summary.errors).toBeGreaterThan(BATCH_LIMITS.errorsPerBatch);
    expect(body.summary.omittedErrors).toBe(body.summary.errors - BATCH_LIMITS.errorsPerBatch);
  }, 60_000);

  it('does not amplify a body of unknown keys: the answer is smaller than the request', async () => {
    const requests = IMOS.map((imo) => withUnknownKeys(20_000, imo));
    const body = JSON.stringify(requests);
    const res = await call('/v1/quotes/batch', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    const answer = await res.text();
    // Refused by the scan of the text, at the first object past 1,000 keys: one error, not 120,000.
    expect(res.status).toBe(400);
    expect(answer.length).toBeLessThan(body.length / 10);
    const problem = JSON.parse(answer) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors[0]!.message).toBe('an object may have at most 1000 keys');
  }, 60_000);

  it('CSV and NDJSON answers say what was left out', async () => {
    const fleet = [withUnknownKeys(50)];
    const csv = await (await postJson('/v1/quotes/batch', fleet, { accept: 'text/csv' })).text();
    const errorRows = csv.split('\r\n').filter((line) => line.startsWith('error,'));
    expect(errorRows).toHaveLength(BATCH_LIMITS.errorsPerVessel + 2);
    expect(csv).toContain('30 more errors of this vessel left out');
    expect(csv).toContain('30 of 50 errors left out of this answer');
    const ndjson = await (await postJson('/v1/quotes/batch', fleet, { accept: 'application/x-ndjson' })).text();
    const summary = JSON.parse(ndjson.trim().split('\n').at(-1)!) as Body;
    expect(summary.summary).toMatchObject({ errors: 50, omittedErrors: 30 });
    expect(summary.errors).toEqual([]);
  });
});

describe('multipart batches', () => {
  const CALLS =
    'imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,port,arrival\n9310006,container,PA,KR,60000,GR,CN,USLAX,2025-10-20\n';

  it('refuses more parts than the limit with 413 naming it', async () => {
    const form = new FormData();
    form.append('calls', CALLS);
    for (let i = 0; i < BATCH_LIMITS.multipartParts; i++) form.append(`p${i}`, '');
    const res = await call('/v1/quotes/batch', { method: 'POST', body: form });
    expect(res.status).toBe(413);
    const problem = (await res.json()) as { type: string; detail: string; limit: number };
    expect(problem.type).toBe('urn:portfees:problem:too-many-parts');
    expect(problem.detail).toContain(`at most ${BATCH_LIMITS.multipartParts} parts`);
    expect(problem.limit).toBe(BATCH_LIMITS.multipartParts);
  });

  it('answers 50,000 empty parts at once (one pass over the entries), then /healthz still answers', async () => {
    const body = `${Array.from({ length: 50_000 }, (_, i) => `--b\r\nContent-Disposition: form-data; name="p${i}"\r\n\r\n\r\n`).join('')}--b--\r\n`;
    const res = await call('/v1/quotes/batch', {
      method: 'POST',
      body,
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(res.status).toBe(413);
    expect((await call('/healthz')).status).toBe(200);
  }, 60_000);

  it('keeps a few unknown parts a 400 naming each', async () => {
    const form = new FormData();
    form.append('calls', CALLS);
    form.append('extra', 'x');
    form.append('calls', CALLS);
    const res = await call('/v1/quotes/batch', { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual([
      'calls',
      'extra',
    ]);
  });
});

describe('formula cells in the CSV answer', () => {
  it('quotes and prefixes a cell that would start a formula after a semicolon', async () => {
    // An unknown field is echoed in the error row's path and message.
    const body = JSON.stringify([{ ...annexOneQuote('2025-10-20T06:00:00-07:00'), '1;=2+5': 1, '@x': 2 }]);
    const csv = await (
      await call('/v1/quotes/batch', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', accept: 'text/csv' },
      })
    ).text();
    const cells = parseCsv(csv).flatMap((record) => record.fields);
    const echoed = cells.filter((cell) => cell.includes('1;=2+5'));
    expect(echoed.length).toBeGreaterThanOrEqual(2);
    for (const cell of echoed) expect(cell).toMatch(/^'/);
    // The path cell `@x` starts a formula; the message `unknown field @x` does not.
    expect(cells).toContain("'@x");
    expect(cells).toContain('unknown field @x');
    expect(csv).toContain(`"'1;=2+5"`);
  });
});
