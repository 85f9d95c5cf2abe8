/**
 * POST /v1/quotes/batch: a whole fleet in one request. The body is a JSON
 * array of quote requests, one CSV of port calls with the vessel columns
 * repeated, or a multipart form with a `calls` CSV and a `vessels` CSV. The
 * answer is JSON, CSV or NDJSON by the Accept header, streamed vessel by
 * vessel, with totals per regime, currency and cap year at the end.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import batchExample from '../../../examples/openapi/batch.json';
import { type FleetCsv, fromCsv } from '../../batch/fleet-csv';
import {
  type BatchError,
  BatchFormatError,
  type BatchItem,
  BatchLimitError,
  fromJson,
  type ValidateRequest,
} from '../../batch/items';
import { BATCH_LIMITS } from '../../batch/limits';
import { BATCH_MEDIA_TYPES, BATCH_WRITERS, type BatchEnd, type BatchFormat } from '../../batch/output';
import type { VesselResult as VesselAnswer } from '../../batch/run';
import { fleetExposure, type Scenario } from '../../batch/scenarios';
import { batchPieces, batchStream } from '../../batch/stream';
import {
  type QuoteEnvironment,
  QuoteInputError,
  type QuoteOptions,
  resolveAssumptions,
  scenarioAssumptions,
  selectVersions,
} from '../../engine';
import type { AppEnv } from '../env';
import { withFleetLedger } from '../ledger-charges';
import { BatchQuery } from '../openapi/analysis-schemas';
import { computedExample } from '../openapi/examples';
import { ProblemSchema, QuoteRequest } from '../openapi/quote-schemas';
import { createRoute } from '../openapi/route';
import { type FieldError, invalidRequest, ProblemError, zodErrorCount, zodErrors } from '../problem';
import { quoteEnvironment } from '../quote-environment';
import { type VesselRegistryView, vesselRegistryView } from '../vessel-by-imo';
import { exampleQuoteRequest } from './quotes';

export const BATCH_PATH = '/v1/quotes/batch';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

const VesselResult = z
  .object({
    index: z.number().optional(),
    imo: z.string().nullable(),
    name: z.string().optional().openapi({ description: 'The vessel name its request gives, if any' }),
    rows: z.array(z.number()).optional(),
    quote: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'The quote: voyages without explanations unless detail=full' }),
    problem: z
      .object({
        title: z.string(),
        detail: z.string(),
        errors: z.array(z.record(z.string(), z.unknown())),
        errorCount: z.number().optional().openapi({ description: 'Errors found for this vessel' }),
        omittedErrors: z.number().optional().openapi({ description: 'Errors found but left out of `errors`' }),
      })
      .optional(),
  })
  .openapi('BatchVesselResult');

const BatchResponse = z
  .object({
    results: z.array(VesselResult),
    totals: z.array(
      z.object({
        regime: z.string(),
        currency: z.string(),
        capYear: z.string(),
        amount: z.string(),
        low: z.string().openapi({ description: 'Sum of each voyage’s lowest amount over its alternatives' }),
        high: z.string().openapi({ description: 'Sum of each voyage’s highest amount over its alternatives' }),
        voyages: z.number(),
        charged: z.number(),
      }),
    ),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          index: z.number().optional(),
          row: z.number().optional(),
          column: z.string().nullable().optional(),
          file: z.string().optional(),
        }),
      )
      .openapi({
        description: 'Errors of rows that belong to no vessel; a vessel’s errors are written once, in its `problem`',
      }),
    summary: z.object({
      vessels: z.number(),
      quoted: z.number(),
      failed: z.number(),
      calls: z.number(),
      errors: z.number().openapi({ description: 'Errors found in the whole batch' }),
      omittedErrors: z.number().openapi({
        description: `Errors not written: at most ${BATCH_LIMITS.errorsPerVessel} per vessel and ${BATCH_LIMITS.errorsPerBatch} per batch`,
      }),
    }),
  })
  .openapi('BatchResult');

/** The example fleet: the vessel of the quote example, alone. */
const exampleFleet = [exampleQuoteRequest];

/** The answer to the example fleet with the example's `asOf`, in summary detail (examples/openapi/batch.json). */
const exampleBatchAnswer = batchExample.answer as unknown as { results: VesselAnswer[] } & Pick<
  BatchEnd,
  'totals' | 'errors' | 'summary'
>;

/** The example answer as the batch route writes it in `format` (fleet jobs write their results the same way). */
export function exampleBatchText(format: Exclude<BatchFormat, 'json'>): string {
  const { results, totals, errors, summary } = exampleBatchAnswer;
  const writer = BATCH_WRITERS[format];
  return (
    writer.start() +
    results.map((result, i) => writer.vessel(result, i === 0)).join('') +
    writer.end({ totals, errors, orphans: [], summary })
  );
}

const csvText = {
  type: 'string' as const,
  description: 'RFC 4180 CSV with a header row; the columns are listed in the README (Analysts)',
};

const batch = createRoute({
  method: 'post',
  path: BATCH_PATH,
  tags: ['Quotes'],
  summary: 'Quote a whole fleet: a JSON array of quote requests, or CSV',
  description:
    `At most ${BATCH_LIMITS.vessels} vessels, ${BATCH_LIMITS.calls} port calls and ${BATCH_LIMITS.bodyBytes} bytes per request (413 beyond). ` +
    'One quote per vessel over its whole schedule, so the cap counts every call. Invalid vessels are reported (CSV: with row and column) and the others are still quoted. ' +
    'Answers JSON, `text/csv` (one row per voyage) or `application/x-ndjson` (one line per vessel, then a summary line with the totals) by the Accept header.',
  request: {
    query: BatchQuery,
    body: {
      required: true,
      // Plain OpenAPI schemas, not zod: each request is validated on its own so one bad vessel does not refuse the fleet.
      content: {
        'application/json': {
          schema: {
            oneOf: [
              { type: 'array', items: { $ref: '#/components/schemas/QuoteRequest' }, maxItems: BATCH_LIMITS.vessels },
              {
                type: 'object',
                required: ['requests'],
                properties: {
                  requests: {
                    type: 'array',
                    items: { $ref: '#/components/schemas/QuoteRequest' },
                    maxItems: BATCH_LIMITS.vessels,
                  },
                },
              },
            ],
          },
          example: exampleFleet,
        },
        'text/csv': { schema: csvText },
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['calls'],
            properties: { calls: { ...csvText, format: 'binary' }, vessels: { ...csvText, format: 'binary' } },
          },
        },
      },
    },
  },
  responses: {
    200: {
      description: 'One result per vessel and the totals',
      content: {
        // The schema leaves the quote open (a record), which the engine's QuoteSummary interface does not declare.
        'application/json': { schema: BatchResponse, example: exampleBatchAnswer as z.input<typeof BatchResponse> },
        'application/x-ndjson': computedExample(
          {
            type: 'string',
            description: 'One JSON object per line: {"type":"vessel",…} per vessel, then {"type":"summary","totals":…}',
          },
          () => exampleBatchText('ndjson'),
        ),
        'text/csv': computedExample(
          {
            type: 'string',
            description:
              'record,index,imo,rows,regime,tariff,capYear,calls,chargedAt,arrival,rule,outcome,certainty,amount,currency,low,high,listed,voyages,charged,row,column,path,message',
          },
          () => exampleBatchText('csv'),
        ),
      },
    },
    400: problem('Unreadable batch or invalid query'),
    406: problem('No acceptable answer format'),
    413: problem('Too many vessels, calls or multipart parts, or body too large'),
    415: problem('Unsupported body format'),
  },
});

/** The answer format named by the Accept header (highest quality first; JSON when there is none). */
export function negotiateFormat(accept: string | undefined): BatchFormat {
  if (!accept || !accept.trim()) return 'json';
  const offers: Array<[string, BatchFormat]> = [
    ['application/json', 'json'],
    ['application/x-ndjson', 'ndjson'],
    ['text/csv', 'csv'],
    ['application/*', 'json'],
    ['text/*', 'csv'],
    ['*/*', 'json'],
  ];
  const ranges = accept
    .split(',')
    .map((part, order) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? '1');
      return { type, q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const range of ranges) {
    const offer = offers.find(([type]) => type === range.type);
    if (offer) return offer[1];
  }
  throw new ProblemError(
    406,
    'not-acceptable',
    'Not acceptable',
    `The batch answers application/json, application/x-ndjson or text/csv; the Accept header allows none of them (${accept}).`,
  );
}

/** Each request on its own; only the first errors of a request are kept (the answer writes no more), with their count. */
const validate: ValidateRequest = (raw) => {
  const parsed = QuoteRequest.safeParse(raw);
  if (parsed.success) return { request: parsed.data };
  return {
    issues: zodErrors(parsed.error, [], BATCH_LIMITS.errorsPerVessel),
    count: zodErrorCount(parsed.error),
  };
};

/** Validation that first completes a vessel given by IMO from the caller's registry (see vessel-by-imo.ts). */
const validateWithRegistry =
  (registry: VesselRegistryView): ValidateRequest =>
  (raw) => {
    const completed = registry.complete(raw);
    if (!('issues' in completed)) return validate(completed.raw);
    const checked = validate(raw);
    return { issues: [...completed.issues, ...('issues' in checked ? checked.issues : [])] };
  };

/** Options for every vessel from the query string, checked against the shipped versions once. */
export function defaultsFrom(
  query: Pick<z.infer<typeof BatchQuery>, 'asOf' | 'tariffVersions' | 'assumptions' | 'scenario'>,
  env: QuoteEnvironment,
): QuoteOptions {
  const defaults: QuoteOptions = {};
  if (query.asOf) defaults.asOf = query.asOf;
  if (query.scenario) defaults.scenario = query.scenario;
  if (query.tariffVersions)
    defaults.tariffVersions = Object.fromEntries(query.tariffVersions.split(',').map((id) => [id.split('/')[0]!, id]));
  if (query.assumptions)
    defaults.assumptions = Object.fromEntries(
      query.assumptions.split(',').map((pair) => pair.split('=') as [string, string]),
    );
  try {
    const chosen = selectVersions(env.registry, defaults.asOf ?? env.today, defaults.tariffVersions).flatMap((s) =>
      s.tariff ? [s.tariff] : [],
    );
    resolveAssumptions(chosen, scenarioAssumptions(env.scenarios, chosen, defaults).assumptions);
  } catch (error) {
    if (!(error instanceof QuoteInputError)) throw error;
    throw invalidRequest(
      error.issues.map((issue) => ({
        path: issue.path.startsWith('options.tariffVersions')
          ? 'tariffVersions'
          : issue.path === 'options.scenario'
            ? 'scenario'
            : 'assumptions',
        message: issue.message,
      })),
    );
  }
  return defaults;
}

/**
 * The scenarios to quote a fleet under: every joint scenario (`scenarios=both`, GET /v1/scenarios),
 * or the one the options name (`scenario=`, else the default one), which the engine applies.
 */
export function scenariosFrom(query: { scenario?: string; scenarios?: 'both' }, env: QuoteEnvironment): Scenario[] {
  if (query.scenario !== undefined && query.scenarios !== undefined)
    throw invalidRequest([{ path: 'scenarios', message: 'give scenario or scenarios=both, not both' }]);
  if (query.scenarios === undefined)
    return [{ name: query.scenario ?? env.scenarios?.defaultScenario.id ?? 'default', assumptions: {} }];
  const all = env.scenarios?.list() ?? [];
  if (all.length === 0) throw invalidRequest([{ path: 'scenarios', message: 'no joint scenarios are known here' }]);
  return all.map((scenario) => ({ name: scenario.id, assumptions: {}, scenario: scenario.id }));
}

/** A CSV or JSON location as a field error: the path, with row and column when there are some. */
function fieldError(error: BatchError): FieldError {
  const where =
    error.row !== undefined
      ? `${error.file ? `${error.file} file ` : ''}row ${error.row}${error.column ? `, column ${error.column}` : ''}: `
      : '';
  return { ...error, path: error.path || (error.column ?? ''), message: `${where}${error.message}` };
}

async function readMultipart(request: Request): Promise<FleetCsv> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw invalidRequest(
      [{ path: '', message: 'the multipart body cannot be read' }],
      'The multipart/form-data body is malformed.',
    );
  }
  // One pass over the entries: linear in the body, whatever the number of parts.
  const errors: FieldError[] = [];
  const found = new Map<string, Array<string | File>>();
  let count = 0;
  for (const [name, value] of form) {
    count += 1;
    if (count > BATCH_LIMITS.multipartParts)
      throw new ProblemError(
        413,
        'too-many-parts',
        'Too many parts',
        `A multipart batch may have at most ${BATCH_LIMITS.multipartParts} parts; send "calls" and optionally "vessels".`,
        [{ path: '', message: `more than ${BATCH_LIMITS.multipartParts} parts` }],
        {},
        { limit: BATCH_LIMITS.multipartParts },
      );
    const values = found.get(name) ?? [];
    values.push(value);
    found.set(name, values);
  }
  const parts: Record<string, string> = {};
  for (const [name, values] of found) {
    if (name !== 'calls' && name !== 'vessels')
      errors.push({ path: name, message: 'unknown part; send "calls" and optionally "vessels"' });
    else if (values.length > 1) errors.push({ path: name, message: 'the part appears more than once' });
    else parts[name] = typeof values[0] === 'string' ? values[0] : await (values[0] as File).text();
  }
  if (!found.has('calls')) errors.push({ path: 'calls', message: 'the calls CSV part is required' });
  if (errors.length > 0) throw invalidRequest(errors);
  return { calls: parts.calls!, ...(parts.vessels !== undefined ? { vessels: parts.vessels } : {}) };
}

/** The body as batch items, by its media type. */
async function readItems(
  c: Context<AppEnv>,
  defaults: QuoteOptions,
  validateJson: () => Promise<ValidateRequest>,
): Promise<{ items: BatchItem[]; orphans: BatchError[] }> {
  const request = c.req.raw;
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json') {
    // Through Hono's body cache: the reserved-key check may have read it already.
    const text = await c.req.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw invalidRequest(
        [{ path: '', message: `malformed JSON: ${(error as Error).message}` }],
        'The body is not a JSON document.',
      );
    }
    return { items: fromJson(body, await validateJson(), BATCH_LIMITS, defaults), orphans: [] };
  }
  if (mediaType === 'text/csv') return fromCsv({ calls: await request.text() }, validate, BATCH_LIMITS, defaults);
  if (mediaType === 'multipart/form-data')
    return fromCsv(await readMultipart(request), validate, BATCH_LIMITS, defaults);
  throw new ProblemError(
    415,
    'unsupported-media-type',
    'Unsupported media type',
    `Send application/json, text/csv or multipart/form-data (parts calls and vessels), not ${mediaType || 'a body without a Content-Type'}.`,
  );
}

/** The batch route's own body limit, registered by the app before any middleware reads the body. */
export const batchBodyLimit = bodyLimit({
  maxSize: BATCH_LIMITS.bodyBytes,
  onError: () => {
    throw new ProblemError(
      413,
      'body-too-large',
      'Request body too large',
      `A batch body may hold at most ${BATCH_LIMITS.bodyBytes} bytes; split the fleet.`,
    );
  },
});

export const batchRoutes = new OpenAPIHono<AppEnv>();
batchRoutes.openapi(batch, async (c) => {
  const query = c.req.valid('query');
  const format = query.report === 'true' ? 'json' : negotiateFormat(c.req.header('accept'));
  const env = quoteEnvironment(c);
  const defaults = defaultsFrom(query, env);
  let read: { items: BatchItem[]; orphans: BatchError[] };
  try {
    // JSON requests may give a stored vessel by IMO; CSV rows carry their vessel columns.
    read = await readItems(c, defaults, async () => validateWithRegistry(await vesselRegistryView(c)));
  } catch (error) {
    if (error instanceof BatchLimitError)
      throw new ProblemError(413, 'batch-too-large', 'Batch too large', error.message, [
        { path: error.path, message: error.message },
      ]);
    if (error instanceof BatchFormatError)
      throw invalidRequest(error.errors.map(fieldError), `The batch cannot be read: ${error.message}`);
    throw error;
  }
  // With a secret key, each vessel's ledger charges count toward its cap.
  const quotable = read.items.filter((item) => item.request);
  const counted = await withFleetLedger(
    c,
    quotable.map((item) => item.request!),
  );
  quotable.forEach((item, i) => {
    item.request = counted[i]!.request;
  });
  if (query.report === 'true') return c.json(fleetExposure(read.items, scenariosFrom(query, env), env));
  if (query.scenarios !== undefined)
    throw invalidRequest([
      {
        path: 'scenarios',
        message: 'scenarios=both needs report=true here; a fleet job (POST /v1/jobs) gives both results',
      },
    ]);
  const pieces = batchPieces(read.items, read.orphans, env, format, query.detail ?? 'summary');
  return c.body(batchStream(pieces), 200, { 'content-type': BATCH_MEDIA_TYPES[format] });
});
