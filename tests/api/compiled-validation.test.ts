/**
 * The quote request is validated through zod's compiled parser inside workerd (src/api/openapi/compiled.ts, built
 * ahead of time by scripts/build-parsers.mjs), and it answers exactly as zod's runtime parser: the same data for a
 * valid request, the same issues for an invalid one.
 */
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import quoteRequestExample from '../../bench/quote-request.json';
import { createApp } from '../../src/api/app';
import { compileOnFirstParse, installCompiledParser } from '../../src/api/openapi/compiled';
import { compiledParsers } from '../../src/api/openapi/parsers.generated';
import { QuoteRequest } from '../../src/api/openapi/quote-schemas';
import { quoteRequest } from '../support/arbitraries';

const seed = inject('fcSeed');

// The Worker installs it when the app is made; a copy from the same definition keeps zod's runtime parser.
createApp();
const runtime = QuoteRequest.clone();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value`, the root included. */
function pathsOf(value: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  const inner =
    value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, child]) =>
          pathsOf(child as Json, [...at, Array.isArray(value) ? Number(key) : key]),
        )
      : [];
  return [at, ...inner];
}

/** `value` with the value at `path` replaced (a copy). */
function replaced(value: Json, path: Array<string | number>, by: Json): Json {
  if (path.length === 0) return by;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path[path.length - 1]!] = by;
  return copy as Json;
}

/** What a caller sees of a parse: success, the data, or every issue. */
function outcome(result: ReturnType<typeof QuoteRequest.safeParse>) {
  return result.success ? { data: result.data } : { issues: result.error.issues };
}

/** A value to put in a request's place: mostly the edges of its limits and types, sometimes any JSON. */
const replacement: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<Json>(
      0,
      -1,
      0.5,
      1e7,
      100_001,
      '',
      'XX',
      'USLAX',
      '2025-10-20',
      '2101-01-01',
      null,
      true,
      [],
      {},
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue() as fc.Arbitrary<Json> },
);

describe('compiled validation of quote requests', () => {
  // The Worker refuses `new Function` (the test pool does not); the install never calls the real one either way.
  it('is installed from the copies built ahead of time, and not without them', () => {
    expect(installCompiledParser(QuoteRequest, compiledParsers)).toBe(true);
    expect(typeof QuoteRequest._zod.bag.fallbackRun).toBe('function');
    // Without the copies the compile fails here, and the schema keeps the runtime parser.
    const fresh = QuoteRequest.clone();
    expect(installCompiledParser(fresh, {})).toBe(false);
    expect(fresh._zod.bag.fallbackRun).toBeUndefined();
  });

  it('is compiled by the Worker on the first parse, not when the app is made', () => {
    const armed = QuoteRequest.clone();
    compileOnFirstParse(armed, compiledParsers);
    expect(armed._zod.bag.fallbackRun).toBeUndefined();
    expect(outcome(armed.safeParse(quoteRequestExample))).toEqual(outcome(runtime.safeParse(quoteRequestExample)));
    expect(typeof armed._zod.bag.fallbackRun).toBe('function');
    // Without a copy the first parse falls back to the runtime parser, and so does every later one.
    const unarmed = QuoteRequest.clone();
    compileOnFirstParse(unarmed, {});
    for (let i = 0; i < 2; i++)
      expect(outcome(unarmed.safeParse({ vessel: {} }))).toEqual(outcome(runtime.safeParse({ vessel: {} })));
    expect(unarmed._zod.bag.fallbackRun).toBeUndefined();
  });

  it('answers the benchmark request as the runtime parser does', () => {
    const compiled = QuoteRequest.safeParse(quoteRequestExample);
    expect(compiled.success).toBe(true);
    expect(outcome(compiled)).toEqual(outcome(runtime.safeParse(quoteRequestExample)));
  });

  it('gives the same data or the same issues as the runtime parser, valid requests and one value replaced', () => {
    const mutated = quoteRequest.chain((request) => {
      const json = JSON.parse(JSON.stringify(request)) as Json;
      return fc.record({
        json: fc.constant(json),
        path: fc.constantFrom(...pathsOf(json)),
        by: replacement,
        replace: fc.boolean(),
      });
    });
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(mutated, ({ json, path, by, replace }) => {
        const input = replace ? replaced(json, path, by) : json;
        const compiled = QuoteRequest.safeParse(input);
        expect(outcome(compiled)).toEqual(outcome(runtime.safeParse(input)));
        if (compiled.success) valid += 1;
        else invalid += 1;
      }),
      { seed, numRuns: 1500 },
    );
    // Both kinds were tried, so both the fast path and the fallback were compared.
    expect(valid).toBeGreaterThan(50);
    expect(invalid).toBeGreaterThan(50);
  });
});
