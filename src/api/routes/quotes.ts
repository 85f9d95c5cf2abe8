/** POST /v1/quotes: validate, quote with the shipped tariffs, serialize. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { quote } from '../../engine/quote';
import { todayUtc } from '../../engine/time';
import { shippedRegistry } from '../../tariffs/shipped';
import { shippedClauses } from '../../charter/shipped';
import type { AppEnv } from '../env';
import { problemResponses, QuoteRequest, QuoteResponse } from '../schemas';

const createQuote = createRoute({
  method: 'post',
  path: '/v1/quotes',
  tags: ['Quotes'],
  summary: 'Quote every US Section 301 fee and Chinese special port fee of a voyage',
  description:
    'Groups the port calls into US rotations and Chinese voyages, picks the tariff version of each regime by `options.asOf` ' +
    '(or an explicit pin), and explains every line. Amounts are decimal strings.',
  request: { body: { required: true, content: { 'application/json': { schema: QuoteRequest } } } },
  responses: {
    200: { description: 'The quote', content: { 'application/json': { schema: QuoteResponse } } },
    ...problemResponses,
  },
});

export const quoteRoutes = new OpenAPIHono<AppEnv>().openapi(createQuote, (c) => {
  const request = c.req.valid('json');
  const result = quote(request, { registry: shippedRegistry(), today: todayUtc(Date.now()), clauses: shippedClauses() });
  return c.json(result, 200);
});
