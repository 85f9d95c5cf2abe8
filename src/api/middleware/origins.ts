/**
 * Which web origins may call the API from a browser (CORS) and frame /embed.
 * Two sources: the `ALLOWED_ORIGINS` variable (comma-separated, such as
 * `https://desk.example.com,http://localhost:8787`) and the origins bound to
 * the active publishable keys of every account (`npm run keys -- create
 * --kind publishable --origins …`). Everything that needs the list asks this
 * module.
 */

import { publishableKeyOrigins } from '../../accounts/key-store';
import { wallMillis } from '../../lib/clock';
import type { Bindings } from '../env';

/** The bindings the origin checks read. */
type OriginBindings = Partial<Pick<Bindings, 'ALLOWED_ORIGINS' | 'DB' | 'ORIGIN_CACHE_SECONDS'>>;

const parsed = new Map<string, ReadonlySet<string>>();

/**
 * Seconds this isolate keeps the origins of publishable keys before asking D1
 * again (`ORIGIN_CACHE_SECONDS` overrides it; 0 asks every time). CORS
 * preflights and /embed come before any authentication, so without it every
 * preflight from an unknown origin would be a D1 query. A new or revoked
 * publishable key's origin takes effect within this time.
 */
export const ORIGIN_CACHE_SECONDS = 30;

const originCache = new WeakMap<D1Database, { origins: ReadonlySet<string>; expires: number }>();

function cacheSeconds(env: OriginBindings): number {
  const text = env.ORIGIN_CACHE_SECONDS;
  const seconds = text === undefined ? ORIGIN_CACHE_SECONDS : Number(text);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : ORIGIN_CACHE_SECONDS;
}

/** The origins of live publishable keys, read from D1 at most once per cache period per isolate. */
async function publishableOrigins(env: OriginBindings, db: D1Database): Promise<ReadonlySet<string>> {
  const now = wallMillis();
  const cached = originCache.get(db);
  if (cached && cached.expires > now) return cached.origins;
  const origins = new Set(await publishableKeyOrigins(db));
  const seconds = cacheSeconds(env);
  if (seconds > 0) originCache.set(db, { origins, expires: now + seconds * 1000 });
  return origins;
}

/**
 * The origin of a URL-like text, or undefined unless the text is exactly an
 * http(s) origin (scheme, host, optional port; no path, query or credentials).
 * @example normalizeOrigin('https://Desk.example.com:443') // 'https://desk.example.com'
 */
export function normalizeOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
    return undefined;
  return url.origin;
}

/** The configured origins; entries that are not origins are ignored (and logged once). */
export function allowedOrigins(env: OriginBindings | undefined): ReadonlySet<string> {
  const text = env?.ALLOWED_ORIGINS ?? '';
  let origins = parsed.get(text);
  if (!origins) {
    const entries = text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const valid = new Set<string>();
    for (const entry of entries) {
      const origin = normalizeOrigin(entry);
      if (origin) valid.add(origin);
      else console.warn(`ALLOWED_ORIGINS: ignoring ${JSON.stringify(entry)}, which is not an http(s) origin`);
    }
    origins = valid;
    parsed.set(text, origins);
  }
  return origins;
}

/** True when `origin` (as a browser sends it in the Origin header) is allowed. */
export function isAllowedOrigin(env: OriginBindings | undefined, origin: string | undefined): boolean {
  if (!origin) return false;
  const normalized = normalizeOrigin(origin);
  return normalized !== undefined && allowedOrigins(env).has(normalized);
}

/**
 * True when `origin` is configured or bound to an active publishable key.
 * The database is asked only for origins the configuration does not list; a
 * database fault refuses (fails closed) rather than failing the request.
 */
export async function isPermittedOrigin(env: OriginBindings | undefined, origin: string | undefined): Promise<boolean> {
  if (isAllowedOrigin(env, origin)) return true;
  const normalized = origin ? normalizeOrigin(origin) : undefined;
  if (!normalized || !env?.DB) return false;
  try {
    return (await publishableOrigins(env, env.DB)).has(normalized);
  } catch (error) {
    console.error('publishable key origins could not be read', error);
    return false;
  }
}
