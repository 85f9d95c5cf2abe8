/**
 * Saved quotes quoted again under today's versions, for one quote (the
 * requote route), for the changes listing, and for the pages of re-quotes a
 * newly shipped tariff version sets off.
 */

import { activeCharges } from '../accounts/ledger';
import { mergePriorCharges } from '../accounts/prior-charges';
import { type QuoteDiff, requote, type SavedAnswer } from '../analysis/requote';
import type { QuoteEnvironment, QuoteInput } from '../engine';
import { renderMessage } from '../messages/render';
import type { LoadedTariff, TariffRegistry } from '../tariffs/registry';

export interface SavedQuoteRow {
  accountId: string;
  quoteId: string;
  imo: string;
  savedAt: string;
  request: string;
  response: string;
}

interface Row {
  account_id: string;
  quote_id: string;
  imo: string;
  created_at: string;
  request: string;
  response: string;
}

const toSaved = (row: Row): SavedQuoteRow => ({
  accountId: row.account_id,
  quoteId: row.quote_id,
  imo: row.imo,
  savedAt: row.created_at,
  request: row.request,
  response: row.response,
});

export async function savedQuoteRow(
  db: D1Database,
  accountId: string,
  quoteId: string,
): Promise<SavedQuoteRow | undefined> {
  const row = await db
    .prepare(
      'SELECT account_id, quote_id, imo, created_at, request, response FROM saved_quotes WHERE account_id = ? AND quote_id = ?',
    )
    .bind(accountId, quoteId)
    .first<Row>();
  return row ? toSaved(row) : undefined;
}

/** One page of an account's saved quotes, oldest first, after (savedAt, quoteId). */
export async function savedQuotePage(
  db: D1Database,
  accountId: string,
  limit: number,
  after?: { savedAt: string; quoteId: string },
): Promise<SavedQuoteRow[]> {
  const { results } = await db
    .prepare(
      `SELECT account_id, quote_id, imo, created_at, request, response FROM saved_quotes
       WHERE account_id = ?1 AND (created_at > ?2 OR (created_at = ?2 AND quote_id > ?3))
       ORDER BY created_at, quote_id LIMIT ?4`,
    )
    .bind(accountId, after?.savedAt ?? '', after?.quoteId ?? '', limit)
    .all<Row>();
  return results.map(toSaved);
}

/**
 * The saved request quoted again under today's versions, with the account's
 * ledger as it stands now, compared with the saved answer.
 */
export async function requoteSaved(db: D1Database, saved: SavedQuoteRow, env: QuoteEnvironment): Promise<QuoteDiff> {
  const request = JSON.parse(saved.request) as QuoteInput;
  const answer = JSON.parse(saved.response) as SavedAnswer;
  const regimes = env.registry.regimes();
  const ledger = (await activeCharges(db, saved.accountId, saved.imo)).filter((charge) =>
    regimes.includes(charge.regime),
  );
  const { priorCharges, notes } = mergePriorCharges(request.priorCharges, ledger);
  const diff = requote(priorCharges ? { ...request, priorCharges } : request, answer, env);
  diff.notes.unshift(...notes.map((note) => renderMessage(note, 'en')));
  return diff;
}

/**
 * The versions shipped since `since`: a date (versions published on or
 * after it) or a tariff id (versions published after that version).
 * Undefined when `since` is neither a date nor a known version.
 */
export function versionsSince(registry: TariffRegistry, since: string): LoadedTariff[] | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(since)) return registry.versions().filter((tariff) => tariff.published >= since);
  const from = registry.get(since);
  if (!from) return undefined;
  return registry.versions().filter((tariff) => tariff.published > from.published);
}

/** A saved quote changes under `versions` when its re-quote uses one of them and some total differs. */
export function changedUnder(diff: QuoteDiff, versions: ReadonlyArray<LoadedTariff>): boolean {
  const ids = new Set(versions.map((tariff) => tariff.id));
  return diff.totalsChanged && diff.tariffs.after.some((id) => ids.has(id));
}
