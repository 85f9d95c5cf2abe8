#!/usr/bin/env node
// `npm start [-- --port N] [-- --ip ADDR]`: rebuilds the tariff index, applies
// local D1 migrations when there are any, serves the Worker with wrangler dev and
// prints the address once it answers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const has = (flag) => args.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
const option = (flag, fallback) => {
  const at = args.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
  if (at < 0) return fallback;
  return args[at].includes('=') ? args[at].slice(flag.length + 1) : args[at + 1];
};
// Offline-safe local development: no metrics, no banner (which is what checks the registry for a newer
// wrangler), and no fetch of the `Request.cf` placeholder from workers.cloudflare.com (offline, a stack trace).
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_LOG: process.env.WRANGLER_LOG ?? 'warn',
};
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');

const run = (cmd, cmdArgs, extraEnv = {}) => {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
const migrations = join(root, 'migrations');
if (existsSync(migrations) && readdirSync(migrations).some((name) => name.endsWith('.sql'))) {
  // CI=true: wrangler asks for confirmation on a terminal, which would stall `npm start`.
  // Into the state wrangler dev will serve from: the caller's --persist-to (tests, benchmarks), else .wrangler/state.
  const persistTo = option('--persist-to', undefined);
  run(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', ...(persistTo ? ['--persist-to', persistTo] : [])], {
    CI: 'true',
  });
}

// Development only: a fixed key for webhook signing secrets (production sets it with
// `wrangler secret put WEBHOOK_KEY`), webhooks to http://127.0.0.1, and GET /__scheduled
// to run the scheduled tariff check. Each can be overridden with `--var NAME:value`.
const devVar = (name, value) => (args.some((arg) => arg.startsWith(`${name}:`)) ? [] : ['--var', `${name}:${value}`]);
// The caller's arguments first: a positional one (another entry module) must not follow a `--var`, which takes
// every value after it.
const port = option('--port', '8787');
const ip = option('--ip', '127.0.0.1');
const devArgs = [
  'dev',
  ...args,
  ...(has('--port') ? [] : ['--port', port]),
  ...(has('--ip') ? [] : ['--ip', ip]),
  ...(has('--test-scheduled') ? [] : ['--test-scheduled']),
  ...devVar('WEBHOOK_KEY', 'development-only-webhook-key-never-deploy'),
  ...devVar('WEBHOOKS_ALLOW_LOOPBACK', 'on'),
];
const child = spawn(wrangler, devArgs, { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

// wrangler's own "Ready on" line is below the warn level: say where the Worker answers once it does.
const address = `http://${ip.includes(':') ? `[${ip}]` : ip}:${port}`;
const local = ip === '0.0.0.0' || ip === '::' ? `http://127.0.0.1:${port}` : address;
for (let waited = 0; waited < 120_000 && child.exitCode === null; waited += 250) {
  // A refused connection only means "not yet"; the loop ends when wrangler exits.
  const answered = await fetch(`${local}/healthz`).then(
    (res) => res.ok,
    () => false,
  );
  if (answered) {
    console.log(`portfees: serving ${address}`);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
