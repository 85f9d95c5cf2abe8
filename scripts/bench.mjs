#!/usr/bin/env node
// `npm run bench [-- name ...]`: measures the Worker as users run it. Starts
// `npm start -- --port N`, finds the workerd process serving it, and runs
// each measurement below (or only the named ones). CPU time is the utime +
// stime delta from /proc/<pid>/stat over the request: of the workerd process
// running the Worker (what the Workers CPU limit counts, and then some: it
// includes reading the body and the runtime's own threads), and of all
// workerd processes together (adding wrangler's local proxy in front of it).
// Writes bench/results.json and prints it.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fleetCsv, generateFleet } from '../bench/fleet.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
/** The paid plan's default CPU limit per request (it can be raised to 5 minutes). */
const PAID_PLAN_CPU_MS = 30_000;

// ---------- the Worker and its process ----------

function freePort() {
  return new Promise((resolve, reject) => {
    import('node:net').then(({ createServer }) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
      server.on('error', reject);
    });
  });
}

async function startWorker() {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--port', String(port)], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout.on('data', (chunk) => { log += chunk; });
  child.stderr.on('data', (chunk) => { log += chunk; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline || child.exitCode !== null) {
      stopWorker(child);
      throw new Error(`the Worker did not start on ${base}:\n${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { base, port, child };
}

function stopWorker(child) {
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
}

/** Every process id → [parent id, command name], from /proc. */
function processTable() {
  const table = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const parent = Number(stat.slice(close + 2).split(' ')[1]);
      table.set(Number(name), [parent, comm]);
    } catch { /* gone */ }
  }
  return table;
}

/**
 * The workerd processes started by `root` (its descendants), each with its
 * role: wrangler dev runs a proxy listening on the public port and, in a
 * second workerd, the Worker itself.
 */
function workerdUnder(rootPid, port) {
  const table = processTable();
  const isDescendant = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 50; hops++) {
      if (p === rootPid) return true;
      p = table.get(p)?.[0] ?? 0;
    }
    return false;
  };
  return [...table]
    .filter(([pid, [, comm]]) => comm === 'workerd' && isDescendant(pid))
    .map(([pid]) => {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return { pid, role: command.includes(`--socket-addr=entry=127.0.0.1:${port}`) ? 'proxy' : 'worker' };
    });
}

/** utime + stime of the processes, in milliseconds. */
function cpuMillis(pids) {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of /proc/<pid>/stat (utime, stime); fields[0] here is field 3.
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

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
    const send = () => fetch(`${base}/v1/quotes/batch?asOf=2026-11-28`, { method: 'POST', headers: { 'content-type': 'text/csv', accept }, body: csv });
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
      runs.push({ cpuMs: Math.round(cpuMs), allWorkerdCpuMs: Math.round(allWorkerdCpuMs), wallMs: Math.round(wallMs), responseBytes: body.length });
    }
    if (summary.quoted !== vessels) throw new Error(`expected ${vessels} vessels quoted, got ${JSON.stringify(summary)}`);
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

const MEASUREMENTS = {
  'fleet-batch-json': { description: '2,000 vessels × 12 US/Chinese calls, one CSV batch, JSON answer', run: fleetBatch({ accept: 'application/json' }) },
  'fleet-batch-ndjson': { description: 'the same fleet, NDJSON answer streamed per vessel', run: fleetBatch({ accept: 'application/x-ndjson' }) },
};

// ---------- run ----------

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !MEASUREMENTS[name]);
if (unknown.length > 0) {
  console.error(`unknown measurement ${unknown.join(', ')}; known: ${Object.keys(MEASUREMENTS).join(', ')}`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : Object.keys(MEASUREMENTS);
const { base, port, child } = await startWorker();
const results = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown' },
  method: 'utime+stime delta from /proc/<pid>/stat of the workerd process running the Worker (cpuMs) and of every workerd process including the local dev proxy (allWorkerdCpuMs); median of runs, after one warm-up request',
  measurements: {},
};
try {
  const processes = workerdUnder(child.pid, port);
  if (!processes.some((p) => p.role === 'worker')) throw new Error(`no workerd process running the Worker found under ${child.pid}: ${JSON.stringify(processes)}`);
  results.workerd = processes;
  // Warm-up: the first request parses and validates the tariff files.
  await (await fetch(`${base}/v1/tariffs`)).arrayBuffer();
  for (const name of names) {
    process.stderr.write(`measuring ${name}…\n`);
    results.measurements[name] = { description: MEASUREMENTS[name].description, ...(await MEASUREMENTS[name].run({ base, processes })) };
  }
} finally {
  stopWorker(child);
}
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
