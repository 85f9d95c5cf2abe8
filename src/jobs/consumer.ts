/**
 * The fleet job queue consumer. A `split` message reads the job's input back
 * from R2 as a stream, records its chunks in D1 and enqueues one `chunk`
 * message per chunk; a `chunk` message quotes its vessels and writes their
 * results to R2, then settles the chunk in D1. Every step can run twice
 * (a redelivered message, a consumer that crashed half way) without counting
 * or writing anything twice. A message that keeps failing is retried, then
 * parked on the dead-letter queue, whose consumer reports its vessels failed.
 */
import { activeChargesByImo } from '../accounts/ledger';
import { mergePriorCharges } from '../accounts/prior-charges';
import { fromCsv } from '../batch/fleet-csv';
import { BatchFormatError, type ValidateRequest } from '../batch/items';
import type { QuoteEnvironment, QuoteInput } from '../engine';
import {
  csvChunkFile,
  csvItems,
  InputUnreadableError,
  jobKeys,
  jsonItems,
  type Ledger,
  ndjsonItems,
  quoteChunk,
  readWholeItems,
  writeFailedChunk,
} from './chunk';
import { InputFormatError, type SplitResult, splitCsv, splitItems, splitJson, splitNdjson } from './split';
import {
  countAttempt,
  failJob,
  finishIfSettled,
  getChunk,
  getJob,
  type Job,
  type JobChunk,
  listChunks,
  recordSplit,
  settleChunk,
} from './store';

export const JOB_QUEUE_NAME = 'portfees-jobs';
export const JOB_DEAD_LETTER_QUEUE_NAME = 'portfees-jobs-dlq';

export type JobMessage = { kind: 'split'; job: string } | { kind: 'chunk'; job: string; seq: number };

export interface JobBindings {
  db: D1Database;
  bucket: R2Bucket;
  queue: Queue<JobMessage>;
  quoteEnv: QuoteEnvironment;
  validate: ValidateRequest;
  /** Regimes whose ledger charges count (every regime of the registry). */
  regimes: string[];
  now: () => string;
}

/**
 * A job that has just ended no longer needs its input: it is deleted from R2
 * (results and report stay, for JOB_LIMITS.resultsDays). `ended` is the store's
 * answer to "did this call end the job".
 */
async function endJob(bindings: JobBindings, jobId: string, ended: Promise<boolean>): Promise<void> {
  if (await ended) await bindings.bucket.delete(jobKeys.input(jobId));
}

/** Messages per `sendBatch` call (the Queues limit). */
const SEND_BATCH = 100;

async function enqueueChunks(bindings: JobBindings, job: Job): Promise<void> {
  const pending = (await listChunks(bindings.db, job.id)).filter((chunk) => chunk.status === 'queued');
  for (let i = 0; i < pending.length; i += SEND_BATCH)
    await bindings.queue.sendBatch(
      pending.slice(i, i + SEND_BATCH).map((chunk) => ({ body: { kind: 'chunk', job: job.id, seq: chunk.seq } })),
    );
}

async function inputStream(bindings: JobBindings, job: Job): Promise<R2ObjectBody> {
  const object = await bindings.bucket.get(jobKeys.input(job.id));
  if (!object) throw new Error(`job ${job.id}: the input object is missing`);
  return object;
}

/** Splits the input; a fleet that cannot be read at all fails the job with a problem naming why. */
async function split(bindings: JobBindings, job: Job): Promise<void> {
  if (job.status === 'queued') {
    const size = job.options.chunkVessels;
    let result: SplitResult;
    try {
      if (job.format === 'csv') result = await splitCsv((await inputStream(bindings, job)).body, size);
      else if (job.format === 'ndjson') result = await splitNdjson((await inputStream(bindings, job)).body, size);
      else if (job.format === 'json')
        result = splitJson(new Uint8Array(await (await inputStream(bindings, job)).arrayBuffer()), size);
      else {
        const read = await readWholeItems(await inputStream(bindings, job), job, bindings.validate);
        result = splitItems(read.items.length, size);
        if (read.items.length === 0 && read.orphans.length > 0) result = splitItems(1, size);
      }
      if (job.format === 'csv') await checkCsvHeader(bindings, job, result);
    } catch (error) {
      if (error instanceof InputFormatError) {
        await endJob(
          bindings,
          job.id,
          failJob(
            bindings.db,
            job.id,
            {
              title: 'Unreadable fleet',
              detail: `The fleet cannot be read: ${error.message}`,
              errors: [{ path: error.path, message: error.message }],
            },
            bindings.now(),
          ),
        );
        return;
      }
      if (error instanceof InputUnreadableError || error instanceof BatchFormatError) {
        await endJob(
          bindings,
          job.id,
          failJob(
            bindings.db,
            job.id,
            { title: 'Unreadable fleet', detail: `The fleet cannot be read: ${error.message}`, errors: error.errors },
            bindings.now(),
          ),
        );
        return;
      }
      throw error;
    }
    const options = { ...job.options, ...(result.csv ? { csv: result.csv } : {}) };
    await recordSplit(bindings.db, job.id, result.chunks, result.vessels, options, bindings.now());
  }
  const current = await getJob(bindings.db, job.id);
  if (current?.status === 'running') await enqueueChunks(bindings, current);
}

/** Reads the header and the first range the way a chunk will, so a bad header fails the job once, up front. */
async function checkCsvHeader(bindings: JobBindings, job: Job, result: SplitResult): Promise<void> {
  const layout = result.csv!;
  const header = await bindings.bucket.get(jobKeys.input(job.id), { range: { offset: 0, length: layout.headerEnd } });
  try {
    fromCsv({ calls: `${(await header!.text()).replace(/[\r\n]+$/, '')}\n` }, bindings.validate, {
      vessels: 1,
      calls: 1,
    });
  } catch (error) {
    // A header with no rows is what this check reads: only the header's own errors matter here,
    // and anything that is not a format error is not this check's to judge.
    if (!(error instanceof BatchFormatError)) throw error;
    if (error.errors.some((e) => e.row === 1)) throw new InputUnreadableError(error.errors, error.message);
  }
}

function ledgerFor(
  bindings: JobBindings,
  byImo: Map<string, Array<Parameters<typeof mergePriorCharges>[1][number]>>,
): Ledger {
  return {
    merge(request: QuoteInput): QuoteInput {
      const ledger = (byImo.get(request.vessel.imo) ?? []).filter((charge) => bindings.regimes.includes(charge.regime));
      const { priorCharges } = mergePriorCharges(request.priorCharges, ledger);
      return priorCharges ? { ...request, priorCharges } : request;
    },
  };
}

async function chunkItems(bindings: JobBindings, job: Job, chunk: JobChunk) {
  if (job.format === 'multipart') {
    const read = await readWholeItems(await inputStream(bindings, job), job, bindings.validate);
    return { items: read.items.slice(chunk.start, chunk.end), orphans: chunk.seq === 0 ? read.orphans : [] };
  }
  const range = { offset: chunk.start, length: chunk.end - chunk.start };
  const body = await bindings.bucket.get(jobKeys.input(job.id), { range });
  if (!body) throw new Error(`job ${job.id}: the input object is missing`);
  if (job.format === 'json')
    return {
      items: jsonItems(new Uint8Array(await body.arrayBuffer()), chunk.first, chunk.notes, bindings.validate, job),
      orphans: [],
    };
  const text = await body.text();
  if (job.format === 'ndjson')
    return { items: ndjsonItems(text, chunk.first, chunk.notes, bindings.validate, job), orphans: [] };
  const layout = job.options.csv!;
  const header = await bindings.bucket.get(jobKeys.input(job.id), { range: { offset: 0, length: layout.headerEnd } });
  const file = csvChunkFile(await header!.text(), text, chunk.first, layout.bodyLine);
  try {
    const read = fromCsv(file, bindings.validate, { vessels: Infinity, calls: Infinity }, job.options.defaults);
    return { items: csvItems(read.items, chunk.notes), orphans: read.orphans };
  } catch (error) {
    // A syntax error inside this range (an unclosed quote): the range's vessels are reported failed with it.
    if (error instanceof BatchFormatError) throw new InputUnreadableError(error.errors, error.message);
    throw error;
  }
}

async function quoteOne(bindings: JobBindings, jobId: string, seq: number): Promise<void> {
  const job = await getJob(bindings.db, jobId);
  if (!job || job.status !== 'running') return;
  const chunk = await getChunk(bindings.db, jobId, seq);
  if (!chunk || chunk.status !== 'queued') return;
  await countAttempt(bindings.db, jobId, seq, bindings.now());
  let outcome: { status: 'done' | 'failed'; quoted: number; failed: number };
  try {
    const read = await chunkItems(bindings, job, chunk);
    const byImo = await activeChargesByImo(bindings.db, job.accountId);
    const counts = await quoteChunk(bindings.bucket, job, chunk, read, bindings.quoteEnv, ledgerFor(bindings, byImo));
    outcome = { status: 'done', ...counts };
  } catch (error) {
    if (!(error instanceof InputUnreadableError)) throw error;
    await writeFailedChunk(bindings.bucket, job, chunk, error.errors.map((e) => e.message).join('; '));
    outcome = { status: 'done', quoted: 0, failed: chunk.vessels };
  }
  await settleChunk(bindings.db, jobId, seq, outcome, bindings.now());
  await endJob(bindings, jobId, finishIfSettled(bindings.db, jobId, bindings.now()));
}

/** A chunk whose message exhausted its retries: its vessels are reported failed and the job can end. */
async function parkChunk(bindings: JobBindings, jobId: string, seq: number): Promise<void> {
  const job = await getJob(bindings.db, jobId);
  if (!job || job.status !== 'running') return;
  const chunk = await getChunk(bindings.db, jobId, seq);
  if (!chunk || chunk.status !== 'queued') return;
  await writeFailedChunk(bindings.bucket, job, chunk, `the chunk failed ${chunk.attempts} times`);
  await settleChunk(bindings.db, jobId, seq, { status: 'failed', quoted: 0, failed: chunk.vessels }, bindings.now());
  await endJob(bindings, jobId, finishIfSettled(bindings.db, jobId, bindings.now()));
}

/**
 * Handles one batch of job messages: each acknowledged on success, retried on failure.
 * @example await handleJobBatch(batch, bindings)
 */
export async function handleJobBatch(batch: MessageBatch<JobMessage>, bindings: JobBindings): Promise<void> {
  const dead = batch.queue === JOB_DEAD_LETTER_QUEUE_NAME;
  for (const message of batch.messages) {
    const body = message.body;
    try {
      if (body.kind === 'split') {
        const job = await getJob(bindings.db, body.job);
        if (job && dead) {
          await endJob(
            bindings,
            job.id,
            failJob(
              bindings.db,
              job.id,
              { title: 'Job failed', detail: 'The fleet could not be split into chunks.', errors: [] },
              bindings.now(),
            ),
          );
        } else if (job) await split(bindings, job);
      } else if (dead) await parkChunk(bindings, body.job, body.seq);
      else await quoteOne(bindings, body.job, body.seq);
      message.ack();
    } catch (error) {
      console.error(
        `jobs: ${body.kind} of ${body.job} failed (attempt ${message.attempts})`,
        error instanceof Error ? `${error.name}: ${error.message}` : error,
      );
      message.retry();
    }
  }
}
