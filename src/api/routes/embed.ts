/**
 * The embeddable widget: GET /widget.js (one ES module defining
 * `<portfees-quote>`, loadable from any origin) and GET /embed (the same UI
 * as a page, for hosts that frame it instead of running third-party script).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { html } from 'hono/html';
import { faviconLink } from '../../pages/favicon';
import { widgetModule, widgetSha256 } from '../../widget/bundle.generated';
import type { AppEnv } from '../env';
import { isPermittedOrigin, normalizeOrigin } from '../middleware/origins';
import { invalidRequest } from '../problem';

const WIDGET_ETAG = `"${widgetSha256.slice(0, 32)}"`;
export const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/** The /embed page: the widget, told which parent origin it may talk to. */
export function embedPage(hostOrigin: string, locale: string): string {
  return html`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Port fee quote</title>${faviconLink}<script type="module" src="/widget.js"></script></head>
<body><main><portfees-quote locale="${locale}" heading-level="1" host-origin="${hostOrigin}"></portfees-quote></main></body></html>`.toString();
}

/**
 * The policy of the pages that run the widget: nothing but this origin's script, styles, API and images, no inline
 * script or style; framed by `frameAncestors` only (`'none'` for the calculator, the host's origin for /embed).
 */
export function widgetPagePolicy(frameAncestors: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

export const embedRoutes = new OpenAPIHono<AppEnv>()
  .get('/widget.js', (c) => {
    c.header('access-control-allow-origin', '*');
    c.header('cache-control', 'public, max-age=300');
    c.header('etag', WIDGET_ETAG);
    if (c.req.header('if-none-match') === WIDGET_ETAG) return c.body(null, 304);
    return c.body(widgetModule, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  })
  .get('/embed', async (c) => {
    const given = c.req.query('origin');
    const locale = c.req.query('locale') ?? 'en';
    const errors: Array<{ path: string; message: string }> = [];
    const origin = given === undefined ? undefined : normalizeOrigin(given);
    if (given === undefined || given === '') {
      errors.push({
        path: 'origin',
        message: 'give the origin of the page that frames this one, such as https://desk.example.com',
      });
    } else if (!origin) {
      errors.push({
        path: 'origin',
        message: 'must be an http(s) origin: scheme, host and optional port, such as https://desk.example.com',
      });
    } else if (origin !== new URL(c.req.url).origin && !(await isPermittedOrigin(c.env, origin))) {
      // (Its own origin may always frame it: the service's own pages need no configuration.)
      errors.push({
        path: 'origin',
        message: `${origin} is not allowed to embed portfees: configure it in ALLOWED_ORIGINS or bind it to a publishable key`,
      });
    }
    if (!LOCALE.test(locale))
      errors.push({ path: 'locale', message: 'must be a BCP 47 language tag such as en or zh-CN' });
    if (errors.length > 0 || !origin) throw invalidRequest(errors);
    c.header('content-security-policy', widgetPagePolicy(origin));
    c.header('cache-control', 'no-store');
    return c.html(embedPage(origin, locale));
  });
