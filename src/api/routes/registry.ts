/** The routes of the vessel registry, re-quotes and webhooks, mounted together. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { requoteRoutes } from './requotes';
import { vesselRoutes } from './vessels';
import { webhookRoutes } from './webhooks';

export const registryRoutes = new OpenAPIHono<AppEnv>()
  .route('/', requoteRoutes)
  .route('/', vesselRoutes)
  .route('/', webhookRoutes);
