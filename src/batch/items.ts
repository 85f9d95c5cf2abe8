/**
 * A batch as a list of items, one per vessel, each either a quote request
 * or the reasons it could not become one. Items come from a JSON array
 * (`fromJson`) or from CSV files (`fromCsv`, see ./fleet-csv.ts); each item
 * knows how to turn a request field path back into what the caller wrote
 * (array index and path, or CSV row and column).
 */

import type { QuoteInput, QuoteOptions } from '../engine';
import { formatPath } from '../lib/json-paths';
import { jsonFlaws } from '../lib/json-scan';

/** One complaint about the input, located where the caller can find it. */
export interface BatchError {
  /** The field of the quote request (`vessel.netTonnage`, `portCalls[3].arrival`). */
  path: string;
  message: string;
  /** JSON input: position of the request in the array. */
  index?: number;
  /** CSV input: line of the file (the header is line 1). */
  row?: number;
  /** CSV input: the column name as the header wrote it. */
  column?: string | null;
  /** Two-file CSV input: which file. */
  file?: 'calls' | 'vessels';
}

export interface BatchItem {
  index?: number;
  imo: string | null;
  /** CSV input: the lines of this vessel's call rows. */
  rows?: number[];
  calls: number;
  request?: QuoteInput;
  errors: BatchError[];
  /** Errors found, when validation kept only the first of them in `errors`. */
  errorCount?: number;
  /** Locates a request field path (`portCalls[2].arrival`) in the caller's input. */
  locate(path: string): Omit<BatchError, 'message'>;
}

/** Validation of one raw request, supplied by the caller (the API validates with its wire schema). */
export type ValidateRequest = (
  raw: unknown,
) => { request: QuoteInput } | { issues: Array<{ path: string; message: string }>; count?: number };

/** Batch-wide limits; beyond them the whole batch is refused. */
export interface BatchLimits {
  vessels: number;
  calls: number;
}

export class BatchLimitError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'BatchLimitError';
  }
}

/** The body is not a batch at all (not an array, no header): nothing can be quoted. */
export class BatchFormatError extends Error {
  constructor(readonly errors: BatchError[]) {
    super(errors.map((error) => error.message).join('; '));
    this.name = 'BatchFormatError';
  }
}

/** Request-wide options (from the query string) under each request's own. */
export function withDefaults(options: QuoteOptions | undefined, defaults: QuoteOptions): QuoteOptions | undefined {
  if (Object.keys(defaults).length === 0) return options;
  const merged: QuoteOptions = { ...defaults, ...options };
  if (defaults.tariffVersions || options?.tariffVersions)
    merged.tariffVersions = { ...defaults.tariffVersions, ...options?.tariffVersions };
  if (defaults.assumptions || options?.assumptions)
    merged.assumptions = { ...defaults.assumptions, ...options?.assumptions };
  return merged;
}

/** The IMO a raw request names, if it names one as a string. */
export const requestImo = (raw: unknown): string | null => {
  const imo = (raw as { vessel?: { imo?: unknown } } | null)?.vessel?.imo;
  return typeof imo === 'string' ? imo : null;
};

/**
 * The requests of a batch body: an array, or `{ "requests": [...] }` (its
 * `prefix` then names the field), never empty.
 * @throws BatchFormatError for any other shape
 */
export function requestList(body: unknown): { list: unknown[]; prefix: string } {
  const list = Array.isArray(body) ? body : (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(list) || (!Array.isArray(body) && Object.keys(body as object).length !== 1)) {
    throw new BatchFormatError([
      { path: '', message: 'the body must be an array of quote requests, or an object { "requests": [...] }' },
    ]);
  }
  const prefix = Array.isArray(body) ? '' : 'requests';
  if (list.length === 0) throw new BatchFormatError([{ path: prefix, message: 'give at least one quote request' }]);
  return { list, prefix };
}

/**
 * Items from a JSON batch: an array of quote requests, or `{ "requests": [...] }`.
 * One request per vessel, holding its whole schedule, so that the cap counts
 * every call: a second request for the same IMO is refused. `flawed` holds,
 * by position, what the scan of the text found in a request (see lib/json-scan.ts).
 * Items are numbered from `first` (a fleet job's chunk starts inside its input).
 * @throws BatchFormatError when the body is neither shape, BatchLimitError beyond the limits.
 */
export function fromJson(
  body: unknown,
  validate: ValidateRequest,
  limits: BatchLimits,
  defaults: QuoteOptions = {},
  flawed: ReadonlyMap<number, Array<{ path: string; message: string }>> = new Map(),
  first = 0,
): BatchItem[] {
  const { list, prefix } = requestList(body);
  if (list.length > limits.vessels)
    throw new BatchLimitError(
      prefix,
      `at most ${limits.vessels} quote requests (vessels) per batch; this one has ${list.length}`,
    );
  const calls = list.reduce<number>(
    (total, raw) =>
      total +
      (Array.isArray((raw as { portCalls?: unknown })?.portCalls)
        ? (raw as { portCalls: unknown[] }).portCalls.length
        : 0),
    0,
  );
  if (calls > limits.calls)
    throw new BatchLimitError(prefix, `at most ${limits.calls} port calls per batch; this one has ${calls}`);

  const firstIndexOf = new Map<string, number>();
  return list.map((raw, at): BatchItem => {
    const index = first + at;
    const locate = (path: string) => ({ index, path });
    const imo = requestImo(raw);
    const count = Array.isArray((raw as { portCalls?: unknown })?.portCalls)
      ? (raw as { portCalls: unknown[] }).portCalls.length
      : 0;
    const item: BatchItem = { index, imo, calls: count, errors: [], locate };
    // A fleet job's requests reach no body-wide check: what the text scan found in one refuses it here.
    const flaws = flawed.get(at);
    if (flaws) {
      item.errors = flaws.map((error) => ({ ...locate(error.path), message: error.message }));
      return item;
    }
    const checked = validate(raw);
    if ('issues' in checked) {
      item.errors = checked.issues.map((issue) => ({ ...locate(issue.path), message: issue.message }));
      if (checked.count !== undefined) item.errorCount = checked.count;
      return item;
    }
    const seen = imo === null ? undefined : firstIndexOf.get(imo);
    if (seen !== undefined) {
      item.errors = [
        {
          ...locate('vessel.imo'),
          message: `vessel ${imo} is already quoted by request ${seen}; give one request per vessel with its whole schedule, so the cap counts every call`,
        },
      ];
      return item;
    }
    if (imo !== null) firstIndexOf.set(imo, index);
    item.request = { ...checked.request, options: withDefaults(checked.request.options, defaults) };
    return item;
  });
}

/**
 * What the scan of a batch's text found (see lib/json-scan.ts), split into
 * flaws of one request, by its position, and flaws of the whole body (too
 * deep, or outside every request).
 */
export function batchFlaws(text: string): {
  whole: BatchError[];
  byRequest: Map<number, Array<{ path: string; message: string }>>;
} {
  const whole: BatchError[] = [];
  const byRequest = new Map<number, Array<{ path: string; message: string }>>();
  for (const flaw of jsonFlaws(text)) {
    const [first, second] = flaw.path;
    const at = typeof first === 'number' ? 1 : first === 'requests' && typeof second === 'number' ? 2 : 0;
    if (flaw.reason === 'depth' || flaw.reason === 'width' || at === 0) {
      whole.push({ path: formatPath(flaw.path), message: flaw.message });
      continue;
    }
    const index = flaw.path[at - 1] as number;
    const list = byRequest.get(index) ?? [];
    list.push({ path: formatPath(flaw.path.slice(at)), message: flaw.message });
    byRequest.set(index, list);
  }
  return { whole, byRequest };
}
