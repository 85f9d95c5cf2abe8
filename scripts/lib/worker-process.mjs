// Starting the Worker locally the way users do (`npm start -- --port N`), for
// browser tests, the load test and the benchmark, each with its own state (never
// `npm start`'s .wrangler/state); and reading the CPU time and memory of the
// workerd process that serves it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts the Worker with scripts/start.mjs and waits for GET /healthz. `vars`
 * become `--var NAME:value` options of wrangler dev; `args` go to wrangler dev as given
 * (an entry module other than the Worker's, for a benchmark). The port and the
 * inspector's are WORKER_PORT / WORKER_INSPECTOR_PORT from the environment, else free
 * ones. `cwd` serves another copy of the project (the drill's scratch copy), which keeps
 * its state in its own .wrangler/state across restarts; otherwise the Worker's D1, R2 and
 * queue state live in a new temporary directory (`persistTo`), removed by `stop()`.
 */
export async function startWorker({ vars = {}, timeoutMs = 90_000, args = [], cwd = root } = {}) {
  const port = Number(process.env.WORKER_PORT) || (await freePort());
  const inspector = Number(process.env.WORKER_INSPECTOR_PORT) || (await freePort());
  const persistTo = cwd === root ? mkdtempSync(join(tmpdir(), 'portfees-worker-')) : undefined;
  const varArgs = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  // `args` first: a positional entry module must come before the `--var` options.
  const startArgs = [
    join(cwd, 'scripts', 'start.mjs'),
    ...args,
    '--port',
    String(port),
    '--inspector-port',
    String(inspector),
    ...(persistTo ? ['--persist-to', persistTo] : []),
    ...varArgs,
  ];
  const child = spawn(process.execPath, startArgs, {
    cwd,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
    }
    if (persistTo) rmSync(persistTo, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      stop();
      throw new Error(`the Worker did not start on ${base}:\n${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const workerd = () => workerdProcesses(child.pid, port);
  return {
    base,
    port,
    persistTo,
    pid: child.pid,
    log: () => log,
    stop,
    exited: () =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => child.once('exit', resolve)),
    workerd,
    workerdPid: () => workerd().find((p) => p.role === 'worker')?.pid,
  };
}

/**
 * Creates an API key in the Worker's own database with `npm run keys` (the way operators do) and returns it.
 * The running Worker writes to the same SQLite file, so a write that meets its lock (SQLITE_BUSY) is tried
 * again, up to five times, a little later each time; any other failure is thrown at once.
 * @example createKey(worker, ['create', '--name', 'Print desk']) // 'sk_live_…'
 */
export function createKey(worker, args) {
  for (let attempt = 1; ; attempt++) {
    const result = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        join(root, 'scripts', 'keys.ts'),
        ...args,
        '--persist-to',
        worker.persistTo,
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' } },
    );
    const key = /\b(sk|pk)_live_[A-Za-z0-9_-]+/.exec(result.stdout)?.[0];
    if (key) return key;
    const output = `${result.stdout}${result.stderr}`;
    if (attempt >= 5 || !output.includes('SQLITE_BUSY'))
      throw new Error(`npm run keys ${args.join(' ')} printed no key:\n${output}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200 * attempt);
  }
}

/** Every process id → [parent id, command name], from /proc. */
function processTable() {
  const table = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      table.set(Number(name), [Number(stat.slice(close + 2).split(' ')[1]), stat.slice(stat.indexOf('(') + 1, close)]);
    } catch {
      /* gone */
    }
  }
  return table;
}

/**
 * The workerd processes started under `rootPid`, each with its role: wrangler
 * dev runs a proxy listening on the public port and, in a second workerd, the
 * Worker itself.
 */
export function workerdProcesses(rootPid, port) {
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

/** User + system CPU time of processes so far, in milliseconds (from /proc/<pid>/stat). */
export function cpuMillis(pids) {
  let ticks = 0;
  for (const pid of [pids].flat()) ticks += statTicks(`/proc/${pid}/stat`).ticks;
  return (ticks * 1000) / clockTicksPerSecond();
}

/** Command name and user + system clock ticks from a `stat` file of /proc. */
function statTicks(path) {
  const stat = readFileSync(path, 'utf8');
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  // Fields 14 and 15 of /proc/<pid>/stat (utime, stime); fields[0] here is field 3.
  return { name: stat.slice(stat.indexOf('(') + 1, close), ticks: Number(fields[11]) + Number(fields[12]) };
}

let ticksPerSecond;
function clockTicksPerSecond() {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/** Resident memory of a process, in MiB (from /proc/<pid>/status). */
export function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}
