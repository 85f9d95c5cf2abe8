/**
 * Any body up to the size limit, in any shape, is refused or answered on
 * every route that takes one, and /healthz answers meanwhile (docs/performance.md,
 * "Limits"). The bodies are those of bench/hostile-bodies.mjs, whose CPU per
 * request `npm run bench -- hostile-bodies` measures; here only the outcomes.
 */
import { describe, expect, it } from 'vitest';
import { HOSTILE_BODY_BYTES, hostileBodies } from '../../bench/hostile-bodies.mjs';
import { BODY_LIMIT } from '../../src/api/app';
import { bearer, createKey, getJson } from '../support/accounts';
import { postJob, runJob } from '../support/jobs';
import { IMO } from '../support/vessels';
import { call } from '../support/worker';

/** Every route that takes a body, as [method, path]. */
const BODY_ROUTES: ReadonlyArray<readonly [string, string]> = [
  ['POST', '/v1/quotes'],
  ['POST', '/v1/quotes/compare'],
  ['POST', '/v1/quotes/batch'],
  ['POST', '/v1/quotes/q_0123456789abcdef01234567/requote'],
  ['POST', `/v1/vessels/${IMO}/charges`],
  ['PUT', `/v1/vessels/${IMO}`],
  ['POST', '/v1/vessels'],
  ['PATCH', '/v1/account'],
  ['POST', '/v1/webhooks'],
  ['POST', '/v1/webhooks/wh_00000000000000000000/test'],
  ['POST', '/v1/jobs'],
  ['POST', '/mcp'],
];

const FLAW_MESSAGES = {
  depth: /^arrays and objects may be nested at most 64 deep$/,
  width: /^an object may have at most 1000 keys$/,
  reserved: /^__proto__ is not allowed as a field name$/,
  duplicate: /^a is given more than once in this object$/,
};

// 120 bodies of 250 KB each: more wall time than the default 5 s under a loaded host, nothing asserted on it.
describe('hostile bodies', { timeout: 120_000 }, () => {
  it('fill the body limit', () => {
    for (const body of hostileBodies()) {
      expect(body.text.length, body.name).toBeLessThanOrEqual(BODY_LIMIT);
      expect(body.text.length, body.name).toBeGreaterThan(HOSTILE_BODY_BYTES * 0.9);
    }
  });

  it('are refused or answered on every body-taking route, with /healthz answering meanwhile', async () => {
    const { key } = await createKey();
    const headers = {
      ...bearer(key),
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    };
    const sent = BODY_ROUTES.flatMap(([method, path]) =>
      hostileBodies().map(async (body) => {
        // An account runs at most 3 fleet jobs at once: each job body is sent by an account of its own.
        const auth = path === '/v1/jobs' ? bearer((await createKey()).key) : {};
        const res = await call(path, {
          method,
          headers: { ...headers, ...auth, 'content-length': String(body.text.length) },
          body: body.text,
        });
        return { route: `${method} ${path}`, body, status: res.status, text: await res.text() };
      }),
    );
    const health = Array.from({ length: 10 }, async () => (await call('/healthz')).status);
    const [answers, healthStatuses] = await Promise.all([Promise.all(sent), Promise.all(health)]);
    expect(healthStatuses).toEqual(new Array(10).fill(200));

    for (const { route, body, status, text } of answers) {
      const where = `${route} with ${body.name}`;
      expect(status, where).toBeLessThan(500);
      // A fleet job's body streams to storage unread: it is accepted, and read (and refused) by the consumer.
      if (route === 'POST /v1/jobs') {
        expect([202, 400, 413], where).toContain(status);
        continue;
      }
      expect(status, where).toBeGreaterThanOrEqual(400);
      if (body.flaw === null) continue;
      // Scanned before anything parses it: a 400 naming the first flaw's path.
      expect(status, where).toBe(400);
      const problem = JSON.parse(text) as { errors: Array<{ path: string; message: string }> };
      expect(problem.errors[0]!.message, where).toMatch(FLAW_MESSAGES[body.flaw]);
      if (body.flaw === 'depth') expect(problem.errors[0]!.path.length, where).toBeGreaterThan(60);
    }
  });

  it('as a fleet job: the deep body is accepted, then refused by the consumer naming the depth', async () => {
    const { key } = await createKey();
    const deep = hostileBodies().find((body) => body.name === 'deep arrays around constructor')!;
    const res = await postJob(key, deep.text, 'application/json');
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await runJob(id);
    const job = (await (await getJson(`/v1/jobs/${id}`, key)).json()) as {
      status: string;
      problem: { errors: Array<{ path: string; message: string }> };
    };
    expect(job.status).toBe('failed');
    expect(job.problem.errors).toEqual([
      { path: '[0]'.repeat(64), message: 'arrays and objects may be nested at most 64 deep' },
    ]);
  });
});
