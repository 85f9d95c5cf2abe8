#!/usr/bin/env node
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
// `npm run bench [-- name ...]`: the benchmark suite. Prints one JSON summary, writes it to bench/results.json
// (kept out of git) and ends with a PASS or FAIL line per regression guard (exit 1 if one fails):
//   a quote costs at most 2.0× the Worker CPU of GET /healthz under wrangler dev   (quote-guards)
//   the route costs at most 1.15× the bare quote (parse, engine, words, serialise)  (quote-guards)
//   the engine quotes at least 20,000 10-call voyages a second on one core          (engine)
// Measurements (all by default, or only the named ones):
//   engine            engine quotes/s, 10-call voyage and 100-call year (tinybench, one core)
//   quote-guards      Worker CPU per request over HTTP (bench/isolate-entry.ts): a health check, a bare quote and
//                     the real POST /v1/quotes, interleaved in rounds on the same keep-alive connections
//   http-latency      p50/p99 of POST /v1/quotes next to GET /healthz, same load, same run
//   fleet-batch-json  CPU time of a 2,000-vessel × 12-call batch (JSON answer)
//   fleet-batch-ndjson  the same, NDJSON streamed per vessel
//   fleet-job         one fleet job of 100,000 vessels × 12 calls (`--vessels N` for fewer): wall time,
//                     Worker CPU, peak and sampled memory of the workerd processes, vessels/s, and vessels
//                     per CPU-second against the synchronous batch's
//   hostile-bodies    Worker CPU per request of each 256 KB hostile body (bench/hostile-bodies.mjs) on each
//                     route that takes a body, and of the queue consumer per fleet job of them
//   bundle            Worker bundle size gzipped (wrangler deploy --dry-run --outdir)
//   widget            widget module size gzipped
// CPU time is the utime + stime delta from /proc/<pid>/stat of the workerd
// process running the Worker (what the Workers CPU limit counts, and then
// some: it includes reading the body and the runtime's own threads), and of
// all workerd processes together (adding wrangler's local proxy in front).
import autocannon from 'autocannon';
import { fleetCsv, generateFleet } from '../bench/fleet.mjs';
import { hostileBodies } from '../bench/hostile-bodies.mjs';
import { cpuMillis, createKey, root, rssMiB, startWorker } from './lib/worker-process.mjs';
import { bundleWidget } from './widget-bundle.mjs';

/** The paid plan's default CPU limit per request (it can be raised to 5 minutes). */
const PAID_PLAN_CPU_MS = 30_000;

/** Runs `send` and measures the CPU time of the Worker's process and of all workerd processes, and the wall time, body read to the end. */
async function timed(processes, send) {
  const worker = processes.filter((p) => p.role === 'worker').map((p) => p.pid);
  const all = processes.map((p) => p.pid);
  const before = { worker: cpuMillis(worker), all: cpuMillis(all) };
  const start = performance.now();
  const res = await send();
  const body = Buffer.from(await res.arrayBuffer());
  const wallMs = performance.now() - start;
  // Let workerd finish any accounting after the last byte.
  await new Promise((r) => setTimeout(r, 200));
  return { res, body, wallMs, cpuMs: cpuMillis(worker) - before.worker, allWorkerdCpuMs: cpuMillis(all) - before.all };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// ---------- measurements: one entry per figure ----------

const RUNS = 3;

function fleetBatch({ accept, vessels = 2000, calls = 12 }) {
  return async ({ base, processes }) => {
    const csv = fleetCsv(generateFleet({ vessels, calls }));
    const send = () =>
      fetch(`${base}/v1/quotes/batch?asOf=2026-11-28`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', accept },
        body: csv,
      });
    const runs = [];
    let summary;
    let voyages;
    for (let i = 0; i < RUNS; i++) {
      const { res, body, wallMs, cpuMs, allWorkerdCpuMs } = await timed(processes, send);
      if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${body.toString('utf8', 0, 500)}`);
      const text = body.toString('utf8');
      const last = accept === 'application/json' ? JSON.parse(text) : JSON.parse(text.trimEnd().split('\n').at(-1));
      summary = last.summary;
      voyages = last.totals.reduce((total, entry) => total + entry.voyages, 0);
      runs.push({
        cpuMs: Math.round(cpuMs),
        allWorkerdCpuMs: Math.round(allWorkerdCpuMs),
        wallMs: Math.round(wallMs),
        responseBytes: body.length,
      });
    }
    if (summary.quoted !== vessels)
      throw new Error(`expected ${vessels} vessels quoted, got ${JSON.stringify(summary)}`);
    const cpuMs = median(runs.map((run) => run.cpuMs));
    return {
      request: `POST /v1/quotes/batch, text/csv in (${csv.length} bytes), ${accept} out`,
      fleet: { vessels, callsPerVessel: calls, calls: vessels * calls, voyages },
      summary,
      runs,
      medianCpuMs: cpuMs,
      medianAllWorkerdCpuMs: median(runs.map((run) => run.allWorkerdCpuMs)),
      medianWallMs: median(runs.map((run) => run.wallMs)),
      paidPlanCpuLimitMs: PAID_PLAN_CPU_MS,
      shareOfLimit: Number((cpuMs / PAID_PLAN_CPU_MS).toFixed(3)),
    };
  };
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

/** fetch, once more when a kept-alive connection was closed under it (the dev server drops idle sockets after 5 s). */
async function sendOnce(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!['UND_ERR_SOCKET', 'EPIPE', 'ECONNRESET'].includes(error?.cause?.code)) throw error;
    return fetch(url, init);
  }
}

/**
 * A request on a connection of its own (no kept-alive socket the server may have dropped), given up after
 * `timeoutMs`: while the consumer quotes a chunk the Worker's isolate answers nothing else.
 */
function requestFresh(url, { method = 'GET', headers = {}, body, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        agent: false,
        timeout: timeoutMs,
        headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const parts = [];
        res.on('data', (part) => parts.push(part));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(parts).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Posts a fleet as one job and polls it once a second until it ends; `onPoll` sees every status read.
 * @returns the job as created, its last status and how long the POST took
 */
async function runJob(base, auth, csv, onPoll = () => {}) {
  const posted = performance.now();
  const created = await requestFresh(`${base}/v1/jobs?asOf=2026-11-28`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: csv,
    timeoutMs: 600_000,
  });
  if (created.status !== 202) throw new Error(`POST /v1/jobs answered ${created.status}: ${created.text}`);
  const job = JSON.parse(created.text);
  const postedMs = performance.now() - posted;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    // While the consumer quotes a chunk the local isolate answers nothing else: a poll that times out is retried.
    const answer = await requestFresh(`${base}/v1/jobs/${job.id}`, { headers: auth, timeoutMs: 30_000 }).catch(
      (error) => {
        process.stderr.write(`  poll: ${error.message}\n`);
        return undefined;
      },
    );
    if (!answer) continue;
    const status = JSON.parse(answer.text);
    onPoll(status);
    if (status.status !== 'queued' && status.status !== 'running') return { job, status, postedMs };
  }
}

/**
 * One fleet job: the fleet posted as CSV, the job polled until done while the CPU and resident memory of
 * every workerd process are sampled; then the synchronous batch of 2,000 vessels of the same generator for
 * the vessels-per-CPU-second comparison.
 */
async function fleetJob({ worker: started, base, processes }) {
  const vessels = Number(option('--vessels') ?? 100_000);
  const calls = 12;
  const key = createKey(started, ['create', '--name', 'Bench Lines']);
  const auth = { authorization: `Bearer ${key}` };
  process.stderr.write(`  generating ${vessels} vessels × ${calls} calls…\n`);
  const csv = Buffer.from(fleetCsv(generateFleet({ vessels, calls })));
  const worker = processes.filter((p) => p.role === 'worker').map((p) => p.pid);
  const all = processes.map((p) => p.pid);
  const memory = () => Object.fromEntries(processes.map((p) => [`${p.role}-${p.pid}`, rssMiB(p.pid)]));
  // A first job on a fresh Worker pays the runtime's warm-up (compiling the job path, growing the heap); the
  // batch it is compared with is measured warm (after the job, median of three). A small job first puts both in
  // the same state, and is not counted.
  const warmUpVessels = Math.min(2000, vessels);
  process.stderr.write(`  warm-up job of ${warmUpVessels} vessels (not counted)…\n`);
  await runJob(base, auth, Buffer.from(fleetCsv(generateFleet({ vessels: warmUpVessels, calls, seed: 7 }))));
  const before = { worker: cpuMillis(worker), all: cpuMillis(all), memory: memory() };
  const peak = { ...before.memory };
  const samples = [];
  const start = performance.now();
  const { job, status, postedMs } = await runJob(base, auth, csv, (status) => {
    const now = memory();
    for (const [name, mib] of Object.entries(now)) peak[name] = Math.max(peak[name] ?? 0, mib);
    const done = status.vessels.done + status.vessels.failed;
    samples.push({ seconds: Math.round((performance.now() - start) / 1000), done, rssMiB: now });
    if (samples.length % 10 === 0) process.stderr.write(`  ${done}/${vessels} vessels, ${JSON.stringify(now)} MiB\n`);
  });
  const wallMs = performance.now() - start;
  await new Promise((r) => setTimeout(r, 200));
  const cpuMs = cpuMillis(worker) - before.worker;
  const allWorkerdCpuMs = cpuMillis(all) - before.all;
  if (status.status !== 'done' || status.vessels.done !== vessels)
    throw new Error(`the job ended ${JSON.stringify(status)}`);
  const report = JSON.parse((await requestFresh(`${base}/v1/jobs/${job.id}/report`, { headers: auth })).text);

  // The synchronous batch of the same generator (2,000 vessels), for vessels per CPU-second.
  const batchVessels = 2000;
  const batchCsv = fleetCsv(generateFleet({ vessels: batchVessels, calls }));
  const batchCpu = [];
  for (let i = 0; i < RUNS; i++) {
    const { res, cpuMs: ms } = await timed(processes, () =>
      sendOnce(`${base}/v1/quotes/batch?asOf=2026-11-28`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' },
        body: batchCsv,
      }),
    );
    if (res.status !== 200) throw new Error(`batch answered ${res.status}`);
    batchCpu.push(ms);
  }
  const jobPerCpuSecond = vessels / (cpuMs / 1000);
  const batchPerCpuSecond = batchVessels / (median(batchCpu) / 1000);
  // Memory at a tenth, half and nine tenths of the way: flat when the job holds no more than a chunk at a time.
  const at = (share) => samples.find((sample) => sample.done >= share * vessels) ?? samples.at(-1);
  // The Worker's resident memory over each tenth of the fleet (sampled once a second): its highest and lowest
  // reading. Memory that grew with the fleet would raise the later tenths' peaks above the earlier ones'.
  const workerKey = `worker-${worker[0]}`;
  const byTenth = Array.from({ length: 10 }, (_, tenth) => {
    const within = samples
      .filter(
        (sample) =>
          sample.done >= (tenth / 10) * vessels && (sample.done < ((tenth + 1) / 10) * vessels || tenth === 9),
      )
      .map((sample) => sample.rssMiB[workerKey]);
    return within.length === 0 ? null : { peak: Math.max(...within), low: Math.min(...within), samples: within.length };
  });
  const peakOf = (tenths) => Math.max(...tenths.filter(Boolean).map((t) => t.peak));
  const firstHalfPeak = peakOf(byTenth.slice(0, 5));
  const secondHalfPeak = peakOf(byTenth.slice(5));
  // The lows follow what stays after the runtime collects: memory kept per chunk would raise them tenth by tenth.
  const lowOf = (tenths) => median(tenths.filter(Boolean).map((t) => t.low));
  return {
    request: `POST /v1/jobs, text/csv in (${csv.length} bytes), chunks of 2,000 vessels`,
    warmUp: `one job of ${warmUpVessels} vessels first, not counted`,
    fleet: { vessels, callsPerVessel: calls, calls: vessels * calls },
    job: { id: job.id, status: status.status, vessels: status.vessels },
    voyages: report.totals.reduce((total, row) => total + Object.values(row.values)[0].voyages, 0),
    postMs: Math.round(postedMs),
    wallMs: Math.round(wallMs),
    vesselsPerSecond: Math.round(vessels / (wallMs / 1000)),
    workerCpuMs: Math.round(cpuMs),
    allWorkerdCpuMs: Math.round(allWorkerdCpuMs),
    memoryMiB: {
      before: before.memory,
      peak,
      atTenth: at(0.1).rssMiB,
      atHalf: at(0.5).rssMiB,
      atNineTenths: at(0.9).rssMiB,
      workerByTenth: byTenth,
      workerPeakFirstHalf: firstHalfPeak,
      workerPeakSecondHalf: secondHalfPeak,
      workerSecondHalfOverFirst: Number((secondHalfPeak / firstHalfPeak).toFixed(2)),
      workerMedianLowFirstHalf: lowOf(byTenth.slice(1, 5)),
      workerMedianLowSecondHalf: lowOf(byTenth.slice(5)),
    },
    vesselsPerCpuSecond: { job: Math.round(jobPerCpuSecond), batch: Math.round(batchPerCpuSecond) },
    batchCpuMs: batchCpu.map(Math.round),
    throughputShareOfBatch: Number((jobPerCpuSecond / batchPerCpuSecond).toFixed(2)),
    target:
      'completes; memory flat (second-half peak ≤ 1.1 × first-half peak); vessels per CPU-second ≥ 0.7 × the synchronous batch',
  };
}
const gzipKiB = (bytes) => Math.round((gzipSync(bytes, { level: 9 }).length / 1024) * 10) / 10;

/** Engine throughput in its own process (tinybench, one core). */
/** The guards, each with the figure measured against its limit; filled in by the measurements that take them. */
const guards = [];
function guard(name, measured, limit, pass) {
  guards.push({ guard: name, measured, limit, pass });
}

function engine() {
  const out = execFileSync(bin('tsx'), [join(root, 'bench', 'engine.ts')], { cwd: root, encoding: 'utf8' });
  const figures = JSON.parse(out);
  const perSecond = figures['10-call voyage'].quotesPerSecond;
  guard('engine: 10-call voyages a second', perSecond, '≥ 20000', perSecond >= 20_000);
  return figures;
}

/** POST /v1/quotes and GET /healthz driven at the same time against the same server. */
async function httpLatency({ base }) {
  const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 15);
  const body = readFileSync(join(root, 'bench', 'quote-request.json'), 'utf8');
  const run = (opts) => autocannon({ url: base, duration: seconds, ...opts });
  const [quotes, health] = await Promise.all([
    run({
      connections: 8,
      requests: [{ method: 'POST', path: '/v1/quotes', headers: { 'content-type': 'application/json' }, body }],
    }),
    run({ connections: 8, requests: [{ method: 'GET', path: '/healthz' }] }),
  ]);
  const figures = (r) => ({
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
  });
  const q = figures(quotes);
  const h = figures(health);
  return {
    seconds,
    'POST /v1/quotes': q,
    'GET /healthz': h,
    p50Ratio: h.p50Ms > 0 ? Number((q.p50Ms / h.p50Ms).toFixed(2)) : null,
    p99Ratio: h.p99Ms > 0 ? Number((q.p99Ms / h.p99Ms).toFixed(2)) : null,
    target: 'POST /v1/quotes p50 ≤ 1.5 × GET /healthz p50',
  };
}

/** One request through `agent`, body read to the end; resolves to the status. */
function sendThrough(agent, base, { method, path, body }) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(path, base),
      { method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {} },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Worker CPU per request of each of `kinds` (name → request): rounds of `BENCH_ROUND_SECONDS` each
 * (default 4), every kind once per round in a rotating order, all on the same keep-alive connections,
 * CPU read from the `pids` between kinds. Round 0 warms the JIT on every path and is not counted.
 */
async function interleavedCpu({ base, pids, kinds }) {
  const seconds = Number(process.env.BENCH_ROUND_SECONDS ?? 4);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
  const connections = 4;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const names = Object.keys(kinds);
  const perRequest = Object.fromEntries(names.map((name) => [name, []]));
  try {
    for (const name of names)
      if ((await sendThrough(agent, base, kinds[name])) !== 200) throw new Error(`${name} did not answer 200`);
    for (let round = 0; round <= rounds; round++) {
      // Rotate which goes first, so no kind always follows the same other.
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const name of order) {
        const before = cpuMillis(pids);
        const until = performance.now() + seconds * 1000;
        let count = 0;
        await Promise.all(
          Array.from({ length: connections }, async () => {
            while (performance.now() < until) {
              const status = await sendThrough(agent, base, kinds[name]);
              if (status !== 200) throw new Error(`${name} answered ${status}`);
              count += 1;
            }
          }),
        );
        await new Promise((r) => setTimeout(r, 200));
        if (round > 0) perRequest[name].push({ requests: count, cpuMsPerRequest: (cpuMillis(pids) - before) / count });
      }
    }
  } finally {
    agent.destroy();
  }
  const round3 = (n) => Number(n.toFixed(3));
  return {
    rounds,
    secondsPerRound: seconds,
    connections,
    rows: Object.fromEntries(
      names.map((name) => [name, perRequest[name].map((r) => ({ ...r, cpuMsPerRequest: round3(r.cpuMsPerRequest) }))]),
    ),
    medians: Object.fromEntries(names.map((name) => [name, median(perRequest[name].map((r) => r.cpuMsPerRequest))])),
  };
}

const QUOTE_BODY = () => Buffer.from(readFileSync(join(root, 'bench', 'quote-request.json'), 'utf8'));

/**
 * The quote guards over HTTP, against the Worker started with bench/isolate-entry.ts: interleaved on the same
 * connections, a health check, a bare quote (parse, engine, words in English, serialise: no routing, middleware,
 * validation or headers) and the real POST /v1/quotes of the same 10-call request.
 */
async function quoteGuards() {
  const worker = await startWorker({ vars: { RATE_LIMITS: 'off' }, args: [join(root, 'bench', 'isolate-entry.ts')] });
  try {
    const pid = worker.workerdPid();
    if (!pid) throw new Error('no workerd process running the Worker found');
    const body = QUOTE_BODY();
    const { rows, medians, ...method } = await interleavedCpu({
      base: worker.base,
      pids: [pid],
      kinds: {
        health: { method: 'GET', path: '/healthz' },
        bare: { method: 'POST', path: '/__bench/bare-quote', body },
        quote: { method: 'POST', path: '/v1/quotes', body },
      },
    });
    // Each ratio is taken within a round, where the kinds ran back to back under the same load, then the median
    // over the rounds: a busy machine moves a whole round, not one kind.
    const ratio = (a, b) =>
      Number(median(rows[a].map((row, i) => row.cpuMsPerRequest / rows[b][i].cpuMsPerRequest)).toFixed(2));
    const quoteOverHealth = ratio('quote', 'health');
    const routeOverBare = ratio('quote', 'bare');
    guard('quote CPU over /healthz under wrangler dev', quoteOverHealth, '≤ 2.0', quoteOverHealth <= 2.0);
    guard('route CPU over the bare quote', routeOverBare, '≤ 1.15', routeOverBare <= 1.15);
    return {
      ...method,
      cpuMsPerRequest: rows,
      medianCpuMsPerRequest: Object.fromEntries(Object.entries(medians).map(([k, v]) => [k, Number(v.toFixed(3))])),
      quoteOverHealth,
      routeOverBare,
    };
  } finally {
    worker.stop();
  }
}

/** Every route that takes a body, with the headers a caller with a secret key sends; fleet jobs last (see below). */
const BODY_ROUTES = [
  ['POST', '/v1/quotes'],
  ['POST', '/v1/quotes/compare'],
  ['POST', '/v1/quotes/batch'],
  ['POST', '/v1/quotes/q_0123456789abcdef01234567/requote'],
  ['POST', '/v1/vessels/9310006/charges'],
  ['PUT', '/v1/vessels/9310006'],
  ['POST', '/v1/vessels'],
  ['PATCH', '/v1/account'],
  ['POST', '/v1/webhooks'],
  ['POST', '/v1/webhooks/wh_00000000000000000000/test'],
  ['POST', '/mcp'],
  ['POST', '/v1/jobs'],
];

/**
 * Worker CPU per request of each 256 KB hostile body (bench/hostile-bodies.mjs) on each body-taking route:
 * `BENCH_HOSTILE_REPEATS` (default 5) sends of each, after one uncounted. A fleet job's body is read later by the
 * queue consumer, so the CPU of the 10 s after the last job is reported too, per job sent.
 */
async function hostileBodiesCpu({ worker, base, processes }) {
  const pids = processes.filter((p) => p.role === 'worker').map((p) => p.pid);
  const repeats = Number(process.env.BENCH_HOSTILE_REPEATS ?? 5);
  const auth = { authorization: `Bearer ${createKey(worker, ['create', '--name', 'Bench Hostile'])}` };
  const headers = { ...auth, 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const bodies = hostileBodies();
  const perRoute = {};
  const failures = [];
  let jobs = 0;
  for (const [method, path] of BODY_ROUTES) {
    const row = {};
    for (const { name, text } of bodies) {
      const send = async () => {
        const res = await sendOnce(`${base}${path}`, { method, headers, body: text });
        const answer = await res.text();
        if (res.status >= 500) failures.push({ route: `${method} ${path}`, body: name, answer: answer.slice(0, 400) });
        return res.status;
      };
      await send();
      const before = cpuMillis(pids);
      let status = 0;
      for (let i = 0; i < repeats; i++) status = await send();
      row[name] = { status, cpuMs: Number(((cpuMillis(pids) - before) / repeats).toFixed(1)) };
      if (path === '/v1/jobs') jobs += repeats + 1;
    }
    perRoute[`${method} ${path}`] = row;
  }
  const before = cpuMillis(pids);
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const consumerMs = cpuMillis(pids) - before;
  const maxCpu = Object.fromEntries(
    Object.entries(perRoute).map(([route, row]) => [route, Math.max(...Object.values(row).map((r) => r.cpuMs))]),
  );
  return {
    bytesPerBody: bodies.map((b) => b.text.length),
    repeats,
    perRoute,
    maxCpuMsPerRoute: maxCpu,
    jobConsumerCpuMsPerJob: Number((consumerMs / Math.max(1, jobs)).toFixed(1)),
    failures,
    target: '< 50 ms of Worker CPU per request on every route',
  };
}

/** The Worker bundle as wrangler would upload it. */
function bundle() {
  const outdir = mkdtempSync(join(tmpdir(), 'portfees-bundle-'));
  try {
    const result = spawnSync(bin('wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    });
    if (result.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${result.stderr}`);
    const code = readFileSync(join(outdir, 'index.js'));
    return { rawKiB: Math.round((code.length / 1024) * 10) / 10, gzipKiB: gzipKiB(code), target: '≤ 400 KB gzipped' };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

async function widget() {
  const { text } = await bundleWidget();
  return {
    rawKiB: Math.round((Buffer.byteLength(text) / 1024) * 10) / 10,
    gzipKiB: gzipKiB(Buffer.from(text)),
    budget: '≤ 30 KB gzipped',
  };
}

/** Measurements that need no shared server run before it starts (quote-guards starts its own). */
const OFFLINE = new Set(['engine', 'bundle', 'widget', 'quote-guards']);

const MEASUREMENTS = {
  engine: { description: 'engine quotes per second on one core (tinybench)', run: engine },
  'http-latency': { description: 'HTTP latency of quotes next to health checks under the same load', run: httpLatency },
  'quote-guards': {
    description:
      'Worker CPU per request over HTTP: a health check, a bare quote (engine and words) and the real 10-call quote',
    run: quoteGuards,
  },
  'fleet-batch-json': {
    description: '2,000 vessels × 12 US/Chinese calls, one CSV batch, JSON answer',
    run: fleetBatch({ accept: 'application/json' }),
  },
  'fleet-batch-ndjson': {
    description: 'the same fleet, NDJSON answer streamed per vessel',
    run: fleetBatch({ accept: 'application/x-ndjson' }),
  },
  'fleet-job': {
    description: 'one fleet job (default 100,000 vessels × 12 calls) quoted by the queue consumer under npm start',
    run: fleetJob,
  },
  'hostile-bodies': {
    description: 'Worker CPU per request of each 256 KB hostile body on each body-taking route',
    run: hostileBodiesCpu,
  },
  bundle: { description: 'Worker bundle size', run: bundle },
  widget: { description: 'widget module size', run: widget },
};

// ---------- run ----------

/** `--name value` from the command line. */
function option(name) {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}
const wanted = process.argv.slice(2).filter((arg, i, args) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
const unknown = wanted.filter((name) => !MEASUREMENTS[name]);
if (unknown.length > 0) {
  console.error(`unknown measurement ${unknown.join(', ')}; known: ${Object.keys(MEASUREMENTS).join(', ')}`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : Object.keys(MEASUREMENTS);
const results = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown' },
  method:
    'CPU: utime+stime delta from /proc/<pid>/stat of the workerd process running the Worker (cpuMs) and of every workerd process including the local dev proxy (allWorkerdCpuMs); median of runs, after one warm-up request',
  measurements: {},
};
for (const name of names.filter((n) => OFFLINE.has(n))) {
  process.stderr.write(`measuring ${name}…\n`);
  results.measurements[name] = { description: MEASUREMENTS[name].description, ...(await MEASUREMENTS[name].run()) };
}
const online = names.filter((n) => !OFFLINE.has(n));
if (online.length > 0) {
  // Rate limits would throttle a benchmark that comes from one address.
  const worker = await startWorker({ vars: { RATE_LIMITS: 'off' } });
  try {
    const processes = worker.workerd();
    if (!processes.some((p) => p.role === 'worker'))
      throw new Error(`no workerd process running the Worker found: ${JSON.stringify(processes)}`);
    results.workerd = processes;
    // Warm-up: the first request parses and validates the tariff files.
    await (await fetch(`${worker.base}/v1/tariffs`)).arrayBuffer();
    for (const name of online) {
      process.stderr.write(`measuring ${name}…\n`);
      results.measurements[name] = {
        description: MEASUREMENTS[name].description,
        ...(await MEASUREMENTS[name].run({ worker, base: worker.base, processes })),
      };
    }
  } finally {
    worker.stop();
  }
}
results.guards = guards;
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
for (const { guard: name, measured, limit, pass } of guards)
  console.log(`${pass ? 'PASS' : 'FAIL'}  ${name}: ${measured} (${limit})`);
if (guards.some(({ pass }) => !pass)) process.exitCode = 1;
