/** Request schemas of every route validate synchronously, with the issues of zod's asynchronous path. */
import { z } from '@hono/zod-openapi';
import { describe, expect, it, vi } from 'vitest';
import { QuoteRequest } from '../../src/api/openapi/quote-schemas';
import { createRoute } from '../../src/api/openapi/route';
import { call } from '../support/worker';

/** Puts `schema` in a route as its JSON body, as every route module does. */
const inRoute = (schema: z.ZodType) =>
  createRoute({
    method: 'post',
    path: '/example',
    request: { body: { content: { 'application/json': { schema } } } },
    responses: { 200: { description: 'ok' } },
  });

describe('request validation', () => {
  it("gives the same result and issues as zod's own asynchronous parse, for a valid and an invalid body", async () => {
    const body = z.object({ imo: z.string().regex(/^\d{7}$/), calls: z.array(z.object({ port: z.string() })).min(1) });
    inRoute(body);
    for (const value of [{ imo: '9310006', calls: [{ port: 'USLAX' }] }, { imo: 'x', calls: [] }, null]) {
      // zod's asynchronous path, which the route no longer reaches through body.safeParseAsync.
      const asynchronous = await z.safeParseAsync(body, value);
      const routed = await body.safeParseAsync(value);
      expect(routed.success).toBe(asynchronous.success);
      expect(JSON.stringify(routed.error?.issues)).toBe(JSON.stringify(asynchronous.error?.issues));
      expect(routed.data).toEqual(asynchronous.data);
    }
  });
  it('answers safeParseAsync with safeParse once the schema is in a route', async () => {
    const body = z.object({ a: z.string() });
    const parse = vi.spyOn(body, 'safeParse');
    await body.safeParseAsync({ a: 'x' });
    expect(parse).not.toHaveBeenCalled();
    inRoute(body);
    expect((await body.safeParseAsync({ a: 'x' })).success).toBe(true);
    expect(parse).toHaveBeenCalledTimes(1);
  });
  it('still takes the asynchronous path for a schema that needs it', async () => {
    const body = z.object({ a: z.string() }).refine(async (value) => value.a === 'yes', 'must be yes');
    inRoute(body);
    expect((await body.safeParseAsync({ a: 'yes' })).success).toBe(true);
    expect((await body.safeParseAsync({ a: 'no' })).error?.issues[0]?.message).toBe('must be yes');
  });
  it('the quote request schema is one of them, and a bad quote still answers 400 naming the field', async () => {
    const parse = vi.spyOn(QuoteRequest, 'safeParse');
    expect(JSON.stringify(await QuoteRequest.safeParseAsync({}))).toBe(
      JSON.stringify(await z.safeParseAsync(QuoteRequest, {})),
    );
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
    const res = await call('/v1/quotes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ vessel: { imo: '9310006' }, portCalls: [] }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('portCalls');
  });
});
