import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app';
import { bearer, createKey } from '../support/accounts';
import { annexOneQuote, IMO } from '../support/vessels';
import { call } from '../support/worker';

const app = createApp();
const quoteRequest = (headers: Record<string, string> = {}) =>
  new Request('http://portfees.test/v1/quotes', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(annexOneQuote('2025-10-20T06:00:00-07:00')),
  });

/** A database whose every call fails, as D1 does during an outage. */
const failingDb = new Proxy(
  {},
  {
    get: () => () => {
      throw new Error('D1_ERROR: network connection lost');
    },
  },
) as unknown as D1Database;

describe('without a working store', () => {
  it('still quotes anonymously when the Worker has no DB binding', async () => {
    const res = await app.fetch(quoteRequest(), { ...env, DB: undefined });
    expect(res.status).toBe(200);
  });

  it('answers keyed requests 503 with Retry-After, never 500', async () => {
    const { key } = await createKey();
    for (const workerEnv of [
      { ...env, DB: undefined },
      { ...env, DB: failingDb },
    ]) {
      const res = await app.fetch(quoteRequest(bearer(key)), workerEnv);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await res.json()) as { type: string }).type).toBe('urn:portfees:problem:store-unavailable');
    }
  });
});

describe('the OpenAPI document', () => {
  it('describes the saved-quote and ledger routes and both kinds of key', async () => {
    const doc = (await (await call('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[]; parameters?: Array<{ name: string; in: string }> }>>;
      components: { securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/quotes',
        '/v1/quotes/{quoteId}',
        '/v1/vessels/{imo}/charges',
        '/v1/vessels/{imo}/charges/{chargeId}',
      ]),
    );
    expect(Object.keys(doc.paths['/v1/quotes']!).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/v1/vessels/{imo}/charges/{chargeId}']).toHaveProperty('delete');
    expect(doc.paths['/v1/vessels/{imo}/charges']!.post!.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'idempotency-key', in: 'header' })]),
    );
    expect(doc.paths['/v1/quotes/{quoteId}']!.get!.security).toEqual([{ secretKey: [] }]);
    expect(doc.components.securitySchemes).toMatchObject({
      secretKey: { type: 'http', scheme: 'bearer' },
      publishableKey: { type: 'apiKey', in: 'header', name: 'x-portfees-key' },
    });
  });

  it('answers CORS preflights without a key: 204, allowed for an allowed origin only', async () => {
    const preflight = (origin: string) =>
      call(`/v1/vessels/${IMO}/charges`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await preflight('http://127.0.0.1:8787');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8787');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    const other = await preflight('https://desk.example.com');
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
