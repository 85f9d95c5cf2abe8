/** The shipped tariff versions, listed and returned exactly as shipped. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { ProblemSchema } from '../openapi/quote-schemas';
import { createRoute } from '../openapi/route';
import { ProblemError } from '../problem';
import { registryOf } from '../tariff-registry';

const TariffSummary = z
  .object({
    id: z.string(),
    regime: z.string(),
    title: z.string(),
    published: z.string(),
    summary: z.string(),
    sha256: z.string(),
  })
  .openapi('TariffSummary');

const list = createRoute({
  method: 'get',
  path: '/v1/tariffs',
  tags: ['Tariffs'],
  summary: 'Every shipped tariff version',
  responses: {
    200: {
      description: 'Versions, oldest first per regime',
      content: { 'application/json': { schema: z.object({ tariffs: z.array(TariffSummary) }) } },
    },
  },
});

const one = createRoute({
  method: 'get',
  path: '/v1/tariffs/{regime}/{version}',
  tags: ['Tariffs'],
  summary: 'One tariff version, as shipped',
  request: {
    params: z.object({
      regime: z.string().max(40).openapi({ example: 'us-301' }),
      version: z.string().max(40).openapi({ example: '2025-10-10' }),
    }),
  },
  responses: {
    200: {
      description: 'The tariff file',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
    404: { description: 'No such version', content: { 'application/problem+json': { schema: ProblemSchema } } },
  },
});

export const tariffRoutes = new OpenAPIHono<AppEnv>()
  .openapi(list, (c) => {
    const tariffs = registryOf(c)
      .versions()
      .map((t) => ({
        id: t.id,
        regime: t.regime,
        title: t.data.title,
        published: t.published,
        summary: t.data.summary,
        sha256: t.sha256,
      }));
    return c.json({ tariffs }, 200);
  })
  .openapi(one, (c) => {
    const { regime, version } = c.req.valid('param');
    const registry = registryOf(c);
    const tariff = registry.get(`${regime}/${version}`);
    if (!tariff) {
      const known = registry
        .versions()
        .map((t) => t.id)
        .join(', ');
      throw new ProblemError(
        404,
        'unknown-tariff-version',
        'Unknown tariff version',
        `No tariff version ${regime}/${version}; known versions: ${known}.`,
      );
    }
    c.header('etag', `"${tariff.sha256}"`);
    c.header('cache-control', 'public, max-age=300');
    return c.json(tariff.source as Record<string, unknown>, 200);
  });
