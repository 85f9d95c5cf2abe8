/**
 * Fleet job state in D1: the job row and one row per chunk. Progress and the
 * end of a job are read from the chunk rows, so writing a chunk's outcome
 * twice (a redelivered message) changes nothing.
 */

import type { Scenario } from '../batch/scenarios';
import type { QuoteOptions } from '../engine';
import type { ChunkNotes, ChunkRange, CsvLayout } from './split';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type JobFormat = 'csv' | 'ndjson' | 'json' | 'multipart';

export interface JobOptions {
  defaults: QuoteOptions;
  scenarios: Scenario[];
  /** Vessels per chunk. */
  chunkVessels: number;
  csv?: CsvLayout;
}

export interface JobProblem {
  title: string;
  detail: string;
  errors: Array<{ path: string; message: string; row?: number; column?: string | null; file?: string }>;
}

export interface Job {
  id: string;
  accountId: string;
  status: JobStatus;
  format: JobFormat;
  contentType: string;
  options: JobOptions;
  inputBytes: number;
  vesselsTotal: number | null;
  chunksTotal: number | null;
  problem: JobProblem | null;
  pageTokenHash: string;
  pageExpiresAt: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobChunk extends ChunkRange {
  status: 'queued' | 'done' | 'failed';
  quoted: number;
  failed: number;
  attempts: number;
}

export interface JobProgress {
  done: number;
  failed: number;
  chunksSettled: number;
}

interface JobRow {
  id: string;
  account_id: string;
  status: JobStatus;
  format: JobFormat;
  content_type: string;
  options: string;
  input_bytes: number;
  vessels_total: number | null;
  chunks_total: number | null;
  problem: string | null;
  page_token_hash: string;
  page_expires_at: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

interface ChunkRow {
  seq: number;
  status: JobChunk['status'];
  start: number;
  end: number;
  first: number;
  vessels: number;
  notes: string | null;
  quoted: number;
  failed: number;
  attempts: number;
}

const toJob = (row: JobRow): Job => ({
  id: row.id,
  accountId: row.account_id,
  status: row.status,
  format: row.format,
  contentType: row.content_type,
  options: JSON.parse(row.options) as JobOptions,
  inputBytes: row.input_bytes,
  vesselsTotal: row.vessels_total,
  chunksTotal: row.chunks_total,
  problem: row.problem ? (JSON.parse(row.problem) as JobProblem) : null,
  pageTokenHash: row.page_token_hash,
  pageExpiresAt: row.page_expires_at,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

const toChunk = (row: ChunkRow): JobChunk => ({
  seq: row.seq,
  status: row.status,
  start: row.start,
  end: row.end,
  first: row.first,
  vessels: row.vessels,
  ...(row.notes ? { notes: JSON.parse(row.notes) as ChunkNotes } : {}),
  quoted: row.quoted,
  failed: row.failed,
  attempts: row.attempts,
});

export type NewJob = Pick<
  Job,
  | 'id'
  | 'accountId'
  | 'format'
  | 'contentType'
  | 'options'
  | 'inputBytes'
  | 'pageTokenHash'
  | 'pageExpiresAt'
  | 'createdAt'
>;

/** The account's jobs that are queued or running. */
export async function activeJobCount(db: D1Database, accountId: string): Promise<number> {
  const row = await db
    .prepare(`SELECT COUNT(*) AS active FROM jobs WHERE account_id = ? AND status IN ('queued', 'running')`)
    .bind(accountId)
    .first<{ active: number }>();
  return row?.active ?? 0;
}

/**
 * Inserts a queued job unless its account already has `maxActive` jobs queued
 * or running (checked in the same statement, so racing requests cannot pass
 * the limit together). False when the limit refused it.
 */
export async function insertJob(db: D1Database, job: NewJob, maxActive: number): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO jobs (id, account_id, status, format, content_type, options, input_bytes, page_token_hash, page_expires_at, created_at)
       SELECT ?1, ?2, 'queued', ?3, ?4, ?5, ?6, ?7, ?8, ?9
       WHERE (SELECT COUNT(*) FROM jobs WHERE account_id = ?2 AND status IN ('queued', 'running')) < ?10`,
    )
    .bind(
      job.id,
      job.accountId,
      job.format,
      job.contentType,
      JSON.stringify(job.options),
      job.inputBytes,
      job.pageTokenHash,
      job.pageExpiresAt,
      job.createdAt,
      maxActive,
    )
    .run();
  return result.meta.changes > 0;
}

/** One page of an account's jobs, newest first, after (createdAt, id). */
export async function listJobs(
  db: D1Database,
  accountId: string,
  limit: number,
  after?: { createdAt: string; id: string },
): Promise<Job[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM jobs WHERE account_id = ?1 AND (?2 IS NULL OR created_at < ?2 OR (created_at = ?2 AND id < ?3))
       ORDER BY created_at DESC, id DESC LIMIT ?4`,
    )
    .bind(accountId, after?.createdAt ?? null, after?.id ?? '', limit)
    .all<JobRow>();
  return results.map(toJob);
}

/** The job, for its own account only (another account's job reads as none). */
export async function getJob(db: D1Database, id: string, accountId?: string): Promise<Job | undefined> {
  const row =
    accountId === undefined
      ? await db.prepare('SELECT * FROM jobs WHERE id = ?').bind(id).first<JobRow>()
      : await db.prepare('SELECT * FROM jobs WHERE id = ? AND account_id = ?').bind(id, accountId).first<JobRow>();
  return row ? toJob(row) : undefined;
}

export async function listChunks(db: D1Database, id: string): Promise<JobChunk[]> {
  const { results } = await db
    .prepare('SELECT * FROM job_chunks WHERE job_id = ? ORDER BY seq')
    .bind(id)
    .all<ChunkRow>();
  return results.map(toChunk);
}

export async function getChunk(db: D1Database, id: string, seq: number): Promise<JobChunk | undefined> {
  const row = await db.prepare('SELECT * FROM job_chunks WHERE job_id = ? AND seq = ?').bind(id, seq).first<ChunkRow>();
  return row ? toChunk(row) : undefined;
}

export async function progressOf(db: D1Database, id: string): Promise<JobProgress> {
  const row = await db
    .prepare(
      `SELECT COALESCE(SUM(quoted), 0) AS done, COALESCE(SUM(failed), 0) AS failed,
              COALESCE(SUM(CASE WHEN status IN ('done', 'failed') THEN 1 ELSE 0 END), 0) AS settled
       FROM job_chunks WHERE job_id = ?`,
    )
    .bind(id)
    .first<{ done: number; failed: number; settled: number }>();
  return { done: row?.done ?? 0, failed: row?.failed ?? 0, chunksSettled: row?.settled ?? 0 };
}

/**
 * Records the split: the chunk rows, the totals and `running`, in one
 * transaction. Recording again (a redelivered split message) is a no-op.
 * @returns false when the job was no longer queued (cancelled, or split already).
 */
export async function recordSplit(
  db: D1Database,
  id: string,
  chunks: ReadonlyArray<ChunkRange>,
  vessels: number,
  options: JobOptions,
  now: string,
): Promise<boolean> {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO job_chunks (job_id, seq, status, start, end, first, vessels, notes, updated_at)
     SELECT ?, ?, 'queued', ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM jobs WHERE id = ? AND status = 'queued')`,
  );
  const statements = chunks.map((chunk) =>
    insert.bind(
      id,
      chunk.seq,
      chunk.start,
      chunk.end,
      chunk.first,
      chunk.vessels,
      chunk.notes ? JSON.stringify(chunk.notes) : null,
      now,
      id,
    ),
  );
  const results = await db.batch([
    ...statements,
    db
      .prepare(
        `UPDATE jobs SET status = 'running', vessels_total = ?, chunks_total = ?, options = ?, started_at = ?
         WHERE id = ? AND status = 'queued'`,
      )
      .bind(vessels, chunks.length, JSON.stringify(options), now, id),
  ]);
  return (results.at(-1)?.meta.changes ?? 0) > 0;
}

/** A job whose input cannot be read at all ends `failed` with the problem; true when this call ended it. */
export async function failJob(db: D1Database, id: string, problem: JobProblem, now: string): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE jobs SET status = 'failed', problem = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')`,
    )
    .bind(JSON.stringify(problem), now, id)
    .run();
  return result.meta.changes > 0;
}

export async function countAttempt(db: D1Database, id: string, seq: number, now: string): Promise<void> {
  await db
    .prepare('UPDATE job_chunks SET attempts = attempts + 1, updated_at = ? WHERE job_id = ? AND seq = ?')
    .bind(now, id, seq)
    .run();
}

/** Marks a chunk settled with its counts (once: a chunk already settled keeps its first outcome). */
export async function settleChunk(
  db: D1Database,
  id: string,
  seq: number,
  outcome: { status: 'done' | 'failed'; quoted: number; failed: number },
  now: string,
): Promise<void> {
  await db
    .prepare(
      `UPDATE job_chunks SET status = ?, quoted = ?, failed = ?, updated_at = ? WHERE job_id = ? AND seq = ? AND status = 'queued'`,
    )
    .bind(outcome.status, outcome.quoted, outcome.failed, now, id, seq)
    .run();
}

/** Ends a running job once every chunk is settled: `done`, or `failed` when a chunk could not be quoted at all. */
export async function finishIfSettled(db: D1Database, id: string, now: string): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE jobs SET finished_at = ?,
         status = CASE WHEN EXISTS (SELECT 1 FROM job_chunks WHERE job_id = jobs.id AND status = 'failed') THEN 'failed' ELSE 'done' END
       WHERE id = ? AND status = 'running'
         AND NOT EXISTS (SELECT 1 FROM job_chunks WHERE job_id = jobs.id AND status = 'queued')`,
    )
    .bind(now, id)
    .run();
  return result.meta.changes > 0;
}

/**
 * The messages of jobs that made no progress since `cutoff`: queued jobs
 * (never split, or last sent again before it) and the queued chunks of running
 * jobs none of whose chunks moved since. Marks each as sent now, so the next
 * check waits another period before sending it again.
 */
export async function stalledJobMessages(
  db: D1Database,
  cutoff: string,
  now: string,
): Promise<{ splits: string[]; chunks: Array<{ job: string; seq: number }> }> {
  const [splits, chunks] = await db.batch([
    db
      .prepare(
        `UPDATE jobs SET resent_at = ?1 WHERE status = 'queued' AND COALESCE(resent_at, created_at) < ?2 RETURNING id`,
      )
      .bind(now, cutoff),
    db
      .prepare(
        `UPDATE job_chunks SET updated_at = ?1
         WHERE status = 'queued'
           AND job_id IN (SELECT id FROM jobs WHERE status = 'running')
           AND job_id IN (SELECT job_id FROM job_chunks GROUP BY job_id HAVING MAX(updated_at) < ?2)
         RETURNING job_id, seq`,
      )
      .bind(now, cutoff),
  ]);
  return {
    splits: ((splits?.results ?? []) as Array<{ id: string }>).map((row) => row.id),
    chunks: ((chunks?.results ?? []) as Array<{ job_id: string; seq: number }>).map((row) => ({
      job: row.job_id,
      seq: row.seq,
    })),
  };
}

/** Cancels a queued or running job; returns the job as it is afterwards. */
export async function cancelJob(db: D1Database, id: string, accountId: string, now: string): Promise<Job | undefined> {
  await db
    .prepare(
      `UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE id = ? AND account_id = ? AND status IN ('queued', 'running')`,
    )
    .bind(now, id, accountId)
    .run();
  return getJob(db, id, accountId);
}
