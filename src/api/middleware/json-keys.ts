/**
 * Every JSON body on /v1 is scanned once, in one linear pass, before any route
 * parses it: nesting deeper than 64, more than 1,000 keys in one object, a key given twice in one object (the
 * parser would silently keep the last: `"netTonnage":1,"netTonnage":50000`
 * quoted 50,000) and object keys that name JavaScript's own machinery
 * (`__proto__`, `constructor`, `prototype`; assigning one into a plain object
 * silently changes or drops it) are refused with a 400 naming each path.
 * Malformed JSON is left to the route to report.
 */
import type { MiddlewareHandler } from 'hono';
import { formatPath } from '../../lib/json-paths';
import { type JsonFlaw, jsonFlaws } from '../../lib/json-scan';
import type { AppEnv } from '../env';
import { invalidRequest } from '../problem';
import { JOBS_PATH } from '../routes/jobs';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

const DETAIL: Record<JsonFlaw['reason'], string> = {
  depth: 'The body nests arrays and objects too deep',
  width: 'The body has an object with too many keys',
  duplicate: 'The body gives a field more than once',
  reserved: 'The body uses a reserved name (__proto__, constructor, prototype) as a field name',
};

/** The 400 for a body's flaws, each path named as problems write it. */
export function flawedJson(flaws: JsonFlaw[]) {
  const errors = flaws.map((flaw) => ({ path: formatPath(flaw.path), message: flaw.message }));
  const reasons = [...new Set(flaws.map((flaw) => DETAIL[flaw.reason]))].join('; ');
  return invalidRequest(errors, `${reasons}: ${errors.map((e) => e.path || '(body)').join(', ')}.`);
}

/** Middleware: refuses a JSON body nested too deep, with a duplicate key or with a reserved key. */
export const checkJsonBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
  // A fleet job's body streams to storage unread; each of its requests is checked as it is quoted.
  if (c.req.path === JOBS_PATH) return next();
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || !JSON_MEDIA_TYPE.test(mediaType)) return next();
  // Read through Hono's body cache, so the route's own read gets the same text.
  const flaws = jsonFlaws(await c.req.text());
  if (flaws.length > 0) throw flawedJson(flaws);
  return next();
};
