/**
 * The scheduled check for newly shipped tariff versions, and the re-quotes it
 * sets off. Each version is noticed once, however many isolates run the check
 * at once: a D1 row keyed by the version id records it, and only the run whose
 * INSERT wrote the row acts on it. The very first run records the versions it
 * finds as the baseline and announces none of them.
 */

import { randomId } from '../accounts/keys';
import type { QuoteEnvironment } from '../engine';
import { utcTimestamp } from '../lib/time';
import type { LoadedTariff, TariffRegistry } from '../tariffs/registry';
import type { EventsEnv, RequoteMessage } from './messages';
import { changedUnder, requoteSaved, savedQuotePage } from './requotes';
import { subscribedAccounts } from './webhook-store';
import { publishEvent } from './webhooks';

/** Saved quotes re-quoted per queue message. */
export const REQUOTE_PAGE = 50;

/** Records every version of the registry; returns the versions this run was the first to notice (baseline excluded). */
export async function noticeNewVersions(
  db: D1Database,
  registry: TariffRegistry,
  nowMillis: number,
): Promise<LoadedTariff[]> {
  const runId = randomId('run');
  const now = utcTimestamp(nowMillis);
  const versions = registry.versions();
  // One transaction: a concurrent run sees either none or all of this run's rows.
  const results = await db.batch<{ tariff_id: string; announced: number }>(
    versions.map((tariff) =>
      db
        .prepare(
          `INSERT INTO tariff_versions_seen (tariff_id, regime, published, sha256, run_id, announced, seen_at)
           VALUES (?1, ?2, ?3, ?4, ?5, EXISTS (SELECT 1 FROM tariff_versions_seen WHERE run_id != ?5), ?6)
           ON CONFLICT (tariff_id) DO NOTHING RETURNING tariff_id, announced`,
        )
        .bind(tariff.id, tariff.regime, tariff.published, tariff.sha256, runId, now),
    ),
  );
  return versions.filter((_, i) => results[i]?.results[0]?.announced === 1);
}

/** The webhook event of a newly shipped version. */
export function tariffPublishedData(tariff: LoadedTariff): Record<string, unknown> {
  const [regime, version] = tariff.id.split('/');
  return {
    id: tariff.id,
    regime: tariff.regime,
    published: tariff.published,
    sha256: tariff.sha256,
    title: tariff.data.title,
    href: `/v1/tariffs/${regime}/${version}`,
  };
}

/**
 * The scheduled handler's work: notice new versions, announce each
 * (tariff.published to every subscribed endpoint) and queue the re-quotes of
 * the saved quotes of every account that listens for quote.changed.
 */
export async function watchTariffs(
  env: EventsEnv,
  registry: TariffRegistry,
  nowMillis = Date.now(),
): Promise<string[]> {
  const db = env.DB;
  if (!db) return [];
  const fresh = await noticeNewVersions(db, registry, nowMillis);
  for (const tariff of fresh) {
    await publishEvent(env, { type: 'tariff.published', data: tariffPublishedData(tariff) }, undefined, nowMillis);
    const accounts = await subscribedAccounts(db, 'quote.changed');
    if (env.REQUOTE_QUEUE && accounts.length > 0)
      await env.REQUOTE_QUEUE.sendBatch(
        accounts.map((accountId) => ({ body: { kind: 'requote' as const, accountId, tariffId: tariff.id } })),
      );
  }
  return fresh.map((tariff) => tariff.id);
}

/**
 * One page of re-quotes: the account's saved quotes that quoted the regime
 * of the new version, quoted again; each whose totals change under it is
 * announced as quote.changed. Queues the next page when there is one.
 */
export async function requotePage(
  env: EventsEnv,
  message: RequoteMessage,
  quoteEnv: QuoteEnvironment,
): Promise<number> {
  const db = env.DB;
  const tariff = quoteEnv.registry.get(message.tariffId);
  if (!db || !tariff) return 0;
  const page = await savedQuotePage(db, message.accountId, REQUOTE_PAGE + 1, message.after);
  const examined = page.slice(0, REQUOTE_PAGE);
  let changed = 0;
  for (const saved of examined) {
    const used = (JSON.parse(saved.response) as { tariffs?: Array<{ regime: string }> }).tariffs ?? [];
    if (!used.some((entry) => entry.regime === tariff.regime)) continue;
    let diff: Awaited<ReturnType<typeof requoteSaved>>;
    try {
      diff = await requoteSaved(db, saved, quoteEnv);
    } catch {
      continue; // a request today's versions refuse: POST …/requote explains it on demand
    }
    if (!changedUnder(diff, [tariff])) continue;
    changed++;
    await publishEvent(
      env,
      {
        type: 'quote.changed',
        data: {
          quoteId: saved.quoteId,
          imo: saved.imo,
          tariffId: tariff.id,
          href: `/v1/quotes/${saved.quoteId}`,
          diff,
        },
      },
      message.accountId,
    );
  }
  const last = examined.at(-1);
  if (page.length > REQUOTE_PAGE && last && env.REQUOTE_QUEUE)
    await env.REQUOTE_QUEUE.send({ ...message, after: { savedAt: last.savedAt, quoteId: last.quoteId } });
  return changed;
}
