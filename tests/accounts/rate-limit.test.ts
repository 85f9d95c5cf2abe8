import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app';
import { bearer, createKey } from '../support/accounts';

/**
 * The suite runs with RATE_LIMITS=off (vitest.config.ts); here the same
 * Worker runs with it on, against the rate limiting bindings of wrangler.toml
 * as miniflare simulates them: a fixed 60-second window per bucket.
 */
const app = createApp();
const limitedEnv = { ...env, RATE_LIMITS: 'on' };
/** wrangler.toml: ANONYMOUS_RATE_LIMITER simple.limit. */
const ANONYMOUS_LIMIT = 300;
/** wrangler.toml: KEYED_RATE_LIMITER simple.limit, ten times the anonymous one. */
const KEYED_LIMIT = 3000;

let addressCounter = 0;
/** A documentation address (RFC 5737) no other test uses. */
function freshAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter}`;
}

async function fetchAs(address: string, headers: Record<string, string> = {}): Promise<Response> {
  return app.fetch(
    new Request('http://portfees.test/v1/tariffs', { headers: { 'cf-connecting-ip': address, ...headers } }),
    limitedEnv,
  );
}

/**
 * Requests until the first 429. The limiter's 60 s window may turn over while
 * the requests run (more than once on a busy machine), so the limit is reached
 * after at least `limit` successes and at most `limit` per window the run has
 * touched: `windows` says how many.
 */
async function exhaust(
  address: string,
  headers: Record<string, string> = {},
  limit = ANONYMOUS_LIMIT,
): Promise<{ successes: number; windows: number; refused: Response }> {
  const started = performance.now();
  const windowsSoFar = () => Math.ceil((performance.now() - started) / 60_000) + 1;
  for (let successes = 0; successes <= limit * windowsSoFar(); successes++) {
    const res = await fetchAs(address, headers);
    if (res.status === 429) return { successes, windows: windowsSoFar(), refused: res };
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
  throw new Error(`no 429 after ${limit} requests in each of ${windowsSoFar()} windows`);
}

describe('rate limiting', () => {
  it('refuses an anonymous address past its limit with a 429 problem and Retry-After', async () => {
    const address = freshAddress();
    const { successes, windows, refused } = await exhaust(address);
    expect(successes).toBeGreaterThanOrEqual(ANONYMOUS_LIMIT);
    expect(successes).toBeLessThanOrEqual(windows * ANONYMOUS_LIMIT);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({ status: 429, type: 'urn:portfees:problem:rate-limited' });

    // Another address has its own bucket; a key has its own, higher limit, even from the spent address.
    expect((await fetchAs(freshAddress())).status).toBe(200);
    const { key } = await createKey();
    expect((await fetchAs(address, bearer(key))).status).toBe(200);
  }, 60_000);

  it('refuses a key past its own, higher limit', async () => {
    const { key } = await createKey();
    const { successes, windows, refused } = await exhaust(freshAddress(), bearer(key), KEYED_LIMIT);
    expect(successes).toBeGreaterThanOrEqual(KEYED_LIMIT);
    expect(successes).toBeLessThanOrEqual(windows * KEYED_LIMIT);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(((await refused.json()) as { detail: string }).detail).toContain('this API key');
    // The key's bucket follows the key, not the address.
    expect((await fetchAs(freshAddress(), bearer(key))).status).toBe(429);
  }, 120_000);

  it('counts failed key attempts against the address, so guessing keys is throttled', async () => {
    const address = freshAddress();
    const wrongKey = { authorization: `Bearer sk_live_${'B'.repeat(43)}` };
    const first = await fetchAs(address, wrongKey);
    expect(first.status).toBe(401);
    const { refused } = await exhaust(address);
    expect(refused.status).toBe(429);
    expect((await fetchAs(address, wrongKey)).status).toBe(429);
  });

  it('is off when RATE_LIMITS=off, as for the rest of the suite', async () => {
    const address = freshAddress();
    for (let i = 0; i <= ANONYMOUS_LIMIT; i++) {
      const res = await app.fetch(
        new Request('http://portfees.test/v1/tariffs', { headers: { 'cf-connecting-ip': address } }),
        env,
      );
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
  });
});
