/** GET /v1/clauses: the charter-party clauses a quote can name in `charterParty.clause`. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { shippedClauses } from '../../charter/shipped';
import type { AppEnv } from '../env';
import { createRoute } from '../openapi/route';

const ClauseSummary = z
  .object({
    id: z.string().openapi({ example: 'bimco-ustr-2025' }),
    title: z.string(),
    published: z.string(),
    regime: z.string().openapi({ example: 'us-301' }),
    rules: z
      .array(z.string())
      .openapi({ description: 'The rules whose fees the clause allocates; fees of other rules are outside it.' }),
    summary: z.string(),
    citations: z.array(z.object({ title: z.string(), url: z.string() })),
  })
  .openapi('ClauseSummary');

const list = createRoute({
  method: 'get',
  path: '/v1/clauses',
  tags: ['Quotes'],
  summary: 'Charter-party clauses that decide who pays',
  responses: {
    200: {
      description: 'Every shipped clause',
      content: { 'application/json': { schema: z.object({ clauses: z.array(ClauseSummary) }) } },
    },
  },
});

export const clauseRoutes = new OpenAPIHono<AppEnv>().openapi(list, (c) => {
  const clauses = shippedClauses()
    .all()
    .map((clause) => ({
      id: clause.id,
      title: clause.title,
      published: clause.published,
      regime: clause.regime,
      rules: clause.covers.rules,
      summary: clause.summary,
      citations: clause.citations.map(({ title, url }) => ({ title, url })),
    }));
  c.header('cache-control', 'public, max-age=300');
  return c.json({ clauses }, 200);
});
