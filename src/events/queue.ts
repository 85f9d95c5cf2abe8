/**
 * The queue consumers of webhooks and re-quotes, behind one entry that the
 * Worker dispatches to by queue name: deliveries (retried with exponential
 * backoff until the queue's max_retries, then sent to the dead-letter queue),
 * the dead-letter queue (the delivery is marked failed in its log), and pages
 * of re-quotes.
 */
import type { QuoteEnvironment } from '../engine';
import { nowMillis } from '../lib/clock';
import { utcTimestamp } from '../lib/time';
import { type EventsEnv, QUEUES, type RequoteMessage, type WebhookMessage } from './messages';
import { requotePage } from './tariff-watch';
import { markFailed } from './webhook-store';
import { attemptDelivery, retryDelaySeconds } from './webhooks';

const NAMES = new Set<string>(Object.values(QUEUES));

/** True for the queues this module consumes. */
export function isEventQueue(name: string): boolean {
  return NAMES.has(name);
}

/** Consumes one batch of any of the event queues; `quoteEnv` is built per batch (today's date, the registry). */
export async function consumeEventBatch(
  batch: MessageBatch<unknown>,
  env: EventsEnv,
  quoteEnv: () => QuoteEnvironment,
): Promise<void> {
  if (batch.queue === QUEUES.webhooks) {
    await Promise.all(
      (batch.messages as ReadonlyArray<Message<WebhookMessage>>).map(async (message) => {
        try {
          const outcome = await attemptDelivery(env, message.body.deliveryId, message.attempts);
          if (outcome === 'retry') message.retry({ delaySeconds: retryDelaySeconds(env, message.attempts) });
          else message.ack();
        } catch (error) {
          console.error('webhook delivery error', error instanceof Error ? error.message : error);
          message.retry({ delaySeconds: retryDelaySeconds(env, message.attempts) });
        }
      }),
    );
    return;
  }
  if (batch.queue === QUEUES.webhooksDead) {
    const db = env.DB;
    for (const message of batch.messages as ReadonlyArray<Message<WebhookMessage>>) {
      if (db) await markFailed(db, message.body.deliveryId, utcTimestamp(nowMillis(env)));
      message.ack();
    }
    return;
  }
  if (batch.queue === QUEUES.requotes) {
    const quoting = quoteEnv();
    for (const message of batch.messages as ReadonlyArray<Message<RequoteMessage>>) {
      try {
        await requotePage(env, message.body, quoting);
        message.ack();
      } catch (error) {
        console.error('re-quote page error', error instanceof Error ? error.message : error);
        message.retry({ delaySeconds: retryDelaySeconds(env, message.attempts) });
      }
    }
  }
}
