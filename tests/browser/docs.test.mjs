// GET /docs is an interactive reference that needs nothing but the Worker:
// it loads with no external request and can send a real quote.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { artifacts, useWorkerAndBrowser } from './support.mjs';

const session = useWorkerAndBrowser();

test('the docs page sends a quote from its try-it form, with no external asset', async () => {
  const { worker, browser } = session();
  const page = await browser.newPage();
  const foreign = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(worker.base)) foreign.push(req.url());
  });
  await page.goto(`${worker.base}/docs`);
  const operation = page.locator('details.op', { hasText: '/v1/quotes' }).first();
  await operation.locator('summary').first().click();
  await operation.getByRole('button', { name: 'Send' }).click();
  await operation.locator('.status', { hasText: '200' }).waitFor();
  // The status line is written before the body is read: wait for the body too.
  await operation.locator(':scope > .body > pre', { hasText: '"amount"' }).waitFor();
  assert.match(await operation.locator(':scope > .body > pre').last().innerText(), /"amount": "3000000.00"/);
  await page.screenshot({ path: join(artifacts, 'docs.png'), fullPage: false });
  assert.deepEqual(foreign, []);
});
