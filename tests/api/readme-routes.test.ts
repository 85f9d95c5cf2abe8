/**
 * The README's route table lists every route the Worker answers, and nothing
 * else: a new route without a README row fails here, and so does a row left
 * behind by a removed route. Rows read `| \`METHOD\` | \`/path/{param}\` | … |`.
 */
import { describe, expect, it } from 'vitest';
import readme from '../../README.md?raw';
import { createApp } from '../../src/api/app';
import { call } from '../support/worker';

/** Routes served outside the Hono app, if any (a static file answered before the Worker); none today. */
const SERVED_OUTSIDE_THE_APP: string[] = [];

/** `GET /v1/tariffs/{regime}/{version}` for each row of the README's route table. */
function documentedRoutes(): string[] {
  return [...readme.matchAll(/^\| `([A-Z]+)` \| `(\/[^`]*)` \|/gm)].map((m) => `${m[1]} ${m[2]}`);
}

/** The same form for every route of the app: Hono's `:param` written `{param}`, middleware (`ALL`) left out. */
function appRoutes(): string[] {
  const routes = createApp()
    .routes.filter((route) => route.method !== 'ALL')
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set([...routes, ...SERVED_OUTSIDE_THE_APP])];
}

describe('README.md', () => {
  it('is at most 200 lines', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(200);
  });

  it('has one route-table row for every route the app serves, and no other', () => {
    const documented = documentedRoutes();
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(appRoutes().sort());
  });

  it('lists every path and method of the OpenAPI document', async () => {
    const doc = (await (await call('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(documentedRoutes());
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((operation) => !documented.has(operation))).toEqual([]);
  });
});
