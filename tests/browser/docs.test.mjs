// GET /docs is an interactive reference that needs nothing but the Worker:
// it loads with no external request and can send a real quote.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { artifacts, useWorkerAndBrowser, watchedPage } from './support.mjs';

const session = useWorkerAndBrowser();

test('the docs page sends a quote from its try-it console, with no external asset', async () => {
  const { worker, browser } = session();
  const { page, foreign, refusals: refused } = await watchedPage(browser, worker.base);
  await page.goto(`${worker.base}/docs`);
  // Swagger UI: open POST /v1/quotes, send its example request (CN-operated, 60,000 NT, Annex I).
  const operation = page.locator('.opblock-post', { hasText: '/v1/quotes' }).filter({ hasNotText: 'compare' }).first();
  await operation.locator('.opblock-summary').first().click();
  await operation.getByRole('button', { name: 'Execute' }).click();
  const live = operation.locator('.live-responses-table');
  await live.locator('.response-col_status', { hasText: '200' }).waitFor();
  await live.locator('.response-col_description', { hasText: '"amount"' }).first().waitFor();
  assert.match(await live.innerText(), /"amount": "3000000.00"/);
  await page.screenshot({ path: join(artifacts, 'docs.png'), fullPage: false });
  assert.deepEqual(foreign, []);
  assert.deepEqual(refused, []);
});
