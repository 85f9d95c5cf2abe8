/**
 * GET /v1/tariffs/{regime}/diff and GET /v1/tariffs/{regime}/timeline:
 * what changed between two versions, and a version's rates and status
 * windows over time. Mounted before the `/v1/tariffs/{regime}/{version}`
 * route, which would otherwise read "diff" and "timeline" as versions.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { diffVersions } from '../../analysis/diff';
import { defaultRange, MAX_TIMELINE_SPAN_YEARS, timelineOf, timelineSpanProblem } from '../../analysis/timeline';
import { findVersion, latestVersion, versionChain } from '../../analysis/versions';
import { localMomentMillis } from '../../lib/time';
import type { LoadedTariff, TariffRegistry } from '../../tariffs/registry';
import type { AppEnv } from '../env';
import { DiffQuery, DiffResponse, RegimeParam, TimelineQuery, TimelineResponse } from '../openapi/analysis-schemas';
import { ProblemSchema } from '../openapi/quote-schemas';
import { createRoute } from '../openapi/route';
import { invalidRequest, ProblemError } from '../problem';
import { registryOf } from '../tariff-registry';

const problems = {
  400: { description: 'Invalid query', content: { 'application/problem+json': { schema: ProblemSchema } } },
  404: { description: 'Unknown regime', content: { 'application/problem+json': { schema: ProblemSchema } } },
} as const;

const diff = createRoute({
  method: 'get',
  path: '/v1/tariffs/{regime}/diff',
  tags: ['Tariffs'],
  summary: 'What changed between two versions of a regime',
  description:
    'Rates (per rule, with effective dates), exemptions, coverage, status windows, assumptions and their options, notes and instruments, ' +
    'compared by stable identities. Each change names its path in the tariff and the instrument of the version that made it.',
  request: { params: RegimeParam, query: DiffQuery },
  responses: {
    200: { description: 'The diff', content: { 'application/json': { schema: DiffResponse } } },
    ...problems,
  },
});

const timeline = createRoute({
  method: 'get',
  path: '/v1/tariffs/{regime}/timeline',
  tags: ['Tariffs'],
  summary: 'The rate of every rule over time, with the status windows',
  description:
    'For one version (default: the latest): rate steps per rule and basis, and the in-force, suspended, unconfirmed and not-in-force windows, each date also as an instant in the regime zone. ' +
    `The range (\`from\` to \`to\`) may span at most ${MAX_TIMELINE_SPAN_YEARS} years (400 beyond).`,
  request: { params: RegimeParam, query: TimelineQuery },
  responses: {
    200: { description: 'The timeline', content: { 'application/json': { schema: TimelineResponse } } },
    ...problems,
  },
});

/** The regime's registry entry, or a 404 naming the known regimes. */
function knownRegime(registry: TariffRegistry, regime: string): string {
  if (registry.regimes().includes(regime)) return regime;
  throw new ProblemError(
    404,
    'unknown-regime',
    'Unknown regime',
    `No regime ${regime}; known regimes: ${registry.regimes().join(', ')}.`,
  );
}

/** The version named by a query field, or a 400 naming the field and listing the valid versions. */
function versionFrom(registry: TariffRegistry, regime: string, field: string, text: string): LoadedTariff {
  const found = findVersion(registry, regime, text);
  if (found) return found;
  const valid = registry
    .versions(regime)
    .map((t) => `${t.published} (${t.id})`)
    .join(', ');
  throw invalidRequest([{ path: field, message: `unknown version ${text} of ${regime}; valid versions: ${valid}` }]);
}

export const tariffAnalysisRoutes = new OpenAPIHono<AppEnv>()
  .openapi(diff, (c) => {
    const registry = registryOf(c);
    const regime = knownRegime(registry, c.req.valid('param').regime);
    const query = c.req.valid('query');
    const from = versionFrom(registry, regime, 'from', query.from);
    const to = versionFrom(registry, regime, 'to', query.to);
    c.header('cache-control', 'public, max-age=300');
    return c.json(diffVersions(versionChain(registry, from, to)), 200);
  })
  .openapi(timeline, (c) => {
    const registry = registryOf(c);
    const regime = knownRegime(registry, c.req.valid('param').regime);
    const query = c.req.valid('query');
    const tariff = query.version
      ? versionFrom(registry, regime, 'version', query.version)
      : latestVersion(registry, regime)!;
    if (
      query.from &&
      query.to &&
      localMomentMillis(query.to, tariff.data.zone) <= localMomentMillis(query.from, tariff.data.zone)
    ) {
      throw invalidRequest([{ path: 'to', message: `must be after from (${query.from})` }]);
    }
    const range = { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) };
    const fallback = defaultRange(tariff);
    const tooLong = timelineSpanProblem(query.from ?? fallback.from, query.to ?? fallback.to);
    if (tooLong) throw invalidRequest([{ path: query.to ? 'to' : 'from', message: tooLong }]);
    try {
      c.header('cache-control', 'public, max-age=300');
      return c.json(timelineOf(tariff, range), 200);
    } catch (error) {
      // Only one bound given, on the wrong side of the version's default other bound.
      if (error instanceof RangeError)
        throw invalidRequest([{ path: query.from ? 'from' : 'to', message: error.message }]);
      throw error;
    }
  });
