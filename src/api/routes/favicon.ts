/**
 * GET /favicon.svg and GET /favicon.ico: the site's icon. Browsers ask for
 * /favicon.ico on their own; both answer the same SVG, which they all read.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { FAVICON_PATH, FAVICON_SVG } from '../../pages/favicon';
import type { AppEnv } from '../env';

function icon(c: Context<AppEnv>) {
  c.header('cache-control', 'public, max-age=86400');
  return c.body(FAVICON_SVG, 200, { 'content-type': 'image/svg+xml' });
}

export const faviconRoutes = new OpenAPIHono<AppEnv>().get(FAVICON_PATH, icon).get('/favicon.ico', icon);
