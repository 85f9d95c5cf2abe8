#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// `npm run load`: starts the Worker locally (wrangler dev) and drives it with
// autocannon for LOAD_SECONDS (default 60) with a mix of valid quotes, invalid
// bodies, oversized bodies, batch requests and health checks, all at once.
// Reports requests/s and p50/p99 latency per route, the count of 5xx (must be
// 0) and the memory of the workerd process at start and end.
import autocannon from 'autocannon';
import { root, rssMiB, startWorker } from './lib/worker-process.mjs';

const seconds = Number(process.env.LOAD_SECONDS ?? 60);
const json = { 'content-type': 'application/json' };

const vessel = (imo, operator, netTonnage) => ({
  imo,
  type: 'container',
  flag: 'PA',
  buildCountry: 'CN',
  netTonnage,
  deadweight: 100000,
  teuCapacity: 8000,
  owner: { country: 'GR' },
  operator: { country: operator },
});
const calls = [
  { port: 'CNSHA', arrival: '2025-09-25T08:00:00+08:00' },
  { port: 'USLAX', arrival: '2025-10-20T06:00:00-07:00', containersDischarged: 2000 },
  { port: 'USOAK', arrival: '2025-10-23' },
  { port: 'CNNGB', arrival: '2025-11-20T08:00:00+08:00' },
  { port: 'USSEA', arrival: '2026-12-01T06:00:00-08:00' },
];
const quotes = [
  { vessel: vessel('9310006', 'CN', 60000), portCalls: calls },
  { vessel: vessel('9310020', 'DK', 50000), portCalls: calls.slice(0, 3) },
  {
    vessel: { ...vessel('9310111', 'US', 30224), flag: 'US', buildCountry: 'US' },
    portCalls: calls,
    options: { fx: { 'USD/CNY': '7.10' } },
  },
];
const invalid = [
  '{"vessel": ',
  JSON.stringify({ vessel: { ...vessel('9310007', 'CN', -1) }, portCalls: [{ port: 'xx', arrival: '2025-02-30' }] }),
  JSON.stringify([1, 2, 3]),
];
const oversized = JSON.stringify({ pad: 'x'.repeat(300 * 1024) });
const batch = JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ ...quotes[i % 3] })));

const mixes = {
  'POST /v1/quotes (valid)': {
    connections: 16,
    requests: quotes.map((body) => ({ method: 'POST', path: '/v1/quotes', headers: json, body: JSON.stringify(body) })),
  },
  'POST /v1/quotes (invalid)': {
    connections: 4,
    requests: invalid.map((body) => ({ method: 'POST', path: '/v1/quotes', headers: json, body })),
  },
  'POST /v1/quotes (oversized)': {
    connections: 2,
    requests: [{ method: 'POST', path: '/v1/quotes', headers: json, body: oversized }],
  },
  'POST /v1/quotes/batch (20 vessels)': {
    connections: 2,
    requests: [{ method: 'POST', path: '/v1/quotes/batch', headers: json, body: batch }],
  },
  'GET /healthz': { connections: 4, requests: [{ method: 'GET', path: '/healthz' }] },
};

const worker = await startWorker({ vars: { RATE_LIMITS: 'off' } });
const pid = worker.workerdPid();
const memoryStart = pid ? rssMiB(pid) : null;
console.log(`load: ${worker.base}, workerd pid ${pid}, ${seconds} s, routes: ${Object.keys(mixes).join('; ')}`);

const statusCounts = {};
const runs = Object.entries(mixes).map(([name, mix]) => {
  statusCounts[name] = {};
  const instance = autocannon({
    url: worker.base,
    duration: seconds,
    connections: mix.connections,
    requests: mix.requests,
    timeout: 30,
  });
  instance.on('response', (_client, statusCode) => {
    statusCounts[name][statusCode] = (statusCounts[name][statusCode] ?? 0) + 1;
  });
  return new Promise((resolve, reject) => instance.then((result) => resolve([name, result]), reject));
});
const results = await Promise.all(runs);
const memoryEnd = pid ? rssMiB(pid) : null;
worker.stop();

const routes = Object.fromEntries(
  results.map(([name, r]) => [
    name,
    {
      requestsPerSecond: Math.round(r.requests.average),
      latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
      statuses: statusCounts[name],
      errors: r.errors,
      timeouts: r.timeouts,
    },
  ]),
);
const fiveXX = Object.values(statusCounts).reduce(
  (sum, counts) =>
    sum +
    Object.entries(counts)
      .filter(([s]) => Number(s) >= 500)
      .reduce((a, [, n]) => a + n, 0),
  0,
);
const summary = {
  when: new Date().toISOString(),
  seconds,
  totalRequestsPerSecond: results.reduce((sum, [, r]) => sum + Math.round(r.requests.average), 0),
  fiveXX,
  workerdMemoryMiB: { start: memoryStart, end: memoryEnd },
  routes,
};
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench', 'load-results.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
if (fiveXX > 0) {
  console.error(`load: ${fiveXX} responses were 5xx`);
  process.exit(1);
}
