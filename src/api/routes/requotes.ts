/**
 * POST /v1/quotes/{quoteId}/requote and GET /v1/quotes/changes: saved quotes
 * quoted again under today's versions, with what changed. Secret keys only.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { type SavedQuoteRecord, savedQuoteRecord, savedQuoteRecords } from '../../accounts/saved-quotes';
import type { QuoteDiff } from '../../analysis/requote';
import { type QuoteEnvironment, QuoteInputError } from '../../engine';
import { judgeSaved, requoteSaved, shippedIds, versionsSince } from '../../events/requotes';
import { database, stored } from '../d1';
import type { AppEnv } from '../env';
import { requireSecretKey } from '../middleware/auth';
import { QuoteIdParams } from '../openapi/account-schemas';
import { accountProblemResponses, savedQuoteNotFound, secretKeySecurity } from '../openapi/key-schemes';
import { problemResponses } from '../openapi/quote-schemas';
import { ChangesList, ChangesQuery, QuoteDiffSchema } from '../openapi/registry-schemas';
import { createRoute } from '../openapi/route';
import { invalidRequest, ProblemError } from '../problem';
import { quoteEnvironment } from '../quote-environment';

const CHANGES_PAGE = 100;

const requoteRoute = createRoute({
  method: 'post',
  path: '/v1/quotes/{quoteId}/requote',
  tags: ['Saved quotes'],
  summary: "Quote a saved request again under today's versions, with the difference",
  description:
    'The saved request is quoted without its `asOf` and pinned versions (assumptions today’s versions no longer declare ' +
    'are dropped, with a note), counting the ledger as it stands. The saved quote itself never changes.',
  security: secretKeySecurity,
  request: { params: QuoteIdParams },
  responses: {
    200: { description: 'The difference', content: { 'application/json': { schema: QuoteDiffSchema } } },
    ...savedQuoteNotFound,
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const changes = createRoute({
  method: 'get',
  path: '/v1/quotes/changes',
  tags: ['Saved quotes'],
  summary: 'The saved quotes that change under the versions shipped since a tariff id or date',
  description:
    'Each saved quote (oldest first, `limit` per page) is quoted again under today’s versions; it is listed in `quotes` ' +
    'when the re-quote uses a version shipped since `since` and a total (any currency), a certainty or a low/high range ' +
    'differs from the saved one (`changed` says which), and in `failed`, with the reason, when it quoted a regime of ' +
    'those versions but cannot be quoted again. The webhooks (`quote.changed`, `quote.requote_failed`) decide the same way.',
  security: secretKeySecurity,
  request: { query: ChangesQuery },
  responses: {
    200: { description: 'The changed quotes', content: { 'application/json': { schema: ChangesList } } },
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const encodeCursor = (after: { savedAt: string; quoteId: string }) =>
  btoa(JSON.stringify([after.savedAt, after.quoteId]))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

function decodeCursor(cursor: string): { savedAt: string; quoteId: string } {
  try {
    const value: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string'))
      return { savedAt: value[0] as string, quoteId: value[1] as string };
  } catch (error) {
    // Not base64 or not JSON: the same answer as a well-formed text that is not a cursor.
    console.warn('changes cursor unreadable', error instanceof Error ? error.message : error);
  }
  throw invalidRequest([{ path: 'cursor', message: 'is not a cursor returned by this listing' }]);
}

/** A saved request today's versions refuse (a port or option they no longer know) is a 409, not a 500. */
function unquotable(quoteId: string, error: QuoteInputError): ProblemError {
  return new ProblemError(
    409,
    'requote-refused',
    'Cannot quote again',
    `The saved request of ${quoteId} cannot be quoted under today's versions.`,
    error.issues,
  );
}

/** The re-quote, or the engine's refusal as a value (so `stored` does not read it as a store failure). */
async function requoteOrRefusal(
  db: D1Database,
  saved: SavedQuoteRecord,
  env: QuoteEnvironment,
): Promise<QuoteDiff | QuoteInputError> {
  try {
    return await requoteSaved(db, saved, env);
  } catch (error) {
    if (error instanceof QuoteInputError) return error;
    throw error;
  }
}

export const requoteRoutes = new OpenAPIHono<AppEnv>()
  .openapi(changes, async (c) => {
    const { accountId } = requireSecretKey(c, 'list changed quotes');
    const query = c.req.valid('query');
    const env = quoteEnvironment(c);
    const versions = versionsSince(env.registry, env.lists, query.since);
    if (!versions)
      throw invalidRequest([
        {
          path: 'since',
          message: 'must be a date YYYY-MM-DD, a tariff id such as us-301/2025-11-10 or a list version id',
        },
      ]);
    const limit = query.limit ?? CHANGES_PAGE;
    const db = database(c);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const page = await stored(() => savedQuoteRecords(db, accountId, limit + 1, after));
    const examined = page.slice(0, limit);
    const quotes = [];
    const failed = [];
    const ids = shippedIds(versions);
    if (ids.length > 0)
      for (const saved of examined) {
        const judged = await stored(() => judgeSaved(db, saved, versions, env));
        const listed = {
          quoteId: saved.quoteId,
          imo: saved.imo,
          savedAt: saved.savedAt,
          href: `/v1/quotes/${saved.quoteId}`,
        };
        if (judged.outcome === 'failed') failed.push({ ...listed, reason: judged.reason, errors: judged.errors });
        if (judged.outcome !== 'changed') continue;
        const { diff } = judged;
        quotes.push({
          ...listed,
          totals: diff.totals,
          screening: diff.screening,
          changed: diff.changed,
          settled: diff.settled,
          voyages: diff.voyages.filter((voyage) => voyage.change !== 'same').length,
        });
      }
    const last = examined.at(-1);
    return c.json(
      {
        since: query.since,
        versions: ids,
        quotes,
        failed,
        examined: examined.length,
        next: page.length > limit && last ? encodeCursor(last) : null,
      },
      200,
    );
  })
  .openapi(requoteRoute, async (c) => {
    const { accountId } = requireSecretKey(c, 're-quote saved quotes');
    const { quoteId } = c.req.valid('param');
    const db = database(c);
    const saved = await stored(() => savedQuoteRecord(db, accountId, quoteId));
    if (!saved)
      throw new ProblemError(404, 'not-found', 'Not found', `This account has no saved quote ${quoteId}.`, [
        { path: 'quoteId', message: 'no saved quote with this id' },
      ]);
    const diff = await stored(() => requoteOrRefusal(db, saved, quoteEnvironment(c)));
    if (diff instanceof QuoteInputError) throw unquotable(quoteId, diff);
    return c.json(diff, 200);
  });
