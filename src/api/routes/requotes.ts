/**
 * POST /v1/quotes/{quoteId}/requote and GET /v1/quotes/changes: saved quotes
 * quoted again under today's versions, with what changed. Secret keys only.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { QuoteDiff } from '../../analysis/requote';
import { type QuoteEnvironment, QuoteInputError } from '../../engine';
import {
  changedUnder,
  requoteSaved,
  type SavedQuoteRow,
  savedQuotePage,
  savedQuoteRow,
  versionsSince,
} from '../../events/requotes';
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
  summary: 'The saved quotes whose totals change under the versions shipped since a tariff id or date',
  description:
    'Each saved quote (oldest first, `limit` per page) is quoted again under today’s versions; it is listed when the ' +
    're-quote uses a version shipped since `since` and some total differs from the saved one.',
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
  } catch {
    // falls through
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
  saved: SavedQuoteRow,
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
    const versions = versionsSince(env.registry, query.since);
    if (!versions)
      throw invalidRequest([
        { path: 'since', message: 'must be a date YYYY-MM-DD or a tariff id such as us-301/2025-11-10' },
      ]);
    const limit = query.limit ?? CHANGES_PAGE;
    const db = database(c);
    const page = await stored(() =>
      savedQuotePage(db, accountId, limit + 1, query.cursor ? decodeCursor(query.cursor) : undefined),
    );
    const examined = page.slice(0, limit);
    const quotes = [];
    if (versions.length > 0)
      for (const saved of examined) {
        const diff = await stored(() => requoteOrRefusal(db, saved, env));
        // A request today's versions refuse is not listed: POST …/requote explains why.
        if (diff instanceof QuoteInputError || !changedUnder(diff, versions)) continue;
        quotes.push({
          quoteId: saved.quoteId,
          imo: saved.imo,
          savedAt: saved.savedAt,
          href: `/v1/quotes/${saved.quoteId}`,
          totals: diff.totals,
          voyages: diff.voyages.filter((voyage) => voyage.change !== 'same').length,
        });
      }
    const last = examined.at(-1);
    return c.json(
      {
        since: query.since,
        versions: versions.map((tariff) => tariff.id),
        quotes,
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
    const saved = await stored(() => savedQuoteRow(db, accountId, quoteId));
    if (!saved)
      throw new ProblemError(404, 'not-found', 'Not found', `This account has no saved quote ${quoteId}.`, [
        { path: 'quoteId', message: 'no saved quote with this id' },
      ]);
    const diff = await stored(() => requoteOrRefusal(db, saved, quoteEnvironment(c)));
    if (diff instanceof QuoteInputError) throw unquotable(quoteId, diff);
    return c.json(diff, 200);
  });
