/** POST /v1/quotes/compare: one request quoted under several scenarios, side by side. */
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import compareExample from '../../../examples/openapi/compare.json';
import { compareScenarios } from '../../analysis/compare';
import type { AppEnv } from '../env';
import { withLedger } from '../ledger-charges';
import { CompareRequest, CompareResponse, MAX_VARIANTS } from '../openapi/analysis-schemas';
import { problemResponses } from '../openapi/quote-schemas';
import { createRoute } from '../openapi/route';
import { quoteEnvironment } from '../quote-environment';
import { exampleQuoteRequest } from './quotes';

/** The quote example under the variants of examples/openapi/compare.json, and its answer there. */
const exampleComparisonRequest = {
  request: exampleQuoteRequest,
  variants: compareExample.variants,
} satisfies z.input<typeof CompareRequest>;
const exampleComparison = compareExample.answer as unknown as z.input<typeof CompareResponse>;

const compare = createRoute({
  method: 'post',
  path: '/v1/quotes/compare',
  tags: ['Quotes'],
  summary: 'Compare one quote request under several tariff versions, knowledge dates or assumptions',
  description:
    `Each of 1–${MAX_VARIANTS} variants overrides the request options (\`asOf\` replaced; \`tariffVersions\` and \`assumptions\` merged key by key). ` +
    'The answer has one row per voyage and one cell per variant (amount, outcome, certainty), totals per variant and deltas against the first variant.',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: CompareRequest, example: exampleComparisonRequest } },
    },
  },
  responses: {
    200: {
      description: 'The comparison',
      content: { 'application/json': { schema: CompareResponse, example: exampleComparison } },
    },
    ...problemResponses,
  },
});

export const compareRoutes = new OpenAPIHono<AppEnv>().openapi(compare, async (c) => {
  const { request, variants } = c.req.valid('json');
  const { request: counted } = await withLedger(c, request);
  const result = compareScenarios(counted, variants, quoteEnvironment(c));
  const vesselProfile = c.get('vesselProfile');
  return c.json(vesselProfile ? { ...result, vesselProfile } : result, 200);
});
