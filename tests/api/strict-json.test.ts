/**
 * JSON bodies are scanned once before anything parses them: nesting deeper
 * than 64, a key given twice in one object (I-JSON, RFC 7493 §2.3) and the
 * reserved names are refused with a 400 naming the path (docs/api.md, "Abuse limits").
 */
import { describe, expect, it } from 'vitest';
import { jsonFlaws, MAX_JSON_DEPTH, MAX_OBJECT_KEYS } from '../../src/lib/json-scan';
import { annexOneQuote } from '../support/vessels';
import { call } from '../support/worker';

const post = (path: string, text: string) =>
  call(path, { method: 'POST', body: text, headers: { 'content-type': 'application/json' } });

/** `depth` arrays, one inside the other, around `inner`. */
const nested = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

describe('the scan of a JSON text', () => {
  it('finds a key given twice, also when an escape spells it', () => {
    expect(jsonFlaws('{"a":1,"b":{"c":[1,{"d":2,"d":3}]}}')).toEqual([
      { path: ['b', 'c', 1, 'd'], reason: 'duplicate', message: 'd is given more than once in this object' },
    ]);
    expect(jsonFlaws('{"a":1,"\\u0061":2}').map((flaw) => flaw.path)).toEqual([['a']]);
    // The same key in two objects, or as a value, is no duplicate.
    expect(jsonFlaws('[{"a":1},{"a":2},{"b":"a","a":"b"}]')).toEqual([]);
  });

  it('reads strings with quotes, backslashes and brackets inside without counting them', () => {
    expect(jsonFlaws('{"a\\"b":"}{\\\\","a\\"b":"[["}').map((flaw) => flaw.path)).toEqual([['a"b']]);
    expect(jsonFlaws(`{"x":"${'['.repeat(1000)}"}`)).toEqual([]);
  });

  it('refuses nesting deeper than 64 at the first container past the limit, naming where it opens', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(jsonFlaws(nested(64))).toEqual([]);
    const [flaw, ...rest] = jsonFlaws(`{"a":[0,${nested(63)}]}`);
    expect(rest).toEqual([]);
    expect(flaw!.reason).toBe('depth');
    // "a" (1) and its array (2) hold 63 more arrays: the 64th of those is the 65th level, at a[1][0]…[0] (62 zeros).
    expect(flaw!.path).toEqual(['a', 1, ...new Array(62).fill(0)]);
  });

  it('refuses an object of more than 1,000 keys at the 1,001st, and stops there', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `"k${i}":0`).join(',');
    expect(MAX_OBJECT_KEYS).toBe(1000);
    expect(jsonFlaws(`{"a":{${keys(1000)}}}`)).toEqual([]);
    expect(jsonFlaws(`{"a":{${keys(1001)},"k0":1}}`)).toEqual([
      { path: ['a', 'k1000'], reason: 'width', message: 'an object may have at most 1000 keys' },
    ]);
    // 1,001 objects of one key each are fine: the limit is per object.
    expect(jsonFlaws(`[${Array.from({ length: 1001 }, () => '{"k":0}').join(',')}]`)).toEqual([]);
  });

  it('names every reserved key and duplicate, in text order, and leaves malformed text to the parser', () => {
    expect(jsonFlaws('{"__proto__":{"constructor":1,"x":1,"x":2}}').map((flaw) => flaw.reason)).toEqual([
      'reserved',
      'reserved',
      'duplicate',
    ]);
    expect(jsonFlaws('{"a":1,"a"')).toEqual([{ path: ['a'], reason: 'duplicate', message: expect.any(String) }]);
    expect(jsonFlaws('{"a":"never closed')).toEqual([]);
    expect(jsonFlaws(']]]}}}')).toEqual([]);
  });
});

describe('JSON bodies on the API', () => {
  const quote = JSON.stringify(annexOneQuote('2025-10-20T06:00:00-07:00'));

  it('refuses a field given twice instead of quoting the last (60,000 NT given as 1, then 50,000)', async () => {
    expect(quote).toContain('"netTonnage":60000');
    const res = await post('/v1/quotes', quote.replace('"netTonnage":60000', '"netTonnage":1,"netTonnage":50000'));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { detail: string; errors: Array<{ path: string; message: string }> };
    expect(problem.errors).toEqual([
      { path: 'vessel.netTonnage', message: 'netTonnage is given more than once in this object' },
    ]);
    expect(problem.detail).toContain('more than once');
  });

  it('refuses a body nested deeper than 64 on a quote, a comparison and a batch, naming the path', async () => {
    for (const [path, text, where] of [
      ['/v1/quotes', `{"portCalls":${nested(70)}}`, `portCalls${'[0]'.repeat(63)}`],
      ['/v1/quotes/compare', `{"variants":${nested(70)}}`, `variants${'[0]'.repeat(63)}`],
      ['/v1/quotes/batch', nested(70), '[0]'.repeat(64)],
    ] as const) {
      const res = await post(path, text);
      expect(res.status, path).toBe(400);
      const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
      expect(problem.errors, path).toEqual([
        { path: where, message: 'arrays and objects may be nested at most 64 deep' },
      ]);
    }
  });
});
