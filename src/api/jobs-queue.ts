/**
 * The Worker's queue handler for fleet jobs: wires the bindings, the shipped
 * tariffs and the wire validation of quote requests into the consumer.
 */

import type { ValidateRequest } from '../batch/items';
import { handleJobBatch, JOB_DEAD_LETTER_QUEUE_NAME, JOB_QUEUE_NAME, type JobMessage } from '../jobs/consumer';
import { nowMillis } from '../lib/clock';
import { quoteEnvironmentFor } from '../quoting/environment';
import { shippedRegistry } from '../tariffs/shipped';
import type { Bindings } from './env';
import { QuoteRequest } from './openapi/quote-schemas';
import { zodErrors } from './problem';

const validate: ValidateRequest = (raw) => {
  const parsed = QuoteRequest.safeParse(raw);
  return parsed.success ? { request: parsed.data } : { issues: zodErrors(parsed.error) };
};

/** True for the job queue and its dead-letter queue. */
export const isJobQueue = (name: string) => name === JOB_QUEUE_NAME || name === JOB_DEAD_LETTER_QUEUE_NAME;

export async function jobQueue(batch: MessageBatch<JobMessage>, env: Bindings): Promise<void> {
  if (!env.DB || !env.JOBS_BUCKET || !env.JOB_QUEUE)
    throw new Error('fleet jobs need the DB, JOBS_BUCKET and JOB_QUEUE bindings');
  const registry = shippedRegistry();
  await handleJobBatch(batch, {
    db: env.DB,
    bucket: env.JOBS_BUCKET,
    queue: env.JOB_QUEUE,
    quoteEnv: quoteEnvironmentFor(env, registry),
    validate,
    regimes: registry.regimes(),
    now: () => new Date(nowMillis(env)).toISOString(),
  });
}
