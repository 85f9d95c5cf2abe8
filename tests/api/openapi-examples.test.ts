/**
 * Every operation of /openapi.json shows an example of its request body and of its successful answer (on the
 * media type, or on the schema or its fields), so the reference and the try-it console start from something
 * real. Each example of a body or an answer parses with the schema it illustrates and keeps every field it
 * shows, and the examples of the fleet, comparison, registry, ledger and webhook routes are what the API
 * answers to their example requests.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app';
import { Vessel } from '../../src/api/openapi/quote-schemas';
import { parseCsv } from '../../src/batch/csv';
import { CSV_ANSWER_COLUMNS } from '../../src/batch/output';
import { vesselsFromCsv } from '../../src/batch/vessel-csv';
import { bearer, createKey } from '../support/accounts';
import { call, postJson } from '../support/worker';

type Node = unknown;

/** Whether a part of the document carries an example, following `$ref`s into the components. */
function hasExample(node: Node, schemas: Record<string, Node>, seen: ReadonlySet<string> = new Set()): boolean {
  if (Array.isArray(node)) return node.some((item) => hasExample(item, schemas, seen));
  if (typeof node !== 'object' || node === null) return false;
  const record = node as Record<string, Node>;
  if ('example' in record || 'examples' in record) return true;
  const ref = record.$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').at(-1)!;
    return !seen.has(name) && hasExample(schemas[name], schemas, new Set([...seen, name]));
  }
  return Object.values(record).some((value) => hasExample(value, schemas, seen));
}

interface Operation {
  requestBody?: Node;
  responses: Record<string, { content?: Node }>;
  parameters?: Array<{ name: string; example?: unknown; schema?: { example?: unknown } }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Node> };
}

async function openApiDocument(): Promise<OpenApiDocument> {
  return (await (await call('/openapi.json')).json()) as OpenApiDocument;
}

interface SchemaLike {
  safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: unknown[] } };
}
const isZod = (schema: unknown): schema is SchemaLike =>
  typeof (schema as Partial<SchemaLike> | undefined)?.safeParse === 'function';

/** One example of a body or an answer, as the route definitions (the source of /openapi.json) carry it. */
interface MediaExample {
  /** `POST /v1/vessels request text/csv`, `GET /v1/jobs/{id} 200 application/json`. */
  name: string;
  schema: unknown;
  example: unknown;
}

interface MediaConfig {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

let collected: MediaExample[] | undefined;

function mediaExamples(): MediaExample[] {
  if (collected) return collected;
  const found: MediaExample[] = [];
  for (const definition of createApp().openAPIRegistry.definitions) {
    if (definition.type !== 'route') continue;
    const route = definition.route as RouteConfig;
    const parts: Array<[string, object | undefined]> = [['request', route.request?.body?.content]];
    for (const [status, response] of Object.entries(route.responses))
      if ('content' in response) parts.push([status, response.content]);
    for (const [part, content] of parts)
      for (const [media, config] of Object.entries((content ?? {}) as Record<string, MediaConfig>)) {
        const name = `${route.method.toUpperCase()} ${route.path} ${part} ${media}`;
        if ('example' in config) found.push({ name, schema: config.schema, example: config.example });
        for (const [key, named] of Object.entries(config.examples ?? {}))
          found.push({ name: `${name} (${key})`, schema: config.schema, example: named.value });
      }
  }
  collected = found;
  return found;
}

function exampleOf(name: string): unknown {
  const found = mediaExamples().find((media) => media.name === name);
  if (!found) throw new Error(`no example ${name}`);
  return found.example;
}

/** The CSV answer of the batch route and of fleet jobs: its header, and every row as wide as the header. */
function checkAnswerCsv(text: unknown): void {
  const [head, ...rows] = parseCsv(text as string);
  expect(head?.fields).toEqual([...CSV_ANSWER_COLUMNS]);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.fields).toHaveLength(CSV_ANSWER_COLUMNS.length);
    expect(['voyage', 'error', 'total']).toContain(row.fields[0]);
  }
}

/** The NDJSON answer: one line per vessel, then the summary line; together, the batch route's JSON example. */
function checkAnswerNdjson(text: unknown): void {
  const lines = (text as string)
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string } & Record<string, unknown>);
  const { type: summaryType, ...end } = lines.at(-1)!;
  expect(summaryType).toBe('summary');
  const results = lines.slice(0, -1).map(({ type, ...result }) => {
    expect(type).toBe('vessel');
    return result;
  });
  expect({ results, ...end }).toEqual(exampleOf('POST /v1/quotes/batch 200 application/json'));
}

/** The checks of examples whose schema is plain OpenAPI (text, or a fleet whose requests are validated one by one). */
const PLAIN_SCHEMA_CHECKS: Record<string, (example: unknown) => void> = {
  'POST /v1/vessels request text/csv': (text) => {
    const read = vesselsFromCsv(
      text as string,
      (raw) => {
        const parsed = Vessel.safeParse(raw);
        return parsed.success
          ? { vessel: parsed.data }
          : { issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) };
      },
      1000,
    );
    expect(read.errors).toEqual([]);
    expect(read.vessels.length).toBeGreaterThan(0);
  },
  'POST /v1/quotes/batch request application/json': (fleet) => {
    const requests = fleet as unknown[];
    expect(requests.length).toBeGreaterThan(0);
    const QuoteRequest = mediaExamples().find((media) => media.name === 'POST /v1/quotes request application/json')!
      .schema as SchemaLike;
    for (const request of requests) expect(QuoteRequest.safeParse(request)).toMatchObject({ data: request });
  },
  'POST /v1/quotes/batch 200 text/csv': checkAnswerCsv,
  'POST /v1/quotes/batch 200 application/x-ndjson': checkAnswerNdjson,
  'GET /v1/jobs/{id}/results 200 text/csv': checkAnswerCsv,
  'GET /v1/jobs/{id}/results 200 application/x-ndjson': checkAnswerNdjson,
};

describe('/openapi.json', () => {
  it('has an example for the request body and the successful answer of every operation', async () => {
    const doc = await openApiDocument();
    const schemas = doc.components?.schemas ?? {};
    const lacking: string[] = [];
    let parts = 0;
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (operation.requestBody) {
          parts += 1;
          if (!hasExample(operation.requestBody, schemas)) lacking.push(`${name} request`);
        }
        for (const status of ['200', '201', '202']) {
          const content = operation.responses[status]?.content;
          if (!content) continue;
          parts += 1;
          if (!hasExample(content, schemas)) lacking.push(`${name} ${status}`);
        }
      }
    expect(parts).toBeGreaterThan(40);
    expect(lacking).toEqual([]);
  });

  it('has examples of bodies and answers that parse with the schema they illustrate, keeping every field', () => {
    const examples = mediaExamples();
    expect(examples.length).toBeGreaterThan(40);
    for (const { name, schema, example } of examples) {
      expect(example, name).toBeDefined();
      if (isZod(schema)) {
        const parsed = schema.safeParse(example);
        expect(parsed.error?.issues, name).toBeUndefined();
        // An object schema drops a field it does not declare: a misspelt or invented field fails here.
        expect(parsed.data, name).toEqual(example);
      } else {
        const check = PLAIN_SCHEMA_CHECKS[name];
        expect(check, `no check for the example of ${name}, whose schema is not zod`).toBeDefined();
        check!(example);
      }
    }
  });
});

describe('the examples of /openapi.json', () => {
  it('answer the example fleet and comparison as the API does', async () => {
    const doc = await openApiDocument();
    const asOf = doc.paths['/v1/quotes/batch']!.post!.parameters!.find((parameter) => parameter.name === 'asOf')!
      .schema!.example as string;
    const batch = await postJson(
      `/v1/quotes/batch?asOf=${asOf}`,
      exampleOf('POST /v1/quotes/batch request application/json'),
    );
    expect(await batch.json()).toEqual(exampleOf('POST /v1/quotes/batch 200 application/json'));
    // The job report's example is the exposure report of the same fleet under the job example's scenario.
    const [scenario] = (exampleOf('GET /v1/jobs/{id} 200 application/json') as { scenarios: string[] }).scenarios;
    const report = await postJson(
      `/v1/quotes/batch?asOf=${asOf}&report=true&scenario=${scenario}`,
      exampleOf('POST /v1/quotes/batch request application/json'),
    );
    expect(await report.json()).toEqual(exampleOf('GET /v1/jobs/{id}/report 200 application/json'));
    const compare = await postJson('/v1/quotes/compare', exampleOf('POST /v1/quotes/compare request application/json'));
    expect(await compare.json()).toEqual(exampleOf('POST /v1/quotes/compare 200 application/json'));
  });

  it('replay the vessel registry: the two versions, the CSV import, the deletion and the history', async () => {
    const { key } = await createKey();
    type Profile = { imo: string; vessel: unknown; createdAt: string };
    const stored = (example: unknown) => ({ ...(example as Profile), createdAt: expect.any(String) });
    const first = exampleOf('PUT /v1/vessels/{imo} 201 application/json') as Profile;
    const current = exampleOf('PUT /v1/vessels/{imo} 200 application/json') as Profile;
    const put = (vessel: unknown) =>
      call(`/v1/vessels/${first.imo}`, {
        method: 'PUT',
        headers: { ...bearer(key), 'content-type': 'application/json' },
        body: JSON.stringify(vessel),
      });

    const created = await put(first.vessel);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual(stored(first));
    const replaced = await put(current.vessel);
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toEqual(stored(current));
    expect(await (await call(`/v1/vessels/${first.imo}`, { headers: bearer(key) })).json()).toEqual(
      stored(exampleOf('GET /v1/vessels/{imo} 200 application/json')),
    );

    const imported = await call('/v1/vessels', {
      method: 'POST',
      headers: { ...bearer(key), 'content-type': 'text/csv' },
      body: exampleOf('POST /v1/vessels request text/csv') as string,
    });
    expect(await imported.json()).toEqual(exampleOf('POST /v1/vessels 200 application/json'));

    const deleted = await call(`/v1/vessels/${first.imo}`, { method: 'DELETE', headers: bearer(key) });
    expect(await deleted.json()).toEqual(stored(exampleOf('DELETE /v1/vessels/{imo} 200 application/json')));
    const history = exampleOf('GET /v1/vessels/{imo}/history 200 application/json') as { versions: unknown[] };
    expect(await (await call(`/v1/vessels/${first.imo}/history`, { headers: bearer(key) })).json()).toEqual({
      ...history,
      versions: history.versions.map(stored),
    });
  });

  it('replay the charge ledger and a webhook endpoint', async () => {
    const { key } = await createKey();
    const charge = exampleOf('POST /v1/vessels/{imo}/charges 201 application/json') as Record<string, string>;
    // The body is the request fields of the recorded charge.
    const { imo, regime, date, port, amount, currency, reference } = charge;
    const body = { regime, date, port, amount, currency, reference };
    const recorded = await postJson(`/v1/vessels/${imo}/charges`, body, bearer(key));
    expect(recorded.status).toBe(201);
    expect(await recorded.json()).toEqual({
      ...charge,
      id: expect.stringMatching(/^chg_/),
      recordedAt: expect.any(String),
    });

    const endpoint = exampleOf('POST /v1/webhooks 201 application/json') as Record<string, unknown>;
    const created = await postJson(
      '/v1/webhooks',
      exampleOf('POST /v1/webhooks request application/json'),
      bearer(key),
    );
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      ...endpoint,
      id: expect.stringMatching(/^wh_[0-9a-f]{20}$/),
      secret: expect.stringMatching(/^whsec_/),
      createdAt: expect.any(String),
    });
  });
});
