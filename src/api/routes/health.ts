import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { createRoute } from '../openapi/route';

const health = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Service'],
  summary: 'Liveness check',
  responses: {
    200: {
      description: 'The service answers',
      content: { 'application/json': { schema: z.object({ ok: z.literal(true) }), example: { ok: true } } },
    },
  },
});

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(health, (c) => c.json({ ok: true as const }, 200));
