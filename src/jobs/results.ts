/**
 * A finished job read back from R2: its results as the batch route writes
 * them (CSV or NDJSON, one scenario at a time, chunk after chunk, then the
 * closing totals), one page of its vessels for the report page, and its
 * exposure report, merged from the chunks' partial reports. None holds more
 * than one chunk in memory.
 */
import { Exposure, type ExposureReport } from '../batch/exposure';
import type { BatchError } from '../batch/items';
import { BATCH_WRITERS, type BatchEnd } from '../batch/output';
import type { BatchTotal, VesselResult } from '../batch/run';
import { decimal, formatAmount } from '../lib/money';
import { type ChunkSummary, chunkObjectText, jobKeys } from './chunk';
import type { Job, JobChunk } from './store';

async function summaryOf(bucket: R2Bucket, job: Pick<Job, 'id'>, seq: number): Promise<ChunkSummary> {
  const object = await bucket.get(jobKeys.summary(job.id, seq));
  if (!object) throw new Error(`job ${job.id}: chunk ${seq} has no summary`);
  return object.json<ChunkSummary>();
}

/** Adds per-chunk totals (same regime, currency and cap year: amounts and counts summed), sorted as the batch sorts them. */
export function mergeTotals(lists: ReadonlyArray<ReadonlyArray<BatchTotal>>): BatchTotal[] {
  const merged = new Map<string, BatchTotal>();
  for (const list of lists)
    for (const total of list) {
      const key = `${total.regime}|${total.currency}|${total.capYear}`;
      const entry = merged.get(key);
      if (!entry) merged.set(key, { ...total });
      else {
        entry.amount = formatAmount(decimal(entry.amount).plus(decimal(total.amount)));
        entry.low = formatAmount(decimal(entry.low).plus(decimal(total.low)));
        entry.high = formatAmount(decimal(entry.high).plus(decimal(total.high)));
        entry.voyages += total.voyages;
        entry.charged += total.charged;
      }
    }
  return [...merged.values()].sort(
    (a, b) =>
      a.regime.localeCompare(b.regime) || a.currency.localeCompare(b.currency) || a.capYear.localeCompare(b.capYear),
  );
}

/** The closing piece of the results of one scenario: totals, errors and counts of every chunk. */
async function endOf(bucket: R2Bucket, job: Pick<Job, 'id'>, chunks: ReadonlyArray<JobChunk>, scenario: number) {
  const totals: BatchTotal[][] = [];
  const orphans: BatchError[] = [];
  const summary = { vessels: 0, quoted: 0, failed: 0, calls: 0, errors: 0, omittedErrors: 0 };
  for (const chunk of chunks) {
    const part = await summaryOf(bucket, job, chunk.seq);
    const mine = part.scenarios[scenario]!;
    totals.push(mine.totals);
    orphans.push(...part.orphans);
    summary.vessels += mine.summary.vessels;
    summary.quoted += mine.summary.quoted;
    summary.failed += mine.summary.failed;
    summary.calls += mine.summary.calls;
    summary.errors += mine.summary.errors;
    summary.omittedErrors += mine.summary.omittedErrors;
  }
  // Rows that belong to no vessel are written once, at the end; vessel errors were written with their vessel.
  summary.errors += orphans.length;
  const end: BatchEnd = { totals: mergeTotals(totals), errors: orphans, orphans, summary };
  return end;
}

/**
 * The results of one scenario in the batch route's CSV or NDJSON shape, as a stream.
 * @example new Response(resultsStream(bucket, job, chunks, 0, 'csv'))
 */
export function resultsStream(
  bucket: R2Bucket,
  job: Pick<Job, 'id'>,
  chunks: ReadonlyArray<JobChunk>,
  scenario: number,
  format: 'csv' | 'ndjson',
): ReadableStream<Uint8Array> {
  const writer = BATCH_WRITERS[format];
  const encoder = new TextEncoder();
  let next = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        const head = writer.start();
        if (head) {
          controller.enqueue(encoder.encode(head));
          return;
        }
      }
      if (next < chunks.length) {
        const chunk = chunks[next]!;
        next += 1;
        const object = await bucket.get(jobKeys.results(job.id, chunk.seq, scenario));
        if (!object) throw new Error(`job ${job.id}: chunk ${chunk.seq} has no results`);
        const text = await chunkObjectText(object);
        if (format === 'ndjson') {
          if (text) controller.enqueue(encoder.encode(text));
          return;
        }
        let out = '';
        for (const line of text.split('\n')) {
          if (!line) continue;
          const { type: _type, ...result } = JSON.parse(line) as VesselResult & { type: string };
          out += writer.vessel(result, false);
        }
        if (out) controller.enqueue(encoder.encode(out));
        return;
      }
      controller.enqueue(encoder.encode(writer.end(await endOf(bucket, job, chunks, scenario))));
      controller.close();
    },
  });
}

/**
 * Vessels written in a chunk's results object: each settled chunk wrote one
 * line per vessel it read (quoted or failed) under every scenario, or none at
 * all when its range could not be read; a chunk still queued wrote nothing yet.
 */
const vesselsOf = (chunk: JobChunk) => (chunk.status === 'queued' ? 0 : chunk.quoted + chunk.failed);

/** One row of a page of results: a vessel, or a run of vessels whose chunk could not be read (named in the closing errors). */
export type ResultsRow = { vessel: VesselResult } | { missing: number };

export interface ResultsPage {
  /** Vessels of the job, in input order, across every chunk. */
  total: number;
  rows: ResultsRow[];
}

/**
 * Lines `skip` to `skip + take` of a chunk's results, read as a stream that is
 * left as soon as they are read: gzip cannot be read from an offset, but a
 * page near the start of a chunk never inflates the rest of it.
 */
async function chunkLines(object: R2ObjectBody, skip: number, take: number): Promise<string[]> {
  const bytes =
    object.httpMetadata?.contentEncoding === 'gzip'
      ? object.body.pipeThrough(new DecompressionStream('gzip'))
      : object.body;
  const reader = bytes.pipeThrough(new TextDecoderStream()).getReader();
  const lines: string[] = [];
  let seen = 0;
  let pending = '';
  try {
    while (lines.length < take) {
      const { done, value } = await reader.read();
      if (done) {
        // Every line is written with its newline; a last one without it is read all the same.
        if (pending && seen >= skip) lines.push(pending);
        break;
      }
      pending += value;
      let start = 0;
      for (let end = pending.indexOf('\n'); end !== -1 && lines.length < take; end = pending.indexOf('\n', start)) {
        if (end > start) {
          if (seen >= skip) lines.push(pending.slice(start, end));
          seen += 1;
        }
        start = end + 1;
      }
      pending = pending.slice(start);
    }
  } finally {
    await reader.cancel();
  }
  return lines;
}

/**
 * The vessels `offset` to `offset + count` of one scenario's results. Where each
 * chunk's vessels start is known from D1 alone, so only the one or two chunk
 * objects under the page are read, whatever the size of the job.
 * @example (await resultsPage(bucket, job, chunks, 0, 50, 50)).rows // vessels 51 to 100
 */
export async function resultsPage(
  bucket: R2Bucket,
  job: Pick<Job, 'id'>,
  chunks: ReadonlyArray<JobChunk>,
  scenario: number,
  offset: number,
  count: number,
): Promise<ResultsPage> {
  const total = chunks.reduce((sum, chunk) => sum + vesselsOf(chunk), 0);
  const rows: ResultsRow[] = [];
  let start = 0;
  for (const chunk of chunks) {
    const vessels = vesselsOf(chunk);
    const skip = Math.max(0, offset - start);
    const take = Math.min(vessels, offset + count - start) - skip;
    start += vessels;
    if (take <= 0) {
      if (start >= offset + count) break;
      continue;
    }
    const object = await bucket.get(jobKeys.results(job.id, chunk.seq, scenario));
    if (!object) throw new Error(`job ${job.id}: chunk ${chunk.seq} has no results`);
    const lines = await chunkLines(object, skip, take);
    for (const line of lines) {
      const { type: _type, ...vessel } = JSON.parse(line) as VesselResult & { type: string };
      rows.push({ vessel });
    }
    if (lines.length < take) rows.push({ missing: take - lines.length });
  }
  return { total, rows };
}

/** The job's exposure report: the chunks' partial reports merged (and kept in R2 once the job is done). */
export async function jobReport(
  bucket: R2Bucket,
  job: Pick<Job, 'id' | 'options' | 'status'>,
  chunks: ReadonlyArray<JobChunk>,
): Promise<ExposureReport> {
  if (job.status === 'done' || job.status === 'failed') {
    const kept = await bucket.get(jobKeys.report(job.id));
    if (kept) return kept.json<ExposureReport>();
  }
  const exposure = new Exposure(job.options.scenarios.map((scenario) => scenario.name));
  for (const chunk of chunks)
    if (chunk.status !== 'queued') exposure.merge((await summaryOf(bucket, job, chunk.seq)).exposure);
  const report = exposure.report();
  if (job.status === 'done' || job.status === 'failed')
    await bucket.put(jobKeys.report(job.id), JSON.stringify(report), {
      httpMetadata: { contentType: 'application/json' },
    });
  return report;
}
