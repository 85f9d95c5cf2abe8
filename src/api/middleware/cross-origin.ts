/**
 * Cross-origin rules. The API answers CORS only for the allowed origins;
 * /widget.js is loadable from anywhere; /embed may be framed only by the
 * origin it was opened for. Every other route keeps the strict headers.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../env';
import { isPermittedOrigin } from './origins';

/**
 * CORS for /v1/*: the Origin is echoed only when allowed; others get no allow-origin header, preflight included.
 * A request without an Origin (a server calling the API) is not a CORS request: it only gets `Vary: Origin`,
 * written on the finished response in place. Hono's cors would also write its headers before the route runs,
 * which makes the context build and then copy two extra responses on every call.
 */
export function apiCors(): MiddlewareHandler<AppEnv> {
  const handle = corsFor();
  return async (c, next) => {
    if (c.req.header('origin') !== undefined || c.req.method === 'OPTIONS') return handle(c, next);
    await next();
    c.res.headers.append('vary', 'Origin');
  };
}

function corsFor(): MiddlewareHandler<AppEnv> {
  return cors({
    origin: async (origin, c) => ((await isPermittedOrigin(c.env, origin)) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['content-type', 'authorization', 'x-portfees-key', 'idempotency-key', 'accept'],
    exposeHeaders: ['x-request-id', 'etag', 'retry-after', 'location', 'idempotent-replayed', 'server-timing'],
    maxAge: 600,
  });
}

/** What each embeddable route needs relaxed, after the strict headers were set. */
const RELAXED: Record<string, (headers: Headers) => void> = {
  // A module script from another origin is fetched in CORS mode and must be readable there.
  '/widget.js': (headers) => headers.set('cross-origin-resource-policy', 'cross-origin'),
  // The page sends its own `frame-ancestors`; X-Frame-Options would forbid every other origin,
  // and a same-origin resource policy would stop hosts that isolate themselves (COEP) from framing it.
  '/embed': (headers) => {
    headers.delete('x-frame-options');
    headers.set('cross-origin-resource-policy', 'cross-origin');
  },
};

/** The embeddable routes: {@link embeddableRoutes} is registered on these paths only. */
export const EMBEDDABLE_PATHS = Object.keys(RELAXED);

/**
 * Relaxes the strict security headers of an embeddable route.
 * Registered before secureHeaders, so it runs after it on the way out.
 */
export function embeddableRoutes(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const relax = RELAXED[c.req.path];
    if (relax && c.res.status < 400) relax(c.res.headers);
  };
}
