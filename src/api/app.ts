/**
 * The Hono application: shared middleware, the routes, the OpenAPI document
 * and the one place where errors become problem documents.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { ListRegistry } from '../lists/registry';
import type { TariffRegistry } from '../tariffs/registry';
import type { AppEnv } from './env';
import { authenticate } from './middleware/auth';
import { apiCors, EMBEDDABLE_PATHS, embeddableRoutes } from './middleware/cross-origin';
import { checkJsonBodies } from './middleware/json-keys';
import { methodNotAllowed } from './middleware/method-not-allowed';
import { rateLimit } from './middleware/rate-limit';
import { registerKeySchemes } from './openapi/key-schemes';
import { invalidRequest, ProblemError, problemResponse, toProblem, zodErrors } from './problem';
import { BATCH_PATH, batchBodyLimit, batchRoutes } from './routes/batch';
import { calculatorRoutes } from './routes/calculator';
import { chargeRoutes } from './routes/charges';
import { clauseRoutes } from './routes/clauses';
import { compareRoutes } from './routes/compare';
import { docsRoutes } from './routes/docs';
import { embedRoutes } from './routes/embed';
import { faviconRoutes } from './routes/favicon';
import { healthRoutes } from './routes/health';
import { jobPageRoutes } from './routes/job-page';
import { JOBS_PATH, jobRoutes } from './routes/jobs';
import { listRoutes } from './routes/lists';
import { mcpRoutes } from './routes/mcp';
import { portRoutes } from './routes/ports';
import { quoteRoutes } from './routes/quotes';
import { registryRoutes } from './routes/registry';
import { savedQuoteRoutes } from './routes/saved-quotes';
import { scenarioRoutes } from './routes/scenarios';
import { tariffAnalysisRoutes } from './routes/tariff-analysis';
import { tariffRoutes } from './routes/tariffs';
import { timelinePageRoutes } from './routes/timeline-page';
import { vesselByImo } from './vessel-by-imo';

/** Largest accepted request body, in bytes (500 port calls fit in well under half of it). */
export const BODY_LIMIT = 256 * 1024;

const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'";

export interface AppOptions {
  /** Quote with these tariff versions instead of the shipped ones (tests that add a version). */
  registry?: TariffRegistry;
  /** Screen with these list versions instead of the shipped ones (tests that add a list version). */
  lists?: ListRegistry;
}

export function createApp(options: AppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidRequest(zodErrors(result.error));
    },
  });

  app.use('*', requestId({ headerName: 'x-request-id' }));
  for (const path of EMBEDDABLE_PATHS) app.use(path, embeddableRoutes());
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  app.use('*', async (c, next) => {
    await next();
    // Pages that need more (the docs, the widget) set their own policy; everything else gets none.
    if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', STRICT_CSP);
  });
  app.use('/v1/*', apiCors());
  const limitBody = bodyLimit({
    maxSize: BODY_LIMIT,
    onError: () => {
      throw new ProblemError(
        413,
        'body-too-large',
        'Request body too large',
        `The body is larger than ${BODY_LIMIT} bytes.`,
      );
    },
  });
  // The batch route takes whole fleets and sets its own, larger limit; fleet jobs stream theirs to R2.
  // A plain path test: hono/combine's except() builds a middleware chain on every request, a measurable
  // share of a quote's CPU.
  app.use('/v1/*', (c, next) => (c.req.path === BATCH_PATH || c.req.path === JOBS_PATH ? next() : limitBody(c, next)));
  app.use(BATCH_PATH, batchBodyLimit);

  const { registry, lists } = options;
  if (registry || lists)
    app.use('*', (c, next) => {
      if (registry) c.set('registry', registry);
      if (lists) c.set('lists', lists);
      return next();
    });
  // Who is calling, then how often: both before any /v1 route runs.
  app.use('/v1/*', authenticate, rateLimit);
  // One check of every JSON body, before any route parses it.
  app.use('/v1/*', checkJsonBodies);
  // A known path under a method it does not take: 405 with Allow. A static path is decided here by one lookup
  // (before `GET /v1/quotes/{quoteId}` reads "compare", before MCP's own middleware); the rest in notFound.
  const methods = methodNotAllowed(() => app.routes);
  app.use('*', methods.beforeRouting);
  registerKeySchemes(app);
  // A vessel given by IMO is completed from the caller's registry before the routes validate it.
  app.use('/v1/quotes', vesselByImo([]));
  app.use('/v1/quotes/compare', vesselByImo(['request']));

  // Before tariffRoutes: its /v1/tariffs/{regime}/{version} would read "diff" and "timeline" as versions.
  app.route('/', tariffAnalysisRoutes);
  const routes = app.route('/', healthRoutes).route('/', quoteRoutes).route('/', tariffRoutes);
  app.route('/', compareRoutes).route('/', batchRoutes).route('/', timelinePageRoutes);
  app.route('/', portRoutes).route('/', clauseRoutes).route('/', embedRoutes);
  // Before savedQuoteRoutes: its /v1/quotes/{quoteId} would read "changes" as a quote id.
  app.route('/', registryRoutes);
  app.route('/', savedQuoteRoutes).route('/', chargeRoutes);
  app.route('/', calculatorRoutes).route('/', faviconRoutes);
  app.route('/', jobRoutes).route('/', jobPageRoutes);
  app.route('/', scenarioRoutes).route('/', listRoutes);
  app.route('/', mcpRoutes({ bodyLimit: BODY_LIMIT, dispatch: app.fetch }));

  // The document names the origin that serves it, so a client generated from it calls the same Worker.
  app.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    servers: [{ url: new URL(c.req.url).origin, description: 'This portfees Worker' }],
    info: {
      title: 'portfees',
      version: '1.0.0',
      description:
        'US Section 301 service fees and Chinese special port fees, computed from versioned, cited tariff tables.\n\n' +
        'Authentication: quoting needs no key. A secret key (`Authorization: Bearer sk_…`, from ' +
        '`npm run keys -- create --name …`) adds the account: saved quotes, the charge ledger, the vessel registry, ' +
        'webhooks and fleet jobs. A publishable key (`x-portfees-key: pk_…`) is for browsers on its allowed origins. ' +
        'Explanations come in `options.locale` or `Accept-Language` (en, zh-CN).',
    },
    tags: [
      { name: 'Quotes', description: 'Fee quotes for a vessel and its port calls' },
      { name: 'Tariffs', description: 'The versioned tariff tables' },
      { name: 'Lists', description: 'Countermeasure lists, versioned like tariffs, and screening of named parties' },
      { name: 'Saved quotes', description: 'Quotes saved with a secret key, returned unchanged' },
      { name: 'Charge ledger', description: 'Fees a vessel has paid, counted toward the cap' },
      { name: 'Service', description: 'Operations' },
      { name: 'Ports', description: 'The UN/LOCODE port table' },
      { name: 'Vessel registry', description: "The account's stored vessel profiles, with history" },
      { name: 'Webhooks', description: 'Signed events: tariff.published and quote.changed' },
      { name: 'Fleet jobs', description: 'Fleets of any size, quoted asynchronously, with an exposure report' },
    ],
  }));
  app.route('/', docsRoutes);

  app.notFound((c) =>
    problemResponse(
      c,
      methods.refusalOf(c) ??
        new ProblemError(404, 'not-found', 'Not found', `No route ${c.req.method} ${c.req.path}.`),
    ),
  );
  app.onError((error, c) => problemResponse(c, toProblem(error)));
  return routes;
}
