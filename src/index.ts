/** The Worker entry point: HTTP requests, and the queues' message batches dispatched by queue name. */
import { createApp } from './api/app';
import type { Bindings } from './api/env';
import { isJobQueue, jobQueue } from './api/jobs-queue';

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch, env: Bindings): Promise<void> {
    if (isJobQueue(batch.queue)) return jobQueue(batch as MessageBatch<never>, env);
    throw new Error(`no consumer for queue ${batch.queue}`);
  },
} satisfies ExportedHandler<Bindings>;
