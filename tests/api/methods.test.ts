/** A path that exists under other methods answers 405 with Allow, not 404 or another route's validation error. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app';
import { methodNotAllowed } from '../../src/api/middleware/method-not-allowed';
import { problemResponse, toProblem } from '../../src/api/problem';
import { call } from '../support/worker';

describe('method not allowed', () => {
  it('GET /v1/quotes/compare and /v1/quotes/batch say to POST, not that "compare" is a bad quote id', async () => {
    for (const path of ['/v1/quotes/compare', '/v1/quotes/batch']) {
      const res = await call(path);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
  it('PUT on a quote id, GET on a charge id and DELETE on /healthz answer 405 with the methods allowed', async () => {
    const cases: Array<[string, string, string]> = [
      ['PUT', '/v1/quotes/q_0123456789abcdef01234567', 'GET'],
      ['GET', '/v1/vessels/9310006/charges/chg_0123456789abcdef0123', 'DELETE'],
      ['DELETE', '/healthz', 'GET'],
      ['PATCH', '/v1/quotes', 'GET, POST'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await call(path, { method });
      expect([method, path, res.status, res.headers.get('allow')]).toEqual([method, path, 405, allow]);
    }
  });
  it('an unknown path is still a 404, and the routes themselves still answer', async () => {
    expect((await call('/v1/nothing-here')).status).toBe(404);
    expect((await call('/v1/tariffs/us-301/diff?from=2025-04-17&to=2025-10-10')).status).toBe(200);
    expect((await call('/healthz', { method: 'HEAD' })).status).toBe(200);
  });
  it('asking again gives the same answer, for a 405 as for a path that goes on', async () => {
    const app = createApp();
    const ask = async (method: string, path: string) => {
      const res = await app.request(path, { method }, { RATE_LIMITS: 'off' });
      return [res.status, res.headers.get('allow')];
    };
    expect(await ask('PUT', '/healthz')).toEqual([405, 'GET']);
    expect(await ask('PUT', '/healthz')).toEqual([405, 'GET']);
    expect(await ask('GET', '/healthz')).toEqual([200, null]);
    expect(await ask('GET', '/healthz')).toEqual([200, null]);
    expect(await ask('PATCH', '/v1/quotes')).toEqual([405, 'GET, POST']);
    expect(await ask('PATCH', '/v1/quotes')).toEqual([405, 'GET, POST']);
    // A long path is decided the same way.
    const long = `/v1/quotes/q_${'0'.repeat(300)}`;
    expect(await ask('PUT', long)).toEqual([405, 'GET']);
    expect(await ask('PUT', long)).toEqual([405, 'GET']);
  });

  it('a pattern with parameters that a less specific pattern of another method also matches is decided before routing', async () => {
    const app = new Hono();
    const methods = methodNotAllowed(() => app.routes);
    app.use('*', methods.beforeRouting);
    app.post('/items/:id/archive', (c) => c.text('archived'));
    app.get('/items/:id/:field', (c) => c.text(`field ${c.req.param('field')}`));
    app.notFound((c) => {
      const problem = methods.refusalOf(c);
      return problem ? problemResponse(c, problem) : c.text('none', 404);
    });
    app.onError((error, c) => problemResponse(c, toProblem(error)));
    const ask = async (method: string, path: string) => {
      const res = await app.request(path, { method });
      return [res.status, res.headers.get('allow'), await res.text()];
    };
    // The router alone would answer GET /items/7/archive with the field route.
    expect((await ask('GET', '/items/7/archive')).slice(0, 2)).toEqual([405, 'POST']);
    expect(await ask('POST', '/items/7/archive')).toEqual([200, null, 'archived']);
    expect(await ask('GET', '/items/7/colour')).toEqual([200, null, 'field colour']);
    expect((await ask('DELETE', '/items/7/colour')).slice(0, 2)).toEqual([405, 'GET']);
    expect(await ask('GET', '/nothing')).toEqual([404, null, 'none']);
  });
});
