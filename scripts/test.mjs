#!/usr/bin/env node
// `npm test`: every check a change must pass, in order, stopping at the first
// failure. Ends with the seconds each step took, then one line "tests: N passed, M failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveFolder, sharedWorkerVars } from '../tests/browser/support.mjs';
import { startWorker } from './lib/worker-process.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
mkdirSync(join(root, 'test-results'), { recursive: true });

let passed = 0;
let failed = 0;
/** Seconds per step, printed at the end: where `npm test`'s time goes. */
const seconds = [];
const started = performance.now();
const since = (start) => Math.round((performance.now() - start) / 100) / 10;

function step(title, cmd, args) {
  console.log(`\n== ${title}`);
  const start = performance.now();
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  seconds.push([title, since(start)]);
  if (result.status !== 0) {
    console.log(`\n${title} failed`);
    console.log(`tests: ${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(result.status ?? 1);
  }
}

/** spawnSync's result, without blocking this process (which holds the shared Worker meanwhile). */
const spawnAsync = (cmd, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, options);
    child.on('error', reject);
    child.on('exit', (status) => resolve({ status }));
  });

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
}

step('lint and format (biome)', bin('biome'), ['check', root]);
step('layer boundaries (dependency-cruiser)', process.execPath, [join(root, 'scripts', 'deps.mjs')]);
step('citations stay inside the repository', process.execPath, [join(root, 'scripts', 'own-sources.mjs')]);
step('bindings type is current (wrangler types --check)', bin('wrangler'), [
  'types',
  '--include-runtime=false',
  '--strict-vars=false',
  '--check',
]);
step('tariff index', process.execPath, [join(root, 'scripts', 'build.mjs')]);
step('tariff JSON Schema is current', bin('tsx'), [join(root, 'scripts', 'tariff-schema.ts'), '--check']);
step('typecheck', bin('tsc'), ['--noEmit', '-p', root]);
step('typecheck (widget)', bin('tsc'), ['--noEmit', '-p', join(root, 'src', 'widget')]);
step('widget size', process.execPath, [join(root, 'scripts', 'widget-size.mjs')]);
const vitestReport = join(root, 'test-results', 'vitest.json');
const vitestStart = performance.now();
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  { cwd: root, stdio: 'inherit', env },
);
countVitest(vitestReport);
seconds.push(['vitest (inside workerd)', since(vitestStart)]);
if (vitest.status !== 0) {
  console.log(`tests: ${passed} passed, ${Math.max(failed, 1)} failed`);
  process.exit(vitest.status ?? 1);
}
const browserTests = readdirSync(join(root, 'tests', 'browser')).filter((name) => name.endsWith('.test.mjs'));
if (browserTests.length > 0) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.log(
      `\nbrowser tests need Chromium at ${chromium}: install it with \`apt-get install chromium\` (or set CHROMIUM_PATH)`,
    );
    console.log(`tests: ${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(1);
  }
  // Browser tests: node's test runner, two files at a time, Debian's Chromium, and one real `wrangler dev`
  // for them all (starting one costs more than most files' tests), with its own temporary state.
  // The host origin the widget's pages come from is bound first, so the Worker allows an origin that listens.
  const browserStart = performance.now();
  const hostDir = mkdtempSync(join(tmpdir(), 'portfees-host-'));
  const host = await serveFolder(hostDir);
  const worker = await startWorker({ vars: sharedWorkerVars(host.origin) });
  const browser = await spawnAsync(
    process.execPath,
    [
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${join(root, 'test-results', 'browser.tap')}`,
      ...browserTests.map((name) => join(root, 'tests', 'browser', name)),
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...env,
        BROWSER_TEST_WORKER: JSON.stringify({ base: worker.base, port: worker.port, persistTo: worker.persistTo }),
        BROWSER_TEST_HOST: JSON.stringify({ origin: host.origin, dir: hostDir }),
      },
    },
  ).finally(async () => {
    worker.stop();
    await host.close();
    rmSync(hostDir, { recursive: true, force: true });
  });
  const tap = existsSync(join(root, 'test-results', 'browser.tap'))
    ? readFileSync(join(root, 'test-results', 'browser.tap'), 'utf8')
    : '';
  seconds.push(['browser tests (one wrangler dev, Chromium)', since(browserStart)]);
  passed += Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
  failed += Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0);
  if (browser.status !== 0) {
    console.log(`tests: ${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(browser.status ?? 1);
  }
}
step('bundle (wrangler deploy --dry-run)', bin('wrangler'), ['deploy', '--dry-run', '--outdir', join(root, 'dist')]);
console.log('\n== seconds per step');
for (const [title, taken] of seconds) console.log(`${String(taken).padStart(7)}  ${title}`);
console.log(`${String(since(started)).padStart(7)}  in all`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
