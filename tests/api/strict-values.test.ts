/**
 * Values read strictly (docs/api.md, "Abuse limits"): offsets within ±14:00,
 * no IMO number of all zeros, `since` a real calendar date or a known version,
 * and MCP tool arguments that cannot leave their path segment.
 */
import { exports } from 'cloudflare:workers';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { isValidImo } from '../../src/api/openapi/quote-schemas';
import { parseArrival } from '../../src/lib/time';
import { bearer, createKey, getJson } from '../support/accounts';
import { vessel } from '../support/requests';
import { annexOneQuote } from '../support/vessels';
import { postJson } from '../support/worker';

const errorPaths = async (res: Response) => {
  expect(res.status).toBe(400);
  return ((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
};

describe('offsets', () => {
  it('are read within ±14:00 and refused beyond', () => {
    // 06:00 at +14:00 is 16:00 UTC the day before; at -12:00 it is 18:00 UTC the same day.
    expect(parseArrival('2025-10-20T06:00:00+14:00', undefined)?.millis).toBe(Date.UTC(2025, 9, 19, 16));
    expect(parseArrival('2025-10-20T06:00:00-12:00', undefined)?.millis).toBe(Date.UTC(2025, 9, 20, 18));
    for (const text of ['2025-10-20T06:00:00+15:00', '2025-10-20T06:00:00-14:01', '2025-10-20T06:00+18:00'])
      expect(parseArrival(text, undefined), text).toBeUndefined();
  });

  it('beyond ±14:00 answer 400 naming the arrival or the berthing', async () => {
    const arrival = annexOneQuote('2025-10-20T06:00:00+15:00');
    expect(await errorPaths(await postJson('/v1/quotes', arrival))).toEqual(['portCalls[0].arrival']);
    const berthing = annexOneQuote('2025-10-20T06:00:00-07:00');
    (berthing.portCalls as Array<Record<string, unknown>>)[0]!.berthing = '2025-10-20T08:00:00-14:30';
    expect(await errorPaths(await postJson('/v1/quotes', berthing))).toEqual(['portCalls[0].berthing']);
  });
});

describe('IMO numbers', () => {
  it('of all zeros are refused, though the check digit sums to 0', async () => {
    expect(isValidImo('0000000')).toBe(false);
    expect(isValidImo('9310006')).toBe(true);
    const request = { ...annexOneQuote('2025-10-20T06:00:00-07:00'), vessel: vessel({ imo: '0000000' }) };
    expect(await errorPaths(await postJson('/v1/quotes', request))).toEqual(['vessel.imo']);
  });
});

describe('GET /v1/quotes/changes?since=', () => {
  it('takes a real calendar date or a known version, and refuses 2026-02-30', async () => {
    const { key } = await createKey();
    expect(await errorPaths(await getJson('/v1/quotes/changes?since=2026-02-30', key))).toEqual(['since']);
    expect(await errorPaths(await getJson('/v1/quotes/changes?since=us-301/1999-01-01', key))).toEqual(['since']);
    expect((await getJson('/v1/quotes/changes?since=2026-02-28', key)).status).toBe(200);
    expect((await getJson('/v1/quotes/changes?since=us-301/2025-04-17', key)).status).toBe(200);
  });
});

describe('MCP tool arguments', () => {
  it('stay inside their path segment: regime ".." is refused, an encoded one is not resolved', async () => {
    const transport = new StreamableHTTPClientTransport(new URL('http://portfees.test/mcp'), {
      fetch: (url, init) => exports.default.fetch(new Request(url, init)),
      requestInit: { headers: bearer((await createKey()).key) },
    });
    const client = new Client({ name: 'portfees-tests', version: '1.0.0' });
    await client.connect(transport);
    for (const regime of ['..', '.']) {
      const result = (await client.callTool({
        name: 'timeline',
        arguments: { regime },
      })) as CallToolResult;
      expect(result.isError, regime).toBe(true);
      expect(result.structuredContent, regime).toMatchObject({ status: 400, errors: [{ path: 'regime' }] });
    }
    // "%2e%2e" is sent as %252e%252e: a regime that does not exist, not the parent path.
    const encoded = (await client.callTool({ name: 'timeline', arguments: { regime: '%2e%2e' } })) as CallToolResult;
    expect(encoded.structuredContent).toMatchObject({ status: 404 });
    await client.close();
  });
});
