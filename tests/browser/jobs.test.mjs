// A finished fleet job's report page (/jobs/{id}, opened by the job's page
// link) draws its charts as SVG with no script and no external request, has
// a table view behind every chart, lists the job's vessels a page at a time,
// and passes axe-core with no violation, on a desktop and at 390 px wide.
// Saves test-results/jobs-page.png, jobs-page-zh.png and jobs-rows-390.png.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { artifacts, axeViolations, createKey, root, useWorkerAndBrowser, watchedPage } from './support.mjs';

const session = useWorkerAndBrowser({ vars: { RATE_LIMITS: 'off' } });

/** fetch, once more if a kept-alive connection was closed under it (the dev server may restart a socket). */
async function send(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error?.cause?.code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, init);
  }
}

/** Posts a fleet CSV as a job and waits until it has finished (the queue delivers on its own under wrangler dev). */
async function finishedJob(worker, key, fleet, query = '?asOf=2026-11-28&scenarios=both') {
  const created = await send(`${worker.base}/v1/jobs${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
    body: fleet,
  });
  assert.equal(created.status, 202);
  const job = await created.json();
  let status;
  for (let i = 0; i < 120; i++) {
    status = await (
      await send(`${worker.base}${job.links.self}`, { headers: { authorization: `Bearer ${key}` } })
    ).json();
    if (status.status !== 'queued' && status.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return { job, status };
}

const FLEET = [
  'imo,name,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,operatorName,port,arrival',
  '9310006,ALPHA,container,PA,KR,60000,GR,CN,COSCO,CNSHA,2025-09-25T08:00:00+08:00',
  '9310006,ALPHA,container,PA,KR,60000,GR,CN,COSCO,USLAX,2025-10-20T06:00:00-07:00',
  '9321483,BRAVO,container,US,US,30224,US,US,,CNSHA,2025-10-14T18:00:00+08:00',
  '9310018,DELTA,container,LR,CN,40000,GR,US,Delta Line,CNSHA,2025-10-20T10:00:00+08:00',
  '9310032,FOXTROT,container,PA,KR,20000,GR,CN,Fox Shipping,USLAX,2026-12-01',
].join('\n');

test('the report page of a finished job: charts, table views, CSV links, no script, axe-core clean', async () => {
  const { worker, browser } = session();
  const key = createKey(session().worker, ['create', '--name', 'Browser Lines']);
  const { job, status } = await finishedJob(worker, key, FLEET);
  assert.equal(status.status, 'done');
  assert.deepEqual(status.vessels, { total: 4, done: 4, failed: 0 });

  const { page, foreign, refusals } = await watchedPage(browser, worker.base, {
    viewport: { width: 1100, height: 1300 },
  });
  const res = await page.goto(`${worker.base}${job.links.page}`);
  assert.equal(res.status(), 200);
  assert.match(await page.title(), /fleet exposure/);

  // The charts: two monthly panels (one per regime), operators per currency, scenarios, exemptions.
  const charts = page.locator('svg.chart');
  assert.equal(await charts.count(), 6);
  for (const chart of await charts.all()) {
    const box = await chart.boundingBox();
    assert.ok(box.width > 300 && box.height >= 40, `chart drawn at ${JSON.stringify(box)}`);
  }
  // us-301 monthly: October 2025 (ALPHA, Annex I) and December 2026 (FOXTROT, resumed) carry fees.
  const usMonths = page.locator('section#month-1 g.month');
  assert.equal(
    await page.locator('section#month-1 h2').innerText(),
    'US Section 301 port fees: fees by month of arrival, USD, stacked by rule',
  );
  const charged = await usMonths.evaluateAll((groups) =>
    groups
      .filter((g) => [...g.querySelectorAll('rect.segment')].some((r) => Number(r.getAttribute('height')) > 0))
      .map((g) => g.dataset.month),
  );
  assert.deepEqual(charged, ['2025-10', '2026-12']);
  // Scenario comparison: us-301 resumed is the taller bar (4,600,000 against 3,000,000 USD).
  const bars = await page
    .locator('section#scenarios g.bar')
    .evaluateAll((groups) =>
      groups.map((g) => [g.dataset.label, Number(g.querySelector('rect').getAttribute('width'))]),
    );
  assert.deepEqual(
    bars.map(([label]) => label),
    ['cn-spf · fees resumed', 'cn-spf · suspension extended', 'us-301 · fees resumed', 'us-301 · suspension extended'],
  );
  assert.ok(bars[2][1] > bars[3][1]);
  assert.deepEqual(await page.locator('section#exemptions g.bar').evaluateAll((gs) => gs.map((g) => g.dataset.label)), [
    'cn-spf · china-built',
  ]);

  // Table view: hidden until opened, then every figure in numbers.
  const table = page.locator('section#scenarios details.table-view table');
  assert.equal(await table.isVisible(), false);
  await page.locator('section#scenarios details.table-view summary').click();
  assert.equal(await table.isVisible(), true);
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.deepEqual(rows, [
    ['China special port fees', 'CNY', 'fees resumed', '12,089,600.00', '3', '1', '1', '0'],
    ['China special port fees', 'CNY', 'suspension extended', '12,089,600.00', '3', '1', '1', '0'],
    ['US Section 301 port fees', 'USD', 'fees resumed', '4,600,000.00', '2', '2', '0', '0'],
    ['US Section 301 port fees', 'USD', 'suspension extended', '3,000,000.00', '2', '1', '0', '0'],
  ]);
  const csvHref = await page.locator('section#scenarios a[download]').getAttribute('href');
  const csv = await (await send(`${worker.base}${csvHref}`)).text();
  assert.equal(csv.split('\r\n')[3], 'us-301,USD,fees-resumed,4600000.00,2,2,0,0');

  // The per-vessel rows: a heading row per vessel, then one row per regime, amounts with separators, the range where the
  // amount is not sure.
  const vesselRows = await page
    .locator('section#results table.rows tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((cell) => cell.innerText.replace(/\s+/g, ' ').trim())));
  assert.deepEqual(vesselRows, [
    ['ALPHA IMO 9310006'],
    ['China special port fees', 'CNY', '0.00', '', 'confirmed', 'not covered'],
    ['US Section 301 port fees', 'USD', '3,000,000.00', '', 'confirmed', 'charged'],
    ['BRAVO IMO 9321483'],
    ['China special port fees', 'CNY', '12,089,600.00', '', 'confirmed', 'charged'],
    ['DELTA IMO 9310018'],
    ['China special port fees', 'CNY', '0.00', '', 'confirmed', 'exempt'],
    ['FOXTROT IMO 9310032'],
    ['US Section 301 port fees', 'USD', '1,600,000.00', '0.00 – 1,600,000.00', 'unconfirmed', 'charged'],
  ]);
  assert.equal(await page.locator('section#results').getByText('Vessels 1–4 of 4 · page 1 of 1').count(), 1);
  const rowsCsv = await page.locator('section#results a[download]').getAttribute('href');
  const allRows = await (await send(`${worker.base}${rowsCsv}`)).text();
  assert.equal(allRows.split('\r\n').filter((line) => line.startsWith('voyage,')).length, 5);
  assert.deepEqual(await axeViolations(page, '#results'), []);

  const closed = page.locator('details.table-view:not([open]) summary');
  while ((await closed.count()) > 0) await closed.first().click();
  await page.screenshot({ path: join(artifacts, 'jobs-page.png'), fullPage: true });
  assert.deepEqual(foreign, []);
  assert.deepEqual(refusals, []);

  // Accessibility: axe-core, evaluated through the DevTools protocol (the page's CSP allows no script of its own).
  await page.evaluate(readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const { found, passed } = await page.evaluate(async () => {
    const result = await window.axe.run(document);
    return { found: result.violations, passed: result.passes.length };
  });
  console.log(`axe-core: ${passed} rules passed, ${found.length} violated`);
  assert.ok(passed > 10);
  for (const violation of found)
    console.log(`  ${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.length})`);
  assert.deepEqual(
    found.map((violation) => violation.id),
    [],
  );

  // The same page in Chinese: its words from the zh-CN catalogue, axe-core clean as well.
  await page.goto(`${worker.base}${job.links.page}&locale=zh-CN`);
  assert.equal(await page.locator('h1').innerText(), '船队费用敞口');
  assert.equal(await page.locator('section#certainty h2').innerText(), '合计的确定程度');
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'jobs-page-zh.png'), fullPage: true });

  // At 390 px the rows with a low–high range are wider than the screen: they scroll inside their own box, by keyboard
  // as well, and the page itself never scrolls sideways; every amount is on screen as the page opens.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${worker.base}${job.links.page}#results`);
  const box = page.locator('section#results .table-box');
  const narrow = await box.evaluate((element) => ({
    page: document.documentElement.scrollWidth,
    right: element.getBoundingClientRect().right,
    scrolls: element.scrollWidth > element.clientWidth,
    amounts: [...element.querySelectorAll('td.amount')].map((cell) => cell.getBoundingClientRect().right),
  }));
  assert.ok(narrow.page <= 390 && narrow.right <= 390, JSON.stringify(narrow));
  assert.equal(narrow.scrolls, true);
  assert.equal(narrow.amounts.length, 5);
  assert.ok(
    narrow.amounts.every((right) => right <= 390),
    JSON.stringify(narrow.amounts),
  );
  await box.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  assert.ok((await box.evaluate((element) => element.scrollLeft)) > 0);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390);
  assert.deepEqual(await axeViolations(page), []);
});

/** An IMO number from six digits: the seventh is the check digit (the digits times 7, 6, 5, 4, 3, 2, summed, mod 10). */
function imoOf(six) {
  const digits = String(six).padStart(6, '0');
  return `${digits}${[...digits].reduce((sum, digit, i) => sum + Number(digit) * (7 - i), 0) % 10}`;
}

test('the per-vessel rows at 390 px in Chinese: amounts on screen, pages, links and a form that keep token and locale', async () => {
  const { worker, browser } = session();
  const key = createKey(session().worker, ['create', '--name', 'Browser Rows']);
  // 55 CN-operated ships of 20,000 NT at Los Angeles on 2025-10-20: 20,000 × 50 = 1,000,000.00 USD each.
  const fleet = [
    'imo,name,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,operatorName,port,arrival',
    ...Array.from(
      { length: 55 },
      (_, i) =>
        `${imoOf(931001 + i)},V${String(i + 1).padStart(2, '0')},container,PA,KR,20000,GR,CN,,USLAX,2025-10-20T06:00:00-07:00`,
    ),
  ].join('\n');
  const { job, status } = await finishedJob(worker, key, fleet, '?asOf=2026-11-28');
  assert.equal(status.status, 'done');

  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${worker.base}${job.links.page}&locale=zh-CN#results`);
  const section = page.locator('section#results');
  assert.equal(await section.locator('h2').innerText(), '逐船明细');
  assert.deepEqual(await section.locator('table.rows thead th').allInnerTexts(), [
    '制度',
    '币种',
    '金额',
    '低 – 高',
    '确定程度',
    '结果',
  ]);
  assert.equal(await section.locator('tbody.vessel').count(), 50);
  assert.equal(await section.getByText('第 1–50 艘，共 55 艘 · 第 1 页，共 2 页').count(), 1);

  // The page itself never scrolls sideways, and its table stays inside the screen.
  const layout = await page.evaluate(() => {
    const box = document.querySelector('section#results .table-box');
    return {
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      box: [box.getBoundingClientRect().left, box.getBoundingClientRect().right],
      overflow: getComputedStyle(box).overflowX,
    };
  });
  assert.equal(layout.viewport, 390);
  assert.ok(layout.page <= 390, `page ${layout.page} px wide`);
  assert.ok(layout.box[0] >= 0 && layout.box[1] <= 390, JSON.stringify(layout));
  assert.equal(layout.overflow, 'auto');
  // The amounts come right after the regime and currency: on screen as the page opens, not scrolled to.
  const amounts = await section
    .locator('table.rows td.amount')
    .evaluateAll((cells) => cells.map((cell) => [cell.innerText, cell.getBoundingClientRect().right]));
  assert.equal(amounts.length, 50);
  for (const [text, right] of amounts)
    assert.ok(text === '1,000,000.00' && right <= 390, `${text} ends at ${right} px`);
  assert.deepEqual(await axeViolations(page), []);
  await section.screenshot({ path: join(artifacts, 'jobs-rows-390.png') });

  // Next page: a plain link, keeping the token and the locale.
  await section.getByRole('link', { name: '下一页' }).click();
  await page.waitForURL(/rows=2/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('token'), new URL(job.links.page, worker.base).searchParams.get('token'));
  assert.equal(url.searchParams.get('locale'), 'zh-CN');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await section.locator('tbody.vessel').count(), 5);
  assert.equal(await section.locator('tbody.vessel th').first().innerText(), `V51 IMO 编号 ${imoOf(931051)}`);
  assert.equal(await section.getByText('第 51–55 艘，共 55 艘 · 第 2 页，共 2 页').count(), 1);
  assert.equal(await section.getByRole('link', { name: '下一页' }).count(), 0);
  assert.deepEqual(await axeViolations(page, '#results'), []);

  // The form goes to any page, with the same token and locale.
  await section.getByLabel('页码（1 至 2）').fill('1');
  await section.getByRole('button', { name: '显示' }).click();
  await page.waitForURL(/rows=1/);
  const back = new URL(page.url());
  assert.deepEqual([back.searchParams.get('locale'), back.searchParams.has('token')], ['zh-CN', true]);
  assert.equal(await section.locator('tbody.vessel th').first().innerText(), `V01 IMO 编号 ${imoOf(931001)}`);
  await page.close();
});
