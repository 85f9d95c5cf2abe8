// A finished fleet job's report page (/jobs/{id}, opened by the job's page
// link) draws its charts as SVG with no script and no external request, has
// a table view behind every chart, and passes axe-core with no violation.
// Saves test-results/jobs-page.png.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { artifacts, createKey, root, useWorkerAndBrowser } from './support.mjs';

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
  const created = await send(`${worker.base}/v1/jobs?asOf=2026-11-28&scenarios=both`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
    body: FLEET,
  });
  assert.equal(created.status, 202);
  const job = await created.json();
  // The queue delivers on its own under wrangler dev; wait for the job to finish.
  let status;
  for (let i = 0; i < 120; i++) {
    status = await (
      await send(`${worker.base}${job.links.self}`, { headers: { authorization: `Bearer ${key}` } })
    ).json();
    if (status.status !== 'queued' && status.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(status.status, 'done');
  assert.deepEqual(status.vessels, { total: 4, done: 4, failed: 0 });

  const page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  const foreign = [];
  const violations = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(worker.base)) foreign.push(req.url());
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
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

  const closed = page.locator('details.table-view:not([open]) summary');
  while ((await closed.count()) > 0) await closed.first().click();
  await page.screenshot({ path: join(artifacts, 'jobs-page.png'), fullPage: true });
  assert.deepEqual(foreign, []);
  assert.deepEqual(violations, []);

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
  await page.evaluate(readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const chinese = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => v.id));
  assert.deepEqual(chinese, []);
  await page.screenshot({ path: join(artifacts, 'jobs-page-zh.png'), fullPage: true });
});
