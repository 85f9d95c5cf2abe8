/**
 * The tools of the MCP server: each one is an HTTP operation of the API,
 * described by the zod schema that validates that operation's request, and
 * answered by the operation itself (see `server.ts`), so keys, limits,
 * results and problem documents are the route's own.
 */
import { z } from '@hono/zod-openapi';
import { CompareRequest, DiffQuery, RegimeParam, TimelineQuery } from '../openapi/analysis-schemas';
import { QuoteRequest } from '../openapi/quote-schemas';
import { ScreenRequest } from '../routes/lists';
import { PortSearchQuery } from '../routes/ports';

/** The HTTP request a tool call stands for. */
export interface OperationRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

type JsonObject = Record<string, unknown>;

export interface ToolSpec {
  name: string;
  title: string;
  description: string;
  /** The route's own request schema: listed as the tool's input schema. */
  schema: z.ZodType;
  /**
   * Arguments that travel as a query string are validated here with the
   * same schema first, because a query string loses their JSON types; a JSON
   * body is validated by the route itself.
   */
  validatesArguments: boolean;
  operation(args: JsonObject): OperationRequest;
  /** A few lines an assistant can read before the structured result. */
  summarize(result: JsonObject): string;
}

interface Fee {
  amount: string;
  currency: string;
}

interface VoyageLine {
  regime: string;
  calls: string[];
  chargedAt: string | null;
  arrival: string;
  rule: string | null;
  outcome: string;
  certainty: string;
  fee: Fee;
}

const moneyText = (money: Fee) => `${money.amount} ${money.currency}`;

/** One line per voyage: where and when, the fee, its rule and its certainty. */
export function voyageLine(voyage: VoyageLine): string {
  const where = voyage.chargedAt ?? voyage.calls.join('→');
  return `${voyage.regime} ${where} ${voyage.arrival}: ${moneyText(voyage.fee)}, rule ${voyage.rule ?? 'none'}, ${voyage.outcome}, ${voyage.certainty}`;
}

/** A total, with its range over the alternatives when some voyage is not confirmed. */
const totalText = (total: Fee & { low?: string; high?: string }) =>
  total.low !== undefined && total.high !== undefined
    ? `${moneyText(total)} (from ${total.low} to ${total.high} over the alternatives)`
    : moneyText(total);

function summarizeQuote(result: JsonObject): string {
  const voyages = (result.voyages ?? []) as VoyageLine[];
  const totals = (result.totals ?? []) as Fee[];
  return [
    `Quote ${String(result.quoteId)} as of ${String(result.asOf)}: ${voyages.length} voyage${voyages.length === 1 ? '' : 's'}.`,
    ...voyages.map((voyage) => `- ${voyageLine(voyage)}`),
    `Totals: ${totals.map(totalText).join(', ') || 'none'}.`,
  ].join('\n');
}

interface CompareCell extends Fee {
  outcome: string;
  certainty: string;
  rule: string | null;
}

function summarizeComparison(result: JsonObject): string {
  const variants = (result.variants ?? []) as Array<{ label: string; totals: Fee[] }>;
  const rows = (result.rows ?? []) as Array<{ regime: string; port: string; arrival: string; cells: CompareCell[] }>;
  return [
    ...variants.map(
      (variant) => `Variant ${variant.label}: totals ${variant.totals.map(moneyText).join(', ') || 'none'}.`,
    ),
    ...rows.map(
      (row) =>
        `- ${row.regime} ${row.port} ${row.arrival}: ` +
        row.cells
          .map((cell, i) =>
            cell
              ? `${variants[i]?.label ?? i}: ${moneyText(cell)}, rule ${cell.rule ?? 'none'}, ${cell.outcome}, ${cell.certainty}`
              : `${variants[i]?.label ?? i}: no such voyage`,
          )
          .join('; '),
    ),
  ].join('\n');
}

function summarizeDiff(result: JsonObject): string {
  const from = result.from as { id: string };
  const to = result.to as { id: string };
  const counts = result.counts as { added: number; removed: number; changed: number };
  const changes = (result.changes ?? []) as Array<{ path: string; change: string }>;
  return [
    `${from.id} → ${to.id}: ${counts.added} added, ${counts.removed} removed, ${counts.changed} changed.`,
    ...changes.slice(0, 20).map((change) => `- ${change.change} ${change.path}`),
    ...(changes.length > 20 ? [`… and ${changes.length - 20} more in the structured result.`] : []),
  ].join('\n');
}

function summarizeTimeline(result: JsonObject): string {
  const version = result.version as { id: string };
  const series = (result.series ?? []) as Array<{
    rule: string;
    unit: string;
    steps: Array<{ from: string; rate: string }>;
  }>;
  const windows = (result.statusWindows ?? []) as Array<{ from: string; to: string; status: string }>;
  return [
    `Timeline of ${version.id} (${String(result.zone)}, ${String(result.currency)}).`,
    ...series.map(
      (line) =>
        `- ${line.rule} per ${line.unit}: ${line.steps.map((step) => `${step.rate} from ${step.from}`).join(', ')}`,
    ),
    ...windows.map((window) => `- ${window.status} ${window.from} → ${window.to}`),
  ].join('\n');
}

const withoutRegime = ({ regime: _regime, ...query }: JsonObject) => query as Record<string, string | undefined>;

/**
 * A path segment from a tool argument, percent-encoded. `.` and `..` are refused
 * by {@link ToolRegime}: URL parsing resolves them (and `%2E%2E` too) into another path.
 */
const segment = (value: unknown) => encodeURIComponent(String(value));

/** The regime as a tool argument: a path segment, so never a dot segment. */
const ToolRegime = z.object({
  regime: RegimeParam.shape.regime.refine((regime) => regime !== '.' && regime !== '..', {
    message: 'must be a regime such as us-301, not . or ..',
  }),
});

export const TOOLS: ReadonlyArray<ToolSpec> = [
  {
    name: 'quote',
    title: 'Quote port fees',
    description:
      'POST /v1/quotes: every US Section 301 service fee and Chinese special port fee of a vessel and its port calls, ' +
      'each voyage with its rule, outcome, certainty, alternatives, explanation and citations. Amounts are decimal strings. ' +
      "With a secret key, the account's charge ledger counts toward the cap.",
    schema: QuoteRequest,
    validatesArguments: false,
    operation: (args) => ({ method: 'POST', path: '/v1/quotes', body: args }),
    summarize: summarizeQuote,
  },
  {
    name: 'compare',
    title: 'Compare scenarios',
    description:
      'POST /v1/quotes/compare: one quote request under several variants (tariff versions, knowledge dates, assumptions), ' +
      'one row per voyage and one cell per variant, with totals and deltas against the first variant.',
    schema: CompareRequest,
    validatesArguments: false,
    operation: (args) => ({ method: 'POST', path: '/v1/quotes/compare', body: args }),
    summarize: summarizeComparison,
  },
  {
    name: 'tariff_diff',
    title: 'Diff two tariff versions',
    description:
      'GET /v1/tariffs/{regime}/diff: what changed between two versions of a regime (rates, exemptions, coverage, status windows, ' +
      'assumptions), each change with its path and the instrument that made it.',
    schema: ToolRegime.extend(DiffQuery.shape).strict(),
    validatesArguments: true,
    operation: (args) => ({
      method: 'GET',
      path: `/v1/tariffs/${segment(args.regime)}/diff`,
      query: withoutRegime(args),
    }),
    summarize: summarizeDiff,
  },
  {
    name: 'timeline',
    title: 'Rates and status over time',
    description:
      'GET /v1/tariffs/{regime}/timeline: for one version (default the latest), the rate steps of every rule and the ' +
      'in-force, suspended, unconfirmed and not-in-force windows.',
    schema: ToolRegime.extend(TimelineQuery.shape).strict(),
    validatesArguments: true,
    operation: (args) => ({
      method: 'GET',
      path: `/v1/tariffs/${segment(args.regime)}/timeline`,
      query: withoutRegime(args),
    }),
    summarize: summarizeTimeline,
  },
  {
    name: 'search_ports',
    title: 'Search ports',
    description: 'GET /v1/ports: ports by UN/LOCODE or name (code prefix first, then name), for building port calls.',
    schema: PortSearchQuery,
    validatesArguments: true,
    operation: (args) => ({ method: 'GET', path: '/v1/ports', query: args as OperationRequest['query'] }),
    summarize: (result) =>
      ((result.ports ?? []) as Array<{ code: string; name: string; zone: string }>)
        .map((port) => `${port.code} ${port.name} (${port.zone})`)
        .join('\n') || 'No port matches.',
  },
  {
    name: 'list_scenarios',
    title: 'List joint scenarios',
    description:
      'GET /v1/scenarios: the named joint scenarios (such as fees resumed or suspension extended), each with the assumptions ' +
      'it sets in both regimes; name one in the quote’s options.scenario or in a compare variant.',
    schema: z.object({}).strict(),
    validatesArguments: true,
    operation: () => ({ method: 'GET', path: '/v1/scenarios' }),
    summarize: (result) =>
      ((result.scenarios ?? []) as Array<{ id: string; title: string; default: boolean; assumptions: object }>)
        .map(
          (scenario) =>
            `${scenario.id}${scenario.default ? ' (default)' : ''}: ${scenario.title}; sets ${Object.entries(
              scenario.assumptions,
            )
              .map(([id, value]) => `${id}=${String(value)}`)
              .join(', ')}`,
        )
        .join('\n'),
  },
  {
    name: 'list_tariffs',
    title: 'List tariff versions',
    description:
      'GET /v1/tariffs: every shipped tariff version (id, regime, title, published, sha256); each is also the resource portfees://tariffs/{id}.',
    schema: z.object({}).strict(),
    validatesArguments: true,
    operation: () => ({ method: 'GET', path: '/v1/tariffs' }),
    summarize: (result) =>
      ((result.tariffs ?? []) as Array<{ id: string; title: string }>)
        .map((tariff) => `${tariff.id}: ${tariff.title}`)
        .join('\n'),
  },
  {
    name: 'screen',
    title: 'Screen parties against the countermeasure lists',
    description:
      'POST /v1/screen: named parties and their holders at any depth against the countermeasure lists known at asOf ' +
      '(MOFCOM countermeasure, unreliable-entity and export-control lists, the US 1260H list), each row with its match ' +
      '(exact, normalized, alias; possible is never a match), the listing status on `at`, the measure and its effect. ' +
      'A listing changes no fee.',
    schema: ScreenRequest,
    validatesArguments: false,
    operation: (args) => ({ method: 'POST', path: '/v1/screen', body: args }),
    summarize: (result) =>
      (
        (result.screening ?? []) as Array<{
          party: string;
          name: string;
          entry: string;
          list: string;
          match: string;
          status: string;
        }>
      )
        .map((row) => `${row.party} ${row.name}: ${row.match} ${row.entry} (${row.list}), ${row.status}`)
        .join('\n') || 'No party is listed.',
  },
];

const inputSchemas = new Map<string, Record<string, unknown>>();

/** The JSON Schema of a tool's input, generated once per isolate from its zod schema. */
export function inputSchemaOf(tool: ToolSpec): { type: 'object'; [key: string]: unknown } {
  let schema = inputSchemas.get(tool.name);
  if (!schema) {
    schema = z.toJSONSchema(tool.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    inputSchemas.set(tool.name, schema);
  }
  return schema as { type: 'object' };
}
