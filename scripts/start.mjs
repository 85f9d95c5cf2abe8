#!/usr/bin/env node
// `npm start [-- --port N] [-- --ip ADDR]`: rebuilds the tariff index, applies
// local D1 migrations when there are any, and serves the Worker with wrangler dev.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const has = (flag) => args.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_LOG: process.env.WRANGLER_LOG ?? 'warn' };
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');

const run = (cmd, cmdArgs, extraEnv = {}) => {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
const migrations = join(root, 'migrations');
if (existsSync(migrations) && readdirSync(migrations).some((name) => name.endsWith('.sql'))) {
  // CI=true: wrangler asks for confirmation on a terminal, which would stall `npm start`.
  // --persist-to (scratch state, as the fuzzer uses) applies to the migrations as well as to wrangler dev.
  const persistAt = args.findIndex((arg) => arg === '--persist-to' || arg.startsWith('--persist-to='));
  const persist =
    persistAt < 0 ? [] : args[persistAt].includes('=') ? [args[persistAt]] : args.slice(persistAt, persistAt + 2);
  run(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', ...persist], { CI: 'true' });
}

// Development only: a fixed key for webhook signing secrets (production sets it with
// `wrangler secret put WEBHOOK_KEY`), webhooks to http://127.0.0.1, and GET /__scheduled
// to run the scheduled tariff check. Each can be overridden with `--var NAME:value`.
const devVar = (name, value) => (args.some((arg) => arg.startsWith(`${name}:`)) ? [] : ['--var', `${name}:${value}`]);
// The caller's arguments first: a positional one (another entry module) must not follow a `--var`, which takes
// every value after it.
const devArgs = [
  'dev',
  ...args,
  ...(has('--port') ? [] : ['--port', '8787']),
  ...(has('--ip') ? [] : ['--ip', '127.0.0.1']),
  ...(has('--test-scheduled') ? [] : ['--test-scheduled']),
  ...devVar('WEBHOOK_KEY', 'development-only-webhook-key-never-deploy'),
  ...devVar('WEBHOOKS_ALLOW_LOOPBACK', 'on'),
];
const child = spawn(wrangler, devArgs, { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
