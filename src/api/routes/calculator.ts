/**
 * GET /: the calculator page, with its same-origin script and styles. The
 * widget on it calls this origin's API, which needs no ALLOWED_ORIGINS entry:
 * a browser sends same-origin requests without asking CORS.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { CALCULATOR_SCRIPT, CALCULATOR_STYLES } from '../../pages/calculator-assets';
import { calculatorPage, pageLanguage } from '../../pages/calculator-page';
import type { AppEnv } from '../env';
import { invalidRequest } from '../problem';
import { LOCALE, widgetPagePolicy } from './embed';

/** The calculator's policy: the widget page's, never framed. */
export const CALCULATOR_CSP = widgetPagePolicy("'none'");

export const calculatorRoutes = new OpenAPIHono<AppEnv>()
  .get('/', (c) => {
    const locale = c.req.query('locale') ?? 'en';
    if (!LOCALE.test(locale))
      throw invalidRequest([{ path: 'locale', message: 'must be a BCP 47 language tag such as en or zh-CN' }]);
    c.header('content-security-policy', CALCULATOR_CSP);
    c.header('cache-control', 'public, max-age=300');
    c.header('content-language', pageLanguage(locale));
    return c.html(calculatorPage(pageLanguage(locale)));
  })
  .get('/calculator.js', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.body(CALCULATOR_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  })
  .get('/calculator.css', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.body(CALCULATOR_STYLES, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
