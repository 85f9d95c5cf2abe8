/**
 * GET /docs: Swagger UI over /openapi.json, served from the Worker's static
 * assets (public/docs, wrangler.toml `[assets]`), so it works offline. The
 * Worker runs first for every request and hands these paths to the assets.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';

/** Everything the reference loads comes from this origin; its console calls this origin too. */
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The files of public/docs that /docs serves. */
const FILES = new Set(['index.html', 'reference.js', 'swagger-ui-bundle.js', 'swagger-ui.css']);

export const docsRoutes = new OpenAPIHono<AppEnv>()
  .get('/docs', (c) => asset(c.env, c.req.url, 'index.html'))
  .get('/docs/:file', (c) => {
    const file = c.req.param('file');
    return FILES.has(file) ? asset(c.env, c.req.url, file) : c.notFound();
  });

async function asset(env: AppEnv['Bindings'], url: string, file: string): Promise<Response> {
  const response = await env.ASSETS.fetch(new URL(`/docs/${file}`, url));
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', DOCS_CSP);
  return new Response(response.body, { status: response.status, headers });
}
