/**
 * Rate limiting with the Workers Rate Limiting bindings: per client address
 * without a key (the lower limit), per key with one. A refused request is a
 * 429 problem with Retry-After.
 * @see https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { ProblemError } from '../problem';
import { type Client, callerOf } from './caller';

/** The period of both `[[ratelimits]]` bindings in wrangler.toml: a refused client may retry after it. */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

function limiterFor(c: Context<AppEnv>, client: Client): RateLimit | undefined {
  return client.kind === 'anonymous' ? c.env?.ANONYMOUS_RATE_LIMITER : c.env?.KEYED_RATE_LIMITER;
}

/**
 * The bucket a request counts in: the address Cloudflare saw it come from
 * without a key; a secret key's own; a publishable key's per origin. A
 * publishable key is public (it sits in web pages), so one origin's traffic,
 * forged or not, never spends the quota of the key's other origins.
 */
export function bucketOf(c: Context<AppEnv>, client: Client): string {
  if (client.kind === 'anonymous') return `address:${c.req.header('cf-connecting-ip') ?? 'unknown'}`;
  if (client.kind === 'publishable') return `key:${client.keyId}:origin:${c.req.header('origin') ?? ''}`;
  return `key:${client.keyId}`;
}

/**
 * Counts the request against the client's limit and throws a 429 problem
 * once it is spent. Without a binding, or with RATE_LIMITS=off, nothing is
 * limited; a failing limiter lets the request through (and is logged).
 */
export async function enforceRateLimit(c: Context<AppEnv>, client: Client): Promise<void> {
  if (c.env?.RATE_LIMITS === 'off') return;
  const limiter = limiterFor(c, client);
  if (!limiter) return;
  let outcome: RateLimitOutcome;
  try {
    outcome = await limiter.limit({ key: bucketOf(c, client) });
  } catch (error) {
    console.error('rate limiter error', error instanceof Error ? error.message : error);
    return;
  }
  if (outcome.success) return;
  const who = client.kind === 'anonymous' ? 'this address without an API key' : 'this API key';
  throw new ProblemError(
    429,
    'rate-limited',
    'Too many requests',
    `The request limit for ${who} is spent; retry after ${RATE_LIMIT_PERIOD_SECONDS} seconds${client.kind === 'anonymous' ? ', or use an API key for a higher limit' : ''}.`,
    [],
    { 'retry-after': String(RATE_LIMIT_PERIOD_SECONDS) },
  );
}

/** Middleware: limits every request but CORS preflights, after authentication has named the client. */
export const rateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'OPTIONS') await enforceRateLimit(c, callerOf(c));
  await next();
};
