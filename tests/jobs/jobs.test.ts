import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { hostileBodies } from '../../bench/hostile-bodies.mjs';
import worker from '../../src/index';
import { chunkObjectText } from '../../src/jobs/chunk';
import { bearer, createKey } from '../support/accounts';
import { FLEET_CSV, FLEET_TOTALS } from '../support/fleet';
import { type Bindings, deliver, postJob, queuedChunks, realBindings, runJob } from '../support/jobs';
import { annexIRequest, annexIVessel, portCall } from '../support/requests';
import { call } from '../support/worker';

/** The batch route's test fleet: three vessels, the third with an unreadable arrival on line 8. */
const batch = (key: string, accept: string) =>
  call('/v1/quotes/batch?asOf=2025-10-20', {
    method: 'POST',
    body: FLEET_CSV,
    headers: { ...bearer(key), 'content-type': 'text/csv', accept },
  });

/** R2 that fails once: the first summary write of a chunk throws, after that chunk's results were written. */
function crashingOnce(): { bindings: Bindings; crashed: () => boolean } {
  let crashed = false;
  const real = env.JOBS_BUCKET;
  const bucket = {
    get: real.get.bind(real),
    head: real.head.bind(real),
    list: real.list.bind(real),
    delete: real.delete.bind(real),
    put: (async (key: string, value: never, options?: R2PutOptions) => {
      if (!crashed && key.endsWith('/summary.json')) {
        crashed = true;
        throw new Error('consumer crashed between its two writes');
      }
      return real.put(key, value, options);
    }) as R2Bucket['put'],
  } as R2Bucket;
  return { bindings: { ...realBindings(), JOBS_BUCKET: bucket }, crashed: () => crashed };
}

async function startJob(key: string, query = '?asOf=2025-10-20'): Promise<string> {
  const res = await postJob(key, FLEET_CSV, 'text/csv', query);
  expect(res.status).toBe(202);
  const body = (await res.json()) as { id: string; status: string; links: Record<string, string> };
  expect(body.status).toBe('queued');
  expect(body.links.self).toBe(`/v1/jobs/${body.id}`);
  expect(body.links.page).toMatch(new RegExp(`^/jobs/${body.id}\\?token=[A-Za-z0-9_-]{43}$`));
  return body.id;
}

describe('fleet jobs', () => {
  it('a 3-chunk job with a bad vessel and a consumer that throws once gives the synchronous batch, row for row', async () => {
    const { key } = await createKey();
    const id = await startJob(key);
    const queued = (await (await call(`/v1/jobs/${id}`, { headers: bearer(key) })).json()) as Record<string, unknown>;
    expect(queued).toMatchObject({ id, status: 'queued', vessels: { total: null, done: 0, failed: 0 } });

    await deliver([{ kind: 'split', job: id }]);
    expect(await queuedChunks(id)).toEqual([0, 1, 2]);
    const running = (await (await call(`/v1/jobs/${id}`, { headers: bearer(key) })).json()) as Record<string, unknown>;
    expect(running).toMatchObject({ status: 'running', vessels: { total: 3, done: 0, failed: 0 } });

    // Chunk 1 crashes after writing its results: the message is retried, the job goes on without it.
    const faulty = crashingOnce();
    const first = await deliver([{ kind: 'chunk', job: id, seq: 1 }], faulty.bindings);
    expect(faulty.crashed()).toBe(true);
    expect(first.explicitAcks).toEqual([]);
    expect(first.retryMessages).toHaveLength(1);
    await Promise.all([0, 2].map((seq) => deliver([{ kind: 'chunk', job: id, seq }])));
    const partway = (await (await call(`/v1/jobs/${id}`, { headers: bearer(key) })).json()) as Record<string, unknown>;
    expect(partway).toMatchObject({ status: 'running', vessels: { total: 3, done: 1, failed: 1 } });
    expect(partway.eta).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The retry, then a duplicate delivery of the same chunk: written over, counted once.
    await deliver([{ kind: 'chunk', job: id, seq: 1 }], realBindings(), 2);
    await deliver([{ kind: 'chunk', job: id, seq: 1 }], realBindings(), 3);

    const done = (await (await call(`/v1/jobs/${id}`, { headers: bearer(key) })).json()) as Record<string, unknown>;
    expect(done).toMatchObject({ status: 'done', vessels: { total: 3, done: 2, failed: 1 } });
    expect(done.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const objects = await env.JOBS_BUCKET.list({ prefix: `jobs/${id}/chunks/` });
    expect(objects.objects.map((o) => o.key.split('/').slice(-2).join('/')).sort()).toEqual([
      '000000/results-0.ndjson',
      '000000/summary.json',
      '000001/results-0.ndjson',
      '000001/summary.json',
      '000002/results-0.ndjson',
      '000002/summary.json',
    ]);

    for (const accept of ['text/csv', 'application/x-ndjson']) {
      const sync = await (await batch(key, accept)).text();
      const res = await call(`/v1/jobs/${id}/results`, { headers: { ...bearer(key), accept } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(accept);
      expect(await res.text()).toBe(sync);
    }
    const ndjson = await (
      await call(`/v1/jobs/${id}/results`, { headers: { ...bearer(key), accept: 'application/x-ndjson' } })
    ).text();
    const summary = JSON.parse(ndjson.trimEnd().split('\n').at(-1)!);
    expect(summary.summary).toEqual({ vessels: 3, quoted: 2, failed: 1, calls: 7, errors: 1, omittedErrors: 0 });
    expect(summary.totals).toEqual(FLEET_TOTALS);
    // The bad vessel's error is written once, with the vessel; the closing line lists only rows of no vessel.
    expect(summary.errors).toEqual([]);
    const bad = ndjson
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
      .find((line) => line.type === 'vessel' && line.imo === '9074729');
    expect(bad.problem.errors).toEqual([
      {
        path: 'portCalls[1].arrival',
        row: 8,
        column: 'arrival',
        message: 'must be an ISO 8601 date-time with offset (2025-10-20T06:00:00-07:00) or a date (2025-10-20)',
      },
    ]);
  });

  it('NDJSON and JSON inputs give the synchronous batch of the same requests', async () => {
    const { key } = await createKey();
    const requests = [
      annexIRequest(),
      {
        vessel: {
          imo: '9321483',
          type: 'container',
          flag: 'US',
          buildCountry: 'US',
          netTonnage: 'lots',
          owner: { country: 'US' },
          operator: { country: 'US' },
        },
        portCalls: [{ port: 'CNSHA', arrival: '2025-10-14T18:00:00+08:00' }],
      },
      { vessel: annexIVessel({ netTonnage: 1 }), portCalls: [portCall('USLAX', '2025-10-21')] },
    ];
    const sync = await (
      await call('/v1/quotes/batch?asOf=2025-10-20', {
        method: 'POST',
        body: JSON.stringify(requests),
        headers: { ...bearer(key), 'content-type': 'application/json', accept: 'application/x-ndjson' },
      })
    ).text();
    for (const [contentType, body] of [
      ['application/x-ndjson', `${requests.map((r) => JSON.stringify(r)).join('\n')}\n`],
      ['application/json', JSON.stringify(requests)],
    ] as const) {
      const res = await postJob(key, body, contentType, '?asOf=2025-10-20');
      const { id } = (await res.json()) as { id: string };
      await runJob(id);
      const out = await call(`/v1/jobs/${id}/results`, { headers: { ...bearer(key), accept: 'application/x-ndjson' } });
      expect(await out.text()).toBe(sync);
    }
  });

  it('the two-file multipart form gives the synchronous batch of the same files', async () => {
    const { key } = await createKey();
    const vessels =
      'imo,name,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry\n9310006,ALPHA,container,PA,KR,60000,GR,CN\n9321483,BRAVO,container,US,US,30224,US,US\n';
    const calls =
      'imo,port,arrival\n9310006,USLAX,2025-10-20T06:00:00-07:00\n9321483,CNSHA,2025-10-14T18:00:00+08:00\n,USOAK,2025-10-23\n9999999,USOAK,2025-10-23\n';
    const form = () => {
      const data = new FormData();
      data.set('calls', new File([calls], 'calls.csv', { type: 'text/csv' }));
      data.set('vessels', new File([vessels], 'vessels.csv', { type: 'text/csv' }));
      return new Response(data);
    };
    const body = form();
    const bytes = new Uint8Array(await body.arrayBuffer());
    const sync = await (
      await call('/v1/quotes/batch?asOf=2025-10-20', {
        method: 'POST',
        body: bytes,
        headers: { ...bearer(key), 'content-type': body.headers.get('content-type')!, accept: 'text/csv' },
      })
    ).text();
    expect(sync).toContain('no row for vessel 9999999 in the vessels file');
    const res = await call('/v1/jobs?asOf=2025-10-20', {
      method: 'POST',
      body: bytes,
      headers: {
        ...bearer(key),
        'content-type': body.headers.get('content-type')!,
        'content-length': String(bytes.length),
      },
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await runJob(id);
    const job = (await (await call(`/v1/jobs/${id}`, { headers: bearer(key) })).json()) as Record<string, unknown>;
    expect(job).toMatchObject({ status: 'done', vessels: { total: 3, done: 2, failed: 1 } });
    const out = await call(`/v1/jobs/${id}/results`, { headers: { ...bearer(key), accept: 'text/csv' } });
    expect(await out.text()).toBe(sync);
  });

  it('a chunk that fails every time is parked on the dead-letter queue: its vessels are reported failed, the job ends failed', async () => {
    const { key } = await createKey();
    const id = await startJob(key);
    await deliver([{ kind: 'split', job: id }]);
    await Promise.all([0, 2].map((seq) => deliver([{ kind: 'chunk', job: id, seq }])));
    const broken = {
      ...realBindings(),
      JOBS_BUCKET: {
        ...env.JOBS_BUCKET,
        get: async () => {
          throw new Error('R2 down');
        },
      } as unknown as R2Bucket,
    };
    for (const attempt of [1, 2, 3, 4]) {
      const result = await deliver([{ kind: 'chunk', job: id, seq: 1 }], broken, attempt);
      expect(result.retryMessages).toHaveLength(1);
    }
    await deliver([{ kind: 'chunk', job: id, seq: 1 }], realBindings(), 1, 'portfees-jobs-dlq');
    const job = (await (await call(`/v1/jobs/${id}`, { headers: bearer(key) })).json()) as Record<string, unknown>;
    expect(job).toMatchObject({ status: 'failed', vessels: { total: 3, done: 1, failed: 2 } });
    const ndjson = await (
      await call(`/v1/jobs/${id}/results`, { headers: { ...bearer(key), accept: 'application/x-ndjson' } })
    ).text();
    const summary = JSON.parse(ndjson.trimEnd().split('\n').at(-1)!);
    // Errors found: the bad vessel's own, and the one naming the chunk that could not be quoted.
    expect(summary.summary).toEqual({ vessels: 3, quoted: 1, failed: 2, calls: 5, errors: 2, omittedErrors: 0 });
    expect(summary.errors.at(-1).message).toBe('1 vessel (rows from 5) could not be quoted: the chunk failed 4 times');
  });

  it('cancel: a cancelled job quotes nothing more and says so', async () => {
    const { key } = await createKey();
    const id = await startJob(key);
    await deliver([{ kind: 'split', job: id }]);
    await deliver([{ kind: 'chunk', job: id, seq: 0 }]);
    const res = await call(`/v1/jobs/${id}`, { method: 'DELETE', headers: bearer(key) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: 'cancelled', vessels: { total: 3, done: 1, failed: 0 } });
    await Promise.all([1, 2].map((seq) => deliver([{ kind: 'chunk', job: id, seq }])));
    expect(await queuedChunks(id)).toEqual([1, 2]);
    const after = (await (await call(`/v1/jobs/${id}`, { headers: bearer(key) })).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ status: 'cancelled', vessels: { done: 1, failed: 0 } });
    const again = await call(`/v1/jobs/${id}`, { method: 'DELETE', headers: bearer(key) });
    expect(again.status).toBe(409);
    const results = await call(`/v1/jobs/${id}/results`, { headers: { ...bearer(key), accept: 'text/csv' } });
    expect(results.status).toBe(409);
  });

  it('tenant isolation: another account sees, reads and cancels nothing, and a page link opens only its own job', async () => {
    const { key } = await createKey({ name: 'Owner Lines' });
    const { key: other } = await createKey({ name: 'Other Lines' });
    const created = await postJob(key, FLEET_CSV, 'text/csv', '?asOf=2025-10-20');
    const { id, links } = (await created.json()) as { id: string; links: Record<string, string> };
    await runJob(id);
    for (const [path, method] of [
      [`/v1/jobs/${id}`, 'GET'],
      [`/v1/jobs/${id}/results`, 'GET'],
      [`/v1/jobs/${id}/report`, 'GET'],
      [`/v1/jobs/${id}`, 'DELETE'],
    ] as const) {
      const res = await call(path, { method, headers: bearer(other) });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await call(path, { method, headers: bearer(key) })).status, `${method} ${path} by its owner`).not.toBe(
        404,
      );
    }
    expect((await call(`/v1/jobs/${id}`)).status).toBe(401);
    expect((await call(links.page!)).status).toBe(200);
    expect((await call(`/jobs/${id}`)).status).toBe(404);
    expect((await call(`/jobs/${id}?token=${'A'.repeat(43)}`)).status).toBe(404);
    const { id: otherId } = (await (await postJob(other, FLEET_CSV, 'text/csv')).json()) as { id: string };
    expect((await call(`/jobs/${otherId}?${links.page!.split('?')[1]}`)).status).toBe(404);
  });

  it('refuses what it cannot take, with problems naming the field', async () => {
    const { key } = await createKey();
    expect((await postJob(key, FLEET_CSV, 'text/plain')).status).toBe(415);
    const bad = await postJob(key, FLEET_CSV, 'text/csv', '?scenario=maybe');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('scenario');
    const date = await postJob(key, FLEET_CSV, 'text/csv', '?asOf=soon');
    expect(date.status).toBe(400);
    expect(((await date.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('asOf');
    expect(
      (await call('/v1/jobs', { method: 'POST', body: FLEET_CSV, headers: { 'content-type': 'text/csv' } })).status,
    ).toBe(401);
    const header = await postJob(key, 'imo,colour\n9310006,red\n', 'text/csv');
    const { id } = (await header.json()) as { id: string };
    await runJob(id);
    const failed = (await (await call(`/v1/jobs/${id}`, { headers: bearer(key) })).json()) as {
      status: string;
      problem: { errors: Array<{ column: string }> };
    };
    expect(failed.status).toBe('failed');
    expect(failed.problem.errors.map((e) => e.column)).toContain('colour');
  });
});

describe('a JSON fleet job of many requests', { timeout: 120_000 }, () => {
  it('reads each chunk from its own byte range: 124,992 requests of `0` (250 KB) end with an error each', async () => {
    const { key } = await createKey();
    const body = hostileBodies().find((shape) => shape.name === 'long array')!.text;
    const count = body.split(',').length;
    expect(count).toBe(124_992);
    // Chunks of 2,000 requests, as deployed (the suite's own Worker cuts chunks of 1).
    const res = await worker.fetch(
      new Request('http://portfees.test/v1/jobs?asOf=2025-10-20', {
        method: 'POST',
        body,
        headers: { ...bearer(key), 'content-type': 'application/json', 'content-length': String(body.length) },
      }),
      { ...realBindings(), JOB_CHUNK_VESSELS: '2000' },
      createExecutionContext(),
    );
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await runJob(id);
    const job = (await (await call(`/v1/jobs/${id}`, { headers: bearer(key) })).json()) as Record<string, unknown>;
    expect(job).toMatchObject({ status: 'done', vessels: { total: count, done: 0, failed: count } });
    // The last chunk holds requests 124,000 to 124,991, each refused on its own.
    const last = await env.JOBS_BUCKET.get(`jobs/${id}/chunks/000062/results-0.ndjson`);
    const lines = (await chunkObjectText(last!)).trimEnd().split('\n');
    expect(lines).toHaveLength(992);
    for (const [i, line] of [lines[0]!, lines.at(-1)!].entries()) {
      const index = i === 0 ? 124_000 : 124_991;
      expect(JSON.parse(line)).toMatchObject({
        index,
        problem: { errors: [{ index, path: '', message: 'Invalid input: expected object, received number' }] },
      });
    }
  });

  it('refuses in its own chunk a request with a duplicate key, and one repeating an earlier chunk’s vessel', async () => {
    const { key } = await createKey();
    const imo = annexIRequest().vessel.imo;
    const duplicate = JSON.stringify(annexIRequest()).replace('{"imo":', '{"imo":"9074729","imo":');
    const body = `{"requests":[${JSON.stringify(annexIRequest())}, 0,\n${duplicate},${JSON.stringify(annexIRequest())}]}`;
    const res = await postJob(key, body, 'application/json', '?asOf=2025-10-20');
    const { id } = (await res.json()) as { id: string };
    await runJob(id);
    const job = (await (await call(`/v1/jobs/${id}`, { headers: bearer(key) })).json()) as Record<string, unknown>;
    expect(job).toMatchObject({ status: 'done', vessels: { total: 4, done: 1, failed: 3 } });
    const ndjson = await (
      await call(`/v1/jobs/${id}/results`, { headers: { ...bearer(key), accept: 'application/x-ndjson' } })
    ).text();
    const vessels = ndjson
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((line) => line.type === 'vessel');
    expect(vessels.map((line) => [line.index, line.quote ? 'quoted' : line.problem.errors])).toEqual([
      [0, 'quoted'],
      [1, [{ index: 1, path: '', message: 'Invalid input: expected object, received number' }]],
      [2, [{ index: 2, path: 'vessel.imo', message: 'imo is given more than once in this object' }]],
      [
        3,
        [
          {
            index: 3,
            path: 'vessel.imo',
            message: `vessel ${imo} is already quoted by request 0; give one request per vessel with its whole schedule, so the cap counts every call`,
          },
        ],
      ],
    ]);
  });
});
