/** The shipped tariff versions, listed and returned exactly as shipped. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { LoadedTariff } from '../../tariffs/registry';
import { shippedRegistry } from '../../tariffs/shipped';
import type { AppEnv } from '../env';
import { computedExample, shippedTariff } from '../openapi/examples';
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

const TariffList = z.object({ tariffs: z.array(TariffSummary) });

/** A version as the list shows it. */
const summaryOf = (tariff: LoadedTariff): z.output<typeof TariffSummary> => ({
  id: tariff.id,
  regime: tariff.regime,
  title: tariff.data.title,
  published: tariff.published,
  summary: tariff.data.summary,
  sha256: tariff.sha256,
});

/** The version of the examples of the path parameters and of the answer. */
const EXAMPLE = { regime: 'us-301', version: '2025-10-10' };

const list = createRoute({
  method: 'get',
  path: '/v1/tariffs',
  tags: ['Tariffs'],
  summary: 'Every shipped tariff version',
  responses: {
    200: {
      description: 'Versions, oldest first per regime',
      content: {
        'application/json': computedExample(TariffList, () => ({
          tariffs: shippedRegistry().versions().map(summaryOf),
        })),
      },
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
      regime: z.string().max(40).openapi({ example: EXAMPLE.regime }),
      version: z.string().max(40).openapi({ example: EXAMPLE.version }),
    }),
  },
  responses: {
    200: {
      description: 'The tariff file',
      content: {
        'application/json': computedExample(
          z.record(z.string(), z.unknown()),
          () => shippedTariff(`${EXAMPLE.regime}/${EXAMPLE.version}`).source as Record<string, unknown>,
        ),
      },
    },
    404: { description: 'No such version', content: { 'application/problem+json': { schema: ProblemSchema } } },
  },
});

export const tariffRoutes = new OpenAPIHono<AppEnv>()
  .openapi(list, (c) => c.json({ tariffs: registryOf(c).versions().map(summaryOf) }, 200))
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
