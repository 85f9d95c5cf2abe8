/** The bodies of the queue messages: a webhook delivery to attempt, and a page of saved quotes to quote again. */

/** Deliver one stored delivery (webhook_deliveries.id); the consumer reads the payload and endpoint from D1. */
export interface WebhookMessage {
  kind: 'deliver';
  deliveryId: string;
}

/** Re-quote the saved quotes of one account under a version that just shipped: a tariff or a countermeasure list version. */
export interface RequoteMessage {
  kind: 'requote';
  accountId: string;
  /** The version's id: a tariff version (`us-301/2026-11-20`) or a list version (`cn-countermeasures/2026-11-12`). */
  tariffId: string;
  /** Continue after this saved quote (created_at, quote_id), oldest first. */
  after?: { savedAt: string; quoteId: string };
}

/** The bindings the queue consumers and the scheduled check use (a subset of the Worker's). */
export interface EventsEnv {
  DB?: D1Database;
  WEBHOOK_QUEUE?: Queue<WebhookMessage>;
  REQUOTE_QUEUE?: Queue<RequoteMessage>;
  WEBHOOK_KEY?: string;
  WEBHOOKS_ALLOW_LOOPBACK?: string;
  WEBHOOK_RETRY_BASE_SECONDS?: string;
  /** The fixed "now" of tests and drills (src/lib/clock.ts). */
  NOW?: string;
}

/** Queue names as wrangler.toml declares them. */
export const QUEUES = {
  webhooks: 'portfees-webhooks',
  webhooksDead: 'portfees-webhooks-dlq',
  requotes: 'portfees-requotes',
} as const;
