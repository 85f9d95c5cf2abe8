/**
 * Stalled fleet jobs: a job whose queue message was lost (or whose retries
 * ran out before a chunk settled) would stay queued or running forever. The
 * scheduled check sends its messages again; every step of a job is
 * idempotent (a split recorded twice, a chunk settled twice change nothing).
 */
import { utcTimestamp } from '../lib/time';
import type { JobMessage } from './consumer';
import { JOB_LIMITS } from './limits';
import { stalledJobMessages } from './store';

/** Messages per `sendBatch` call (the Queues limit). */
const SEND_BATCH = 100;

/** Sends again the messages of jobs with no progress for JOB_LIMITS.stalledMinutes; returns what was sent. */
export async function resendStalledJobs(db: D1Database, queue: Queue<JobMessage>, at: number): Promise<JobMessage[]> {
  const cutoff = utcTimestamp(at - JOB_LIMITS.stalledMinutes * 60_000);
  const stalled = await stalledJobMessages(db, cutoff, utcTimestamp(at));
  const messages: JobMessage[] = [
    ...stalled.splits.map((job) => ({ kind: 'split' as const, job })),
    ...stalled.chunks.map(({ job, seq }) => ({ kind: 'chunk' as const, job, seq })),
  ];
  for (const message of messages) console.warn('jobs: no progress, message sent again', JSON.stringify(message));
  for (let i = 0; i < messages.length; i += SEND_BATCH)
    await queue.sendBatch(messages.slice(i, i + SEND_BATCH).map((body) => ({ body })));
  return messages;
}
