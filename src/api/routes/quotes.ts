/** POST /v1/quotes: validate, quote with the shipped tariffs, serialize; with a secret key, count the ledger and save on request. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { endTime, startTime } from 'hono/timing';
import { saveQuote } from '../../accounts/saved-quotes';
import { quote } from '../../engine';
import { utcTimestamp } from '../../lib/time';
import { database, stored } from '../d1';
import type { AppEnv } from '../env';
import { withLedger } from '../ledger-charges';
import { requireSecretKey } from '../middleware/auth';
import { accountProblemResponses, keySecurity } from '../openapi/key-schemes';
import { problemResponses, QuoteRequest, QuoteResponse } from '../openapi/quote-schemas';
import { quoteEnvironment } from '../quote-environment';
import { storedJson } from '../stored-json';

const createQuote = createRoute({
  method: 'post',
  path: '/v1/quotes',
  tags: ['Quotes'],
  summary: 'Quote every US Section 301 fee and Chinese special port fee of a voyage',
  description:
    'Groups the port calls into US rotations and Chinese voyages, picks the tariff version of each regime by `options.asOf` ' +
    '(or an explicit pin), and explains every line. Amounts are decimal strings. With a secret key, the charges in the ' +
    "account's ledger for the vessel count toward the cap beside `priorCharges` (each voyage's `cap.counted` names the source " +
    'of every charge), and `?save=true` stores the quote for `GET /v1/quotes/{quoteId}`.',
  security: keySecurity,
  request: {
    query: z.object({
      save: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: 'Store the quote (secret key only); the response carries `Location`.' }),
    }),
    body: { required: true, content: { 'application/json': { schema: QuoteRequest } } },
  },
  responses: {
    200: { description: 'The quote', content: { 'application/json': { schema: QuoteResponse } } },
    ...problemResponses,
    ...accountProblemResponses,
  },
});

export const quoteRoutes = new OpenAPIHono<AppEnv>().openapi(createQuote, async (c) => {
  const request = c.req.valid('json');
  const account = c.req.valid('query').save === 'true' ? requireSecretKey(c, 'save quotes') : undefined;
  startTime(c, 'ledger', 'ledger charges read from D1');
  const { request: counted, notes } = await withLedger(c, request);
  endTime(c, 'ledger');
  startTime(c, 'engine', 'fee computation');
  const result = quote(counted, quoteEnvironment(c));
  endTime(c, 'engine');
  result.notes.push(...notes);
  const vesselProfile = c.get('vesselProfile');
  if (vesselProfile) Object.assign(result, { vesselProfile });
  if (!account) return c.json(result, 200);

  const saved = await stored(() =>
    saveQuote(database(c), {
      accountId: account.accountId,
      quoteId: result.quoteId,
      imo: request.vessel.imo,
      request: JSON.stringify(request),
      response: JSON.stringify(result),
      tariffs: result.tariffs,
      savedAt: utcTimestamp(Date.now()),
    }),
  );
  c.header('location', `/v1/quotes/${saved.quoteId}`);
  // Saving twice keeps the first copy; the answer is always what GET will return.
  return storedJson<z.output<typeof QuoteResponse>>(c, saved.response);
});
