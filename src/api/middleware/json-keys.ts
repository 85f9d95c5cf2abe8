/**
 * Object keys that name JavaScript's own machinery (`__proto__`,
 * `constructor`, `prototype`) are refused anywhere in a JSON body, with a 400
 * naming each path. Assigning such a key into a plain object silently changes
 * or drops it (`{"__proto__": …}` under `options.tariffVersions` would
 * otherwise be ignored and another version quoted), so no route ever sees one.
 * Runs once for every JSON body on /v1, before any route reads it.
 */
import type { MiddlewareHandler } from 'hono';
import { reservedKeyPaths } from '../../lib/json-paths';
import type { AppEnv } from '../env';
import { invalidRequest } from '../problem';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

import { JOBS_PATH } from '../routes/jobs';

/** Text that cannot hold a reserved key: none of the words, and no \u escape that could spell one. */
function plainlyFree(text: string): boolean {
  return (
    !text.includes('__proto__') && !text.includes('constructor') && !text.includes('prototype') && !text.includes('\\u')
  );
}

/** Middleware: refuses a JSON body with a reserved key anywhere; malformed JSON is left to the route to report. */
export const refuseReservedKeys: MiddlewareHandler<AppEnv> = async (c, next) => {
  // A fleet job's body streams to storage unread; each of its requests is checked as it is quoted.
  if (c.req.path === JOBS_PATH) return next();
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
