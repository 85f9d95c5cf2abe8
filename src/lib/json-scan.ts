/**
 * One linear pass over a JSON text, before anything parses or walks it:
 * nesting deeper than {@link MAX_JSON_DEPTH}, an object with more than
 * {@link MAX_OBJECT_KEYS} keys, a key given twice in one object
 * (I-JSON, RFC 7493 §2.3) and the keys that name JavaScript's own machinery
 * (`__proto__`, `constructor`, `prototype`) are found here. The scanner keeps
 * one frame per open container and builds a path only for a flaw it reports,
 * so its cost is the text's length whatever the shape. Malformed JSON is not
 * its business: it stops there and leaves the parser to name the error.
 * @see https://www.rfc-editor.org/rfc/rfc7493#section-2.3
 */

/** Deepest nesting of arrays and objects any body may have. */
export const MAX_JSON_DEPTH = 64;

/** Most keys one object may have: no request object comes near it, and a reader's cost grows with each. */
export const MAX_OBJECT_KEYS = 1000;

/** Most flaws named in one answer. */
const MAX_REPORTED = 20;

export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonFlaw {
  /** Where, as segments: `['portCalls', 2, 'arrival']`. */
  path: Array<string | number>;
  reason: 'depth' | 'width' | 'duplicate' | 'reserved';
  message: string;
}

interface Frame {
  /** Keys seen so far; absent for an array. */
  keys: Set<string> | undefined;
  /** The current key (object) or index (array). */
  at: string | number;
  /** In an object: the next string is a key. */
  expectKey: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Index just past the string that opens at `start` (a quote), or -1 when it never closes. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return -1;
    let slashes = 0;
    for (let j = quote - 1; j > start && text.charCodeAt(j) === BACKSLASH; j--) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** A key's text, its escapes read (only a key with a backslash needs the parser). */
function keyOf(text: string, start: number, end: number): string | undefined {
  const raw = text.slice(start + 1, end - 1);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return undefined; // a malformed escape: the parser names it
  }
}

/** The path to where the scan stands: built only for a flaw it reports. */
const pathOf = (stack: Frame[]): Array<string | number> => stack.map((frame) => frame.at);

/**
 * The flaws of a JSON text (at most {@link MAX_REPORTED}, in text order); none
 * for a clean or a malformed text. A depth or width flaw ends the scan.
 * @example jsonFlaws('{"a":1,"a":2}') // [{ path: ['a'], reason: 'duplicate', … }]
 */
export function jsonFlaws(text: string, maxDepth = MAX_JSON_DEPTH): JsonFlaw[] {
  const flaws: JsonFlaw[] = [];
  const stack: Frame[] = [];
  const length = text.length;
  let i = 0;
  while (i < length && flaws.length < MAX_REPORTED) {
    const code = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (code === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return flaws;
      if (top?.keys && top.expectKey) {
        const key = keyOf(text, i, end);
        if (key === undefined) return flaws;
        top.expectKey = false;
        top.at = key;
        if (RESERVED_KEYS.has(key))
          flaws.push({ path: pathOf(stack), reason: 'reserved', message: `${key} is not allowed as a field name` });
        else if (top.keys.has(key))
          flaws.push({
            path: pathOf(stack),
            reason: 'duplicate',
            message: `${key} is given more than once in this object`,
          });
        top.keys.add(key);
        if (top.keys.size > MAX_OBJECT_KEYS) {
          flaws.push({
            path: pathOf(stack),
            reason: 'width',
            message: `an object may have at most ${MAX_OBJECT_KEYS} keys`,
          });
          return flaws;
        }
      }
      i = end;
      continue;
    }
    if (code === 0x7b || code === 0x5b) {
      // `{` or `[`
      if (stack.length >= maxDepth) {
        flaws.push({
          path: pathOf(stack),
          reason: 'depth',
          message: `arrays and objects may be nested at most ${maxDepth} deep`,
        });
        return flaws;
      }
      stack.push(
        code === 0x7b ? { keys: new Set(), at: '', expectKey: true } : { keys: undefined, at: 0, expectKey: false },
      );
    } else if (code === 0x7d || code === 0x5d) {
      // `}` or `]`
      if (stack.pop() === undefined) return flaws;
    } else if (code === 0x2c && top) {
      // `,`
      if (top.keys) top.expectKey = true;
      else (top.at as number)++;
    }
    i++;
  }
  return flaws;
}
