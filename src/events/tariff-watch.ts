/**
 * The scheduled check for newly shipped tariff and countermeasure list
 * versions, and the re-quotes it sets off. Each version is noticed once,
 * however many isolates run the check at once: a D1 row keyed by the version
 * id records it, and only the run whose INSERT wrote the row acts on it. The
 * very first run records the versions it finds as the baseline and announces
 * none of them (tariffs and lists each have their own baseline).
 */

import { randomId } from '../accounts/keys';
import { type SavedQuoteRecord, savedQuoteRecords } from '../accounts/saved-quotes';
import type { QuoteEnvironment } from '../engine';
import { nowMillis } from '../lib/clock';
import { utcTimestamp } from '../lib/time';
import type { ListRegistry } from '../lists/registry';
import { shippedLists } from '../lists/shipped';
import type { TariffRegistry } from '../tariffs/registry';
import type { EventsEnv, RequoteMessage } from './messages';
import { judgeSaved, type Shipped } from './requotes';
import { subscribedAccounts } from './webhook-store';
import { publishEvent, type WebhookEvent } from './webhooks';

/** Saved quotes re-quoted per queue message. */
export const REQUOTE_PAGE = 50;
/** A re-quote run whose page has made no progress for this long is sent again by the scheduled check. */
export const STALLED_AFTER_MS = 10 * 60_000;

/** A shipped version as the scheduled check records it. */
interface Shelved {
  id: string;
  published: string;
  sha256: string;
  data: { title: string };
}

/** Where the versions of each kind are recorded as seen, and what groups them (table and column names, fixed here). */
const SEEN = {
  tariffs: { table: 'tariff_versions_seen', id: 'tariff_id', group: 'regime' },
  lists: { table: 'list_versions_seen', id: 'list_id', group: 'list' },
} as const;

/**
 * Records every version of one kind; returns the versions this run was the
 * first to notice (the kind's baseline excluded).
 */
async function noticeNew<V extends Shelved>(
  db: D1Database,
  kind: keyof typeof SEEN,
  versions: V[],
  groupOf: (version: V) => string,
  nowMillis: number,
): Promise<V[]> {
  if (versions.length === 0) return [];
  const { table, id, group } = SEEN[kind];
  const runId = randomId('run');
  const now = utcTimestamp(nowMillis);
  // One transaction: a concurrent run sees either none or all of this run's rows.
  const results = await db.batch<{ announced: number }>(
    versions.map((version) =>
      db
        .prepare(
          `INSERT INTO ${table} (${id}, ${group}, published, sha256, run_id, announced, seen_at)
           VALUES (?1, ?2, ?3, ?4, ?5, EXISTS (SELECT 1 FROM ${table} WHERE run_id != ?5), ?6)
           ON CONFLICT (${id}) DO NOTHING RETURNING announced`,
        )
        .bind(version.id, groupOf(version), version.published, version.sha256, runId, now),
    ),
  );
  return versions.filter((_, i) => results[i]?.results[0]?.announced === 1);
}

/** Records every tariff version; returns those this run was the first to notice (baseline excluded). */
export const noticeNewVersions = (db: D1Database, registry: TariffRegistry, nowMillis: number) =>
  noticeNew(db, 'tariffs', registry.versions(), (tariff) => tariff.regime, nowMillis);

/** Records every list version; returns those this run was the first to notice (baseline excluded). */
export const noticeNewListVersions = (db: D1Database, lists: ListRegistry, nowMillis: number) =>
  noticeNew(db, 'lists', lists.versions(), (version) => version.list, nowMillis);

/** The webhook event data of a newly shipped version: `regime` or `list` names its group. */
function publishedData(kind: keyof typeof SEEN, version: Shelved, group: string): Record<string, unknown> {
  return {
    id: version.id,
    [SEEN[kind].group]: group,
    published: version.published,
    sha256: version.sha256,
    title: version.data.title,
    href: `/v1/${kind}/${version.id}`,
  };
}

/**
 * Starts the re-quotes of one newly shipped version (a tariff or list version
 * id) for every account that listens for quote.changed or quote.requote_failed.
 */
async function startRequotes(env: EventsEnv, db: D1Database, versionId: string, at: number): Promise<void> {
  const accounts = [
    ...new Set([
      ...(await subscribedAccounts(db, 'quote.changed')),
      ...(await subscribedAccounts(db, 'quote.requote_failed')),
    ]),
  ];
  if (!env.REQUOTE_QUEUE || accounts.length === 0) return;
  const now = utcTimestamp(at);
  await db.batch(
    accounts.map((accountId) =>
      db
        .prepare(
          `INSERT INTO requote_runs (account_id, tariff_id, after, status, created_at, updated_at)
           VALUES (?, ?, NULL, 'running', ?3, ?3) ON CONFLICT DO NOTHING`,
        )
        .bind(accountId, versionId, now),
    ),
  );
  await env.REQUOTE_QUEUE.sendBatch(
    accounts.map((accountId) => ({ body: { kind: 'requote' as const, accountId, tariffId: versionId } })),
  );
}

/**
 * The scheduled handler's work: notice new tariff and list versions, announce
 * each (tariff.published or list.published to every subscribed endpoint) and
 * start the re-quotes of the saved quotes of every account that listens for
 * quote.changed or quote.requote_failed; then send again the pages of runs
 * that stalled. Returns the ids of the versions this run announced, tariffs first.
 */
export async function watchTariffs(
  env: EventsEnv,
  registry: TariffRegistry,
  at = nowMillis(env),
  lists: ListRegistry = shippedLists(),
): Promise<string[]> {
  const db = env.DB;
  if (!db) return [];
  const fresh = await noticeNewVersions(db, registry, at);
  for (const tariff of fresh) {
    await publishEvent(
      env,
      { type: 'tariff.published', data: publishedData('tariffs', tariff, tariff.regime) },
      undefined,
      at,
    );
    await startRequotes(env, db, tariff.id, at);
  }
  const freshLists = await noticeNewListVersions(db, lists, at);
  for (const list of freshLists) {
    await publishEvent(env, { type: 'list.published', data: publishedData('lists', list, list.list) }, undefined, at);
    await startRequotes(env, db, list.id, at);
  }
  await resendStalledRequotes(env, at);
  return [...fresh.map((tariff) => tariff.id), ...freshLists.map((list) => list.id)];
}

/**
 * Sends again the next page of every re-quote run that has made no progress
 * for {@link STALLED_AFTER_MS} (its message lost, or its retries spent).
 * Idempotent: a quote already announced under the version is not announced again.
 * Returns how many pages were sent again.
 */
export async function resendStalledRequotes(env: EventsEnv, at = nowMillis(env)): Promise<number> {
  const db = env.DB;
  if (!db || !env.REQUOTE_QUEUE) return 0;
  const { results } = await db
    .prepare(
      `UPDATE requote_runs SET updated_at = ?1 WHERE status = 'running' AND updated_at < ?2
       RETURNING account_id, tariff_id, after`,
    )
    .bind(utcTimestamp(at), utcTimestamp(at - STALLED_AFTER_MS))
    .all<{ account_id: string; tariff_id: string; after: string | null }>();
  if (results.length === 0) return 0;
  for (const run of results)
    console.warn('re-quote run stalled, page sent again', run.account_id, run.tariff_id, run.after ?? 'first page');
  await env.REQUOTE_QUEUE.sendBatch(
    results.map((run) => ({
      body: {
        kind: 'requote' as const,
        accountId: run.account_id,
        tariffId: run.tariff_id,
        ...(run.after ? { after: JSON.parse(run.after) as RequoteMessage['after'] } : {}),
      },
    })),
  );
  return results.length;
}

/**
 * Announces one saved quote's outcome under a version once: the outcome row is
 * claimed first, and released when the event cannot be stored, so a page sent
 * again neither repeats nor loses it. True when this call announced it.
 */
async function announceOnce(
  env: EventsEnv,
  db: D1Database,
  message: RequoteMessage,
  saved: SavedQuoteRecord,
  event: WebhookEvent,
  at: number,
): Promise<boolean> {
  const outcome = event.type === 'quote.changed' ? 'changed' : 'failed';
  const claim = await db
    .prepare(
      `INSERT INTO requote_outcomes (account_id, tariff_id, quote_id, outcome, created_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    .bind(message.accountId, message.tariffId, saved.quoteId, outcome, utcTimestamp(at))
    .run();
  if (claim.meta.changes === 0) return false;
  try {
    await publishEvent(env, event, message.accountId, at);
  } catch (error) {
    await db
      .prepare('DELETE FROM requote_outcomes WHERE account_id = ? AND tariff_id = ? AND quote_id = ?')
      .bind(message.accountId, message.tariffId, saved.quoteId)
      .run();
    throw error;
  }
  return true;
}

/** What one page of re-quotes came to. */
export interface RequotePageResult {
  examined: number;
  changed: string[];
  failed: string[];
}

/**
 * One page of re-quotes: the account's saved quotes judged under the new
 * version by the changes feed's own function; each that changes is announced
 * as quote.changed, each that cannot be quoted again as quote.requote_failed.
 * A saved quote that cannot be quoted never stops the page. Records the run's
 * progress, then queues the next page when there is one.
 */
export async function requotePage(
  env: EventsEnv,
  message: RequoteMessage,
  quoteEnv: QuoteEnvironment,
  at = nowMillis(env),
): Promise<RequotePageResult> {
  const result: RequotePageResult = { examined: 0, changed: [], failed: [] };
  const db = env.DB;
  const tariff = quoteEnv.registry.get(message.tariffId);
  const list = tariff ? undefined : quoteEnv.lists?.get(message.tariffId);
  if (!db) return result;
  if (!tariff && !list) {
    console.error('re-quote page for a version this Worker does not ship', message.tariffId, message.accountId);
    return result;
  }
  const versions: Shipped = { tariffs: tariff ? [tariff] : [], lists: list ? [list] : [] };
  const page = await savedQuoteRecords(db, message.accountId, REQUOTE_PAGE + 1, message.after);
  const examined = page.slice(0, REQUOTE_PAGE);
  result.examined = examined.length;
  const common = (saved: SavedQuoteRecord) => ({
    quoteId: saved.quoteId,
    imo: saved.imo,
    ...(tariff ? { tariffId: tariff.id } : { listId: message.tariffId }),
    href: `/v1/quotes/${saved.quoteId}`,
  });
  for (const saved of examined) {
    const judged = await judgeSaved(db, saved, versions, quoteEnv);
    if (judged.outcome === 'untouched') continue;
    const event: WebhookEvent =
      judged.outcome === 'changed'
        ? { type: 'quote.changed', data: { ...common(saved), changed: judged.diff.changed, diff: judged.diff } }
        : {
            type: 'quote.requote_failed',
            data: { ...common(saved), reason: judged.reason, errors: judged.errors },
          };
    if (judged.outcome === 'failed')
      console.warn('re-quote failed', message.accountId, saved.quoteId, message.tariffId, judged.reason);
    if (await announceOnce(env, db, message, saved, event, at))
      (judged.outcome === 'changed' ? result.changed : result.failed).push(saved.quoteId);
  }
  const last = examined.at(-1);
  const more = page.length > REQUOTE_PAGE && last !== undefined;
  await db
    .prepare(
      `UPDATE requote_runs SET after = ?3, status = ?4, pages = pages + 1, updated_at = ?5
       WHERE account_id = ?1 AND tariff_id = ?2`,
    )
    .bind(
      message.accountId,
      message.tariffId,
      last ? JSON.stringify({ savedAt: last.savedAt, quoteId: last.quoteId }) : null,
      more ? 'running' : 'done',
      utcTimestamp(at),
    )
    .run();
  if (more && env.REQUOTE_QUEUE)
    await env.REQUOTE_QUEUE.send({ ...message, after: { savedAt: last.savedAt, quoteId: last.quoteId } });
  return result;
}
