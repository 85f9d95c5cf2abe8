/**
 * Webhooks: endpoints, signed deliveries from the real queue (retries, then
 * the dead-letter queue), the SSRF guard, and the scheduled tariff check. The
 * receiving endpoint is tests/support/webhook-receiver.ts (miniflare's
 * outbound service): nothing leaves the machine.
 */

import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import { noticeNewVersions, requotePage, watchTariffs } from '../../src/events/tariff-watch';
import { decryptSecret } from '../../src/events/webhook-secrets';
import { insertDeliveryStatement } from '../../src/events/webhook-store';
import { checkWebhookUrl } from '../../src/events/webhook-url';
import { publishEvent, retryDelaySeconds } from '../../src/events/webhooks';
import worker from '../../src/index';
import { quoteEnvironmentFor } from '../../src/quoting/environment';
import { shippedTariffFiles } from '../../src/tariffs/bundle.generated';
import { TariffRegistry } from '../../src/tariffs/registry';
import { shippedRegistry } from '../../src/tariffs/shipped';
import resumptionConfirmed from '../fixtures/tariffs/us-301-2026-11-20.json';
import { bearer, createKey, getJson } from '../support/accounts';
import { deliveries } from '../support/deliveries';
import { annexOneQuote } from '../support/vessels';
import { RECEIVER_HOST } from '../support/webhook-receiver';
import { postJson } from '../support/worker';

/** After the fixture version's publication (2026-11-20): today's versions include it whatever the real date. */
const clocked = { ...env, NOW: '2026-12-01T00:00:00Z' };

const fixtureRegistry = new TariffRegistry([
  ...shippedTariffFiles,
  { file: 'tests/fixtures/tariffs/us-301-2026-11-20.json', data: resumptionConfirmed },
]);

interface Created {
  id: string;
  url: string;
  events: string[];
  secret: string;
}
interface Log {
  deliveries: Array<{
    id: string;
    type: string;
    status: string;
    attempts: number;
    log: Array<{ attempt: number; status: number | null; error: string | null }>;
  }>;
}

const token = () => crypto.randomUUID();

async function addEndpoint(key: string, url: string, events = ['tariff.published', 'quote.changed']): Promise<Created> {
  const res = await postJson('/v1/webhooks', { url, events }, bearer(key));
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}

const received = deliveries;

/** Polls the delivery log until `done` holds (the queue delivers on its own schedule). */
async function logUntil(key: string, endpoint: string, done: (log: Log) => boolean): Promise<Log> {
  for (let i = 0; i < 150; i++) {
    const log = (await (await getJson(`/v1/webhooks/${endpoint}/deliveries`, key)).json()) as Log;
    if (done(log)) return log;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`delivery log of ${endpoint} never reached the expected state`);
}

const event = { type: 'tariff.published' as const, data: { id: 'us-301/2026-11-20' } };

describe('webhook endpoints', () => {
  it('shows the secret once and stores it encrypted', async () => {
    const { key, accountId } = await createKey();
    const created = await addEndpoint(key, `https://${RECEIVER_HOST}/ok/${token()}`);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = (await (await getJson('/v1/webhooks', key)).json()) as Array<Record<string, unknown>>;
    expect(listed).toEqual([expect.objectContaining({ id: created.id, url: created.url })]);
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(6));
    const row = await env.DB.prepare('SELECT secret FROM webhook_endpoints WHERE id = ? AND account_id = ?')
      .bind(created.id, accountId)
      .first<{ secret: string }>();
    expect(row?.secret).not.toContain(created.secret.slice(6));
    expect(await decryptSecret(row!.secret, created.id, env.WEBHOOK_KEY)).toBe(created.secret);
    // Bound to its endpoint: the ciphertext does not open under another id.
    await expect(decryptSecret(row!.secret, 'wh_00000000000000000000', env.WEBHOOK_KEY)).rejects.toThrow();

    const removed = await exports.default.fetch(
      new Request(`http://portfees.test/v1/webhooks/${created.id}`, { method: 'DELETE', headers: bearer(key) }),
    );
    expect(removed.status).toBe(200);
    expect(await (await getJson('/v1/webhooks', key)).json()).toEqual([]);
  });

  it.each([
    ['https://10.0.0.8/hook'],
    ['https://192.168.1.1/hook'],
    ['https://169.254.169.254/latest/meta-data'],
    ['https://[fd00:ec2::254]/'],
    ['https://[::ffff:10.0.0.1]/'],
    ['https://[::1]/'],
    ['https://127.0.0.1/'],
    ['https://2130706433/'],
    ['https://0x7f.0.0.1/'],
    ['https://0177.0.0.1/'],
    ['https://localhost/'],
    ['https://metadata.google.internal/'],
    ['https://printer.local/'],
    ['https://intranet/'],
    ['http://hooks.example.com/'],
    ['https://user:pass@hooks.example.com/'],
    ['ftp://hooks.example.com/'],
  ])('refuses %s naming url', async (url) => {
    const { key } = await createKey();
    const res = await postJson('/v1/webhooks', { url, events: ['quote.changed'] }, bearer(key));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['url']);
  });

  it('allows public https hosts, and http to loopback only with the local flag', () => {
    expect(checkWebhookUrl('https://hooks.example.com/portfees', false).ok).toBe(true);
    expect(checkWebhookUrl('https://[2606:4700::1111]/', false).ok).toBe(true);
    expect(checkWebhookUrl('https://8.8.8.8/', false).ok).toBe(true);
    expect(checkWebhookUrl('http://127.0.0.1:8861/hook', false).ok).toBe(false);
    expect(checkWebhookUrl('http://127.0.0.1:8861/hook', true).ok).toBe(true);
    expect(checkWebhookUrl('http://localhost:8861/hook', true).ok).toBe(true);
    expect(checkWebhookUrl('http://10.0.0.1/hook', true).ok).toBe(false);
    expect(checkWebhookUrl('http://hooks.example.com/', true).ok).toBe(false);
  });
});

// The queue delivers on its own schedule (batches wait up to max_batch_timeout, 1 s): allow time.
describe('deliveries', { timeout: 60_000 }, () => {
  it('are signed per Standard Webhooks and verify with the reference library', async () => {
    const { key, accountId } = await createKey();
    const id = token();
    const endpoint = await addEndpoint(key, `https://${RECEIVER_HOST}/ok/${id}`);
    const [deliveryId] = await publishEvent(env, event, accountId);
    const log = await logUntil(key, endpoint.id, (l) => l.deliveries[0]?.status === 'delivered');
    expect(log.deliveries[0]).toMatchObject({ id: deliveryId, type: 'tariff.published', attempts: 1 });

    const [request] = await received(id);
    expect(request?.headers['webhook-id']).toBe(deliveryId);
    const payload = new Webhook(endpoint.secret).verify(request!.body, request!.headers) as Record<string, unknown>;
    expect(payload).toMatchObject({ type: 'tariff.published', data: { id: 'us-301/2026-11-20' } });
    // Another secret does not verify it.
    expect(() =>
      new Webhook(`whsec_${btoa('another secret, 24 bytes!')}`).verify(request!.body, request!.headers),
    ).toThrow();
  });

  it('POST /v1/webhooks/{id}/test sends a signed webhook.test event to that endpoint', async () => {
    const { key } = await createKey();
    const id = token();
    const endpoint = await addEndpoint(key, `https://${RECEIVER_HOST}/ok/${id}`, ['quote.changed']);
    const res = await exports.default.fetch(
      new Request(`http://portfees.test/v1/webhooks/${endpoint.id}/test`, { method: 'POST', headers: bearer(key) }),
    );
    expect(res.status).toBe(202);
    const { deliveryId } = (await res.json()) as { deliveryId: string };
    await logUntil(key, endpoint.id, (l) => l.deliveries[0]?.status === 'delivered');
    const [request] = await received(id);
    expect(request?.headers['webhook-id']).toBe(deliveryId);
    expect(new Webhook(endpoint.secret).verify(request!.body, request!.headers)).toMatchObject({
      type: 'webhook.test',
      data: { endpoint: endpoint.id },
    });
  });

  it('reach a receiver that fails twice on the third try, with the same webhook-id', async () => {
    const { key, accountId } = await createKey();
    const id = token();
    const endpoint = await addEndpoint(key, `https://${RECEIVER_HOST}/fail-twice/${id}`);
    const [deliveryId] = await publishEvent(env, event, accountId);
    const log = await logUntil(key, endpoint.id, (l) => l.deliveries[0]?.status === 'delivered');
    expect(log.deliveries[0]?.attempts).toBe(3);
    expect(log.deliveries[0]?.log.map((a) => a.status)).toEqual([500, 500, 200]);
    const requests = await received(id);
    expect(requests.map((r) => r.answered)).toEqual([500, 500, 200]);
    expect(new Set(requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([deliveryId]));
    expect(new Webhook(endpoint.secret).verify(requests[2]!.body, requests[2]!.headers)).toBeTruthy();
  });

  it('to an endpoint that keeps failing land in the dead-letter queue, marked failed', async () => {
    const { key, accountId } = await createKey();
    const id = token();
    const endpoint = await addEndpoint(key, `https://${RECEIVER_HOST}/always-fail/${id}`);
    await publishEvent(env, event, accountId);
    const log = await logUntil(key, endpoint.id, (l) => l.deliveries[0]?.status === 'failed');
    // The first try and max_retries (3) retries, then the dead-letter queue's consumer marked it failed.
    expect(log.deliveries[0]?.attempts).toBe(4);
    expect(log.deliveries[0]?.log.map((a) => a.status)).toEqual([503, 503, 503, 503]);
    expect((await received(id)).length).toBe(4);
  });
});

describe('the webhook consumer', () => {
  it('retries a failed delivery with exponential backoff and acknowledges a delivered one', async () => {
    const { key, accountId } = await createKey();
    const failing = await addEndpoint(key, `https://${RECEIVER_HOST}/always-fail/${token()}`);
    const working = await addEndpoint(key, `https://${RECEIVER_HOST}/ok/${token()}`);
    const now = new Date().toISOString();
    const delivery = (id: string, endpointId: string) =>
      insertDeliveryStatement(env.DB, {
        id,
        endpointId,
        accountId,
        type: 'tariff.published',
        payload: '{"type":"tariff.published","data":{}}',
        status: 'pending',
        attempts: 0,
        createdAt: now,
        updatedAt: now,
      });
    const failingId = `msg_${token().replace(/-/g, '').slice(0, 20)}`;
    const workingId = `msg_${token().replace(/-/g, '').slice(0, 20)}`;
    await env.DB.batch([delivery(failingId, failing.id), delivery(workingId, working.id)]);
    const batch = createMessageBatch('portfees-webhooks', [
      { id: 'third-try', timestamp: new Date(), attempts: 3, body: { kind: 'deliver', deliveryId: failingId } },
      { id: 'first-try', timestamp: new Date(), attempts: 1, body: { kind: 'deliver', deliveryId: workingId } },
    ]);
    const retry = vi.spyOn(batch.messages[0]!, 'retry');
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<unknown>, { ...env, WEBHOOK_RETRY_BASE_SECONDS: '30' });
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([{ msgId: 'third-try' }]);
    expect(result.explicitAcks).toEqual(['first-try']);
    // Base 30 s: the third attempt failing waits 30 × 2² = 120 s before the fourth.
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 120 });
    expect([1, 2, 3, 4, 20].map((attempt) => retryDelaySeconds({ WEBHOOK_RETRY_BASE_SECONDS: '30' }, attempt))).toEqual(
      [30, 60, 120, 240, 43_200],
    );
  });
});

describe('the scheduled tariff check', { timeout: 60_000 }, () => {
  it('notices a new version once, even when several runs race, and announces it', async () => {
    const { key } = await createKey();
    const id = token();
    const endpoint = await addEndpoint(key, `https://${RECEIVER_HOST}/ok/${id}`, ['tariff.published']);

    // The Worker's own scheduled handler with the shipped versions: the baseline, or nothing new.
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/5 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await watchTariffs(clocked, shippedRegistry())).toEqual([]);

    // A newly shipped version, seen by three isolates at once: one of them announces it.
    const runs = await Promise.all([1, 2, 3].map(() => watchTariffs(clocked, fixtureRegistry)));
    expect(runs.flat()).toEqual(['us-301/2026-11-20']);
    expect(await noticeNewVersions(env.DB, fixtureRegistry, Date.UTC(2026, 11, 1))).toEqual([]);

    const log = await logUntil(key, endpoint.id, (l) => l.deliveries.some((d) => d.status === 'delivered'));
    const announced = log.deliveries.filter((d) => d.type === 'tariff.published');
    expect(announced).toHaveLength(1);
    const [request] = await received(id);
    expect(new Webhook(endpoint.secret).verify(request!.body, request!.headers)).toMatchObject({
      type: 'tariff.published',
      data: { id: 'us-301/2026-11-20', regime: 'us-301', href: '/v1/tariffs/us-301/2026-11-20' },
    });
  });

  it('re-quotes the saved quotes in pages and sends quote.changed for those whose totals change', async () => {
    const { key, accountId } = await createKey();
    const id = token();
    const endpoint = await addEndpoint(key, `https://${RECEIVER_HOST}/ok/${id}`, ['quote.changed']);
    const save = async (body: Record<string, unknown>) =>
      ((await (await postJson('/v1/quotes?save=true', body, bearer(key))).json()) as { quoteId: string }).quoteId;
    const options = { asOf: '2026-11-28', assumptions: { 'us-301.after-suspension': 'extended' } };
    const changed = await save(annexOneQuote('2026-12-01T06:00:00-08:00', { options }));
    await save(annexOneQuote('2025-10-20T06:00:00-07:00'));

    const result = await requotePage(
      clocked,
      { kind: 'requote', accountId, tariffId: 'us-301/2026-11-20' },
      quoteEnvironmentFor(clocked, fixtureRegistry),
    );
    expect(result).toEqual({ examined: 2, changed: [changed], failed: [] });
    await logUntil(key, endpoint.id, (l) => l.deliveries[0]?.status === 'delivered');
    const requests = await received(id);
    expect(requests).toHaveLength(1);
    const payload = new Webhook(endpoint.secret).verify(requests[0]!.body, requests[0]!.headers);
    expect(payload).toMatchObject({
      type: 'quote.changed',
      data: {
        quoteId: changed,
        tariffId: 'us-301/2026-11-20',
        diff: { totals: [{ currency: 'USD', before: '0.00', after: '4800000.00', delta: '4800000.00' }] },
      },
    });
  });
});
