// GET / as a newcomer and a chartering desk use it, in Debian's Chromium:
// one click on an example quotes it; the scenario switch moves a fee after
// the suspension and the total becomes a range; the scenarios side by side;
// the printable quote fits one A4 page (checked on the PDF Chromium prints);
// the Chinese labels; axe-core on the page in both locales. Saves
// test-results/print.png (docs/print.png with UPDATE_SCREENSHOTS=1).

import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { artifacts, createKey, root, useWorkerAndBrowser } from './support.mjs';

const session = useWorkerAndBrowser();
const AXE = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** A4 at CSS pixels (96 per inch), less the page's 12 mm margins. */
const MM = 96 / 25.4;
const A4_CONTENT = { width: Math.floor((210 - 24) * MM), height: Math.floor((297 - 24) * MM) };

/** Opens `/` and records requests to other origins and policy refusals. */
async function openCalculator(query = '') {
  const { worker, browser } = session();
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const foreign = [];
  const refusals = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(worker.base)) foreign.push(req.url());
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
  });
  await page.goto(`${worker.base}/${query}`);
  return { page, widget: page.locator('portfees-quote'), foreign, refusals };
}

async function axeViolations(page) {
  // Evaluated through the DevTools protocol: the page's policy (rightly) refuses an inline script tag.
  await page.evaluate(AXE);
  const violations = await page.evaluate(
    async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations,
  );
  for (const violation of violations)
    console.log(`  axe ${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.length})`);
  return violations.map((violation) => violation.id);
}

const usAmount = (widget) => widget.locator('section.result tr[data-regime="us-301"] td.num');

test('/ → example → the quote shows an amount, with no inline script and nothing from elsewhere', async () => {
  const { page, widget, foreign } = await openCalculator();
  const examples = page.getByRole('group', { name: /example/i });
  assert.equal(await examples.getByRole('button').count(), 3);
  await examples.getByRole('button', { name: /Chinese-operated container ship at Los Angeles/ }).click();
  // The form holds the example, and its quote is on screen.
  assert.equal(await widget.getByLabel('IMO number').inputValue(), '9310006');
  assert.equal(await widget.locator('li.call').count(), 3);
  const amount = usAmount(widget);
  await amount.getByText('4,800,000.00 USD').waitFor();
  // After the suspension year nothing is confirmed: the word says so, and the other world is beside the amount.
  assert.match(await amount.locator('.cert').innerText(), /^unconfirmed$/);
  assert.match(await amount.innerText(), /if extended: 0\.00 USD/);
  assert.deepEqual(foreign, []);
  await page.screenshot({ path: join(artifacts, 'calculator.png'), fullPage: true });
  await page.close();
});

test('the scenario switch changes a fee after 2026-11-10, the total is a range, and both worlds show side by side', async () => {
  const { page, widget, refusals } = await openCalculator();
  const sent = [];
  page.on('request', (req) => {
    if (req.method() === 'POST') sent.push({ path: new URL(req.url()).pathname, body: JSON.parse(req.postData()) });
  });
  await page
    .getByRole('group', { name: /example/i })
    .getByRole('button', { name: /at Los Angeles/ })
    .click();
  await usAmount(widget).getByText('4,800,000.00 USD').waitFor();
  const usdTotal = widget.locator('section.result tr.total', { hasText: 'Total USD' });
  await usdTotal.locator('.range').waitFor();
  assert.equal(await usdTotal.locator('.range').innerText(), 'range 0.00 – 4,800,000.00 USD');

  // Switching the scenario quotes again at once; the scenarios are the API's own (GET /v1/scenarios), named in the request.
  assert.deepEqual(await widget.getByLabel('Scenario after the suspension').locator('option').allInnerTexts(), [
    'Fees resumed',
    'Suspension extended',
  ]);
  await widget.getByLabel('Scenario after the suspension').selectOption({ label: 'Suspension extended' });
  await usAmount(widget)
    .getByText(/^0\.00 USD/)
    .waitFor();
  assert.equal(sent.at(-1).body.options.scenario, 'suspension-extended');
  assert.match(await usAmount(widget).innerText(), /if resumed: 4,800,000\.00 USD/);
  assert.match(await usdTotal.locator('.range').innerText(), /0\.00 – 4,800,000\.00 USD/);

  // The knowledge date travels as options.asOf.
  await widget.getByLabel('As known on').fill('2026-11-28');
  await widget.getByRole('button', { name: 'Get quote' }).click();
  await widget.locator('section.result caption', { hasText: 'Nov 28, 2026' }).waitFor();
  assert.deepEqual(sent.at(-1).body.options, { asOf: '2026-11-28', scenario: 'suspension-extended' });

  await widget.getByRole('button', { name: 'Compare scenarios' }).click();
  const table = widget.getByRole('region', { name: 'The scenarios side by side' });
  await table.locator('tr[data-regime="us-301"]').waitFor();
  assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Voyage', 'Fees resumed', 'Suspension extended']);
  const cells = await table.locator('tr[data-regime="us-301"] td').allInnerTexts();
  assert.match(cells[0], /^4,800,000\.00 USD/);
  assert.match(cells[1], /^0\.00 USD/);
  assert.equal(sent.at(-1).path, '/v1/quotes/compare');
  assert.deepEqual(
    sent.at(-1).body.variants.map((variant) => variant.scenario),
    ['fees-resumed', 'suspension-extended'],
  );
  assert.deepEqual(refusals, []);
  await page.close();
});

test('the printable quote fits one A4 page for a 3-call voyage', async () => {
  const { page, widget } = await openCalculator();
  await page
    .getByRole('group', { name: /example/i })
    .getByRole('button', { name: /at Los Angeles/ })
    .click();
  await usAmount(widget).getByText('4,800,000.00 USD').waitFor();
  const quoteId = await page.evaluate(() => document.querySelector('portfees-quote').shadowRoot.textContent);
  assert.match(quoteId, /Quote q_/);

  // The Print / PDF action opens the browser's print.
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => {
      window.printed += 1;
    };
  });
  await widget.getByRole('button', { name: 'Print / PDF' }).click();
  assert.equal(await page.evaluate(() => window.printed), 1);

  await page.setViewportSize(A4_CONTENT);
  await page.emulateMedia({ media: 'print' });
  const sheet = widget.locator('section.sheet');
  assert.ok(await sheet.isVisible(), 'the sheet shows in print');
  assert.equal(await widget.locator('form').isVisible(), false);
  const text = await sheet.innerText();
  for (const expected of [
    /PACIFIC EXAMPLE/,
    /9310006/,
    /CNSHA[\s\S]*USLAX[\s\S]*USOAK/,
    /Annex I/,
    /4,800,000\.00 USD/,
    /unconfirmed/,
    /us-301\/\d{4}-\d{2}-\d{2} sha256 [0-9a-f]{64}/,
    /cn-spf\/\d{4}-\d{2}-\d{2} sha256 [0-9a-f]{64}/,
    /Quote q_/,
    /Knowledge date: \w{3} \d{1,2}, \d{4}/,
  ])
    assert.match(text, expected);
  assert.ok((await sheet.locator('ol.sources li').count()) > 0, 'the sources are listed');
  const box = await page.evaluate(() =>
    Math.ceil(
      document.querySelector('portfees-quote').shadowRoot.querySelector('.sheet').getBoundingClientRect().bottom +
        window.scrollY,
    ),
  );
  console.log(`print layout: ${box} px tall on an A4 page of ${A4_CONTENT.height} px (12 mm margins)`);
  assert.ok(box <= A4_CONTENT.height, `the quote (${box} px) fits the page (${A4_CONTENT.height} px)`);

  // What Chromium prints: a PDF of exactly one page.
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  writeFileSync(join(artifacts, 'print.pdf'), pdf);
  assert.equal(pages, 1);

  await page.screenshot({ path: join(artifacts, 'print.png'), fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS) copyFileSync(join(artifacts, 'print.png'), join(root, 'docs', 'print.png'));
  await page.close();
});

test('zh-CN: every label in Chinese, amounts from the API in the locale’s format', async () => {
  const { page, widget } = await openCalculator('?locale=zh-CN');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await widget.getByRole('heading', { level: 2 }).first().innerText(), '港口费用报价');
  for (const label of ['IMO 编号', '船名', '船型', '船旗', '建造国', '净吨位', '抵港日期', '截至日期'])
    assert.equal(await widget.getByLabel(new RegExp(`^${label}( \\*)?$`)).count(), 1, label);
  assert.equal(await widget.getByRole('button', { name: '获取报价' }).count(), 1);
  assert.equal(await widget.getByRole('button', { name: '添加挂港' }).count(), 1);
  await page
    .getByRole('group', { name: /示例/ })
    .getByRole('button', { name: /洛杉矶/ })
    .click();
  const amount = usAmount(widget);
  await amount.getByText('4,800,000.00 USD').waitFor();
  assert.equal(await amount.locator('.cert').innerText(), '未确认');
  assert.match(await amount.innerText(), /若暂停延长：0\.00 USD/);
  const row = await widget.locator('section.result tr[data-regime="us-301"] td').allInnerTexts();
  assert.deepEqual(row.slice(1, 3), ['附件一', '收费']);
  assert.match(await widget.locator('section.result caption').innerText(), /知识日期 \d{4}年\d{1,2}月\d{1,2}日/);
  // The vessel type's help follows the type, in Chinese.
  await widget.getByLabel('船型', { exact: true }).selectOption('roro');
  assert.match(await widget.locator('select[data-path="vessel.type"] + .hint').innerText(), /con-ro/);
  await page.screenshot({ path: join(artifacts, 'calculator-zh.png'), fullPage: true });
  await page.close();
});

for (const [name, query] of [
  ['English', ''],
  ['Chinese', '?locale=zh-CN'],
]) {
  test(`axe-core finds no violation on / in ${name}, before and after a quote`, async () => {
    const { page, widget } = await openCalculator(query);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('group').first().getByRole('button').first().click();
    await usAmount(widget).locator('.cert').waitFor();
    await widget.getByRole('button', { name: query ? '对比情景' : 'Compare scenarios' }).click();
    await widget.locator('.compare tr[data-regime]').first().waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });
}

test('with a secret account key, Save stores the quote and shows its link', async () => {
  const { worker } = session();
  // A key in the database the Worker serves, made the way operators make one.
  const key = createKey(worker, ['create', '--name', 'Print desk']);
  const { page, widget } = await openCalculator();
  assert.equal(await widget.getByRole('button', { name: 'Save' }).count(), 0);
  await page.evaluate((value) => document.querySelector('portfees-quote').setAttribute('account-key', value), key);
  await page
    .getByRole('group', { name: /example/i })
    .getByRole('button', { name: /at Los Angeles/ })
    .click();
  await usAmount(widget).getByText('4,800,000.00 USD').waitFor();
  await widget.getByRole('button', { name: 'Save' }).click();
  const link = widget.locator('.saved a');
  await link.waitFor();
  const href = await link.getAttribute('href');
  assert.match(href, new RegExp(`^${worker.base}/v1/quotes/q_[0-9a-f]+$`));
  // The link answers the saved quote to the same account.
  const saved = await fetch(href, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(saved.status, 200);
  assert.equal((await saved.json()).voyages.find((v) => v.regime === 'us-301').fee.amount, '4800000.00');
  await page.close();
});
