/**
 * GET /timeline: both regimes' fee history as server-rendered step charts.
 * Query: one parameter per regime naming its version (`us-301=us-301/2025-10-10`
 * or `us-301=2025-10-10`), and `from`/`to` dates; every one optional.
 */

import { OpenAPIHono } from '@hono/zod-openapi';
import { defaultRange, timelineOf, timelineSpanProblem } from '../../analysis/timeline';
import { findVersion, latestVersion } from '../../analysis/versions';
import { nowMillis } from '../../lib/clock';
import { addMonths, isValidDate, todayUtc } from '../../lib/time';
import { isLocale, LOCALES, localeOf } from '../../messages/render';
import { timelinePage } from '../../pages/timeline-page';
import type { LoadedTariff } from '../../tariffs/registry';
import type { AppEnv } from '../env';
import { type FieldError, invalidRequest } from '../problem';
import { listsOf, registryOf } from '../tariff-registry';
import { isTrackingParameter } from '../tracking';

/** Inline styles and same-origin form submissions; no script, no external asset. */
export const TIMELINE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** How far before the earliest date the default view starts, so the step into force is visible. */
const LEAD_MONTHS = 3;

export const timelinePageRoutes = new OpenAPIHono<AppEnv>().get('/timeline', (c) => {
  const registry = registryOf(c);
  const query = c.req.query();
  const errors: FieldError[] = [];
  for (const name of Object.keys(query)) {
    if (!['from', 'to', 'locale', ...registry.regimes()].includes(name) && !isTrackingParameter(name))
      errors.push({
        path: name,
        message: `unknown parameter; use from, to, locale or a regime (${registry.regimes().join(', ')})`,
      });
  }
  if (query.locale !== undefined && !isLocale(query.locale))
    errors.push({ path: 'locale', message: `must be one of ${LOCALES.join(', ')}` });
  const chosen: LoadedTariff[] = [];
  for (const regime of registry.regimes()) {
    const text = query[regime];
    const tariff = text ? findVersion(registry, regime, text) : latestVersion(registry, regime);
    if (tariff) chosen.push(tariff);
    else
      errors.push({
        path: regime,
        message: `unknown version ${text}; valid versions: ${registry
          .versions(regime)
          .map((t) => t.id)
          .join(', ')}`,
      });
  }
  for (const field of ['from', 'to'] as const) {
    if (query[field] !== undefined && !isValidDate(query[field]))
      errors.push({ path: field, message: 'must be a calendar date YYYY-MM-DD' });
  }
  if (errors.length === 0 && query.from && query.to && query.to <= query.from)
    errors.push({ path: 'to', message: `must be after from (${query.from})` });
  if (errors.length > 0) throw invalidRequest(errors);

  // One range for every chart, so the regimes line up: from a little before the earliest date to the latest default end.
  const defaults = chosen.map(defaultRange);
  const from = query.from ?? addMonths(defaults.map((range) => range.from).sort()[0]!, -LEAD_MONTHS);
  const to =
    query.to ??
    defaults
      .map((range) => range.to)
      .sort()
      .at(-1)!;
  if (to <= from)
    throw invalidRequest([{ path: query.to ? 'to' : 'from', message: `the range ${from} → ${to} is empty` }]);
  const tooLong = timelineSpanProblem(from, to);
  if (tooLong) throw invalidRequest([{ path: query.to ? 'to' : 'from', message: tooLong }]);
  const regimes = chosen.map((tariff) => ({
    regime: tariff.regime,
    versions: registry
      .versions(tariff.regime)
      .map((version) => ({ id: version.id, title: version.data.title, published: version.published })),
    timeline: timelineOf(tariff, { from, to }),
  }));
  const now = nowMillis(c.env);
  const lists = listsOf(c)
    .pickAll(todayUtc(now))
    .map((list) => ({
      id: list.id,
      title: list.data.title,
      published: list.published,
      zone: list.data.zone,
      entries: list.data.entries.length,
      windows: list.data.statusWindows,
    }));
  const locale = localeOf(query.locale, c.req.header('accept-language'));
  c.header('content-security-policy', TIMELINE_CSP);
  c.header('cache-control', 'public, max-age=300');
  c.header('content-language', locale);
  c.header('vary', 'accept-language');
  return c.html(timelinePage({ regimes, lists, range: { from, to }, nowMillis: now, locale }));
});
