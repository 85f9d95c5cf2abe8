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
  // Most objects arrive with their keys already in order: sort only when they are not.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
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
