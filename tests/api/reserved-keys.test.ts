/** `__proto__`, `constructor` and `prototype` as field names, anywhere in any JSON body: a 400 naming the path. */
import { describe, expect, it } from 'vitest';
import { bearer, createKey } from '../support/accounts';
import { annexOneQuote, IMO } from '../support/vessels';
import { call } from '../support/worker';

const post = (path: string, text: string, headers: Record<string, string> = {}) =>
  call(path, { method: 'POST', body: text, headers: { 'content-type': 'application/json', ...headers } });

async function problemPaths(res: Response): Promise<string[]> {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return ((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
}

const quote = JSON.stringify(annexOneQuote('2025-10-20T06:00:00-07:00'));
/** The quote body with `fragment` added to its top-level object (an `options` fragment joins its options: no key twice). */
const quoteWith = (fragment: string) =>
  fragment.startsWith('"options":{')
    ? quote.replace('"options":{', `${fragment.slice(0, -1)},`)
    : `${quote.slice(0, -1)},${fragment}}`;

describe('reserved field names', () => {
  it.each([
    ['"options":{"tariffVersions":{"__proto__":"us-301/2025-04-17"}}', 'options.tariffVersions.__proto__'],
    ['"options":{"assumptions":{"__proto__":"x"}}', 'options.assumptions.__proto__'],
    ['"options":{"assumptions":{"constructor":"x"}}', 'options.assumptions.constructor'],
    ['"priorCharges":[{"regime":"us-301","date":"2025-10-15","prototype":1}]', 'priorCharges[0].prototype'],
    // Spelled with JSON escapes.
    ['"options":{"fx":{"\\u005f\\u005fproto__":"1"}}', 'options.fx.__proto__'],
  ])('POST /v1/quotes with %s names %s', async (fragment, path) => {
    expect(await problemPaths(await post('/v1/quotes', quoteWith(fragment)))).toEqual([path]);
  });

  it('names every path, nested and at the top level', async () => {
    const text = quoteWith('"__proto__":{"constructor":{"prototype":1}}');
    expect(await problemPaths(await post('/v1/quotes', text))).toEqual([
      '__proto__',
      '__proto__.constructor',
      '__proto__.constructor.prototype',
    ]);
  });

  it('the same for comparisons, fleet batches and the ledger', async () => {
    expect(
      await problemPaths(await post('/v1/quotes/compare', `{"request":${quote},"variants":[{"__proto__":{}}]}`)),
    ).toEqual(['variants[0].__proto__']);
    expect(await problemPaths(await post('/v1/quotes/batch', `[${quote},${quoteWith('"constructor":1')}]`))).toEqual([
      '[1].constructor',
    ]);
    const { key } = await createKey();
    const charge =
      '{"regime":"us-301","date":"2025-10-20","port":"USLAX","amount":"1.00","currency":"USD","reference":"R","__proto__":{"amount":"0"}}';
    expect(await problemPaths(await post(`/v1/vessels/${IMO}/charges`, charge, bearer(key)))).toEqual(['__proto__']);
  });

  it('leaves the words alone as values, and malformed JSON to the route', async () => {
    const res = await post('/v1/quotes', quoteWith('"priorCharges":[]').replace('"USLAX"', '"USLAX"'));
    expect(res.status).toBe(200);
    const named = await post(
      '/v1/quotes/compare',
      `{"request":${quote},"variants":[{"assumptions":{"us-301.after-suspension":"constructor"}}]}`,
    );
    expect(named.status).toBe(400);
    expect(await problemPaths(named)).not.toContain('variants[0].assumptions.constructor');
    const malformed = await post('/v1/quotes', '{"__proto__": ');
    expect(malformed.status).toBe(400);
  });
});

describe('reserved field names in a fleet job', () => {
  it('reach no body-wide check, so the request that has one is reported failed, naming the path', async () => {
    const { key } = await createKey();
    const bad = quoteWith('"options":{"assumptions":{"__proto__":"x"}}');
    const body = `[${quote},${bad.replace(IMO, '9321483')}]`;
    const res = await post('/v1/jobs', body, { ...bearer(key), 'content-length': String(body.length) });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const { deliver, realBindings } = await import('../support/jobs');
    await deliver([{ kind: 'split', job: id }], realBindings());
    for (const seq of [0, 1]) await deliver([{ kind: 'chunk', job: id, seq }], realBindings());
    const lines = (
      await (
        await call(`/v1/jobs/${id}/results`, { headers: { ...bearer(key), accept: 'application/x-ndjson' } })
      ).text()
    )
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const refused = lines.find((line) => line.type === 'vessel' && line.index === 1);
    expect(refused.problem.errors.map((e: { path: string }) => e.path)).toEqual(['options.assumptions.__proto__']);
    expect(lines.find((line) => line.type === 'vessel' && line.index === 0).quote).toBeDefined();
  });
});
