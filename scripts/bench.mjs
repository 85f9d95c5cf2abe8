#!/usr/bin/env node
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
// `npm run bench [-- name ...]`: the benchmark suite. Prints one JSON summary
// and writes it to bench/results.json (kept out of git). Measurements (all by
// default, or only the named ones):
//   engine            engine quotes/s, 10-call voyage and 100-call year (tinybench, one core)
//   http-latency      p50/p99 of POST /v1/quotes next to GET /healthz, same load, same run
//   quote-cpu         Worker CPU per request of a 10-call POST /v1/quotes against GET /healthz, in
//                     alternating rounds on the same keep-alive connections, one run
//   fleet-batch-json  CPU time of a 2,000-vessel × 12-call batch (JSON answer)
//   fleet-batch-ndjson  the same, NDJSON streamed per vessel
//   bundle            Worker bundle size gzipped (wrangler deploy --dry-run --outdir)
//   widget            widget module size gzipped
// CPU time is the utime + stime delta from /proc/<pid>/stat of the workerd
// process running the Worker (what the Workers CPU limit counts, and then
// some: it includes reading the body and the runtime's own threads), and of
// all workerd processes together (adding wrangler's local proxy in front).
import autocannon from 'autocannon';
import { fleetCsv, generateFleet } from '../bench/fleet.mjs';
import { cpuMillis, root, startWorker } from './lib/worker-process.mjs';
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
const gzipKiB = (bytes) => Math.round((gzipSync(bytes, { level: 9 }).length / 1024) * 10) / 10;

/** Engine throughput in its own process (tinybench, one core). */
function engine() {
  const out = execFileSync(bin('tsx'), [join(root, 'bench', 'engine.ts')], { cwd: root, encoding: 'utf8' });
  const figures = JSON.parse(out);
  return { ...figures, target: { '10-call voyage': '≥ 20,000 quotes/s' } };
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
function send(agent, base, { method, path, body }) {
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
 * Worker CPU per request of a 10-call quote and of a health check: rounds of
 * `BENCH_ROUND_SECONDS` each, quote and health alternating, all on the same
 * keep-alive connections, CPU read from the workerd process between rounds.
 */
async function quoteCpu({ base, processes }) {
  const seconds = Number(process.env.BENCH_ROUND_SECONDS ?? 4);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const connections = 4;
  const worker = processes.filter((p) => p.role === 'worker').map((p) => p.pid);
  const body = Buffer.from(readFileSync(join(root, 'bench', 'quote-request.json'), 'utf8'));
  const kinds = {
    quote: { method: 'POST', path: '/v1/quotes', body },
    health: { method: 'GET', path: '/healthz' },
  };
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const perRequest = { quote: [], health: [] };
  try {
    for (const kind of Object.keys(kinds)) if ((await send(agent, base, kinds[kind])) !== 200) throw new Error(kind);
    // Round 0 warms the JIT on both paths and is not counted.
    for (let round = 0; round <= rounds; round++) {
      // Alternate which goes first, so neither always follows the other.
      const order = round % 2 === 0 ? ['quote', 'health'] : ['health', 'quote'];
      for (const kind of order) {
        const before = cpuMillis(worker);
        const until = performance.now() + seconds * 1000;
        let count = 0;
        await Promise.all(
          Array.from({ length: connections }, async () => {
            while (performance.now() < until) {
              const status = await send(agent, base, kinds[kind]);
              if (status !== 200) throw new Error(`${kind} answered ${status}`);
              count += 1;
            }
          }),
        );
        await new Promise((r) => setTimeout(r, 200));
        if (round > 0)
          perRequest[kind].push({ requests: count, cpuMsPerRequest: (cpuMillis(worker) - before) / count });
      }
    }
  } finally {
    agent.destroy();
  }
  const medianOf = (kind) => median(perRequest[kind].map((r) => r.cpuMsPerRequest));
  const quoteMs = medianOf('quote');
  const healthMs = medianOf('health');
  const round3 = (n) => Number(n.toFixed(3));
  return {
    rounds,
    secondsPerRound: seconds,
    connections,
    'POST /v1/quotes (10 calls)': perRequest.quote.map((r) => ({ ...r, cpuMsPerRequest: round3(r.cpuMsPerRequest) })),
    'GET /healthz': perRequest.health.map((r) => ({ ...r, cpuMsPerRequest: round3(r.cpuMsPerRequest) })),
    quoteCpuMsPerRequest: round3(quoteMs),
    healthCpuMsPerRequest: round3(healthMs),
    cpuRatio: Number((quoteMs / healthMs).toFixed(2)),
    target: 'quote CPU ≤ 1.3 × health-check CPU',
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

/** Measurements that need no server run before it starts. */
const OFFLINE = new Set(['engine', 'bundle', 'widget']);

const MEASUREMENTS = {
  engine: { description: 'engine quotes per second on one core (tinybench)', run: engine },
  'http-latency': { description: 'HTTP latency of quotes next to health checks under the same load', run: httpLatency },
  'quote-cpu': {
    description: 'Worker CPU per request: a 10-call quote against a health check, alternating rounds, same connections',
    run: quoteCpu,
  },
  'fleet-batch-json': {
    description: '2,000 vessels × 12 US/Chinese calls, one CSV batch, JSON answer',
    run: fleetBatch({ accept: 'application/json' }),
  },
  'fleet-batch-ndjson': {
    description: 'the same fleet, NDJSON answer streamed per vessel',
    run: fleetBatch({ accept: 'application/x-ndjson' }),
  },
  bundle: { description: 'Worker bundle size', run: bundle },
  widget: { description: 'widget module size', run: widget },
};

// ---------- run ----------

const wanted = process.argv.slice(2);
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
        ...(await MEASUREMENTS[name].run({ base: worker.base, processes })),
      };
    }
  } finally {
    worker.stop();
  }
}
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
