// JSON bodies built to cost a reader as much as possible within the 256 KB body limit: deep nesting (with a
// reserved word inside), wide objects, long strings, many keys, reserved words and duplicates. One list for the
// workerd test that every body-taking route refuses or answers them (tests/api/hostile-bodies.test.ts), the
// fuzzer (scripts/fuzz.mjs) and the benchmark of their CPU (`npm run bench -- hostile-bodies`).

/** Bytes each body fills: just under the 256 KB limit of every JSON route. */
export const HOSTILE_BODY_BYTES = 250_000;

/** `count` copies of `unit`, between `open` and `close`, joined by `separator`. */
const repeated = (open, unit, separator, count, close) =>
  `${open}${Array.from({ length: count }, () => unit).join(separator)}${close}`;

/** How many `unit`s (plus a separator) fit in the body. */
const fitting = (unit, extra = 1) => Math.floor((HOSTILE_BODY_BYTES - 16) / (unit.length + extra));

/**
 * Each hostile shape: its name, its text, and what the scan finds first (`depth`, `width`, `reserved`, `duplicate`) or
 * null when the body is clean JSON that only the route's own validation refuses.
 * @returns {Array<{ name: string; text: string; flaw: 'depth' | 'width' | 'reserved' | 'duplicate' | null }>}
 */
export function hostileBodies() {
  const half = HOSTILE_BODY_BYTES / 2 - 20;
  const keys = fitting('"k000000":0');
  return [
    { name: 'deep arrays', text: `${'['.repeat(half)}${']'.repeat(half)}`, flaw: 'depth' },
    {
      name: 'deep arrays around constructor',
      text: `${'['.repeat(half - 20)}{"constructor":1}${']'.repeat(half - 20)}`,
      flaw: 'depth',
    },
    {
      name: 'deep objects',
      text: `${'{"a":'.repeat(fitting('{"a":}', 0))}1${'}'.repeat(fitting('{"a":}', 0))}`,
      flaw: 'depth',
    },
    {
      name: 'wide object',
      text: `{${Array.from({ length: keys }, (_, i) => `"k${String(i).padStart(6, '0')}":0`).join(',')}}`,
      flaw: 'width',
    },
    { name: 'long string', text: `{"vessel":{"name":"${'x'.repeat(HOSTILE_BODY_BYTES - 40)}"}}`, flaw: null },
    { name: 'long array', text: repeated('[', '0', ',', fitting('0'), ']'), flaw: null },
    { name: 'many objects', text: repeated('[', '{}', ',', fitting('{}'), ']'), flaw: null },
    {
      name: 'many reserved keys',
      text: repeated('[', '{"__proto__":1}', ',', fitting('{"__proto__":1}'), ']'),
      flaw: 'reserved',
    },
    { name: 'many duplicate keys', text: repeated('{', '"a":1', ',', fitting('"a":1'), '}'), flaw: 'duplicate' },
    {
      name: 'escaped keys',
      text: `{${Array.from({ length: fitting('"\\u0061\\u0062000000":0') }, (_, i) => `"\\u0061\\u0062${i}":0`).join(',')}}`,
      flaw: 'width',
    },
  ];
}
