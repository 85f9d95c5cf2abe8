// Canonical JSON (quote ids and tariff digests hash it): keys in code-unit order at every depth, `undefined`
// members dropped, the same text whatever order the keys were written in; small and large objects alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/lib/canonical';

/**
 * The reference: each object's keys sorted by `Array.prototype.sort()` and written out one by one (an object
 * rebuilt from sorted entries would not do: JavaScript lists integer-like keys such as "0" first whatever the
 * order they were added in).
 */
function sortedText(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((member) => (member === undefined ? 'null' : sortedText(member))).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${sortedText(record[key])}`);
  return `{${members.join(',')}}`;
}

/** The same object with its keys written in reverse order, at every depth. */
function reversedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedDeep);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .reverse()
      .map((key) => [key, reversedDeep(record[key])]),
  );
}

const json = fc.jsonValue({ maxDepth: 4 });
// Keys that sort differently by code unit than by locale, and objects past the insertion-sort size.
const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('a', 'B', 'é', 'Z', '_', '10', '9', 'port', 'arrival'),
);
const wide = fc.dictionary(key, fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { minKeys: 30, maxKeys: 80 });

describe('canonical JSON', () => {
  it('writes every object with its keys in the order of Array.prototype.sort()', () => {
    fc.assert(
      fc.property(fc.oneof(json, wide, fc.dictionary(key, json, { maxKeys: 40 })), (value) => {
        expect(canonicalJson(value)).toBe(sortedText(value));
      }),
      { numRuns: 1000 },
    );
  });
  it('gives the same text whatever order the keys were written in', () => {
    fc.assert(
      fc.property(fc.oneof(json, wide), (value) => {
        expect(canonicalJson(reversedDeep(value))).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });
  it('drops undefined members and writes undefined array members as null', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, 2] })).toBe('{"b":1,"c":[null,2]}');
  });
});
