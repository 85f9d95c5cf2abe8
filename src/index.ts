/** The Worker entry point: HTTP, the queue consumers (dispatched by queue name) and the scheduled check. */
import { createApp } from './api/app';
import type { Bindings } from './api/env';
import { isJobQueue, jobQueue } from './api/jobs-queue';
import { consumeEventBatch, isEventQueue } from './events/queue';
import { watchTariffs } from './events/tariff-watch';
import { resendStalledJobs } from './jobs/recovery';
import { nowMillis } from './lib/clock';
import { quoteEnvironmentFor } from './quoting/environment';
import { shippedRegistry } from './tariffs/shipped';

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    if (isJobQueue(batch.queue)) return jobQueue(batch as MessageBatch<never>, env);
    if (isEventQueue(batch.queue)) return consumeEventBatch(batch, env, () => quoteEnvironmentFor(env));
    throw new Error(`no consumer for queue ${batch.queue}`);
  },
  async scheduled(_controller, env, ctx) {
    const at = nowMillis(env);
    ctx.waitUntil(watchTariffs(env, shippedRegistry(), at));
    if (env.DB && env.JOB_QUEUE) ctx.waitUntil(resendStalledJobs(env.DB, env.JOB_QUEUE, at));
  },
} satisfies ExportedHandler<Bindings>;
