/**
 * The portfees MCP server for one HTTP request (the transport is stateless):
 * the API's operations as tools, the tariff versions as resources and a
 * prompt that explains a quote. Every tool call, resource read and prompt is
 * answered by the HTTP operation it stands for, through `call`, so what an
 * assistant gets is exactly what the route returns, problems included.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server
 */
import { z } from '@hono/zod-openapi';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { type FieldError, type Problem, zodErrors } from '../problem';
import { inputSchemaOf, type OperationRequest, TOOLS, type ToolSpec } from './tools';

/** How the server reaches the API on behalf of the caller of the MCP request. */
export interface Operations {
  /** Answers an operation exactly as the HTTP route does for this caller. */
  call(operation: OperationRequest): Promise<Response>;
  /** The problem document of invalid tool arguments, shaped as every other problem. */
  invalid(errors: FieldError[]): Response;
}

/** JSON-RPC error code for an unknown resource (MCP specification, resources). */
const RESOURCE_NOT_FOUND = -32002;

const SERVER_INFO = { name: 'portfees', title: 'portfees port fees', version: '1.0.0' };

const INSTRUCTIONS =
  'portfees computes US Section 301 service fees and Chinese special port fees from versioned, cited tariff tables. ' +
  'Use search_ports to find UN/LOCODEs, quote to price a vessel and its port calls, compare to weigh tariff versions or ' +
  'assumptions, and tariff_diff or timeline to see how a regime changed. Amounts are decimal strings; every voyage ' +
  'carries its rule, outcome, certainty and alternatives: report them rather than computing fees yourself.';

function isProblem(response: Response): boolean {
  return !response.ok || (response.headers.get('content-type') ?? '').startsWith('application/problem+json');
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Problem;
  } catch {
    return {
      type: 'about:blank',
      title: response.statusText || 'Request failed',
      status: response.status,
      detail: text,
    };
  }
}

function problemText(problem: Problem): string {
  return [
    `${problem.title} (${problem.status}): ${problem.detail}`,
    ...(problem.errors ?? []).map((error) => `- ${error.path || '(arguments)'}: ${error.message}`),
  ].join('\n');
}

/** A route's answer as a tool result: its JSON as structured content, or its problem as a tool error. */
async function toolResult(tool: ToolSpec, response: Response): Promise<CallToolResult> {
  if (isProblem(response)) {
    const problem = await problemOf(response);
    return { isError: true, content: [{ type: 'text', text: problemText(problem) }], structuredContent: problem };
  }
  const result = (await response.json()) as Record<string, unknown>;
  return {
    // The summary first; then the whole result as text for clients that show no structured content.
    content: [
      { type: 'text', text: tool.summarize(result) },
      { type: 'text', text: JSON.stringify(result) },
    ],
    structuredContent: result,
  };
}

async function callTool(operations: Operations, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  const tool = TOOLS.find((candidate) => candidate.name === name);
  if (!tool)
    throw new McpError(ErrorCode.InvalidParams, `No tool ${name}; tools: ${TOOLS.map((t) => t.name).join(', ')}.`);
  let operationArgs = args;
  if (tool.validatesArguments) {
    const parsed = tool.schema.safeParse(args);
    if (!parsed.success) return toolResult(tool, operations.invalid(zodErrors(parsed.error)));
    operationArgs = parsed.data as Record<string, unknown>;
  }
  return toolResult(tool, await operations.call(tool.operation(operationArgs)));
}

function registerTools(server: McpServer, operations: Operations): void {
  // Tools are served below the McpServer helpers so that bad arguments get the API's own
  // problem (every field path and message) rather than the SDK's generic validation text.
  server.server.registerCapabilities({ tools: {} });
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: TOOLS.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: inputSchemaOf(tool),
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    })),
  }));
  server.server.setRequestHandler(CallToolRequestSchema, (request) =>
    callTool(operations, request.params.name, request.params.arguments ?? {}),
  );
}

interface TariffSummary {
  id: string;
  title: string;
  summary: string;
}

const tariffUri = (id: string) => `portfees://tariffs/${id}`;

function registerTariffResources(server: McpServer, operations: Operations): void {
  const template = new ResourceTemplate('portfees://tariffs/{regime}/{version}', {
    list: async () => {
      const response = await operations.call({ method: 'GET', path: '/v1/tariffs' });
      const { tariffs } = (await response.json()) as { tariffs: TariffSummary[] };
      return {
        resources: tariffs.map((tariff) => ({
          uri: tariffUri(tariff.id),
          name: tariff.id,
          title: tariff.title,
          description: tariff.summary,
          mimeType: 'application/json',
        })),
      };
    },
  });
  server.registerResource(
    'tariff',
    template,
    {
      title: 'Tariff version',
      description:
        'One tariff version exactly as shipped (GET /v1/tariffs/{regime}/{version}); its URI ends in its id.',
      mimeType: 'application/json',
    },
    async (uri, { regime, version }) => {
      const path = `/v1/tariffs/${encodeURIComponent(String(regime))}/${encodeURIComponent(String(version))}`;
      const response = await operations.call({ method: 'GET', path });
      if (isProblem(response)) {
        const problem = await problemOf(response);
        throw new McpError(RESOURCE_NOT_FOUND, problem.detail, { uri: uri.href, problem });
      }
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: await response.text() }] };
    },
  );
}

const EXPLAIN =
  'Explain this portfees quote to a chartering or operations desk. For each voyage, say where and when it is charged, ' +
  'the fee, the rule that sets it, the outcome and its certainty; name the exemptions that applied and why, the cap ' +
  'count, and every alternative reading that would change the amount. Quote amounts exactly as given (decimal strings) ' +
  'and compute nothing yourself. End with the totals, the tariff versions used and the citations.';

type QuoteJson = { voyages: unknown[] } & Record<string, unknown>;

/** The quote named by the argument: a saved quote's id, or the JSON of a quote. */
async function quoteNamed(operations: Operations, argument: string): Promise<QuoteJson> {
  const text = argument.trim();
  if (!text.startsWith('{')) {
    const response = await operations.call({ method: 'GET', path: `/v1/quotes/${encodeURIComponent(text)}` });
    if (!isProblem(response)) return (await response.json()) as QuoteJson;
    const problem = await problemOf(response);
    throw new McpError(ErrorCode.InvalidParams, `quote: ${problem.detail}`, problem);
  }
  let quote: unknown;
  try {
    quote = JSON.parse(text);
  } catch {
    throw new McpError(ErrorCode.InvalidParams, 'quote: is neither a quote id (q_…) nor the JSON of a quote');
  }
  if (typeof quote !== 'object' || quote === null || !Array.isArray((quote as { voyages?: unknown }).voyages))
    throw new McpError(ErrorCode.InvalidParams, 'quote: the JSON has no voyages; give what the quote tool returned');
  return quote as QuoteJson;
}

function registerExplainPrompt(server: McpServer, operations: Operations): void {
  server.registerPrompt(
    'explain_quote',
    {
      title: 'Explain this quote',
      description:
        'A plain-language explanation of a quote: a saved quote id (needs the secret key that saved it) or the JSON the quote tool returned.',
      argsSchema: {
        quote: z.string().min(1).describe('A saved quote id (q_…) or the JSON of a quote'),
      },
    },
    async ({ quote }) => {
      const named = await quoteNamed(operations, quote);
      const count = named.voyages.length;
      const json = JSON.stringify(named, null, 2);
      return {
        description: `Explain a quote of ${count} voyage${count === 1 ? '' : 's'}`,
        messages: [{ role: 'user', content: { type: 'text', text: `${EXPLAIN}\n\n\`\`\`json\n${json}\n\`\`\`` } }],
      };
    },
  );
}

/** A server for one request; it holds no state between requests. */
export function portfeesMcpServer(operations: Operations): McpServer {
  // The SDK's validator for Workers (its default, ajv, compiles with `new Function`, which Workers refuse).
  const server = new McpServer(SERVER_INFO, {
    instructions: INSTRUCTIONS,
    jsonSchemaValidator: new CfWorkerJsonSchemaValidator(),
  });
  registerTools(server, operations);
  registerTariffResources(server, operations);
  registerExplainPrompt(server, operations);
  return server;
}
