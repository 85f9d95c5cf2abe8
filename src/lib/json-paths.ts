/**
 * Paths in JSON values, and the object keys no body may use: `__proto__`,
 * `constructor` and `prototype` name JavaScript's own machinery, and assigning
 * one into a plain object silently changes or drops it.
 */

/**
 * A field path as problems write it: `portCalls[2].arrival`.
 * @example formatPath(['portCalls', 2, 'arrival']) // 'portCalls[2].arrival'
 */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    const name = String(part);
    return acc ? `${acc}.${name}` : name;
  }, '');
}

export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Most reserved-key paths named in one answer. */
const MAX_REPORTED = 20;

/**
 * Every path in a parsed JSON value whose last key is reserved (at most {@link MAX_REPORTED}).
 * @example reservedKeyPaths(JSON.parse('{"options":{"assumptions":{"__proto__":"x"}}}')) // [{ path: 'options.assumptions.__proto__', … }]
 */
export function reservedKeyPaths(value: unknown): Array<{ path: string; message: string }> {
  const found: Array<{ path: string; message: string }> = [];
  // Iterative, so a deeply nested body cannot overflow the stack.
  const stack: Array<{ node: unknown; path: PropertyKey[] }> = [{ node: value, path: [] }];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const { node, path } = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--)
        if (node[i] !== null && typeof node[i] === 'object') stack.push({ node: node[i], path: [...path, i] });
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k]!;
        if (RESERVED_KEYS.has(key))
          found.push({ path: formatPath([...path, key]), message: `${key} is not allowed as a field name` });
        const child = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') stack.push({ node: child, path: [...path, key] });
      }
    }
  }
  return found;
}
