/** The Worker entry point: HTTP, the queue consumers (dispatched by queue name) and the scheduled check. */
import { createApp } from './api/app';
import type { Bindings } from './api/env';
import { eventQuoteEnvironment } from './events/environment';
import { consumeEventBatch, isEventQueue } from './events/queue';
import { watchTariffs } from './events/tariff-watch';
import { shippedRegistry } from './tariffs/shipped';

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    if (isEventQueue(batch.queue)) return consumeEventBatch(batch, env, () => eventQuoteEnvironment(shippedRegistry()));
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(watchTariffs(env, shippedRegistry()));
  },
} satisfies ExportedHandler<Bindings>;
