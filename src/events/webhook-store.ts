/** Webhook endpoints, deliveries and attempts in D1 (migrations/0011_webhooks.sql). */

export const WEBHOOK_EVENTS = ['tariff.published', 'list.published', 'quote.changed', 'quote.requote_failed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
/** What a delivery carries: a subscribed event, or the test event sent on request. */
export type DeliveryType = WebhookEventType | 'webhook.test';

export interface WebhookEndpoint {
  id: string;
  accountId: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  createdAt: string;
  deletedAt: string | null;
}

interface EndpointRow {
  id: string;
  account_id: string;
  url: string;
  events: string;
  description: string | null;
  secret: string;
  created_at: string;
  deleted_at: string | null;
}

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  accountId: row.account_id,
  url: row.url,
  events: JSON.parse(row.events) as WebhookEventType[],
  description: row.description,
  createdAt: row.created_at,
  deletedAt: row.deleted_at,
});

/**
 * Adds an endpoint unless the account already has `cap` live ones: the count
 * is part of the INSERT itself, so concurrent requests cannot pass the cap
 * between a count and a write. False when the cap refused it.
 */
export async function insertEndpoint(
  db: D1Database,
  endpoint: Omit<WebhookEndpoint, 'deletedAt'>,
  encryptedSecret: string,
  cap: number,
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO webhook_endpoints (id, account_id, url, events, description, secret, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
        WHERE (SELECT count(*) FROM webhook_endpoints WHERE account_id = ?2 AND deleted_at IS NULL) < ?8`,
    )
    .bind(
      endpoint.id,
      endpoint.accountId,
      endpoint.url,
      JSON.stringify(endpoint.events),
      endpoint.description,
      encryptedSecret,
      endpoint.createdAt,
      cap,
    )
    .run();
  return result.meta.changes === 1;
}

/** The account's live endpoints, oldest first. */
export async function listEndpoints(db: D1Database, accountId: string): Promise<WebhookEndpoint[]> {
  const { results } = await db
    .prepare('SELECT * FROM webhook_endpoints WHERE account_id = ? AND deleted_at IS NULL ORDER BY created_at, id')
    .bind(accountId)
    .all<EndpointRow>();
  return results.map(toEndpoint);
}

/** One endpoint of the account (deleted ones too, for their delivery log). */
export async function getEndpoint(db: D1Database, accountId: string, id: string): Promise<WebhookEndpoint | undefined> {
  const row = await db
    .prepare('SELECT * FROM webhook_endpoints WHERE account_id = ? AND id = ?')
    .bind(accountId, id)
    .first<EndpointRow>();
  return row ? toEndpoint(row) : undefined;
}

/** Marks an endpoint deleted: nothing more is sent to it; its log stays readable. False when there was none live. */
export async function deleteEndpoint(db: D1Database, accountId: string, id: string, now: string): Promise<boolean> {
  const result = await db
    .prepare('UPDATE webhook_endpoints SET deleted_at = ? WHERE account_id = ? AND id = ? AND deleted_at IS NULL')
    .bind(now, accountId, id)
    .run();
  return (result.meta.changes ?? 0) > 0;
}

/** Live endpoints subscribed to an event type: of one account, or of every account. */
export async function subscribedEndpoints(
  db: D1Database,
  type: WebhookEventType,
  accountId?: string,
): Promise<WebhookEndpoint[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL
         AND EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?1)
         AND (?2 IS NULL OR account_id = ?2)
       ORDER BY created_at, id`,
    )
    .bind(type, accountId ?? null)
    .all<EndpointRow>();
  return results.map(toEndpoint);
}

/** The accounts with a live endpoint subscribed to `type`. */
export async function subscribedAccounts(db: D1Database, type: WebhookEventType): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT account_id FROM webhook_endpoints WHERE deleted_at IS NULL
         AND EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?) ORDER BY account_id`,
    )
    .bind(type)
    .all<{ account_id: string }>();
  return results.map((row) => row.account_id);
}

export type DeliveryStatus = 'pending' | 'delivered' | 'retrying' | 'failed';

export interface Delivery {
  id: string;
  endpointId: string;
  accountId: string;
  type: DeliveryType;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  account_id: string;
  event_type: DeliveryType;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  created_at: string;
  updated_at: string;
}

const toDelivery = (row: DeliveryRow): Delivery => ({
  id: row.id,
  endpointId: row.endpoint_id,
  accountId: row.account_id,
  type: row.event_type,
  payload: row.payload,
  status: row.status,
  attempts: row.attempts,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function insertDeliveryStatement(db: D1Database, delivery: Delivery): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO webhook_deliveries (id, endpoint_id, account_id, event_type, payload, status, attempts, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      delivery.id,
      delivery.endpointId,
      delivery.accountId,
      delivery.type,
      delivery.payload,
      delivery.status,
      delivery.attempts,
      delivery.createdAt,
      delivery.updatedAt,
    );
}

/** A delivery with its endpoint's URL, encrypted secret and deletion time. */
export async function deliveryToSend(
  db: D1Database,
  id: string,
): Promise<{ delivery: Delivery; url: string; secret: string; deletedAt: string | null } | undefined> {
  const row = await db
    .prepare(
      `SELECT d.*, e.url AS url, e.secret AS secret, e.deleted_at AS deleted_at FROM webhook_deliveries d
       JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = ?`,
    )
    .bind(id)
    .first<DeliveryRow & { url: string; secret: string; deleted_at: string | null }>();
  return row ? { delivery: toDelivery(row), url: row.url, secret: row.secret, deletedAt: row.deleted_at } : undefined;
}

export interface Attempt {
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** Records one attempt and the delivery's new status, in one transaction. */
export async function recordAttempt(
  db: D1Database,
  deliveryId: string,
  attempt: Attempt,
  status: DeliveryStatus,
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO webhook_attempts (delivery_id, attempt, at, status, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (delivery_id, attempt) DO UPDATE SET at = excluded.at, status = excluded.status,
           error = excluded.error, duration_ms = excluded.duration_ms`,
      )
      .bind(deliveryId, attempt.attempt, attempt.at, attempt.status, attempt.error, attempt.durationMs),
    db
      .prepare(
        `UPDATE webhook_deliveries SET status = ?, attempts = MAX(attempts, ?), updated_at = ?
         WHERE id = ? AND status != 'delivered'`,
      )
      .bind(status, attempt.attempt, attempt.at, deliveryId),
  ]);
}

/** Marks a delivery failed for good (its retries are spent and it reached the dead-letter queue). */
export async function markFailed(db: D1Database, deliveryId: string, now: string): Promise<void> {
  await db
    .prepare("UPDATE webhook_deliveries SET status = 'failed', updated_at = ? WHERE id = ? AND status != 'delivered'")
    .bind(now, deliveryId)
    .run();
}

/** An endpoint's deliveries, newest first, each with its attempts. */
export async function deliveryLog(
  db: D1Database,
  endpointId: string,
  limit: number,
): Promise<Array<Delivery & { log: Attempt[] }>> {
  const { results } = await db
    .prepare('SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY created_at DESC, id DESC LIMIT ?')
    .bind(endpointId, limit)
    .all<DeliveryRow>();
  if (results.length === 0) return [];
  const { results: attempts } = await db
    .prepare(
      `SELECT delivery_id, attempt, at, status, error, duration_ms FROM webhook_attempts
       WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY created_at DESC, id DESC LIMIT ?)
       ORDER BY attempt`,
    )
    .bind(endpointId, limit)
    .all<{
      delivery_id: string;
      attempt: number;
      at: string;
      status: number | null;
      error: string | null;
      duration_ms: number;
    }>();
  return results.map((row) => ({
    ...toDelivery(row),
    log: attempts
      .filter((attempt) => attempt.delivery_id === row.id)
      .map((attempt) => ({
        attempt: attempt.attempt,
        at: attempt.at,
        status: attempt.status,
        error: attempt.error,
        durationMs: attempt.duration_ms,
      })),
  }));
}
