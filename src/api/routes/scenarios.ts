/** GET /v1/scenarios: the named joint scenarios a quote can name in `options.scenario`. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { shippedScenarios } from '../../tariffs/shipped';
import type { AppEnv } from '../env';
import { createRoute } from '../openapi/route';

const ScenarioSummary = z
  .object({
    id: z.string().openapi({ example: 'suspension-extended' }),
    title: z.string(),
    description: z.string(),
    default: z.boolean().openapi({ description: 'Applied when a request names no scenario' }),
    assumptions: z
      .record(z.string(), z.string())
      .openapi({ example: { 'us-301.after-suspension': 'extended', 'cn-spf.after-suspension': 'extended' } }),
    citations: z.array(z.object({ title: z.string(), url: z.string() })),
  })
  .openapi('ScenarioSummary');

const list = createRoute({
  method: 'get',
  path: '/v1/scenarios',
  tags: ['Quotes'],
  summary: 'Named joint scenarios: one name for the assumptions of both regimes',
  description:
    'A scenario sets assumptions of several regimes at once (both after-suspension assumptions, for example). ' +
    'Name one in `options.scenario`, as a variant field of POST /v1/quotes/compare or as `?scenario=` of the batch route; ' +
    'explicit `options.assumptions` win over it, and a mixed combination carries a note.',
  responses: {
    200: {
      description: 'Every shipped scenario, the default first',
      content: { 'application/json': { schema: z.object({ scenarios: z.array(ScenarioSummary) }) } },
    },
  },
});

export const scenarioRoutes = new OpenAPIHono<AppEnv>().openapi(list, (c) => {
  const scenarios = shippedScenarios()
    .list()
    .map((scenario) => ({
      id: scenario.id,
      title: scenario.title,
      description: scenario.description,
      default: scenario.default,
      assumptions: scenario.assumptions,
      citations: scenario.citations.map(({ title, url }) => ({ title, url })),
    }));
  c.header('cache-control', 'public, max-age=300');
  return c.json({ scenarios }, 200);
});
