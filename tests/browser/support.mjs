// Shared pieces of the browser tests: a real `wrangler dev` server on a free
// port, a second local origin for host pages, and Debian's Chromium driven by
// playwright-core (never a downloaded browser). Under `npm test` every file uses
// the one Worker scripts/test.mjs starts (BROWSER_TEST_WORKER, with the variables of
// SHARED_WORKER_VARS); a file run alone starts its own.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createKey, startWorker } from '../../scripts/lib/worker-process.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifacts = join(root, 'test-results');
mkdirSync(artifacts, { recursive: true });

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export { createKey, startWorker };

/** The variables the shared Worker runs with: what every browser test file needs of it. */
export const sharedWorkerVars = (hostOrigin) => ({ RATE_LIMITS: 'off', ALLOWED_ORIGINS: hostOrigin });

/**
 * The allowed host origin and a Worker allowing it, for `pages` (path → page, or a function of nothing giving one).
 * Under `npm test`, scripts/test.mjs bound that origin before it started the shared Worker (BROWSER_TEST_HOST: its
 * origin and the folder it serves): the pages are written there. A file run alone binds its own host first, then
 * starts its own Worker allowing it. Either way no port is chosen before it is bound.
 */
export async function useHostAndWorker(pages) {
  const shared = process.env.BROWSER_TEST_HOST;
  if (shared && process.env.BROWSER_TEST_WORKER) {
    const { origin, dir } = JSON.parse(shared);
    const worker = await useWorker();
    return {
      worker,
      host: {
        origin,
        /** Writes the pages, once everything they name is known. */
        publish: () => {
          for (const [path, page] of Object.entries(pages))
            writeFileSync(join(dir, path.slice(1)), typeof page === 'function' ? page() : page);
        },
        close: async () => {},
      },
    };
  }
  const host = await startHost(pages);
  const worker = await startWorker({ vars: sharedWorkerVars(host.origin) });
  return { worker, host: { ...host, publish: () => {} } };
}

/** Serves the files of `dir` (HTML pages) on a port the system picks; for the shared host origin. */
export async function serveFolder(dir) {
  const server = createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.slice(1);
    const file = join(dir, name);
    if (!/^[\w.-]+\.html$/.test(name) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(file));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** The shared Worker when scripts/test.mjs started one, else a new one with `options` (stopped by `stop()`). */
export async function useWorker(options) {
  const shared = process.env.BROWSER_TEST_WORKER;
  if (shared) return { ...JSON.parse(shared), stop: () => {} };
  return startWorker(options);
}

/** Serves fixed pages from a second origin: another port on 127.0.0.1, bound by the system (no port is picked and then hoped for). */
export async function startHost(pages) {
  let port;
  const server = createServer((req, res) => {
    const page = pages[new URL(req.url, 'http://x').pathname];
    if (!page) {
      res.writeHead(404).end('not found');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(typeof page === 'function' ? page(port) : page);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  port = server.address().port;
  return { origin: `http://127.0.0.1:${port}`, port, close: () => new Promise((r) => server.close(r)) };
}

/** Headless Debian Chromium, with the flags this sandbox needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Starts one Worker and one browser for a test file and stops both after it.
 * Returns a getter, since both exist only once the file's tests run.
 * @example const session = useWorkerAndBrowser(); test('…', async () => { const { worker, browser } = session(); });
 */
export function useWorkerAndBrowser(options) {
  let worker;
  let browser;
  before(async () => {
    worker = await useWorker(options);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    worker?.stop();
  });
  return () => ({ worker, browser });
}

/**
 * A new page that records the requests it sends to origins other than `base` (data: URLs aside) and the
 * Content Security Policy refusals it logs: both lists should stay empty.
 */
export async function watchedPage(browser, base, options = {}) {
  const page = await browser.newPage(options);
  const foreign = [];
  const refusals = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(base) && !req.url().startsWith('data:')) foreign.push(req.url());
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
  });
  return { page, foreign, refusals };
}

/**
 * The ids of axe-core's violations on the page (or within the element `include` selects), each printed; evaluated
 * through the DevTools protocol, since the pages' policies (rightly) refuse an inline script tag.
 */
export async function axeViolations(page, include) {
  await page.evaluate(readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const found = await page.evaluate(
    async (selector) =>
      (await window.axe.run(selector ? { include: [selector] } : document, { resultTypes: ['violations'] })).violations,
    include ?? null,
  );
  for (const violation of found)
    console.log(`  axe ${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.length})`);
  return found.map((violation) => violation.id);
}
