/**
 * 405 for a path that exists under other methods only. The most specific
 * route pattern matching the path decides (static segments beat parameters,
 * as in the router), so `GET /v1/quotes/compare` is told to POST instead of
 * being read as a quote id.
 */
import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../problem';

export interface RouteEntry {
  method: string;
  path: string;
}

interface Pattern {
  regex: RegExp;
  params: number;
}

const patterns = new Map<string, Pattern>();

/** `/v1/tariffs/:regime/:version` → a regex over one path, and how many parameters it has. */
function patternOf(path: string): Pattern {
  let pattern = patterns.get(path);
  if (!pattern) {
    const segments = path
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    pattern = {
      regex: new RegExp(`^${segments.join('/')}/?$`),
      params: path.split('/').filter((segment) => segment.startsWith(':')).length,
    };
    patterns.set(path, pattern);
  }
  return pattern;
}

/** Decisions kept per method and path: `null` lets the request go on, a string is its `Allow` header. */
const DECISIONS_KEPT = 1024;
/** Longer paths are decided every time rather than kept (no route is near this long). */
const KEPT_PATH_LENGTH = 256;

/** The methods a path allows when `method` is not among them, else `null`. */
function refusal(routes: ReadonlyArray<RouteEntry>, method: string, path: string): string | null {
  const matching = routes.filter(
    (route) => route.method !== 'ALL' && !route.path.includes('*') && patternOf(route.path).regex.test(path),
  );
  if (matching.length === 0) return null;
  const fewest = Math.min(...matching.map((route) => patternOf(route.path).params));
  const allowed = [
    ...new Set(matching.filter((route) => patternOf(route.path).params === fewest).map((route) => route.method)),
  ].sort();
  return allowed.includes(method) ? null : allowed.join(', ');
}

/**
 * Answers 405 with `Allow` when the request's path is a route only of other methods; anything else goes on.
 * The decision depends on the method and path alone (Hono takes no route once it has answered a request),
 * so it is kept, 1,024 at most, then forgotten at once: testing every route's pattern on each request cost a
 * measurable share of a quote.
 */
export function methodNotAllowed(routes: () => ReadonlyArray<RouteEntry>): MiddlewareHandler {
  const decisions = new Map<string, string | null>();
  return async (c, next) => {
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    if (method === 'OPTIONS') return next();
    const path = c.req.path;
    const key = `${method} ${path}`;
    let allow = decisions.get(key);
    if (allow === undefined) {
      allow = refusal(routes(), method, path);
      if (path.length <= KEPT_PATH_LENGTH) {
        if (decisions.size >= DECISIONS_KEPT) decisions.clear();
        decisions.set(key, allow);
      }
    }
    if (allow === null) return next();
    throw new ProblemError(
      405,
      'method-not-allowed',
      'Method not allowed',
      `${c.req.method} is not allowed on ${path}; use ${allow}.`,
      [],
      { allow },
    );
  };
}
