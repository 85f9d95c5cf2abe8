/**
 * The day the law changes, with the clock fixed at 2026-12-01: a fixture
 * version that confirms the resumption of the us-301 fees
 * (tests/fixtures/tariffs/us-301-2026-11-20.json) reaches every saved quote
 * it moves — scenario, explicit assumption, default and large (stored gzip) —
 * through the changes feed and the webhooks alike, which agree; a saved quote
 * that cannot be quoted again is listed and sent, never dropped, and never
 * stops the quotes after it. Rules: docs/rules.md; the day: docs/accounts.md.
 */
import { env } from 'cloudflare:workers';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { changesOf, diffQuotes, type SavedAnswer } from '../../src/analysis/requote';
import { createApp } from '../../src/api/app';
import type { RequoteMessage } from '../../src/events/messages';
import { requotePage, resendStalledRequotes, STALLED_AFTER_MS, watchTariffs } from '../../src/events/tariff-watch';
import { quoteEnvironmentFor } from '../../src/quoting/environment';
import { shippedTariffFiles } from '../../src/tariffs/bundle.generated';
import { TariffRegistry } from '../../src/tariffs/registry';
import { shippedRegistry } from '../../src/tariffs/shipped';
import resumptionConfirmed from '../fixtures/tariffs/us-301-2026-11-20.json';
import { bearer, createKey } from '../support/accounts';
import { receivedUntil } from '../support/deliveries';
import { annexOneQuote, IMO } from '../support/vessels';
import { RECEIVER_HOST } from '../support/webhook-receiver';
import { postJson } from '../support/worker';

const registry = new TariffRegistry([
  ...shippedTariffFiles,
  { file: 'tests/fixtures/tariffs/us-301-2026-11-20.json', data: resumptionConfirmed },
]);
/** Twelve days after the fixture's publication: today's versions include it, whatever the real date. */
const clocked = { ...env, NOW: '2026-12-01T00:00:00Z' };
const app = createApp({ registry });

const AFTER_SUSPENSION = '2026-12-01T06:00:00-08:00';
const unconfirmed = (extra: Record<string, unknown> = {}) =>
  annexOneQuote(AFTER_SUSPENSION, { options: { asOf: '2026-11-28', ...extra } });

/** 120 calls, Los Angeles and Shanghai in turn every 4 days from 2026-12-01: over 64 KiB of JSON, so stored gzip-compressed. */
function largeQuote(): Record<string, unknown> {
  const start = Date.UTC(2026, 11, 1, 14);
  const portCalls = Array.from({ length: 120 }, (_, i) => ({
    port: i % 2 ? 'CNSHA' : 'USLAX',
    arrival: new Date(start + i * 4 * 86_400_000).toISOString().replace('.000Z', 'Z'),
  }));
  return annexOneQuote(AFTER_SUSPENSION, { portCalls, options: { asOf: '2026-11-28' } });
}

async function save(key: string, body: Record<string, unknown>): Promise<{ quoteId: string; bytes: number }> {
  const res = await postJson('/v1/quotes?save=true', body, bearer(key));
  expect(res.status).toBe(200);
  const text = await res.text();
  return { quoteId: (JSON.parse(text) as { quoteId: string }).quoteId, bytes: text.length };
}

const TARIFFS_USED = JSON.stringify([{ id: 'us-301/2025-11-10', regime: 'us-301', sha256: 'x' }]);

/** A saved quote written straight into D1, first in saving order, with a request that cannot be read. */
async function unreadableQuote(accountId: string): Promise<string> {
  const quoteId = 'q_00000000000000000000000b';
  await env.DB.prepare(
    `INSERT INTO saved_quotes (account_id, quote_id, imo, created_at, request, response, tariffs)
     VALUES (?, ?, ?, '2000-01-01T00:00:00.000Z', '{"vessel":', '{}', ?)`,
  )
    .bind(accountId, quoteId, IMO, TARIFFS_USED)
    .run();
  return quoteId;
}

interface Feed {
  quotes: Array<{ quoteId: string; changed: string[]; settled: string[] }>;
  failed: Array<{ quoteId: string; reason: string }>;
  examined: number;
  next: string | null;
}

const feed = async (key: string, query: string): Promise<Feed> => {
  const res = await app.fetch(
    new Request(`http://portfees.test/v1/quotes/changes?${query}`, { headers: bearer(key) }),
    clocked,
  );
  expect(res.status).toBe(200);
  return (await res.json()) as Feed;
};

describe('the day the law changes', { timeout: 60_000 }, () => {
  it('announces every saved quote that moves, in the feed and the webhooks alike, and never drops one', async () => {
    const { key, accountId } = await createKey();
    const token = crypto.randomUUID();
    const created = await postJson(
      '/v1/webhooks',
      { url: `https://${RECEIVER_HOST}/ok/${token}`, events: ['quote.changed', 'quote.requote_failed'] },
      bearer(key),
    );
    const { secret } = (await created.json()) as { secret: string };

    const broken = await unreadableQuote(accountId);
    const scenario = await save(key, unconfirmed({ scenario: 'suspension-extended' }));
    const explicit = await save(key, unconfirmed({ assumptions: { 'us-301.after-suspension': 'extended' } }));
    const resumed = await save(key, unconfirmed());
    const large = await save(key, largeQuote());
    const in2025 = await save(key, annexOneQuote('2025-10-20T06:00:00-07:00'));
    expect(large.bytes).toBeGreaterThan(64 * 1024);
    const stored = await env.DB.prepare('SELECT response_gzip IS NOT NULL AS gzip FROM saved_quotes WHERE quote_id = ?')
      .bind(large.quoteId)
      .first<{ gzip: number }>();
    expect(stored?.gzip).toBe(1);

    // The feed: the four that move (the scenario and the large one among them), the broken one listed with its reason.
    const listed = await feed(key, 'since=2026-11-20');
    expect(listed.examined).toBe(6);
    const moved = [scenario.quoteId, explicit.quoteId, resumed.quoteId, large.quoteId];
    expect(listed.quotes.map((entry) => entry.quoteId).sort()).toEqual([...moved].sort());
    expect(listed.quotes.map((entry) => entry.quoteId)).not.toContain(in2025.quoteId);
    expect(listed.failed).toEqual([
      expect.objectContaining({ quoteId: broken, reason: expect.stringMatching(/^the saved quote cannot be read/) }),
    ]);
    // Settled: the scenario and the explicit reading pinned us-301.after-suspension, which the version closes.
    const byId = new Map(listed.quotes.map((entry) => [entry.quoteId, entry]));
    expect(byId.get(scenario.quoteId)?.settled).toEqual(['us-301.after-suspension']);
    expect(byId.get(explicit.quoteId)?.settled).toEqual(['us-301.after-suspension']);
    expect(byId.get(resumed.quoteId)).toMatchObject({ changed: ['certainty', 'range'], settled: [] });
    expect(byId.get(scenario.quoteId)?.changed).toEqual(['totals', 'certainty', 'range']);

    // A large quote re-quoted on demand (stored compressed) is a diff, not a 503.
    const single = await app.fetch(
      new Request(`http://portfees.test/v1/quotes/${large.quoteId}/requote`, { method: 'POST', headers: bearer(key) }),
      clocked,
    );
    expect(single.status).toBe(200);
    expect(((await single.json()) as { changed: string[] }).changed).toEqual(['certainty', 'range']);

    // The webhooks, by the same judgement: the same four ids as quote.changed, the broken one as quote.requote_failed.
    const quoteEnv = quoteEnvironmentFor(clocked, registry);
    const message = { kind: 'requote' as const, accountId, tariffId: 'us-301/2026-11-20' };
    const page = await requotePage(clocked, message, quoteEnv);
    expect({ ...page, changed: [...page.changed].sort() }).toEqual({
      examined: 6,
      changed: [...moved].sort(),
      failed: [broken],
    });
    const deliveries = await receivedUntil(token, 5);
    const events = deliveries.map(
      (delivery) => new Webhook(secret).verify(delivery.body, delivery.headers) as { type: string; data: any },
    );
    expect(
      events
        .filter((event) => event.type === 'quote.changed')
        .map((event) => event.data.quoteId)
        .sort(),
    ).toEqual(listed.quotes.map((entry) => entry.quoteId).sort());
    const failed = events.find((event) => event.type === 'quote.requote_failed');
    expect(failed?.data).toMatchObject({ quoteId: broken, tariffId: 'us-301/2026-11-20' });
    const scenarioEvent = events.find((event) => event.data.quoteId === scenario.quoteId);
    expect(scenarioEvent?.data.diff.notes).toContain(
      'settled: `us-301.after-suspension` is no longer open; the pinned reading no longer applies',
    );

    // The same page again (a retry, a resend): nothing is announced twice.
    expect(await requotePage(clocked, message, quoteEnv)).toEqual({ examined: 6, changed: [], failed: [] });
  });

  it('runs the scheduled check: one tariff.published, one re-quote run per listening account, nothing the second time', async () => {
    const { key, accountId } = await createKey();
    const token = crypto.randomUUID();
    await postJson(
      '/v1/webhooks',
      { url: `https://${RECEIVER_HOST}/ok/${token}`, events: ['tariff.published', 'quote.changed'] },
      bearer(key),
    );
    const scenario = await save(key, unconfirmed({ scenario: 'suspension-extended' }));
    const queued: RequoteMessage[] = [];
    const queue = {
      send: async (body: RequoteMessage) => void queued.push(body),
      sendBatch: async (batch: Array<{ body: RequoteMessage }>) => void queued.push(...batch.map((m) => m.body)),
    };
    const day = { ...clocked, REQUOTE_QUEUE: queue as unknown as Queue<RequoteMessage> };

    // Before the version: the check records what it finds (the baseline, or nothing new).
    expect(await watchTariffs(day, shippedRegistry())).toEqual([]);
    // The version ships: announced once, and this account's re-quotes start.
    expect(await watchTariffs(day, registry)).toEqual(['us-301/2026-11-20']);
    const ours = queued.filter((message) => message.accountId === accountId);
    expect(ours).toEqual([{ kind: 'requote', accountId, tariffId: 'us-301/2026-11-20' }]);
    const page = await requotePage(day, ours[0]!, quoteEnvironmentFor(day, registry));
    expect(page.changed).toEqual([scenario.quoteId]);
    const run = await env.DB.prepare('SELECT status, pages FROM requote_runs WHERE account_id = ?')
      .bind(accountId)
      .first<{ status: string; pages: number }>();
    expect(run).toEqual({ status: 'done', pages: 1 });

    // The second run of the check: nothing new, nothing queued.
    queued.length = 0;
    expect(await watchTariffs(day, registry)).toEqual([]);
    expect(queued).toEqual([]);
    const events = (await receivedUntil(token, 2)).map((delivery) => JSON.parse(delivery.body) as { type: string });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await receivedUntil(token, 2)).length).toBe(2);
    expect(events.map((event) => event.type).sort()).toEqual(['quote.changed', 'tariff.published']);
  });

  it('sends again, once, the page of a re-quote run that made no progress for 10 minutes', async () => {
    const { accountId } = await createKey();
    const at = Date.parse('2026-12-01T00:00:00Z');
    const stamp = (millis: number) => new Date(millis).toISOString();
    await env.DB.prepare(
      `INSERT INTO requote_runs (account_id, tariff_id, after, status, created_at, updated_at)
       VALUES (?1, 'us-301/2026-11-20', NULL, 'running', ?2, ?2), (?1, 'cn-spf/2026-11-20', NULL, 'running', ?3, ?3),
              (?1, 'us-301/2026-11-21', NULL, 'done', ?2, ?2)`,
    )
      .bind(accountId, stamp(at - STALLED_AFTER_MS - 1000), stamp(at - STALLED_AFTER_MS + 1000))
      .run();
    const sent: unknown[] = [];
    const queue = { sendBatch: async (batch: Array<{ body: unknown }>) => void sent.push(...batch.map((m) => m.body)) };
    const withQueue = { ...clocked, REQUOTE_QUEUE: queue as unknown as Queue };
    // Only the run idle for more than 10 minutes, and only once: sending it again counts as progress.
    expect(await resendStalledRequotes(withQueue, at)).toBe(1);
    expect(sent).toEqual([{ kind: 'requote', accountId, tariffId: 'us-301/2026-11-20' }]);
    expect(await resendStalledRequotes(withQueue, at)).toBe(0);
  });
});

describe('the one decision of "changed"', () => {
  const answer = (usd: string, cny: string): SavedAnswer => ({
    quoteId: 'q_saved',
    asOf: '2026-11-28',
    tariffs: [],
    voyages: [],
    totals: [
      { currency: 'USD', amount: usd },
      { currency: 'CNY', amount: cny },
    ],
  });

  it('compares the total of every currency: only CNY moving, or only USD, is a change', () => {
    // CNY 1,200,000.00 → 1,250,000.00 while USD stays 4,800,000.00.
    const cnyOnly = diffQuotes(answer('4800000.00', '1200000.00'), answer('4800000.00', '1250000.00'));
    expect(cnyOnly.changed).toEqual(['totals']);
    expect(cnyOnly.totals.map((total) => [total.currency, total.delta])).toEqual([
      ['CNY', '50000.00'],
      ['USD', '0.00'],
    ]);
    // USD 4,800,000.00 → 0.00 while CNY stays 1,200,000.00.
    const usdOnly = diffQuotes(answer('4800000.00', '1200000.00'), answer('0.00', '1200000.00'));
    expect(usdOnly.changed).toEqual(['totals']);
    // Both the same: no change.
    expect(diffQuotes(answer('1.00', '2.00'), answer('1.00', '2.00')).changed).toEqual([]);
  });

  it('names a closed range and a changed certainty at the same amount', () => {
    const before: SavedAnswer = {
      ...answer('4800000.00', '0.00'),
      totals: [{ currency: 'USD', amount: '4800000.00', low: '0.00', high: '4800000.00' }],
    };
    const after: SavedAnswer = { ...before, totals: [{ currency: 'USD', amount: '4800000.00' }] };
    expect(changesOf(diffQuotes(before, after))).toEqual(['range']);
  });
});
