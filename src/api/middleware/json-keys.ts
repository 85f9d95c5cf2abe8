/**
 * Object keys that name JavaScript's own machinery (`__proto__`,
 * `constructor`, `prototype`) are refused anywhere in a JSON body, with a 400
 * naming each path. Assigning such a key into a plain object silently changes
 * or drops it (`{"__proto__": …}` under `options.tariffVersions` would
 * otherwise be ignored and another version quoted), so no route ever sees one.
 * Runs once for every JSON body on /v1, before any route reads it.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { type FieldError, formatPath, invalidRequest } from '../problem';

export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** Most reserved-key paths named in one answer. */
const MAX_REPORTED = 20;

/**
 * Every path in a parsed JSON value whose last key is reserved (at most {@link MAX_REPORTED}).
 * @example reservedKeyPaths(JSON.parse('{"options":{"assumptions":{"__proto__":"x"}}}')) // [{ path: 'options.assumptions.__proto__', … }]
 */
export function reservedKeyPaths(value: unknown): FieldError[] {
  const found: FieldError[] = [];
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

/** Text that cannot hold a reserved key: none of the words, and no \u escape that could spell one. */
function plainlyFree(text: string): boolean {
  return (
    !text.includes('__proto__') && !text.includes('constructor') && !text.includes('prototype') && !text.includes('\\u')
  );
}

/** Middleware: refuses a JSON body with a reserved key anywhere; malformed JSON is left to the route to report. */
export const refuseReservedKeys: MiddlewareHandler<AppEnv> = async (c, next) => {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || !JSON_MEDIA_TYPE.test(mediaType)) return next();
  // Read through Hono's body cache, so the route's own read gets the same text.
  const text = await c.req.text();
  if (plainlyFree(text)) return next();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return next();
  }
  const errors = reservedKeyPaths(body);
  if (errors.length > 0)
    throw invalidRequest(
      errors,
      `The body uses ${errors.length === 1 ? 'a reserved name' : 'reserved names'} (__proto__, constructor, prototype) as field names: ${errors.map((e) => e.path).join(', ')}.`,
    );
  return next();
};
