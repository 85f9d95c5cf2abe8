// Shared pieces of the browser tests: a real `wrangler dev` server on a free
// port, a second local origin for host pages, and Debian's Chromium driven by
// playwright-core (never a downloaded browser).

import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freePort, startWorker } from '../../scripts/lib/worker-process.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifacts = join(root, 'test-results');
mkdirSync(artifacts, { recursive: true });

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export { freePort, startWorker };

/** Serves fixed pages from a second origin (another port on 127.0.0.1). */
export async function startHost(pages) {
  const port = await freePort();
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
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
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
    worker = await startWorker(options);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    worker?.stop();
  });
  return () => ({ worker, browser });
}
