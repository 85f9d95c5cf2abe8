/** GET /v1/quotes/{quoteId} and GET /v1/quotes: an account's saved quotes, unchanged since saving. */
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { getSavedQuote, listSavedQuotes, type SavedQuoteSummary } from '../../accounts/saved-quotes';
import { database, stored } from '../d1';
import type { AppEnv } from '../env';
import { requireSecretKey } from '../middleware/auth';
import { QuoteIdParams, SAVED_QUOTE_PAGE, SavedQuoteList, SavedQuoteQuery } from '../openapi/account-schemas';
import { accountProblemResponses, savedQuoteNotFound, secretKeySecurity } from '../openapi/key-schemes';
import { problemResponses, QuoteResponse } from '../openapi/quote-schemas';
import { createRoute } from '../openapi/route';
import { invalidRequest, ProblemError } from '../problem';
import { storedJson } from '../stored-json';

const getOne = createRoute({
  method: 'get',
  path: '/v1/quotes/{quoteId}',
  tags: ['Saved quotes'],
  summary: 'A saved quote, byte for byte as it was returned when saved',
  description: 'Immutable: later tariff versions never change it. Only the account that saved a quote can read it.',
  security: secretKeySecurity,
  request: { params: QuoteIdParams },
  responses: {
    200: { description: 'The saved quote', content: { 'application/json': { schema: QuoteResponse } } },
    ...savedQuoteNotFound,
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/quotes',
  tags: ['Saved quotes'],
  summary: "The account's saved quotes, newest first",
  security: secretKeySecurity,
  request: { query: SavedQuoteQuery },
  responses: {
    200: { description: 'One page of saved quotes', content: { 'application/json': { schema: SavedQuoteList } } },
    ...problemResponses,
    ...accountProblemResponses,
  },
});

/** Cursors are opaque to clients: base64url of the last entry's saving time and id. */
function encodeCursor(entry: SavedQuoteSummary): string {
  return btoa(JSON.stringify([entry.savedAt, entry.quoteId]))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function decodeCursor(cursor: string): { savedAt: string; quoteId: string } {
  try {
    const value: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return { savedAt: value[0] as string, quoteId: value[1] as string };
    }
  } catch {
    // falls through to the error below
  }
  throw invalidRequest([{ path: 'cursor', message: 'is not a cursor returned by this listing' }]);
}

export const savedQuoteRoutes = new OpenAPIHono<AppEnv>()
  .openapi(getOne, async (c) => {
    const { accountId } = requireSecretKey(c, 'read saved quotes');
    const { quoteId } = c.req.valid('param');
    const saved = await stored(() => getSavedQuote(database(c), accountId, quoteId));
    // Another account's quote is answered exactly like a missing one.
    if (!saved)
      throw new ProblemError(404, 'not-found', 'Not found', `This account has no saved quote ${quoteId}.`, [
        { path: 'quoteId', message: 'no saved quote with this id' },
      ]);
    c.header('x-portfees-saved-at', saved.savedAt);
    return storedJson<z.output<typeof QuoteResponse>>(c, saved.response);
  })
  .openapi(list, async (c) => {
    const { accountId } = requireSecretKey(c, 'list saved quotes');
    const query = c.req.valid('query');
    if (query.from && query.to && query.from > query.to)
      throw invalidRequest([{ path: 'to', message: `must not be before from (${query.from})` }]);
    const limit = query.limit ?? SAVED_QUOTE_PAGE.default;
    const page = await stored(() =>
      listSavedQuotes(database(c), accountId, {
        imo: query.imo,
        from: query.from,
        to: query.to,
        limit: limit + 1,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
      }),
    );
    const quotes = page.slice(0, limit);
    const last = quotes[quotes.length - 1];
    return c.json(
      {
        quotes: quotes.map((entry) => ({ ...entry, href: `/v1/quotes/${entry.quoteId}` })),
        next: page.length > limit && last ? encodeCursor(last) : null,
      },
      200,
    );
  });
