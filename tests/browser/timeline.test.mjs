// GET /timeline draws both regimes' fee history as SVG step charts that a
// browser renders with no external request and no script; the version
// picker is a plain form. Saves test-results/timeline.png.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { artifacts, axeViolations, useWorkerAndBrowser, watchedPage } from './support.mjs';

const session = useWorkerAndBrowser();

test('the timeline page shows both regimes with legend, shaded suspension and hatched unconfirmed period', async () => {
  const { worker, browser } = session();
  const { page, foreign, refusals } = await watchedPage(browser, worker.base, {
    viewport: { width: 1100, height: 1300 },
  });
  await page.goto(`${worker.base}/timeline`);

  // One step chart per regime; the countermeasure lists have bands of their own.
  const charts = page.locator('section:not(#lists) svg.chart');
  assert.equal(await charts.count(), 2);
  assert.ok((await page.locator('section#lists svg.chart').count()) > 0);
  const us = page.locator('section#us-301');
  assert.equal(await us.locator('path.series').count(), 4);
  assert.deepEqual(await us.locator('ul.legend li[data-series]').allInnerTexts(), [
    'Annex I · USD per net-ton',
    'Annex II · USD per net-ton',
    'Annex II · USD per container',
    'Annex III · USD per net-ton',
  ]);
  assert.deepEqual(await us.locator('ul.legend li[data-status]').allInnerTexts(), [
    'not in force',
    'in force',
    'suspended',
    'unconfirmed',
  ]);
  assert.equal(await page.locator('section#cn-spf path.series').count(), 1);

  // The suspended band is visibly shaded and the unconfirmed band filled by the hatch pattern; both take real width.
  const suspended = us.locator('rect.band-suspended');
  assert.equal(await suspended.evaluate((el) => getComputedStyle(el).fill), 'rgb(207, 212, 220)');
  const hatched = us.locator('rect.band-unconfirmed');
  assert.match(await hatched.evaluate((el) => getComputedStyle(el).fill), /url\("?#us-301-hatch"?\)/);
  assert.ok((await suspended.boundingBox()).width > 100);
  assert.ok((await hatched.boundingBox()).width > 100);
  // The Annex I line climbs left to right: 50 → 80 → 110 → 140 USD/NT, so its last step sits higher (smaller y) than its first.
  const markers = await us.locator('circle').evaluateAll((els) => els.map((el) => Number(el.getAttribute('cy'))));
  assert.ok(markers[0] > markers[3]);

  await page.screenshot({ path: join(artifacts, 'timeline.png'), fullPage: true });
  assert.deepEqual(foreign, []);
  assert.deepEqual(refusals, []);
});

test('the version picker switches us-301 to the per-CEU Annex III of the 2025-04-17 notice', async () => {
  const { worker, browser } = session();
  const page = await browser.newPage();
  await page.goto(`${worker.base}/timeline`);
  await page.selectOption('select[name="us-301"]', 'us-301/2025-04-17');
  await Promise.all([
    page.waitForURL(/us-301=us-301%2F2025-04-17/),
    page.getByRole('button', { name: 'Show' }).click(),
  ]);
  const us = page.locator('section#us-301');
  assert.equal(await us.locator('path.series[data-rule="annex-iii"]').getAttribute('data-unit'), 'ceu');
  assert.equal(await us.locator('rect.band-suspended').count(), 0);
  assert.match(await us.locator('h2').innerText(), /Notice of Action/);
});

test('the timeline in Chinese, and the error page a browser gets, pass axe in both locales', async () => {
  const { worker, browser } = session();
  const page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  await page.goto(`${worker.base}/timeline?locale=zh-CN&utm_source=newsletter`);
  assert.equal(await page.locator('h1').innerText(), '港口费用历史');
  assert.deepEqual(await page.locator('section#us-301 ul.legend li[data-status]').allInnerTexts(), [
    '未生效',
    '生效',
    '暂停',
    '未确认',
  ]);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'timeline-zh.png'), fullPage: true });
  for (const [path, heading] of [
    ['/timeline?colour=red', 'This address cannot be shown as it is'],
    ['/embed?locale=zh-CN', '无法按此地址显示页面'],
    ['/jobs/job_0123456789', 'Nothing at this address'],
  ]) {
    const response = await page.goto(`${worker.base}${path}`);
    assert.ok(response.headers()['content-type'].startsWith('text/html'));
    assert.equal(await page.locator('h1').innerText(), heading);
    assert.deepEqual(await axeViolations(page), []);
  }
});
