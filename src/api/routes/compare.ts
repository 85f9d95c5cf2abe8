/** POST /v1/quotes/compare: one request quoted under several scenarios, side by side. */
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { compareScenarios } from '../../analysis/compare';
import type { AppEnv } from '../env';
import { withLedger } from '../ledger-charges';
import { CompareRequest, CompareResponse, MAX_VARIANTS } from '../openapi/analysis-schemas';
import { problemResponses } from '../openapi/quote-schemas';
import { createRoute } from '../openapi/route';
import { quoteEnvironment } from '../quote-environment';
import { exampleQuoteRequest } from './quotes';

/** The quote example as known on the day of its US call, and as known on 2026-11-28 if the suspension is extended. */
const exampleComparisonRequest = {
  request: exampleQuoteRequest,
  variants: [
    { label: 'known on the day of the call', asOf: '2025-10-20' },
    { label: 'suspension extended', asOf: '2026-11-28', scenario: 'suspension-extended' },
  ],
} satisfies z.input<typeof CompareRequest>;

/** Every assumption both variants read, at its default (the later versions add the after-suspension scenarios). */
const DEFAULT_READINGS = {
  'cn-spf.indirect-holdings': 'multiply',
  'cn-spf.voyage-split': 'any-foreign-call',
  'us-301.cap-year': 'calendar',
  'us-301.container-basis': 'rotation',
  'us-301.indirect-holdings': 'multiply',
  'us-301.tanker-threshold': 'bulk-80k',
  'us-301.territories': 'us-and-pr',
};

const noDelta = [
  { currency: 'CNY', amount: '0.00' },
  { currency: 'USD', amount: '0.00' },
];

/**
 * The answer to the example: the Annex I fee accrued while the fees were in force, so extending the suspension
 * changes nothing; Shanghai is not covered under either variant.
 */
const exampleComparison = {
  variants: [
    {
      label: 'known on the day of the call',
      options: { asOf: '2025-10-20' },
      asOf: '2025-10-20',
      quoteId: 'q_70be0edca20d1ce274bdeb4e',
      tariffs: ['cn-spf/2025-10-14', 'us-301/2025-10-10'],
      assumptions: DEFAULT_READINGS,
      scenario: 'fees-resumed',
      totals: [
        { currency: 'CNY', amount: '0.00' },
        { currency: 'USD', amount: '3000000.00' },
      ],
      deltas: noDelta,
    },
    {
      label: 'suspension extended',
      options: { asOf: '2026-11-28', scenario: 'suspension-extended' },
      asOf: '2026-11-28',
      quoteId: 'q_1d03099c356f3d9313ee1280',
      tariffs: ['cn-spf/2025-11-10', 'us-301/2025-11-10'],
      assumptions: {
        'cn-spf.after-suspension': 'extended',
        'us-301.after-suspension': 'extended',
        ...DEFAULT_READINGS,
      },
      scenario: 'suspension-extended',
      totals: [
        { currency: 'CNY', amount: '0.00' },
        { currency: 'USD', amount: '3000000.00' },
      ],
      deltas: noDelta,
    },
  ],
  rows: [
    {
      regime: 'cn-spf',
      port: 'CNSHA',
      arrival: '2025-09-25T08:00:00+08:00',
      calls: ['CNSHA'],
      cells: ['cn-spf/2025-10-14', 'cn-spf/2025-11-10'].map((tariff) => ({
        amount: '0.00',
        currency: 'CNY',
        outcome: 'not-covered',
        certainty: 'confirmed' as const,
        rule: null,
        tariff,
        chargedAt: null,
        delta: '0.00',
      })),
    },
    {
      regime: 'us-301',
      port: 'USLAX',
      arrival: '2025-10-20T06:00:00-07:00',
      calls: ['USLAX'],
      cells: ['us-301/2025-10-10', 'us-301/2025-11-10'].map((tariff) => ({
        amount: '3000000.00',
        currency: 'USD',
        outcome: 'charged',
        certainty: 'confirmed' as const,
        rule: 'annex-i',
        tariff,
        chargedAt: 'USLAX',
        delta: '0.00',
      })),
    },
  ],
  notes: [],
} satisfies z.input<typeof CompareResponse>;

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
