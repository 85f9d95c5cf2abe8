// The embeddable quote widget, driven like a person would in Debian's
// Chromium: a host page on a second local origin loads /widget.js (and, in
// the iframe variant, frames /embed), fills in the first worked check of
// docs/rules.md, Worked checks, and reads the rendered result. Origins outside ALLOWED_ORIGINS
// are refused. Prints the widget's size and the axe-core result.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { artifacts, launchBrowser, root, startHost, useHostAndWorker } from './support.mjs';

let worker;
let host;
let outsider;
let browser;

/** A host page that embeds the widget with a script tag, and records its portfees:quote events. */
const scriptHostPage = () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chartering desk</title>
<script type="module" src="${worker.base}/widget.js"></script>
<style>body{font-family:sans-serif;margin:0;padding:1rem;background:#eef1f6} portfees-quote{max-width:62rem;padding:1rem;border-radius:8px}</style></head>
<body><main><h1>Chartering desk</h1>
<portfees-quote api-base="${worker.base}" locale="en"></portfees-quote></main>
<script>window.quotes = []; document.addEventListener('portfees:quote', (event) => window.quotes.push(event.detail));</script>
</body></html>`;

/** A host page that frames /embed and talks to it by postMessage, checking the sender's origin. */
const iframeHostPage = (
  rogueOrigin,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chartering desk (iframe)</title></head>
<body><main><h1>Chartering desk</h1>
<iframe id="quote" src="${worker.base}/embed?origin=${encodeURIComponent(host.origin)}&locale=en" title="Port fee quote" style="width:100%;height:900px;border:0"></iframe></main>
<script>
const PORTFEES = ${JSON.stringify(worker.base)};
const frame = document.getElementById('quote');
window.messages = [];
window.readies = 0;
addEventListener('message', (event) => {
  if (event.origin === ${JSON.stringify(rogueOrigin)} && event.data === 'rogue-sent') {
    frame.contentWindow.postMessage({ type: 'portfees:hello' }, PORTFEES);
    return;
  }
  if (event.origin !== PORTFEES || event.source !== frame.contentWindow) return;
  window.messages.push(event.data);
  if (event.data.type === 'portfees:resize') frame.style.height = event.data.height + 'px';
  if (event.data.type === 'portfees:ready') {
    window.readies += 1;
    if (window.readies === 1) {
      // A legitimate pre-fill first, then a page of another origin tries to overwrite it.
      frame.contentWindow.postMessage({ type: 'portfees:fill', request: { vessel: { imo: '9310006', name: 'PREFILLED BY HOST' }, portCalls: [] } }, PORTFEES);
      const rogue = document.createElement('iframe');
      rogue.title = 'Another site';
      rogue.src = ${JSON.stringify(rogueOrigin)} + '/rogue.html';
      document.body.append(rogue);
    }
  }
});
</script></body></html>`;

/** A page of another origin that posts a fill to the embedded widget, then tells its parent. */
const roguePage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>rogue</title></head><body><script>
parent.frames[0].postMessage({ type: 'portfees:fill', request: { vessel: { imo: '1111111', name: 'FORGED' }, portCalls: [] } }, '*');
parent.postMessage('rogue-sent', '*');
</script></body></html>`;

/** A page of a non-allowed origin that frames /embed opened for the allowed host origin. */
const framingOutsiderPage =
  () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>outsider</title></head><body>
<iframe id="quote" title="Port fee quote" src="${worker.base}/embed?origin=${encodeURIComponent(host.origin)}"></iframe></body></html>`;

before(async () => {
  outsider = await startHost({
    '/widget.html': () => scriptHostPage(),
    '/frame.html': () => framingOutsiderPage(),
    '/rogue.html': roguePage,
  });
  // The allowed host origin is bound before any Worker that allows it starts (support.mjs, useHostAndWorker).
  ({ worker, host } = await useHostAndWorker({
    '/widget.html': () => scriptHostPage(),
    '/iframe.html': () => iframeHostPage(outsider.origin),
  }));
  host.publish();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  worker?.stop();
  await host?.close();
  await outsider?.close();
});

/**
 * docs/rules.md, Worked checks, first check: CN-operated container ship, 60,000 NT, first US
 * call 2025-10-20 → Annex I, 60,000 NT × 50 USD = 3,000,000.00 USD.
 * Typed and clicked: Shanghai picked with the mouse, Los Angeles with the
 * keyboard, and the US call entered after a wrong one, then moved up.
 */
async function fillFirstCase(widget, { imo = '9310006' } = {}) {
  const imoField = widget.getByLabel('IMO number');
  await imoField.fill('');
  await imoField.pressSequentially(imo);
  const name = widget.getByLabel('Name', { exact: true });
  await name.fill('');
  await name.pressSequentially('EXAMPLE TRADER');
  await widget.getByLabel('Type', { exact: true }).selectOption('container');
  await widget.getByLabel('Flag').pressSequentially('pa');
  await widget.getByLabel('Build country').pressSequentially('KR');
  await widget.getByLabel('Net tonnage').pressSequentially('60000');
  await widget.getByLabel('Deadweight (DWT)').pressSequentially('100000');
  await widget.getByLabel('TEU capacity').pressSequentially('8000');
  await widget.getByLabel('Owner country').pressSequentially('GR');
  await widget.getByLabel('Operator country').pressSequentially('CN');

  const calls = widget.locator('li.call');
  // Call 1: Shanghai, picked from the suggestions with the mouse.
  await calls.nth(0).getByRole('combobox', { name: 'Port' }).pressSequentially('Shangh');
  await calls.nth(0).getByRole('option', { name: /CNSHA/ }).click();
  await calls.nth(0).getByLabel('Arrival date').fill('2025-09-25');
  await calls.nth(0).getByLabel('Arrival time').fill('08:00');
  // Call 2: Oakland, three days after Los Angeles; call 3: Los Angeles, picked with the keyboard.
  await widget.getByRole('button', { name: 'Add port call' }).click();
  await calls.nth(1).getByRole('combobox', { name: 'Port' }).pressSequentially('Oakland');
  await calls.nth(1).getByRole('option', { name: /USOAK/ }).click();
  await calls.nth(1).getByLabel('Arrival date').fill('2025-10-23');
  await widget.getByRole('button', { name: 'Add port call' }).click();
  const port3 = calls.nth(2).getByRole('combobox', { name: 'Port' });
  await port3.pressSequentially('Los Ang');
  await calls.nth(2).getByRole('option', { name: /USLAX/ }).waitFor();
  await port3.press('ArrowDown');
  await port3.press('Enter');
  assert.equal(await port3.inputValue(), 'USLAX');
  await calls.nth(2).getByLabel('Arrival date').fill('2025-10-20');
  await calls.nth(2).getByLabel('Arrival time').fill('06:00');
  await calls.nth(2).getByLabel('Containers discharged').pressSequentially('2000');
  // Los Angeles came before Oakland: move it up; a stray fourth call is removed.
  await widget.getByRole('button', { name: 'Move call 3 up' }).click();
  assert.equal(await calls.nth(1).getByRole('combobox', { name: 'Port' }).inputValue(), 'USLAX');
  await widget.getByRole('button', { name: 'Add port call' }).click();
  await widget.getByRole('button', { name: 'Remove call 4' }).click();
  assert.equal(await calls.count(), 3);
}

/** The rendered us-301 row must read Annex I, charged at USLAX, 3,000,000.00 USD. */
async function assertFirstCaseResult(widget) {
  const row = widget.locator('tr[data-regime="us-301"]');
  await row.waitFor();
  const cells = await row.locator('th, td').allInnerTexts();
  assert.match(cells[0], /US Section 301 port fees/);
  assert.match(cells[0], /USLAX → USOAK/);
  assert.equal(cells[1], 'USLAX');
  assert.equal(cells[2], 'Annex I');
  assert.equal(cells[3], 'charged');
  // The amount, then its certainty in a word.
  assert.match(cells[4], /^3,000,000\.00 USD\s+confirmed$/);
}

test('the widget, loaded by a script tag on another origin, quotes the first worked check', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const script = await fetch(`${worker.base}/widget.js`);
  const text = await script.text();
  assert.equal(script.headers.get('access-control-allow-origin'), '*');
  assert.equal(script.headers.get('cross-origin-resource-policy'), 'cross-origin');
  console.log(
    `widget.js: ${Buffer.byteLength(text)} bytes raw, ${gzipSync(text, { level: 9 }).length} bytes gzipped (budget 30720)`,
  );

  await page.goto(`${host.origin}/widget.html`);
  const widget = page.locator('portfees-quote');

  // A wrong check digit first: the API's problem+json lands inline, at the IMO field.
  await fillFirstCase(widget, { imo: '9310007' });
  await widget.getByRole('button', { name: 'Get quote' }).click();
  const imoMessage = widget.locator('.field:has(input[aria-invalid="true"]) .msg');
  await imoMessage.waitFor();
  assert.match(await imoMessage.innerText(), /check digit/);
  assert.equal(await widget.getByLabel('IMO number').getAttribute('aria-invalid'), 'true');
  assert.match(await widget.getByRole('alert').innerText(), /IMO number: must be a 7-digit IMO number/);

  await widget.getByLabel('IMO number').fill('');
  await widget.getByLabel('IMO number').pressSequentially('9310006');
  // Who pays under the BIMCO USTR clause, and the totals in USD at 7.10 CNY per USD.
  await widget.getByLabel('Who pays under a charter party').check();
  await widget.getByLabel(/BIMCO USTR Clause/).check();
  await widget.getByLabel('Convert totals to').selectOption('USD');
  await widget.getByLabel('Rate: CNY per 1 USD').pressSequentially('7.10');
  // An operator on MOFCOM's countermeasure list, written differently: listed, and no amount changes.
  await widget.getByLabel('Operator name').pressSequentially('HANWHA SHIPPING, L.L.C.');
  await widget.getByRole('button', { name: 'Get quote' }).click();
  await assertFirstCaseResult(widget);
  assert.equal(await widget.locator('.msg').count(), 0);
  const listed = widget.locator('.result section.listed tr.match').first();
  await listed.waitFor();
  const cells = (await listed.locator('td').allInnerTexts()).map((cell) => cell.replace(/\s+/g, ' ').trim());
  assert.match(cells[0], /^HANWHA SHIPPING, L\.L\.C\. Operator$/);
  assert.equal(cells[1], 'Hanwha Shipping LLC');
  assert.match(cells[2], /^cn-countermeasures/);
  // The printed sheet carries the same panel.
  assert.equal(await widget.locator('.sheet section.listed').count(), 1);

  const row = widget.locator('tr[data-regime="us-301"]');
  assert.match(await row.locator('td').nth(5).innerText(), /^charterers/);
  assert.match(await row.locator('td').nth(5).innerText(), /BIMCO USTR Clause/);
  // Totals: 3,000,000.00 USD and 0.00 CNY (Shanghai: not covered); converted: 3,000,000 + 0 / 7.10 = 3,000,000.00 USD.
  const totals = await widget.locator('tr.total').allInnerTexts();
  assert.deepEqual(
    totals.map((t) => t.replace(/\s+/g, ' ').trim()),
    ['Total CNY 0.00 CNY', 'Total USD 3,000,000.00 USD', 'Total in USD (at USD/CNY 7.10) 3,000,000.00 USD'],
  );

  // The portfees:quote event reached the host page with the quote.
  const quotes = await page.evaluate(() => window.quotes);
  assert.equal(quotes.length, 1);
  const charged = quotes[0].voyages.find((voyage) => voyage.regime === 'us-301');
  assert.deepEqual([charged.rule, charged.fee.amount, charged.payer], ['annex-i', '3000000.00', 'charterers']);

  // Accessibility: axe-core over the host page, the widget's shadow tree included.
  await page.addScriptTag({ content: readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
  const violations = await page.evaluate(
    async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations,
  );
  const byImpact = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const violation of violations)
    byImpact[violation.impact] = (byImpact[violation.impact] ?? 0) + violation.nodes.length;
  console.log(`axe-core: ${violations.length} rules violated; nodes by impact ${JSON.stringify(byImpact)}`);
  for (const violation of violations)
    console.log(`  ${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.length})`);
  assert.deepEqual(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    [],
  );

  await widget.screenshot({ path: join(artifacts, 'widget.png') });
  // The README's picture is refreshed on request only, so a test run leaves the tree clean.
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync(join(root, 'docs'), { recursive: true });
    copyFileSync(join(artifacts, 'widget.png'), join(root, 'docs', 'widget.png'));
  }
  await page.close();
});

test('the iframe variant quotes the same check and talks to its host only', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${host.origin}/iframe.html`);
  // The host's pre-fill arrived; the other origin's forged fill was ignored (its hello was answered after it).
  await page.waitForFunction(() => window.readies === 2);
  const widget = page.frameLocator('#quote').locator('portfees-quote');
  assert.equal(await widget.getByLabel('IMO number').inputValue(), '9310006');
  assert.equal(await widget.getByLabel('Name', { exact: true }).inputValue(), 'PREFILLED BY HOST');

  await fillFirstCase(widget);
  await widget.getByRole('button', { name: 'Get quote' }).click();
  await assertFirstCaseResult(widget);

  await page.waitForFunction(() => window.messages.some((message) => message.type === 'portfees:quote'));
  const quote = await page.evaluate(() => window.messages.find((message) => message.type === 'portfees:quote').quote);
  const charged = quote.voyages.find((voyage) => voyage.regime === 'us-301');
  assert.deepEqual([charged.rule, charged.chargedAt, charged.fee.amount], ['annex-i', 'USLAX', '3000000.00']);

  // docs/rules.md, Worked checks, last check: the same rotation on 2026-12-01 is unconfirmed; `resumed` (default)
  // 60,000 NT × 80 USD = 4,800,000.00 USD, and the line shows the `extended` alternative, 0.00 USD.
  const calls = widget.locator('li.call');
  await calls.nth(1).getByLabel('Arrival date').fill('2026-12-01');
  await calls.nth(2).getByLabel('Arrival date').fill('2026-12-03');
  await widget.getByRole('button', { name: 'Get quote' }).click();
  const amount = widget.locator('tr[data-regime="us-301"] td.num');
  await amount.getByText('4,800,000.00 USD').waitFor();
  assert.match(await amount.innerText(), /unconfirmed/);
  // The other reading sits beside the amount, with the outcome it would have.
  assert.match(await amount.innerText(), /if extended: 0\.00 USD \(suspended\)/);
  const total = widget.locator('tr.total').filter({ hasText: 'Total USD' });
  assert.match(await total.innerText(), /range 0\.00 – 4,800,000\.00/);
  await page.screenshot({ path: join(artifacts, 'widget-iframe.png'), fullPage: true });
  await page.close();
});

test('origins outside ALLOWED_ORIGINS are refused', async () => {
  // /embed will not be opened for them: 400 problem naming the origin parameter.
  const refused = await fetch(`${worker.base}/embed?origin=${encodeURIComponent(outsider.origin)}`);
  assert.equal(refused.status, 400);
  assert.match(refused.headers.get('content-type'), /application\/problem\+json/);
  const problem = await refused.json();
  assert.equal(problem.errors[0].path, 'origin');

  // CORS answers the host origin only.
  const preflight = (origin) =>
    fetch(`${worker.base}/v1/quotes`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
  assert.equal((await preflight(host.origin)).headers.get('access-control-allow-origin'), host.origin);
  assert.equal((await preflight(outsider.origin)).headers.get('access-control-allow-origin'), null);

  // The script loads on the outsider's page, but the browser refuses it the API.
  const page = await browser.newPage();
  await page.goto(`${outsider.origin}/widget.html`);
  const widget = page.locator('portfees-quote');
  // Port suggestions come from the API too, so the port is typed as a code and the day given without a time.
  await widget.getByLabel('IMO number').pressSequentially('9310006');
  await widget.getByRole('combobox', { name: 'Port' }).pressSequentially('USLAX');
  await widget.getByLabel('Arrival date').fill('2025-10-20');
  await widget.getByRole('button', { name: 'Get quote' }).click();
  const alert = widget.getByRole('alert');
  await alert.getByText(/could not reach the portfees API/).waitFor();
  assert.equal(await widget.locator('tr[data-regime]').count(), 0);
  assert.deepEqual(await page.evaluate(() => window.quotes), []);

  // Framing /embed from the outsider: the browser blocks it by frame-ancestors.
  const refusals = [];
  page.on('console', (message) => {
    if (/frame-ancestors/.test(message.text())) refusals.push(message.text());
  });
  await page.goto(`${outsider.origin}/frame.html`, { waitUntil: 'load' });
  const child = page.frames().find((frame) => frame !== page.mainFrame());
  assert.ok(child, 'the iframe exists');
  assert.equal(await child.locator('portfees-quote').count(), 0);
  assert.ok(refusals.length > 0, 'Chromium reports the frame-ancestors refusal');
  await page.close();
});
