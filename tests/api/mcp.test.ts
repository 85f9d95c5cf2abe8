/**
 * The MCP server at /mcp, driven inside workerd by the SDK's own client over
 * Streamable HTTP: its tools answer what the HTTP routes answer, with the
 * same problems, keys and limits.
 */

import { env, exports } from 'cloudflare:workers';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../src/api/app';
import { QuoteRequest } from '../../src/api/openapi/quote-schemas';
import { bearer, createKey, paidCharge, recordCharge } from '../support/accounts';
import { annexIRequest } from '../support/requests';
import { annexOneQuote, IMO } from '../support/vessels';
import { call, postJson } from '../support/worker';

const MCP_URL = 'http://portfees.test/mcp';
const JSON_RPC = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
type Fetch = (request: Request) => Promise<Response>;
/** The real Worker entry point. */
const worker: Fetch = (request) => exports.default.fetch(request);

/** A connected client (initialize done) whose requests go to `fetch` with `headers`. */
async function connect(headers: Record<string, string> = {}, fetch: Fetch = worker): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(MCP_URL), {
    fetch: (url, init) => fetch(new Request(url, init)),
    requestInit: { headers },
  });
  const client = new Client({ name: 'portfees-tests', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const texts = (result: CallToolResult) => result.content.map((part) => (part.type === 'text' ? part.text : ''));

/** The first worked check: CN-operated container ship, 60,000 NT, first US call 2025-10-20 → Annex I. */
const firstWorkedCheck = () => annexIRequest();

describe('MCP over Streamable HTTP', () => {
  it('initializes statelessly and names its capabilities', async () => {
    const client = await connect();
    expect(client.getServerVersion()).toMatchObject({ name: 'portfees' });
    expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: {}, prompts: {} });
    expect(client.getInstructions()).toContain('decimal strings');
    // No session: any isolate can answer the next request.
    expect((client.transport as StreamableHTTPClientTransport).sessionId).toBeUndefined();
    await client.close();
  });

  it('lists the operations as tools, with the routes’ own request schemas', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'quote',
      'compare',
      'tariff_diff',
      'timeline',
      'search_ports',
      'list_scenarios',
      'list_tariffs',
      'screen',
    ]);
    const quote = tools.find((tool) => tool.name === 'quote')!;
    expect(quote.inputSchema).toEqual(z.toJSONSchema(QuoteRequest, { io: 'input', unrepresentable: 'any' }));
    expect(quote.inputSchema.required).toEqual(['vessel', 'portCalls']);
    expect(quote.annotations).toMatchObject({ readOnlyHint: true });
    const diff = tools.find((tool) => tool.name === 'tariff_diff')!;
    expect(diff.inputSchema.required).toEqual(['regime', 'from', 'to']);
    expect(diff.inputSchema.additionalProperties).toBe(false);
  });

  it('quotes the first worked check exactly as POST /v1/quotes does', async () => {
    const http = await postJson('/v1/quotes', firstWorkedCheck());
    expect(http.status).toBe(200);
    const expected = (await http.json()) as { voyages: Array<Record<string, unknown>> };

    const client = await connect();
    const result = await callTool(client, 'quote', firstWorkedCheck());
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(expected);
    const us = expected.voyages.find((voyage) => voyage.regime === 'us-301');
    expect(us).toMatchObject({ rule: 'annex-i', fee: { amount: '3000000.00', currency: 'USD' } });
    const [summary, json] = texts(result);
    expect(summary).toContain(
      'us-301 USLAX 2025-10-20T06:00:00-07:00: 3000000.00 USD, rule annex-i, charged, confirmed',
    );
    expect(summary).toContain('Totals:');
    expect(JSON.parse(json!)).toEqual(expected);
  });

  it('answers bad arguments with a tool error carrying the route’s problem and field paths', async () => {
    const body = { ...firstWorkedCheck(), vessel: { ...firstWorkedCheck().vessel, imo: '9310007' } };
    body.portCalls = [body.portCalls[0]!, { port: 'USLAX', arrival: 'soon' }];
    const http = (await (await postJson('/v1/quotes', body)).json()) as { errors: unknown[] };

    const client = await connect();
    const result = await callTool(client, 'quote', body);
    expect(result.isError).toBe(true);
    const problem = result.structuredContent as { status: number; errors: Array<{ path: string; message: string }> };
    expect(problem.status).toBe(400);
    expect([...new Set(problem.errors.map((error) => error.path))]).toEqual(['vessel.imo', 'portCalls[1].arrival']);
    expect(problem.errors).toEqual(http.errors);
    expect(texts(result)[0]).toContain('vessel.imo: must be a 7-digit IMO number with a valid check digit');

    // Query-string operations validate the typed arguments with the route's schema first.
    const ports = await callTool(client, 'search_ports', { q: 'los', limit: 0, extra: true });
    expect(ports.isError).toBe(true);
    expect((ports.structuredContent as typeof problem).errors).toEqual([
      { path: 'limit', message: 'must be a whole number from 1 to 50' },
    ]);
    const diff = await callTool(client, 'tariff_diff', { regime: 'us-301', from: '2025-04-17', to: 1 });
    expect((diff.structuredContent as typeof problem).errors.map((error) => error.path)).toEqual(['to']);
    // An unknown version is refused by the route itself, naming the field and the valid versions.
    const unknown = await callTool(client, 'tariff_diff', { regime: 'us-301', from: '2025-04-17', to: '1999-01-01' });
    expect((unknown.structuredContent as typeof problem).errors[0]).toMatchObject({ path: 'to' });
    expect((unknown.structuredContent as typeof problem).errors[0]!.message).toContain('valid versions');
  });

  it('runs the other tools as their routes', async () => {
    const client = await connect();
    const ports = await callTool(client, 'search_ports', { q: 'los angeles', limit: 3 });
    expect(ports.structuredContent).toEqual(await (await call('/v1/ports?q=los+angeles&limit=3')).json());
    expect(texts(ports)[0]).toContain('USLAX');

    const scenarios = await callTool(client, 'list_scenarios', {});
    expect(scenarios.structuredContent).toEqual(await (await call('/v1/scenarios')).json());
    expect(texts(scenarios)[0]).toMatch(/^fees-resumed \(default\): .*us-301\.after-suspension=resumed/);
    const scenario = await callTool(client, 'quote', {
      ...firstWorkedCheck(),
      options: { scenario: 'suspension-extended' },
    });
    const httpScenario = await postJson('/v1/quotes', {
      ...firstWorkedCheck(),
      options: { scenario: 'suspension-extended' },
    });
    expect(scenario.structuredContent).toEqual(await httpScenario.json());

    const tariffs = await callTool(client, 'list_tariffs', {});
    expect(tariffs.structuredContent).toEqual(await (await call('/v1/tariffs')).json());

    const screenArgs = { parties: [{ name: 'hanwha shipping, l.l.c.', country: 'US' }], asOf: '2026-03-01' };
    const screened = await callTool(client, 'screen', screenArgs);
    expect(screened.structuredContent).toEqual(await (await postJson('/v1/screen', screenArgs)).json());
    expect(screened.content).toEqual([
      expect.objectContaining({
        text: expect.stringContaining(
          'parties[0] hanwha shipping, l.l.c.: normalized Hanwha Shipping LLC (cn-countermeasures), suspended',
        ),
      }),
      expect.anything(),
    ]);

    const diff = await callTool(client, 'tariff_diff', { regime: 'us-301', from: '2025-04-17', to: '2025-10-10' });
    expect(diff.structuredContent).toEqual(
      await (await call('/v1/tariffs/us-301/diff?from=2025-04-17&to=2025-10-10')).json(),
    );

    const timeline = await callTool(client, 'timeline', { regime: 'us-301', version: '2025-10-10' });
    expect(timeline.isError).toBeFalsy();
    expect(timeline.structuredContent).toEqual(
      await (await call('/v1/tariffs/us-301/timeline?version=2025-10-10')).json(),
    );
    expect(texts(timeline)[0]).toContain('annex-i');

    const variants = [
      { label: 'resumed' },
      { label: 'extended', assumptions: { 'us-301.after-suspension': 'extended' } },
    ];
    const compared = await callTool(client, 'compare', { request: firstWorkedCheck(), variants });
    const http = await postJson('/v1/quotes/compare', { request: firstWorkedCheck(), variants });
    expect(compared.structuredContent).toEqual(await http.json());
    expect(texts(compared)[0]).toContain('Variant resumed: totals');
  });

  it('lists and reads every tariff version as portfees://tariffs/{id}', async () => {
    const client = await connect();
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual([
      'portfees://tariffs/{regime}/{version}',
    ]);
    const { resources } = await client.listResources();
    const { tariffs } = (await (await call('/v1/tariffs')).json()) as { tariffs: Array<{ id: string }> };
    expect(resources.map((resource) => resource.uri)).toEqual(tariffs.map((t) => `portfees://tariffs/${t.id}`));

    const read = await client.readResource({ uri: 'portfees://tariffs/us-301/2025-10-10' });
    const [content] = read.contents as Array<{ uri: string; mimeType: string; text: string }>;
    expect(content).toMatchObject({ uri: 'portfees://tariffs/us-301/2025-10-10', mimeType: 'application/json' });
    expect(JSON.parse(content!.text)).toEqual(await (await call('/v1/tariffs/us-301/2025-10-10')).json());

    await expect(client.readResource({ uri: 'portfees://tariffs/us-301/1999-01-01' })).rejects.toThrow(
      /No tariff version us-301\/1999-01-01/,
    );
  });

  it('prompts an explanation of a quote given as JSON or as a saved quote id', async () => {
    const { key } = await createKey();
    const saved = await postJson('/v1/quotes?save=true', firstWorkedCheck(), bearer(key));
    const quote = (await saved.json()) as { quoteId: string };

    const client = await connect(bearer(key));
    const { prompts } = await client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toEqual(['explain_quote']);
    const byId = await client.getPrompt({ name: 'explain_quote', arguments: { quote: quote.quoteId } });
    const byJson = await client.getPrompt({ name: 'explain_quote', arguments: { quote: JSON.stringify(quote) } });
    for (const prompt of [byId, byJson]) {
      const text = (prompt.messages[0]!.content as { text: string }).text;
      expect(text).toContain('Explain this portfees quote');
      expect(text).toContain('"rule": "annex-i"');
      expect(text).toContain(quote.quoteId);
    }
    // Another caller (here anonymous) cannot read the saved quote.
    const anonymous = await connect();
    await expect(anonymous.getPrompt({ name: 'explain_quote', arguments: { quote: quote.quoteId } })).rejects.toThrow(
      /secret API key/,
    );
  });

  it('gives a secret key the account’s ledger, as POST /v1/quotes does', async () => {
    const { key } = await createKey();
    for (const date of ['2025-10-14', '2025-10-18', '2025-10-22', '2025-10-27', '2025-10-31']) {
      expect((await recordCharge(key, IMO, paidCharge(date, 'USLAX', date), `mcp-${date}`)).status).toBe(201);
    }
    const request = annexOneQuote('2025-11-05T06:00:00-08:00');
    const outcome = async (headers: Record<string, string>) => {
      const result = await callTool(await connect(headers), 'quote', request);
      return (result.structuredContent as { voyages: Array<{ outcome: string }> }).voyages[0]!.outcome;
    };
    expect(await outcome(bearer(key))).toBe('capped');
    expect(await outcome({})).toBe('charged');

    const http = await postJson('/v1/quotes', request, bearer(key));
    const result = await callTool(await connect(bearer(key)), 'quote', request);
    expect(result.structuredContent).toEqual(await http.json());
  });

  it('refuses an unknown key as /v1 does', async () => {
    const res = await call('/mcp', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...bearer(`sk_live_${'C'.repeat(43)}`),
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errors: [{ path: 'Authorization', message: 'unknown API key' }] });
  });
});

describe('MCP from browsers', () => {
  const listTools = (origin: string) =>
    call('/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', origin },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });

  it('refuses an Origin the API does not allow (DNS-rebinding guard), even one matching the Host', async () => {
    for (const origin of ['https://desk.example.com', 'http://portfees.test']) {
      const res = await listTools(origin);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ errors: [{ path: 'Origin' }] });
    }
  });

  it('answers an allowed origin (wrangler.toml ALLOWED_ORIGINS) with CORS headers', async () => {
    const res = await listTools('http://localhost:8787');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8787');
    expect(((await res.json()) as { result: { tools: unknown[] } }).result.tools).toHaveLength(8);
    const preflight = await call('/mcp', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:8787',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, mcp-protocol-version',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('mcp-protocol-version');
  });

  it('takes POST only, and documents itself in /openapi.json', async () => {
    const get = await call('/mcp', { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const doc = (await (await call('/openapi.json')).json()) as {
      paths: Record<string, { post?: { tags: string[] } }>;
    };
    expect(doc.paths['/mcp']?.post?.tags).toEqual(['Agents (MCP)']);
  });
});

describe('MCP rate limits', () => {
  /** As tests/accounts/rate-limit.test.ts: the same Worker with limits on, against wrangler.toml's bindings. */
  const app = createApp();
  const limited: Fetch = async (request) => app.fetch(request, { ...env, RATE_LIMITS: 'on' });
  /** wrangler.toml: ANONYMOUS_RATE_LIMITER simple.limit. */
  const ANONYMOUS_LIMIT = 300;

  it('counts each MCP request against the anonymous limit, and a key has its own', async () => {
    const address = { 'cf-connecting-ip': '198.51.100.201' };
    // Every HTTP request of the session counts: initialize, the initialized notification, each listing.
    let successes = 0;
    const counted: Fetch = async (request) => {
      const res = await limited(request);
      if (request.method === 'POST' && res.status < 400) successes += 1;
      return res;
    };
    const client = await connect(address, counted);
    let refusal: unknown;
    while (successes <= 2 * ANONYMOUS_LIMIT) {
      try {
        await client.listTools();
      } catch (error) {
        refusal = error;
        break;
      }
    }
    // A window may turn over once during the run.
    expect(successes).toBeGreaterThanOrEqual(ANONYMOUS_LIMIT);
    expect(successes).toBeLessThanOrEqual(2 * ANONYMOUS_LIMIT);
    expect(refusal).toBeInstanceOf(StreamableHTTPError);
    expect((refusal as StreamableHTTPError).code).toBe(429);

    // A key's bucket is its own, even from the spent address.
    const { key } = await createKey();
    const keyed = await connect({ ...address, ...bearer(key) }, limited);
    const result = await callTool(keyed, 'quote', firstWorkedCheck());
    expect(result.isError).toBeFalsy();
  }, 60_000);

  it('counts refused browser origins against the address, like bad keys', async () => {
    const post = () =>
      limited(
        new Request(MCP_URL, {
          method: 'POST',
          headers: { ...JSON_RPC, 'cf-connecting-ip': '198.51.100.203', origin: 'https://rebound.example' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
        }),
      );
    let refusals = 0;
    let res = await post();
    while (res.status === 403 && refusals <= 2 * ANONYMOUS_LIMIT) {
      refusals += 1;
      res = await post();
    }
    expect(refusals).toBeGreaterThanOrEqual(ANONYMOUS_LIMIT);
    expect(res.status).toBe(429);
  }, 60_000);

  it('counts each message of a JSON-RPC batch', async () => {
    const batch = Array.from({ length: 100 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'tools/list' }));
    const post = () =>
      limited(
        new Request(MCP_URL, {
          method: 'POST',
          headers: { ...JSON_RPC, 'cf-connecting-ip': '198.51.100.202' },
          body: JSON.stringify(batch),
        }),
      );
    let accepted = 0;
    let res = await post();
    while (res.status === 200 && accepted < 300) {
      expect(await res.json()).toHaveLength(100);
      accepted += 1;
      res = await post();
    }
    // 300 per window: three batches, or up to six if the window turned over; not 300 batches.
    expect(accepted).toBeGreaterThanOrEqual(3);
    expect(accepted).toBeLessThanOrEqual(6);
    expect(res.status).toBe(429);
  }, 60_000);
});

describe('MCP bodies', () => {
  it('refuses a body beyond the API limit plus the envelope with a 413 problem', async () => {
    const res = await call('/mcp', {
      method: 'POST',
      headers: JSON_RPC,
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(300 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ type: 'urn:portfees:problem:body-too-large' });
  });

  it('answers a body that is not JSON with a JSON-RPC parse error, never a 500', async () => {
    const res = await call('/mcp', { method: 'POST', headers: JSON_RPC, body: '{"jsonrpc": ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: -32700 } });
  });
});
