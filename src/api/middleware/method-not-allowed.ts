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

interface CompiledRoute {
  method: string;
  regex: RegExp;
  /** How many parameters the pattern has: fewer is more specific. */
  params: number;
}

/** `/v1/tariffs/:regime/:version` → a regex over one path, and how many parameters it has. */
function compile({ method, path }: RouteEntry): CompiledRoute {
  const segments = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return {
    method,
    regex: new RegExp(`^${segments.join('/')}/?$`),
    params: path.split('/').filter((segment) => segment.startsWith(':')).length,
  };
}

/** The methods a path allows when `method` is not among them, else `null`. */
function refusal(routes: ReadonlyArray<CompiledRoute>, method: string, path: string): string | null {
  const matching = routes.filter((route) => route.regex.test(path));
  if (matching.length === 0) return null;
  const fewest = Math.min(...matching.map((route) => route.params));
  const allowed = [...new Set(matching.filter((route) => route.params === fewest).map((route) => route.method))].sort();
  return allowed.includes(method) ? null : allowed.join(', ');
}

/**
 * Answers 405 with `Allow` when the request's path is a route only of other methods; anything else goes on.
 * The route patterns are compiled on the first request, once every route is registered.
 */
export function methodNotAllowed(routes: () => ReadonlyArray<RouteEntry>): MiddlewareHandler {
  let compiled: CompiledRoute[] | undefined;
  return async (c, next) => {
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    if (method === 'OPTIONS') return next();
    compiled ??= routes()
      .filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
      .map(compile);
    const path = c.req.path;
    const allow = refusal(compiled, method, path);
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
