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
import { renderMessage } from '../messages/render';
import type { LoadedTariff, TariffRegistry } from '../tariffs/registry';

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
 * The one judgement of a saved quote under `versions`, shared by the changes
 * feed and the webhooks. A quote changes when its re-quote uses one of the
 * versions and something {@link changesOf} compares differs.
 * @throws the store's errors (D1 unavailable): the caller retries or answers 503.
 */
export async function judgeSaved(
  db: D1Database,
  saved: SavedQuoteRecord,
  versions: ReadonlyArray<LoadedTariff>,
  env: QuoteEnvironment,
): Promise<Judgement> {
  if (!versions.some((tariff) => saved.regimes.includes(tariff.regime))) return { outcome: 'untouched' };
  let diff: QuoteDiff;
  try {
    diff = await requoteSaved(db, saved, env);
  } catch (error) {
    const failure = failureOf(error);
    if (failure) return failure;
    throw error;
  }
  const ids = new Set(versions.map((tariff) => tariff.id));
  const usesNew = diff.tariffs.after.some((id) => ids.has(id));
  return usesNew && diff.changed.length > 0 ? { outcome: 'changed', diff } : { outcome: 'untouched' };
}
