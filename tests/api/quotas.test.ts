/** Quotas that keep one client from spending another's: per-origin buckets, D1 before authentication, timeline ranges. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_TIMELINE_SPAN_YEARS } from '../../src/analysis/timeline';
import { createApp } from '../../src/api/app';
import { createKey } from '../support/accounts';
import { call } from '../support/worker';

/** The Worker's D1 binding, counting the statements prepared on it. */
function countingDb(): { db: D1Database; prepared: () => number } {
  let count = 0;
  const db = new Proxy(env.DB, {
    get(target, property) {
      if (property === 'prepare') {
        return (query: string) => {
          count += 1;
          return target.prepare(query);
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, prepared: () => count };
}

const app = createApp();

describe('publishable keys: one bucket per origin', () => {
  it('counts a publishable key per origin, a secret key per key', async () => {
    const [a, b] = ['https://a.desk.example', 'https://b.desk.example'];
    const publishable = await createKey({ kind: 'publishable', origins: [a, b] });
    const secret = await createKey();
    // The limiter binding's interface, recording the bucket of every request (the limiting itself is tested
    // against the real bindings in tests/accounts/rate-limit.test.ts).
    const buckets: string[] = [];
    const recorder: RateLimit = {
      limit: async ({ key }) => {
        buckets.push(key);
        return { success: true };
      },
    };
    const limitedEnv = { ...env, RATE_LIMITS: 'on', KEYED_RATE_LIMITER: recorder };
    const send = (headers: Record<string, string>) =>
      app.fetch(new Request('http://portfees.test/v1/tariffs', { headers }), limitedEnv);
    for (const origin of [a, b, a])
      expect((await send({ 'x-portfees-key': publishable.key, origin })).status).toBe(200);
    expect((await send({ authorization: `Bearer ${secret.key}`, origin: a })).status).toBe(200);
    expect((await send({ authorization: `Bearer ${secret.key}`, origin: b })).status).toBe(200);
    expect(buckets).toEqual([
      `key:${publishable.keyId}:origin:${a}`,
      `key:${publishable.keyId}:origin:${b}`,
      `key:${publishable.keyId}:origin:${a}`,
      `key:${secret.keyId}`,
      `key:${secret.keyId}`,
    ]);
  });
});

describe('D1 before authentication', () => {
  const preflight = (origin: string) =>
    new Request('http://portfees.test/v1/quotes', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });

  it('asks D1 for the origins of publishable keys at most once per cache period, however many preflights', async () => {
    const { db, prepared } = countingDb();
    const cachedEnv = { ...env, DB: db, ORIGIN_CACHE_SECONDS: '30' };
    for (let i = 0; i < 50; i++) {
      const res = await app.fetch(preflight(`https://unknown-${i}.example`), cachedEnv);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const embed = await app.fetch(
        new Request(`http://portfees.test/embed?origin=${encodeURIComponent(`https://unknown-${i}.example`)}`),
        cachedEnv,
      );
      expect(embed.status).toBe(400);
    }
    expect(prepared()).toBe(1);
  });

  it('still permits the origins of publishable keys from the cached list', async () => {
    const origin = 'https://cached.desk.example';
    await createKey({ kind: 'publishable', origins: [origin] });
    const { db, prepared } = countingDb();
    const cachedEnv = { ...env, DB: db, ORIGIN_CACHE_SECONDS: '30' };
    for (let i = 0; i < 5; i++)
      expect((await app.fetch(preflight(origin), cachedEnv)).headers.get('access-control-allow-origin')).toBe(origin);
    expect(prepared()).toBe(1);
  });

  it('counts a publishable key used from a foreign origin (403) against the address, like a bad key', async () => {
    const { key } = await createKey({ kind: 'publishable', origins: ['https://mine.example'] });
    // The anonymous limiter's interface: records each bucket, and refuses once three requests were counted.
    const buckets: string[] = [];
    const recorder: RateLimit = {
      limit: async ({ key: bucket }) => {
        buckets.push(bucket);
        return { success: buckets.length <= 3 };
      },
    };
    const limitedEnv = { ...env, RATE_LIMITS: 'on', ANONYMOUS_RATE_LIMITER: recorder };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await app.fetch(
        new Request('http://portfees.test/v1/tariffs', {
          headers: { 'x-portfees-key': key, origin: 'https://forged.example', 'cf-connecting-ip': '203.0.113.250' },
        }),
        limitedEnv,
      );
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([403, 403, 403, 429]);
    expect(buckets).toEqual(Array(4).fill('address:203.0.113.250'));
  });
});

describe('timeline ranges', () => {
  it.each([
    ['/v1/tariffs/us-301/timeline?from=2000-01-01&to=2099-12-31', 'to'],
    ['/v1/tariffs/us-301/timeline?from=2000-01-01', 'from'],
    ['/timeline?from=0100-01-01&to=9999-12-31', 'to'],
    ['/timeline?from=2000-01-01', 'from'],
  ])('%s: 400 naming %s', async (path, field) => {
    const res = await call(path);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors).toEqual([
      { path: field, message: expect.stringContaining(`longer than ${MAX_TIMELINE_SPAN_YEARS} years`) },
    ]);
  });

  it('refuses a day before the year 100 naming from, rather than reading it as 1900–1999', async () => {
    for (const path of [
      '/timeline?from=0001-01-01&to=0005-01-01',
      '/v1/tariffs/us-301/timeline?from=0001-01-01&to=0005-01-01',
    ]) {
      const res = await call(path);
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: Array<{ path: string }> };
      expect(problem.errors.map((error) => error.path)).toContain('from');
    }
  });

  it('answers a range of exactly the maximum span, and the defaults', async () => {
    expect((await call('/v1/tariffs/us-301/timeline?from=2020-01-01&to=2030-01-01')).status).toBe(200);
    expect((await call('/v1/tariffs/us-301/timeline')).status).toBe(200);
    expect((await call('/timeline')).status).toBe(200);
  });
});
