/** GET /v1/ports: port search by UN/LOCODE or name, for autocompletes. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { searchPorts } from '../../ports/index';
import type { AppEnv } from '../env';
import { ProblemSchema } from '../openapi/quote-schemas';
import { createRoute } from '../openapi/route';

/** Most ports one search returns. */
export const PORT_SEARCH_MAX = 50;

const PortSummary = z
  .object({
    code: z.string().openapi({ example: 'USLAX' }),
    name: z.string().openapi({ example: 'Los Angeles' }),
    country: z.string().openapi({ example: 'US' }),
    zone: z.string().openapi({ example: 'America/Los_Angeles' }),
  })
  .openapi('PortSummary');

const search = createRoute({
  method: 'get',
  path: '/v1/ports',
  tags: ['Ports'],
  summary: 'Search ports by UN/LOCODE or name',
  description:
    'Code-prefix matches first, then name-prefix, then name-substring matches; case- and accent-insensitive.',
  request: {
    query: z.object({
      q: z
        .string()
        .min(1, 'give 1 to 40 characters of a UN/LOCODE or port name')
        .max(40, 'give 1 to 40 characters of a UN/LOCODE or port name')
        .openapi({ example: 'los' }),
      limit: z.coerce
        .number({ message: `must be a whole number from 1 to ${PORT_SEARCH_MAX}` })
        .int(`must be a whole number from 1 to ${PORT_SEARCH_MAX}`)
        .min(1, `must be a whole number from 1 to ${PORT_SEARCH_MAX}`)
        .max(PORT_SEARCH_MAX, `must be a whole number from 1 to ${PORT_SEARCH_MAX}`)
        .optional()
        .openapi({ example: 10, description: `1 to ${PORT_SEARCH_MAX}; default 10` }),
    }),
  },
  responses: {
    200: {
      description: 'Matching ports, best first',
      content: { 'application/json': { schema: z.object({ ports: z.array(PortSummary) }) } },
    },
    400: { description: 'Invalid query', content: { 'application/problem+json': { schema: ProblemSchema } } },
  },
});

/** The query of a port search, also the input of the MCP `search_ports` tool. */
export const PortSearchQuery = search.request.query;

export const portRoutes = new OpenAPIHono<AppEnv>().openapi(search, (c) => {
  const { q, limit } = c.req.valid('query');
  const ports = searchPorts(q, limit ?? 10).map(({ code, name, country, zone }) => ({ code, name, country, zone }));
  c.header('cache-control', 'public, max-age=3600');
  return c.json({ ports }, 200);
});
