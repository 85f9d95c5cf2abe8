#!/usr/bin/env node
// `npm run drill`: the day the law changes, rehearsed end to end against
// `npm start` on scratch state. A scratch copy of the project (its own local
// D1, queues and R2 under .wrangler/, node_modules linked) is served on a free
// port with the clock set (NOW); quotes are saved, a webhook receiver listens
// on loopback, then a data-only tariff version that confirms the resumption of
// the us-301 fees (tests/fixtures/tariffs/us-301-2026-11-20.json) is written
// into the copy's tariffs/ and the Worker restarted, as a real version ships.
// The scheduled check is run by hand (GET /__scheduled), twice. Prints what
// arrived against what was expected; exits 1 on any difference.
// Options: --keep leaves the scratch copy in place (its path is printed).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { freePort, root, startWorker } from './lib/worker-process.mjs';

/** The drill's "now": after the version's publication (2026-11-20), whatever the real date or later versions. */
const NOW = '2026-12-01T00:00:00Z';
const VERSION = 'us-301/2026-11-20';
const keep = process.argv.includes('--keep');

const started = Date.now();
const step = (text) => process.stdout.write(`\n== ${((Date.now() - started) / 1000).toFixed(1)} s: ${text}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The project without its dependencies, history or local state; node_modules linked. */
function scratchCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'portfees-drill-'));
  const skipped = /^(node_modules|\.git|\.wrangler|test-results)(\/|$)/;
  cpSync(root, dir, { recursive: true, filter: (source) => !skipped.test(relative(root, source)) });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** `npm run keys -- create` in the scratch copy: a secret key in its local D1. */
function secretKey(dir) {
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      join(dir, 'scripts', 'keys.ts'),
      'create',
      '--name',
      'Drill',
    ],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  );
  const key = /sk_live_[A-Za-z0-9_-]+/.exec(result.stdout)?.[0];
  if (!key) throw new Error(`no key created:\n${result.stdout}\n${result.stderr}`);
  return key;
}

/** Rows of one SQL query on the scratch copy's local D1. */
function localRows(dir, sql) {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'wrangler'),
    ['d1', 'execute', 'DB', '--local', '--json', '--command', sql],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', WRANGLER_LOG: 'log' },
    },
  );
  if (result.status !== 0) throw new Error(`wrangler d1 execute failed:\n${result.stderr}`);
  return JSON.parse(result.stdout)[0].results;
}

/** The webhook receiver: every request kept as it arrived. */
async function receiver() {
  const port = await freePort();
  const received = [];
  const server = createServer((req, res) => {
    const parts = [];
    req.on('data', (part) => parts.push(part));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(parts).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((r) => server.close(r)) };
}

/** A Chinese-operated 60,000 NT container ship (Annex I); `covered: false` makes it Danish-operated (neither regime). */
const vessel = (covered = true) => ({
  imo: '9310006',
  type: 'container',
  flag: 'PA',
  buildCountry: 'KR',
  netTonnage: 60000,
  deadweight: 100000,
  teuCapacity: 8000,
  owner: { country: 'GR' },
  operator: { country: covered ? 'CN' : 'DK' },
});
const AFTER_SUSPENSION = '2026-12-01T06:00:00-08:00';
const atLosAngeles = (arrival, options, covered = true) => ({
  vessel: vessel(covered),
  portCalls: [{ port: 'USLAX', arrival }],
  options,
});
/** 120 calls, Los Angeles and Shanghai in turn every 4 days: over 64 KiB of JSON, stored gzip-compressed. */
const largeQuote = () => ({
  vessel: vessel(),
  portCalls: Array.from({ length: 120 }, (_, i) => ({
    port: i % 2 ? 'CNSHA' : 'USLAX',
    arrival: new Date(Date.UTC(2026, 11, 1, 14) + i * 4 * 86_400_000).toISOString().replace('.000Z', 'Z'),
  })),
  options: { asOf: '2026-11-28' },
});

/** The saved quotes: name, request, and whether the version moves it (total, certainty or range). */
const QUOTES = [
  ['default reading (fees resume, unconfirmed)', atLosAngeles(AFTER_SUSPENSION, { asOf: '2026-11-28' }), true],
  [
    'scenario suspension-extended',
    atLosAngeles(AFTER_SUSPENSION, { asOf: '2026-11-28', scenario: 'suspension-extended' }),
    true,
  ],
  [
    'explicit assumption extended',
    atLosAngeles(AFTER_SUSPENSION, { asOf: '2026-11-28', assumptions: { 'us-301.after-suspension': 'extended' } }),
    true,
  ],
  ['large (over 64 KiB, stored gzip)', largeQuote(), true],
  ['charged in 2025 (certain)', atLosAngeles('2025-10-20T06:00:00-07:00', { asOf: '2025-12-01' }), false],
  ['vessel neither regime covers', atLosAngeles(AFTER_SUSPENSION, { asOf: '2026-11-28' }, false), false],
];

/** Each request on a new connection: no request is sent on an idle one the server may be closing (a POST is not retried). */
const CLOSE = { connection: 'close' };

async function api(worker, key, method, path, body) {
  const res = await fetch(`${worker.base}${path}`, {
    method,
    headers: { ...CLOSE, authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return { json: JSON.parse(text), bytes: text.length };
}

/**
 * Waits until the Worker answers GET /healthz again. A `wrangler d1 execute --local` on the state the Worker serves
 * (the key, the baseline query) can make the next connection to wrangler dev close unanswered ("other side closed");
 * the drill reads the local D1 only this way, and waits before it goes on.
 */
async function answering(worker) {
  let last;
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const res = await fetch(`${worker.base}/healthz`, { headers: CLOSE });
      if (res.ok) return;
      last = new Error(`/healthz answered ${res.status}`);
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  throw last;
}

async function scheduled(worker) {
  const res = await fetch(`${worker.base}/__scheduled?cron=*/5+*+*+*+*`, { headers: CLOSE });
  if (!res.ok) throw new Error(`/__scheduled answered ${res.status}`);
}

/** Waits until `done()` holds (or the time runs out), then for `quietMs` without new deliveries. */
async function settle(received, done, timeoutMs = 120_000, quietMs = 4000) {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await sleep(250);
  let count = -1;
  while (count !== received.length) {
    count = received.length;
    await sleep(quietMs);
  }
}

const problems = [];
const expectEqual = (what, actual, expected) => {
  const same = JSON.stringify(actual) === JSON.stringify(expected);
  process.stdout.write(
    `  ${same ? 'ok  ' : 'FAIL'} ${what}: ${JSON.stringify(actual)}${same ? '' : ` (expected ${JSON.stringify(expected)})`}\n`,
  );
  if (!same) problems.push(what);
};

const dir = scratchCopy();
const hooks = await receiver();
let worker;
try {
  step(`scratch copy ${dir}, clock ${NOW}`);
  worker = await startWorker({ cwd: dir, vars: { NOW, RATE_LIMITS: 'off' } });
  const key = secretKey(dir);
  await answering(worker);
  process.stdout.write(`  serving ${worker.base}\n`);

  step('the scheduled check before the version: the baseline, nothing announced');
  await scheduled(worker);
  for (let i = 0; i < 40 && localRows(dir, 'SELECT tariff_id FROM tariff_versions_seen').length === 0; i++) {
    process.stdout.write(`  no baseline yet (${i})\n`);
    await sleep(500);
  }
  await answering(worker);

  step('a receiver on loopback, and the saved quotes');
  const endpoint = await api(worker, key, 'POST', '/v1/webhooks', {
    url: hooks.url,
    events: ['tariff.published', 'quote.changed', 'quote.requote_failed'],
  });
  const saved = [];
  for (const [name, body, moves] of QUOTES) {
    const { json, bytes } = await api(worker, key, 'POST', '/v1/quotes?save=true', body);
    saved.push({ name, quoteId: json.quoteId, moves });
    process.stdout.write(`  ${json.quoteId}  ${name} (${bytes} bytes)\n`);
  }

  step(`shipping ${VERSION} as data: tariffs/us-301/2026-11-20.json, then the Worker restarted`);
  worker.stop();
  await worker.exited();
  copyFileSync(
    join(root, 'tests', 'fixtures', 'tariffs', 'us-301-2026-11-20.json'),
    join(dir, 'tariffs', 'us-301', '2026-11-20.json'),
  );
  worker = await startWorker({ cwd: dir, vars: { NOW, RATE_LIMITS: 'off' } });

  step('the scheduled check after the version');
  const moving = saved
    .filter((quote) => quote.moves)
    .map((quote) => quote.quoteId)
    .sort();
  await scheduled(worker);
  await settle(hooks.received, () => hooks.received.length >= moving.length + 1);
  const events = hooks.received.map((request) => {
    try {
      return new Webhook(endpoint.json.secret).verify(request.body, request.headers);
    } catch (error) {
      return { type: `unverified (${error.message})`, data: {} };
    }
  });
  const ofType = (type) => events.filter((event) => event.type === type);
  const changes = await api(worker, key, 'GET', '/v1/quotes/changes?since=2026-11-20&limit=100');

  step('what arrived against what was expected');
  expectEqual('signatures verified', events.filter((e) => !e.type.startsWith('unverified')).length, events.length);
  expectEqual(
    'tariff.published',
    ofType('tariff.published').map((e) => e.data.id),
    [VERSION],
  );
  expectEqual(
    'quote.changed (one per moving quote)',
    ofType('quote.changed')
      .map((e) => e.data.quoteId)
      .sort(),
    moving,
  );
  expectEqual('changes feed', changes.json.quotes.map((q) => q.quoteId).sort(), moving);
  expectEqual(
    'quote.requote_failed',
    ofType('quote.requote_failed').map((e) => e.data.quoteId),
    [],
  );
  expectEqual('feed failures', changes.json.failed, []);
  for (const quote of saved) {
    const event = ofType('quote.changed').find((e) => e.data.quoteId === quote.quoteId);
    const said = event
      ? `${event.data.changed.join(', ')}${event.data.diff.settled.length ? `; settled ${event.data.diff.settled.join(', ')}` : ''}`
      : 'nothing';
    process.stdout.write(`  ${quote.quoteId}  ${quote.name}: ${said}\n`);
  }

  step('the scheduled check again: nothing more is sent');
  const before = hooks.received.length;
  await scheduled(worker);
  await settle(hooks.received, () => false, 6000);
  expectEqual('deliveries after the second check', hooks.received.length - before, 0);
} catch (error) {
  problems.push(error.message);
  process.stdout.write(
    `\n${error.stack}\ncause: ${error.cause?.stack ?? error.cause}\n${worker?.log().slice(-3000) ?? ''}\n`,
  );
} finally {
  worker?.stop();
  await worker?.exited();
  await hooks.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(problems.length === 0 ? '\ndrill: passed\n' : `\ndrill: FAILED (${problems.join('; ')})\n`);
process.exit(problems.length === 0 ? 0 : 1);
