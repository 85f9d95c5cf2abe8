/** POST /v1/quotes: validate, quote with the shipped tariffs, serialize; with a secret key, count the ledger and save on request. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { QuoteTooLargeError, saveQuote } from '../../accounts/saved-quotes';
import { quote, quoteTitles } from '../../engine';
import { nowMillis } from '../../lib/clock';
import { utcTimestamp } from '../../lib/time';
import { renderQuote } from '../../messages/quote';
import { database, stored } from '../d1';
import type { AppEnv } from '../env';
import { withLedger } from '../ledger-charges';
import { requireSecretKey } from '../middleware/auth';
import { accountProblemResponses, keySecurity } from '../openapi/key-schemes';
import { problemResponses, QuoteRequest, QuoteResponse } from '../openapi/quote-schemas';
import { createRoute } from '../openapi/route';
import { ProblemError } from '../problem';
import { quoteEnvironment, requestLocale } from '../quote-environment';
import { storedJson } from '../stored-json';

/**
 * The request the reference at /docs offers to send: CN-operated, 60,000 NT, first US call 2025-10-20 (Annex I).
 * The examples of the fleet, comparison, registry and job routes quote this vessel too.
 */
export const exampleQuoteRequest = {
  vessel: {
    imo: '9310006',
    type: 'container',
    flag: 'PA',
    buildCountry: 'KR',
    netTonnage: 60000,
    deadweight: 100000,
    teuCapacity: 8000,
    owner: { country: 'GR' },
    operator: { country: 'CN' },
  },
  portCalls: [
    { port: 'CNSHA', arrival: '2025-09-25T08:00:00+08:00' },
    { port: 'USLAX', arrival: '2025-10-20T06:00:00-07:00' },
  ],
} satisfies z.input<typeof QuoteRequest>;

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
    body: { required: true, content: { 'application/json': { schema: QuoteRequest, example: exampleQuoteRequest } } },
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
  const { request: counted, notes, readMs } = await withLedger(c, request);
  if (readMs !== undefined)
    c.header('server-timing', `ledger;dur=${readMs.toFixed(1)};desc="ledger charges read from D1"`);
  const env = quoteEnvironment(c);
  const answer = quote(counted, env);
  answer.notes.push(...notes);
  const result = renderQuote(answer, requestLocale(c, request.options?.locale), quoteTitles(env));
  const vesselProfile = c.get('vesselProfile');
  if (vesselProfile) Object.assign(result, { vesselProfile });
  if (!account) return c.json(result, 200);

  const saved = await stored(async () => {
    try {
      return await saveQuote(database(c), {
        accountId: account.accountId,
        quoteId: result.quoteId,
        imo: request.vessel.imo,
        request: JSON.stringify(request),
        response: JSON.stringify(result),
        tariffs: result.tariffs,
        savedAt: utcTimestamp(nowMillis(c.env)),
        asOf: result.asOf,
        totals: JSON.stringify(result.totals),
      });
    } catch (error) {
      // No retry can save it: a 4xx that says why, never the store's retryable 503.
      if (error instanceof QuoteTooLargeError)
        throw new ProblemError(
          413,
          'quote-too-large-to-save',
          'Quote too large to save',
          `The quote was computed but is too large to save (${error.message}); quote it without save=true, or split the port calls.`,
          [{ path: 'save', message: error.message }],
        );
      throw error;
    }
  });
  c.header('location', `/v1/quotes/${saved.quoteId}`);
  // Saving twice keeps the first copy; the answer is always what GET will return.
  return storedJson<z.output<typeof QuoteResponse>>(c, saved.response);
});
