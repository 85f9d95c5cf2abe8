/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members
 * dropped. Two equal values always give the same text, so hashes of it
 * (tariff sha256, quote ids) are stable.
 */

/** Quoted keys (`"port":`) by key: requests repeat the same few dozen. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_KEPT = 4096;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < QUOTED_KEYS_KEPT) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * Sorts keys in place by UTF-16 code units, the order of `Array.prototype.sort()` for strings. A request's
 * objects have a few distinct keys each, and an insertion sort of them allocates nothing, where `sort()`
 * allocated more per quote than any step of the fee computation. Objects with many keys take `sort()`.
 */
const INSERTION_SORT_MAX = 32;

function sortKeys(keys: string[]): void {
  if (keys.length > INSERTION_SORT_MAX) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j -= 1;
    }
    keys[j + 1] = key;
  }
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const member: unknown = value[i];
      out += member === undefined ? 'null' : canonicalJson(member);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  sortKeys(keys);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    out += quotedKey(key);
    out += canonicalJson(member);
    first = false;
  }
  return `${out}}`;
}
