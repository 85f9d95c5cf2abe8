/**
 * Saved quotes quoted again under today's versions, for one quote (the
 * requote route), for the changes listing, and for the pages of re-quotes a
 * newly shipped tariff version sets off. The listing and the webhooks judge a
 * saved quote with the same function ({@link judgeSaved}), so they agree.
 */

import { activeCharges } from '../accounts/ledger';
import { mergePriorCharges } from '../accounts/prior-charges';
import { type SavedQuoteRecord, savedResponse } from '../accounts/saved-quotes';
import { type QuoteDiff, requote, type SavedAnswer } from '../analysis/requote';
import { type QuoteEnvironment, type QuoteInput, QuoteInputError } from '../engine';
import type { ListRegistry, LoadedList } from '../lists/registry';
import { renderMessage } from '../messages/render';
import type { LoadedTariff, TariffRegistry } from '../tariffs/registry';

/** Versions shipped since a point: tariff versions and countermeasure list versions. */
export interface Shipped {
  tariffs: ReadonlyArray<LoadedTariff>;
  lists: ReadonlyArray<LoadedList>;
}

/**
 * The saved request quoted again under today's versions, with the account's
 * ledger as it stands now, compared with the saved answer.
 * @throws QuoteInputError when today's versions refuse the saved request.
 */
export async function requoteSaved(db: D1Database, saved: SavedQuoteRecord, env: QuoteEnvironment): Promise<QuoteDiff> {
  const request = JSON.parse(saved.request) as QuoteInput;
  const answer = JSON.parse(await savedResponse(saved)) as SavedAnswer;
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
 * The versions shipped since `since`: a date (versions published on or after
 * it), or a tariff or list version id (versions published after it). Tariff
 * and list versions alike. Undefined when `since` is neither a date nor a known version.
 */
export function versionsSince(
  registry: TariffRegistry,
  lists: ListRegistry | undefined,
  since: string,
): Shipped | undefined {
  const listVersions = lists?.versions() ?? [];
  const after = (published: string, inclusive: boolean): Shipped => ({
    tariffs: registry
      .versions()
      .filter((tariff) => (inclusive ? tariff.published >= published : tariff.published > published)),
    lists: listVersions.filter((list) => (inclusive ? list.published >= published : list.published > published)),
  });
  if (/^\d{4}-\d{2}-\d{2}$/.test(since)) return after(since, true);
  const from = registry.get(since) ?? lists?.get(since);
  return from ? after(from.published, false) : undefined;
}

/** The ids of shipped versions, tariffs first. */
export function shippedIds(shipped: Shipped): string[] {
  return [...shipped.tariffs.map((tariff) => tariff.id), ...shipped.lists.map((list) => list.id)];
}

/**
 * A saved quote judged under newly shipped versions: `untouched` when it quoted
 * none of their regimes or nothing changed, `changed` with the diff, `failed`
 * with the reason when it cannot be quoted again (today's versions refuse the
 * request, or its stored form cannot be read).
 */
export type Judgement =
  | { outcome: 'untouched' }
  | { outcome: 'changed'; diff: QuoteDiff }
  | { outcome: 'failed'; reason: string; errors: Array<{ path: string; message: string }> };

/** Errors of the saved quote itself (not of the store): reported as a failed re-quote, never retried. */
function failureOf(error: unknown): Judgement | undefined {
  if (error instanceof QuoteInputError)
    return {
      outcome: 'failed',
      reason: "today's versions refuse the saved request",
      errors: error.issues,
    };
  if (error instanceof SyntaxError || error instanceof TypeError)
    return { outcome: 'failed', reason: `the saved quote cannot be read: ${error.message}`, errors: [] };
  return undefined;
}

/**
 * The one judgement of a saved quote under shipped versions, shared by the
 * changes feed and the webhooks. A tariff version touches the saved quotes of
 * its regime, a list version every saved quote (each is screened). A quote
 * changes when its re-quote uses one of the versions and something
 * {@link changesOf} compares differs (the totals, certainty, ranges, screening).
 * @throws the store's errors (D1 unavailable): the caller retries or answers 503.
 */
export async function judgeSaved(
  db: D1Database,
  saved: SavedQuoteRecord,
  versions: Shipped,
  env: QuoteEnvironment,
): Promise<Judgement> {
  const touched = versions.lists.length > 0 || versions.tariffs.some((tariff) => saved.regimes.includes(tariff.regime));
  if (!touched) return { outcome: 'untouched' };
  let diff: QuoteDiff;
  try {
    diff = await requoteSaved(db, saved, env);
  } catch (error) {
    const failure = failureOf(error);
    if (failure) return failure;
    throw error;
  }
  const ids = new Set(shippedIds(versions));
  const usesNew = [...diff.tariffs.after, ...diff.lists.after].some((id) => ids.has(id));
  return usesNew && diff.changed.length > 0 ? { outcome: 'changed', diff } : { outcome: 'untouched' };
}
