/**
 * Webhook events: publishing one (a delivery row per subscribed endpoint, then
 * a queue message each), and attempting a delivery (signed per the Standard
 * Webhooks specification, with a timeout and a cap on the answer read).
 */
import { Webhook } from 'standardwebhooks';
import { randomId } from '../accounts/keys';
import { nowMillis, wallMillis } from '../lib/clock';
import { utcTimestamp } from '../lib/time';
import type { EventsEnv } from './messages';
import { decryptSecret } from './webhook-secrets';
import {
  type Attempt,
  type Delivery,
  type DeliveryType,
  deliveryToSend,
  insertDeliveryStatement,
  recordAttempt,
  subscribedEndpoints,
  type WebhookEndpoint,
  type WebhookEventType,
} from './webhook-store';
import { checkWebhookUrl } from './webhook-url';

/** How long a receiver has to answer, and how much of its answer is read. */
export const DELIVERY_TIMEOUT_MS = 10_000;
export const RESPONSE_READ_LIMIT_BYTES = 16 * 1024;
/** First retry delay in seconds when WEBHOOK_RETRY_BASE_SECONDS is not set; it doubles per retry. */
const DEFAULT_RETRY_BASE_SECONDS = 30;
/** Longest delay Cloudflare Queues accept for a retry (12 hours). */
const MAX_RETRY_DELAY_SECONDS = 43_200;

export interface WebhookEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/**
 * Stores one delivery per live endpoint subscribed to the event (of one
 * account, or of every account) and queues them. Returns the delivery ids.
 */
export async function publishEvent(
  env: EventsEnv,
  event: WebhookEvent,
  accountId?: string,
  at = nowMillis(env),
): Promise<string[]> {
  if (!env.DB || !env.WEBHOOK_QUEUE) return [];
  const endpoints = await subscribedEndpoints(env.DB, event.type, accountId);
  return queueDeliveries(env, endpoints, event.type, event.data, at);
}

/** A `webhook.test` event to one endpoint, whatever it subscribes to: a way to check the receiver. */
export async function sendTestEvent(env: EventsEnv, endpoint: WebhookEndpoint, at = nowMillis(env)): Promise<string> {
  const [id] = await queueDeliveries(env, [endpoint], 'webhook.test', { endpoint: endpoint.id }, at);
  if (!id) throw new Error('webhook queue unavailable');
  return id;
}

async function queueDeliveries(
  env: EventsEnv,
  endpoints: ReadonlyArray<WebhookEndpoint>,
  type: DeliveryType,
  data: Record<string, unknown>,
  at: number,
): Promise<string[]> {
  const db = env.DB;
  const queue = env.WEBHOOK_QUEUE;
  if (!db || !queue || endpoints.length === 0) return [];
  const now = utcTimestamp(at);
  const payload = JSON.stringify({ type, timestamp: now, data });
  const deliveries: Delivery[] = endpoints.map((endpoint) => ({
    id: randomId('msg'),
    endpointId: endpoint.id,
    accountId: endpoint.accountId,
    type,
    payload,
    status: 'pending',
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  }));
  // Rows first: a message never names a delivery that is not stored.
  await db.batch(deliveries.map((delivery) => insertDeliveryStatement(db, delivery)));
  for (let i = 0; i < deliveries.length; i += 100)
    await queue.sendBatch(
      deliveries.slice(i, i + 100).map((delivery) => ({ body: { kind: 'deliver' as const, deliveryId: delivery.id } })),
    );
  return deliveries.map((delivery) => delivery.id);
}

/** Seconds before retry `attempt + 1`: base × 2^(attempt − 1), at most 12 hours. */
export function retryDelaySeconds(env: EventsEnv, attempt: number): number {
  const configured = Number(env.WEBHOOK_RETRY_BASE_SECONDS);
  const base = Number.isFinite(configured) && configured >= 0 ? configured : DEFAULT_RETRY_BASE_SECONDS;
  return Math.min(MAX_RETRY_DELAY_SECONDS, Math.round(base * 2 ** Math.max(0, attempt - 1)));
}

/** Reads at most `limit` bytes of a body, then stops reading. */
async function readCapped(response: Response, limit: number): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  let read = 0;
  while (read <= limit) {
    const { done, value } = await reader.read();
    if (done) return;
    read += value.byteLength;
  }
  await reader.cancel();
}

export type AttemptOutcome = 'delivered' | 'retry' | 'give-up';

/**
 * Attempts one delivery (attempt number `attempt`, from 1) and records it.
 * `give-up` is for deliveries that can never succeed (endpoint deleted, URL
 * now refused, secret unreadable); `retry` lets the queue try again later.
 */
export async function attemptDelivery(
  env: EventsEnv,
  deliveryId: string,
  attempt: number,
  at = nowMillis(env),
): Promise<AttemptOutcome> {
  const db = env.DB;
  if (!db) return 'retry';
  const found = await deliveryToSend(db, deliveryId);
  if (!found) return 'give-up';
  if (found.delivery.status === 'delivered') return 'delivered';
  const started = wallMillis();
  const record = async (result: Omit<Attempt, 'attempt' | 'at' | 'durationMs'>, status: AttemptOutcome) => {
    await recordAttempt(
      db,
      deliveryId,
      { attempt, at: utcTimestamp(at), durationMs: wallMillis() - started, ...result },
      status === 'delivered' ? 'delivered' : status === 'retry' ? 'retrying' : 'failed',
    );
    return status;
  };
  if (found.deletedAt) return record({ status: null, error: 'the endpoint was deleted' }, 'give-up');
  const verdict = checkWebhookUrl(found.url, env.WEBHOOKS_ALLOW_LOOPBACK === 'on');
  if (!verdict.ok) return record({ status: null, error: `URL refused: ${verdict.reason}` }, 'give-up');
  if (!env.WEBHOOK_KEY) return record({ status: null, error: 'WEBHOOK_KEY is not set' }, 'retry');
  let secret: string;
  try {
    secret = await decryptSecret(found.secret, found.delivery.endpointId, env.WEBHOOK_KEY);
  } catch {
    return record({ status: null, error: 'the signing secret cannot be decrypted with WEBHOOK_KEY' }, 'give-up');
  }
  // The receiver checks this timestamp against its own clock: the real time, even when NOW is set.
  const timestamp = Math.floor(wallMillis() / 1000);
  const signature = new Webhook(secret).sign(deliveryId, new Date(timestamp * 1000), found.delivery.payload);
  try {
    const response = await fetch(verdict.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'portfees-webhooks',
        'webhook-id': deliveryId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      },
      body: found.delivery.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await readCapped(response, RESPONSE_READ_LIMIT_BYTES);
    if (response.status >= 200 && response.status < 300)
      return record({ status: response.status, error: null }, 'delivered');
    const error =
      response.status >= 300 && response.status < 400
        ? 'redirects are not followed'
        : `the endpoint answered ${response.status}`;
    return record({ status: response.status, error }, 'retry');
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const message = timedOut
      ? `no answer within ${DELIVERY_TIMEOUT_MS} ms`
      : `network error: ${error instanceof Error ? error.message : String(error)}`;
    return record({ status: null, error: message.slice(0, 300) }, 'retry');
  }
}
