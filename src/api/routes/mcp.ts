/**
 * POST /mcp: the Model Context Protocol server over Streamable HTTP, in
 * stateless mode (a fresh server per request, JSON answers, no session), so
 * any isolate answers any request. The caller is identified and limited as
 * on /v1; each tool call is then answered by the API itself through
 * `dispatch`, with the caller's key, so its result or problem is the route's.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { MAX_BATCH_SIZE } from '@modelcontextprotocol/sdk/server/requestBody.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Context, ExecutionContext, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppEnv, Bindings } from '../env';
import { portfeesMcpServer } from '../mcp/server';
import type { OperationRequest } from '../mcp/tools';
import { authenticate } from '../middleware/auth';
import { ANONYMOUS, callerOf } from '../middleware/caller';
import { checkJsonBodies } from '../middleware/json-keys';
import { isPermittedOrigin } from '../middleware/origins';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { accountProblemResponses, keySecurity } from '../openapi/key-schemes';
import { createRoute } from '../openapi/route';
import { invalidRequest, ProblemError, problemResponse } from '../problem';

export const MCP_PATH = '/mcp';

/** Answers a request with the whole application (given by app.ts, which mounts these routes). */
export type Dispatch = (
  request: Request,
  env: Bindings,
  executionCtx?: ExecutionContext,
) => Response | Promise<Response>;

export interface McpRouteOptions {
  dispatch: Dispatch;
  /** The largest body the API's routes take, in bytes; /mcp adds room for the JSON-RPC envelope. */
  bodyLimit: number;
}

/** Room for the JSON-RPC envelope around a tool's arguments. */
const ENVELOPE_BYTES = 4 * 1024;

/** What identifies the caller, passed on to the operations a tool call runs. */
const CALLER_HEADERS = ['authorization', 'x-portfees-key', 'origin', 'cf-connecting-ip'] as const;

const JsonRpcMessage = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.string(), z.number()]).optional(),
    method: z.string().openapi({ example: 'tools/list' }),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('JsonRpcMessage');

const mcp = createRoute({
  method: 'post',
  path: MCP_PATH,
  tags: ['Agents (MCP)'],
  summary: 'Model Context Protocol server (Streamable HTTP) with the API operations as tools',
  description:
    'For AI assistants and agents: an MCP server over Streamable HTTP in stateless mode (JSON answers, no session). ' +
    'Tools: quote, compare, tariff_diff, timeline, search_ports, list_scenarios and list_tariffs, whose input schemas are the request ' +
    'schemas of those routes; each returns the route’s JSON as structured content with a short summary, and bad ' +
    'arguments return a tool error carrying the route’s problem (`errors[{ path, message }]`). Resources: every tariff ' +
    'version as `portfees://tariffs/{id}`. Prompt: `explain_quote`. Keys and rate limits are those of /v1; a browser ' +
    'Origin must be one the API allows. Send JSON-RPC messages with `Accept: application/json, text/event-stream`; ' +
    'client configuration in docs/api.md.',
  security: keySecurity,
  // Not validated here: the transport reads the body and answers JSON-RPC errors itself.
  request: {},
  responses: {
    200: {
      description: 'The JSON-RPC response',
      content: { 'application/json': { schema: JsonRpcMessage } },
    },
    202: { description: 'A notification or response accepted' },
    ...accountProblemResponses,
  },
});

/**
 * The DNS-rebinding guard of the MCP transport specification: a request
 * carrying an Origin (a browser) is refused unless the API allows that
 * origin. The request's own host is not trusted, since a rebound name
 * makes any origin look same-origin.
 */
const allowedOriginsOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header('origin');
  if (origin !== undefined && !(await isPermittedOrigin(c.env, origin))) {
    // Counted like a bad key, so a foreign page cannot make the API read its key origins without limit.
    await enforceRateLimit(c, ANONYMOUS);
    throw new ProblemError(
      403,
      'origin-not-allowed',
      'Origin not allowed',
      `Browser requests to ${MCP_PATH} are accepted only from the origins the API allows; ${origin} is not one.`,
      [{ path: 'Origin', message: `${origin} is not an allowed origin` }],
    );
  }
  await next();
};

const mcpCors = cors({
  origin: (origin) => origin, // only permitted origins get this far
  allowMethods: ['POST', 'OPTIONS'],
  allowHeaders: [
    'content-type',
    'accept',
    'authorization',
    'x-portfees-key',
    'mcp-protocol-version',
    'mcp-session-id',
    'last-event-id',
  ],
  exposeHeaders: ['mcp-session-id', 'x-request-id', 'retry-after', 'www-authenticate'],
  maxAge: 600,
});

function executionContextOf(c: Context<AppEnv>): ExecutionContext | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined; // app.request() in tests has none
  }
}

/** The HTTP request an operation stands for, made as this MCP request's caller. */
function operationRequest(c: Context<AppEnv>, operation: OperationRequest): Request {
  const url = new URL(operation.path, c.req.url);
  for (const [name, value] of Object.entries(operation.query ?? {}))
    if (value !== undefined) url.searchParams.set(name, String(value));
  const key = c.req.query('key');
  if (key !== undefined) url.searchParams.set('key', key);
  const headers = new Headers({ 'x-request-id': c.get('requestId') });
  for (const name of CALLER_HEADERS) {
    const value = c.req.header(name);
    if (value !== undefined) headers.set(name, value);
  }
  if (operation.body === undefined) return new Request(url, { method: operation.method, headers });
  headers.set('content-type', 'application/json');
  return new Request(url, { method: operation.method, headers, body: JSON.stringify(operation.body) });
}

/**
 * The JSON-RPC body, read once. A batch is as many requests as it has
 * messages, so each message after the first (counted on the way in) is
 * counted against the caller's limit too. Undefined when the body is not
 * JSON: the transport answers that with its own parse error.
 */
async function countedMessages(c: Context<AppEnv>, text: string): Promise<{ parsedBody: unknown } | undefined> {
  let parsedBody: unknown;
  try {
    parsedBody = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Longer batches are refused by the transport.
  const count = Array.isArray(parsedBody) ? Math.min(parsedBody.length, MAX_BATCH_SIZE) : 1;
  for (let i = 1; i < count; i++) await enforceRateLimit(c, callerOf(c));
  return { parsedBody };
}

export function mcpRoutes({ dispatch, bodyLimit: maxBody }: McpRouteOptions) {
  const routes = new OpenAPIHono<AppEnv>();
  const limitBody = bodyLimit({
    maxSize: maxBody + ENVELOPE_BYTES,
    onError: () => {
      throw new ProblemError(
        413,
        'body-too-large',
        'Request body too large',
        `The body is larger than ${maxBody + ENVELOPE_BYTES} bytes.`,
      );
    },
  });
  routes.use(MCP_PATH, allowedOriginsOnly, mcpCors, authenticate, rateLimit, limitBody, checkJsonBodies);
  return routes.openapi(mcp, async (c) => {
    const text = await c.req.text();
    const body = await countedMessages(c, text);
    // The request and its messages were counted against the caller's limit; the operations they run are part of them.
    const env: Bindings = { ...c.env, RATE_LIMITS: 'off' };
    const server = portfeesMcpServer({
      call: async (operation) => dispatch(operationRequest(c, operation), env, executionContextOf(c)),
      invalid: (errors) => problemResponse(c, invalidRequest(errors)),
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      if (body) return await transport.handleRequest(c.req.raw, body);
      return await transport.handleRequest(
        new Request(c.req.url, { method: 'POST', headers: c.req.raw.headers, body: text }),
      );
    } finally {
      await server.close();
    }
  });
}
