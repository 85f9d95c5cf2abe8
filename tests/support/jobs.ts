/**
 * Fleet jobs in tests: the queue consumer is driven by hand (the suite turns
 * automatic delivery off), through the Worker's real `queue` handler with
 * real D1, R2 and queue bindings, so a test decides when chunks run, in what
 * order, and what fails.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/index';
import { bearer } from './accounts';
import { call } from './worker';

export type Bindings = Parameters<typeof worker.queue>[1];

/** The Worker's own bindings, as the suite configures them (JOB_QUEUE delivers nowhere: tests deliver by hand). */
export const realBindings = (): Bindings => env as Bindings;

let messageId = 0;

/** Delivers messages to the queue handler as one batch; returns which were acked and which retried. */
export async function deliver(
  bodies: unknown[],
  bindings: Bindings = realBindings(),
  attempts = 1,
  queue = 'portfees-jobs',
) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body) => ({ id: `m${++messageId}`, timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<never>, bindings);
  return getQueueResult(batch, ctx);
}

export async function queuedChunks(job: string): Promise<number[]> {
  const { results } = await env.DB.prepare(
    "SELECT seq FROM job_chunks WHERE job_id = ? AND status = 'queued' ORDER BY seq",
  )
    .bind(job)
    .all<{ seq: number }>();
  return results.map((row) => row.seq);
}

export async function postJob(key: string, body: string, contentType: string, query = ''): Promise<Response> {
  return call(`/v1/jobs${query}`, {
    method: 'POST',
    body,
    headers: {
      ...bearer(key),
      'content-type': contentType,
      'content-length': String(new TextEncoder().encode(body).length),
    },
  });
}

/** Splits the job, then quotes every chunk (each in its own batch, all at once), until none is left queued. */
export async function runJob(job: string, bindings: Bindings = realBindings()): Promise<void> {
  await deliver([{ kind: 'split', job }], bindings);
  for (let round = 0; round < 5; round++) {
    const seqs = await queuedChunks(job);
    if (seqs.length === 0) return;
    await Promise.all(seqs.map((seq) => deliver([{ kind: 'chunk', job, seq }], bindings, round + 1)));
  }
}
