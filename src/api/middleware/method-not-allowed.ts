/**
 * 405 for a path that exists under other methods only. The most specific
 * route pattern matching the path decides (static segments beat parameters,
 * as in the router), so `GET /v1/quotes/compare` is told to POST instead of
 * being read as a quote id.
 *
 * A path with parameters is decided when no route matched (Hono's `notFound`),
 * so a request a route answers pays nothing for it. A static path is decided
 * before routing, by one lookup of the path: the router would otherwise hand it
 * to a less specific route of another method (`GET /v1/quotes/{quoteId}`), or
 * run the path's own middleware first (MCP's key check and rate limit). So are
 * the patterns with parameters that a less specific pattern of another method
 * also matches, found once when the patterns are compiled (none at present).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ProblemError } from '../problem';

export interface RouteEntry {
  method: string;
  path: string;
}

interface CompiledRoute {
  method: string;
  path: string;
  segments: string[];
  regex: RegExp;
  /** How many parameters the pattern has: fewer is more specific. */
  params: number;
}

const isParam = (segment: string) => segment.startsWith(':');

/** `/v1/tariffs/:regime/:version` → a regex over one path, and how many parameters it has. */
function compile({ method, path }: RouteEntry): CompiledRoute {
  const segments = path.split('/');
  const pattern = segments.map((segment) =>
    isParam(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  return {
    method,
    path,
    segments,
    regex: new RegExp(`^${pattern.join('/')}/?$`),
    params: segments.filter(isParam).length,
  };
}

/** Whether some path matches both patterns. */
const overlap = (a: CompiledRoute, b: CompiledRoute) =>
  a.segments.length === b.segments.length &&
  a.segments.every((segment, i) => segment === b.segments[i] || isParam(segment) || isParam(b.segments[i]!));

/** The methods a path allows when `method` is not among them, else `null`. */
function refusal(routes: ReadonlyArray<CompiledRoute>, method: string, path: string): string | null {
  const matching = routes.filter((route) => route.regex.test(path));
  if (matching.length === 0) return null;
  const fewest = Math.min(...matching.map((route) => route.params));
  const allowed = [...new Set(matching.filter((route) => route.params === fewest).map((route) => route.method))].sort();
  return allowed.includes(method) ? null : allowed.join(', ');
}

interface RouteTable {
  routes: CompiledRoute[];
  /** Each static path's methods. */
  staticPaths: Map<string, string[]>;
  /** Patterns with parameters that a less specific pattern of another method would answer. */
  shadowedPatterns: RegExp[];
}

function routeTable(entries: ReadonlyArray<RouteEntry>): RouteTable {
  const routes = entries.filter((route) => route.method !== 'ALL' && !route.path.includes('*')).map(compile);
  const staticPaths = new Map<string, string[]>();
  for (const route of routes.filter((route) => route.params === 0))
    staticPaths.set(route.path, [...(staticPaths.get(route.path) ?? []), route.method]);
  const shadowing = routes.filter(
    (specific) =>
      specific.params > 0 &&
      routes.some(
        (general) =>
          general.params > specific.params &&
          overlap(specific, general) &&
          !routes.some((route) => route.path === specific.path && route.method === general.method),
      ),
  );
  return { routes, staticPaths, shadowedPatterns: shadowing.map((route) => route.regex) };
}

/**
 * The 405 decisions of an app's routes, compiled on first use (once every route is registered):
 * `beforeRouting`, a middleware for static paths and shadowed patterns, and `refusalOf`, for the not-found handler.
 */
export function methodNotAllowed(routes: () => ReadonlyArray<RouteEntry>) {
  let table: RouteTable | undefined;
  const compiled = () => {
    table ??= routeTable(routes());
    return table;
  };

  /** The 405 for a request whose path is a route only of other methods, else `null`. */
  const refusalOf = (c: Context): ProblemError | null => {
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    if (method === 'OPTIONS') return null;
    const path = c.req.path;
    const allow = refusal(compiled().routes, method, path);
    if (allow === null) return null;
    return new ProblemError(
      405,
      'method-not-allowed',
      'Method not allowed',
      `${c.req.method} is not allowed on ${path}; use ${allow}.`,
      [],
      { allow },
    );
  };

  const beforeRouting: MiddlewareHandler = async (c, next) => {
    const { staticPaths, shadowedPatterns } = compiled();
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const allowed = staticPaths.get(c.req.path);
    const decideNow = allowed ? !allowed.includes(method) : shadowedPatterns.some((regex) => regex.test(c.req.path));
    const problem = decideNow ? refusalOf(c) : null;
    if (problem) throw problem;
    return next();
  };

  return { beforeRouting, refusalOf };
}
