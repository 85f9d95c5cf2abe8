/**
 * One chunk of a fleet job: its vessels read back from the input object in
 * R2, quoted under each scenario, and written to R2 under keys fixed by the
 * job and the chunk (so a chunk quoted twice overwrites, never duplicates):
 * the vessel lines as NDJSON, one object per scenario, and a summary with
 * the batch totals, errors and the partial exposure report.
 */

import { Exposure, type ExposureReport } from '../batch/exposure';
import { type FleetCsv, fromCsv } from '../batch/fleet-csv';
import {
  type BatchError,
  BatchFormatError,
  type BatchItem,
  BatchLimitError,
  fromJson,
  type ValidateRequest,
} from '../batch/items';
import { BATCH_LIMITS } from '../batch/limits';
import { BATCH_WRITERS, type BatchSummary } from '../batch/output';
import { type BatchTotal, BatchTotals, quoteItem } from '../batch/run';
import { withScenario } from '../batch/scenarios';
import type { QuoteEnvironment, QuoteInput } from '../engine';
import { formatPath } from '../lib/json-paths';
import { jsonFlaws } from '../lib/json-scan';
import { type ChunkNotes, eachValue } from './split';
import type { Job, JobChunk } from './store';

/** Limits of one chunk's parse: generous, the job's chunking already bounds it. */
const CHUNK_LIMITS = { vessels: Number.MAX_SAFE_INTEGER, calls: Number.MAX_SAFE_INTEGER };

export const jobKeys = {
  input: (id: string) => `jobs/${id}/input`,
  results: (id: string, seq: number, scenario: number) =>
    `jobs/${id}/chunks/${String(seq).padStart(6, '0')}/results-${scenario}.ndjson`,
  summary: (id: string, seq: number) => `jobs/${id}/chunks/${String(seq).padStart(6, '0')}/summary.json`,
  report: (id: string) => `jobs/${id}/report.json`,
};

/** Per scenario: what the batch route's closing line holds for this chunk's vessels. */
export interface ChunkScenarioSummary {
  totals: BatchTotal[];
  /** Counts of this chunk's vessels and of their errors (each written once, with its vessel). */
  summary: BatchSummary;
}

export interface ChunkSummary {
  seq: number;
  scenarios: ChunkScenarioSummary[];
  /** Rows that belong to no vessel, or a range that could not be read. */
  orphans: BatchError[];
  exposure: ExposureReport;
}

export class InputUnreadableError extends Error {
  constructor(
    readonly errors: BatchError[],
    message: string,
  ) {
    super(message);
    this.name = 'InputUnreadableError';
  }
}

/** Reads the items of a two-file multipart input, parsed whole. */
export async function readWholeItems(
  object: R2ObjectBody,
  job: Pick<Job, 'contentType' | 'options'>,
  validate: ValidateRequest,
): Promise<{ items: BatchItem[]; orphans: BatchError[] }> {
  try {
    const form = await new Response(object.body, { headers: { 'content-type': job.contentType } })
      .formData()
      .catch(() => {
        throw new InputUnreadableError(
          [{ path: '', message: 'the multipart body cannot be read' }],
          'The multipart/form-data body is malformed.',
        );
      });
    const errors: BatchError[] = [];
    const parts: Record<string, string> = {};
    for (const name of new Set(form.keys())) {
      const values = form.getAll(name);
      if (name !== 'calls' && name !== 'vessels')
        errors.push({ path: name, message: 'unknown part; send "calls" and optionally "vessels"' });
      else if (values.length > 1) errors.push({ path: name, message: 'the part appears more than once' });
      else parts[name] = typeof values[0] === 'string' ? values[0] : await (values[0] as unknown as Blob).text();
    }
    if (parts.calls === undefined) errors.push({ path: 'calls', message: 'the calls CSV part is required' });
    if (errors.length > 0) throw new InputUnreadableError(errors, 'The multipart body does not hold a fleet.');
    return fromCsv(
      { calls: parts.calls!, ...(parts.vessels !== undefined ? { vessels: parts.vessels } : {}) },
      validate,
      CHUNK_LIMITS,
      job.options.defaults,
    );
  } catch (error) {
    if (error instanceof BatchFormatError) throw new InputUnreadableError(error.errors, error.message);
    if (error instanceof BatchLimitError)
      throw new InputUnreadableError([{ path: error.path, message: error.message }], error.message);
    throw error;
  }
}

/** A CSV range with the input's header, as a file of its own whose rows keep their line numbers in the input. */
export function csvChunkFile(header: string, body: string, first: number, bodyLine: number): FleetCsv {
  return { calls: `${header.replace(/[\r\n]+$/, '')}\n${body}`, callsSkippedLines: Math.max(0, first - bodyLine) };
}

const refused = (item: BatchItem, errors: BatchError[]): BatchItem => {
  const { request: _request, ...rest } = item;
  return { ...rest, errors };
};

/** Items of an NDJSON range: one request per non-blank line, numbered from `first`. */
export function ndjsonItems(
  text: string,
  first: number,
  notes: ChunkNotes | undefined,
  validate: ValidateRequest,
  job: Pick<Job, 'options'>,
): BatchItem[] {
  return requestItems(
    text.split('\n').filter((line) => line.trim() !== ''),
    first,
    notes,
    validate,
    job,
  );
}

const decoder = new TextDecoder();

/** Items of a JSON range (the requests the split cut from the input, with their commas): numbered from `first`. */
export function jsonItems(
  bytes: Uint8Array,
  first: number,
  notes: ChunkNotes | undefined,
  validate: ValidateRequest,
  job: Pick<Job, 'options'>,
): BatchItem[] {
  const texts: string[] = [];
  eachValue(bytes, 0, (start, end) => texts.push(decoder.decode(bytes.subarray(start, end))));
  return requestItems(texts, first, notes, validate, job);
}

/** Items of requests given one text each: each scanned, then parsed, then validated; numbered from `first`. */
function requestItems(
  texts: string[],
  first: number,
  notes: ChunkNotes | undefined,
  validate: ValidateRequest,
  job: Pick<Job, 'options'>,
): BatchItem[] {
  const malformed = new Map<number, string>();
  const flawed = new Map<number, Array<{ path: string; message: string }>>();
  const list = texts.map((text, i) => {
    // Each request scanned before it is parsed (too deep, duplicate or reserved keys).
    const flaws = jsonFlaws(text);
    if (flaws.length > 0) {
      flawed.set(
        i,
        flaws.map((flaw) => ({ path: formatPath(flaw.path), message: flaw.message })),
      );
      return null;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      malformed.set(i, (error as Error).message);
      return null;
    }
  });
  return fromJson(list, validate, CHUNK_LIMITS, job.options.defaults, flawed, first).map((item, i) => {
    const message = malformed.get(i);
    if (message !== undefined)
      return refused(item, [{ index: item.index, path: '', message: `malformed JSON line: ${message}` }]);
    // A request refused for its own errors is refused for them only, as the batch does.
    const seen = item.errors.length === 0 ? notes?.repeated?.[String(item.index)] : undefined;
    if (seen !== undefined)
      return refused(item, [
        {
          index: item.index,
          path: 'vessel.imo',
          message: `vessel ${item.imo} is already quoted by request ${seen}; give one request per vessel with its whole schedule, so the cap counts every call`,
        },
      ]);
    return item;
  });
}

/** Applies the split's notes to CSV items: vessels reported elsewhere are left out, scattered ones refused. */
export function csvItems(items: BatchItem[], notes: ChunkNotes | undefined): BatchItem[] {
  const elsewhere = new Set(notes?.elsewhere ?? []);
  return items
    .filter((item) => item.imo === null || !elsewhere.has(item.imo))
    .map((item) => {
      const lines = item.imo === null ? undefined : notes?.scattered?.[item.imo];
      if (!lines) return item;
      return refused({ ...item, rows: [...(item.rows ?? []), ...lines].sort((a, b) => a - b) }, [
        {
          path: 'vessel.imo',
          row: lines[0]!,
          column: 'imo',
          message: `vessel ${item.imo} also has rows ${lines.join(', ')} after other vessels' rows; a fleet job needs each vessel's rows together (sort the file by imo)`,
        },
      ]);
    });
}

/** Characters gathered before they are compressed: fewer, larger writes cost less CPU. */
const GZIP_PIECE_CHARS = 64 * 1024;

/**
 * Text gzipped for storage as it is written, never held whole: a chunk's
 * results are written once and read back rarely, and repeat the same
 * tariffs, assumptions and notes vessel after vessel, so they shrink about
 * fifteenfold (and so does the cost of storing them).
 */
class GzipText {
  private readonly stream = new CompressionStream('gzip');
  private readonly writer = this.stream.writable.getWriter();
  private readonly bytes = new Response(this.stream.readable).arrayBuffer();
  private readonly encoder = new TextEncoder();
  private pending = '';

  add(text: string): void {
    this.pending += text;
    if (this.pending.length >= GZIP_PIECE_CHARS) this.flush();
  }

  private flush(): void {
    // Not awaited: the reader started above drains the compressor as it goes; close() waits for every write.
    if (this.pending) void this.writer.write(this.encoder.encode(this.pending));
    this.pending = '';
  }

  async close(): Promise<ArrayBuffer> {
    this.flush();
    await this.writer.close();
    return this.bytes;
  }
}

/** The text of a chunk object, gzipped or not (as its Content-Encoding says). */
export async function chunkObjectText(object: R2ObjectBody): Promise<string> {
  if (object.httpMetadata?.contentEncoding !== 'gzip') return object.text();
  return new Response(object.body.pipeThrough(new DecompressionStream('gzip'))).text();
}

export interface Ledger {
  /** Prior charges of a vessel from the account's ledger, merged with the request's own. */
  merge(request: QuoteInput): QuoteInput;
}

/**
 * Quotes the items under each scenario and writes the chunk's objects.
 * @returns the counts of the chunk's vessels: quoted (under every scenario) and failed.
 */
export async function quoteChunk(
  bucket: R2Bucket,
  job: Pick<Job, 'id' | 'options'>,
  chunk: Pick<JobChunk, 'seq'>,
  read: { items: BatchItem[]; orphans: BatchError[] },
  env: QuoteEnvironment,
  ledger: Ledger,
): Promise<{ quoted: number; failed: number }> {
  const scenarios = job.options.scenarios;
  const exposure = new Exposure(scenarios.map((scenario) => scenario.name));
  const failedAnywhere = new Set<number>();
  const summaries: ChunkScenarioSummary[] = [];
  const writer = BATCH_WRITERS.ndjson;
  for (const [s, scenario] of scenarios.entries()) {
    const totals = new BatchTotals();
    const errorCounts = { found: 0, written: 0 };
    let quoted = 0;
    const text = new GzipText();
    for (const [i, item] of read.items.entries()) {
      const request = item.request ? withScenario(ledger.merge(item.request), scenario) : undefined;
      const result = quoteItem(
        request === item.request ? item : { ...item, ...(request ? { request } : {}) },
        env,
        totals,
        'summary',
        (full, summary) => {
          if (request) exposure.addQuote(scenario.name, request.vessel, full, summary);
        },
      );
      if (result.quote) quoted += 1;
      else {
        failedAnywhere.add(i);
        if (result.problem) {
          // As the batch route writes them: at most the per-vessel limit, with the count of the rest.
          const found = Math.max(result.problem.errorCount ?? 0, result.problem.errors.length);
          const errors = result.problem.errors.slice(0, BATCH_LIMITS.errorsPerVessel);
          result.problem = { ...result.problem, errors, errorCount: found, omittedErrors: found - errors.length };
          errorCounts.found += found;
          errorCounts.written += errors.length;
        }
      }
      text.add(writer.vessel(result, i === 0));
    }
    summaries.push({
      totals: totals.list(),
      summary: {
        vessels: read.items.length,
        quoted,
        failed: read.items.length - quoted,
        calls: read.items.reduce((total, item) => total + item.calls, 0),
        errors: errorCounts.found,
        omittedErrors: errorCounts.found - errorCounts.written,
      },
    });
    await bucket.put(jobKeys.results(job.id, chunk.seq, s), await text.close(), {
      httpMetadata: { contentType: 'application/x-ndjson; charset=utf-8', contentEncoding: 'gzip' },
    });
  }
  for (const [i] of read.items.entries()) exposure.countVessel(!failedAnywhere.has(i));
  const summary: ChunkSummary = {
    seq: chunk.seq,
    scenarios: summaries,
    orphans: read.orphans,
    exposure: exposure.report(),
  };
  await bucket.put(jobKeys.summary(job.id, chunk.seq), JSON.stringify(summary), {
    httpMetadata: { contentType: 'application/json' },
  });
  return { quoted: read.items.length - failedAnywhere.size, failed: failedAnywhere.size };
}

/** A range that could not be quoted at all (after every retry): one error naming it, its vessels counted failed. */
export async function writeFailedChunk(
  bucket: R2Bucket,
  job: Pick<Job, 'id' | 'options' | 'format'>,
  chunk: Pick<JobChunk, 'seq' | 'vessels' | 'first' | 'start' | 'end'>,
  reason: string,
): Promise<void> {
  const where =
    job.format === 'csv' ? `rows from ${chunk.first}` : `requests ${chunk.first} to ${chunk.first + chunk.vessels - 1}`;
  const error: BatchError = {
    path: '',
    message: `${chunk.vessels} vessel${chunk.vessels === 1 ? '' : 's'} (${where}) could not be quoted: ${reason}`,
  };
  const scenarios = job.options.scenarios.map(
    (): ChunkScenarioSummary => ({
      totals: [],
      summary: { vessels: chunk.vessels, quoted: 0, failed: chunk.vessels, calls: 0, errors: 0, omittedErrors: 0 },
    }),
  );
  const exposure = new Exposure(job.options.scenarios.map((scenario) => scenario.name));
  for (let i = 0; i < chunk.vessels; i++) exposure.countVessel(false);
  for (const [s] of job.options.scenarios.entries()) await bucket.put(jobKeys.results(job.id, chunk.seq, s), '');
  const summary: ChunkSummary = { seq: chunk.seq, scenarios, orphans: [error], exposure: exposure.report() };
  await bucket.put(jobKeys.summary(job.id, chunk.seq), JSON.stringify(summary));
}
