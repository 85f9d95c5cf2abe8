// GET / as a newcomer and a chartering desk use it, in Debian's Chromium:
// one click on an example quotes it; the scenario switch moves a fee after
// the suspension and the total becomes a range; the scenarios side by side;
// the printable quote keeps its fees and totals on the first A4 page and
// prints on at most two (checked on the PDF Chromium prints);
// the Chinese labels; axe-core on the page in both locales. Saves
// test-results/print.png (docs/print.png with UPDATE_SCREENSHOTS=1).

import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { artifacts, axeViolations, createKey, root, useWorkerAndBrowser, watchedPage } from './support.mjs';

const session = useWorkerAndBrowser();

/** A4 at CSS pixels (96 per inch), less the page's 12 mm margins. */
const MM = 96 / 25.4;
const A4_CONTENT = { width: Math.floor((210 - 24) * MM), height: Math.floor((297 - 24) * MM) };

/** Opens `/` and records requests to other origins and policy refusals. */
async function openCalculator(query = '') {
  const { worker, browser } = session();
  const { page, foreign, refusals } = await watchedPage(browser, worker.base, {
    viewport: { width: 1100, height: 1000 },
  });
  await page.goto(`${worker.base}/${query}`);
  return { page, widget: page.locator('portfees-quote'), foreign, refusals };
}

const usAmount = (widget) => widget.locator('section.result tr[data-regime="us-301"] td.num');

/** Clicks the one-click example at Los Angeles and waits for its US fee on screen. */
async function quoteLosAngeles(page, widget) {
  await page
    .getByRole('group', { name: /example/i })
    .getByRole('button', { name: /at Los Angeles/ })
    .click();
  await usAmount(widget).getByText('4,800,000.00 USD').waitFor();
}

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
  await quoteLosAngeles(page, widget);
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
  assert.deepEqual(sent.at(-1).body.options, { locale: 'en', asOf: '2026-11-28', scenario: 'suspension-extended' });

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

test('the printable quote of a 3-call voyage: fees and totals on the first A4 page, at most two pages', async () => {
  const { page, widget } = await openCalculator();
  await quoteLosAngeles(page, widget);
  const quoteId = await page.evaluate(() => document.querySelector('portfees-quote').shadowRoot.textContent);
  assert.match(quoteId, /Request hash q_[0-9a-f]{24} \(not saved\)/);

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
    /Request hash q_[0-9a-f]{24} \(not saved\)/,
    /Knowledge date: \w{3} \d{1,2}, \d{4}/,
  ])
    assert.match(text, expected);
  assert.ok((await sheet.locator('ol.sources li').count()) > 0, 'the sources are listed');
  // The first page holds the vessel, the calls, the fees and the totals; the reasons and sources follow.
  const box = await page.evaluate(() =>
    Math.ceil(
      document.querySelector('portfees-quote').shadowRoot.querySelector('.sheet .totals').getBoundingClientRect()
        .bottom + window.scrollY,
    ),
  );
  console.log(`print layout: the totals end at ${box} px of an A4 page of ${A4_CONTENT.height} px (12 mm margins)`);
  assert.ok(box <= A4_CONTENT.height, `the fees and totals (${box} px) fit the first page (${A4_CONTENT.height} px)`);

  // What Chromium prints: a PDF of at most two pages.
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  writeFileSync(join(artifacts, 'print.pdf'), pdf);
  console.log(`print layout: ${pages} page(s)`);
  assert.ok(pages >= 1 && pages <= 2, `${pages} pages`);

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
  await quoteLosAngeles(page, widget);
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

// ---- Issue 25: the form, the printed sheet, a quote with an address ----

const EXAMPLES = JSON.parse(readFileSync(join(root, 'examples', 'calculator.json'), 'utf8')).examples;
const laExample = EXAMPLES.find((example) => example.id === 'cn-operated-container-los-angeles').request;
const shanghaiExample = EXAMPLES.find((example) => example.id === 'us-flag-shanghai').request;
/** The Los Angeles example with an operator on MOFCOM's countermeasure list: the "listed parties" panel shows. */
const listedExample = {
  ...laExample,
  vessel: { ...laExample.vessel, operator: { ...laExample.vessel.operator, name: 'HANWHA SHIPPING, L.L.C.' } },
};

/** Fills the widget with `request` and quotes it, as `element.fill()` and `submit()` do for a host page. */
const quote = (page, request) =>
  page.evaluate(async (value) => {
    const widget = document.querySelector('portfees-quote');
    await customElements.whenDefined('portfees-quote');
    widget.fill(value);
    await widget.submit();
  }, request);

/** Text nodes of the result and the sheet that hold Latin words and no Chinese, outside the sources and the vessel's own names. */
const latinOnly = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('portfees-quote').shadowRoot;
    const found = [];
    for (const part of root.querySelectorAll('section.result, section.sheet')) {
      const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // Source titles, names the user typed, and names as a list publishes them.
        if (node.parentElement.closest('ol.sources, .facts dd, .listed td.entry')) continue;
        const text = node.textContent.trim();
        if (!text || /[\u3400-\u9fff]/.test(text)) continue;
        // A word is letters only, not an all-capitals code (USD, CNSHA): ids, codes, numbers and hashes pass.
        const words = text.split(/\s+/).filter((w) => /^[A-Za-z]{2,}[,.;:)]?$/.test(w) && !/^[A-Z]+[,.;:)]?$/.test(w));
        if (words.length > 0) found.push(text);
      }
    }
    return found;
  });

test('a Chinese call has a berthing time, sent as portCalls[].berthing with the port’s offset', async () => {
  const { page, widget } = await openCalculator();
  const sent = [];
  page.on('request', (req) => {
    if (req.method() === 'POST') sent.push(JSON.parse(req.postData()));
  });
  await quote(page, shanghaiExample);
  await widget.locator('section.result .cert').first().waitFor();
  // Busan asks no berthing time; Shanghai and Ningbo do.
  const shown = widget.locator('.berth:not([hidden])');
  assert.equal(await shown.count(), 2);
  assert.equal(await widget.locator('li.call').nth(0).locator('.berth:not([hidden])').count(), 0);
  await widget.locator('li.call').nth(1).getByLabel('Berthing date').fill('2026-12-09');
  await widget.locator('li.call').nth(1).getByLabel('Berthing time (local)').fill('10:30');
  const [posted] = await Promise.all([
    page.waitForResponse((res) => res.request().method() === 'POST' && res.url().endsWith('/v1/quotes')),
    widget.getByRole('button', { name: 'Get quote' }).click(),
  ]);
  sent.push(JSON.parse(posted.request().postData()));
  await widget.locator('section.result .cert').first().waitFor();
  // 10:30 in Shanghai is UTC+08:00; the API reads the berthing, so it no longer asks for it.
  assert.equal(sent.at(-1).portCalls[1].berthing, '2026-12-09T10:30:00+08:00');
  assert.equal(sent.at(-1).portCalls[0].berthing, undefined);
  await widget.locator('section.result', { hasNotText: 'portCalls[].berthing' }).waitFor();
  // Changing a port to a Chinese one shows its berthing fields.
  await widget.locator('li.call').nth(0).locator('input[role="combobox"]').fill('CNTAO');
  assert.equal(await shown.count(), 3);
  await page.close();
});

test('an unknown port is shown once, under its port field, with the call’s number', async () => {
  const { page, widget } = await openCalculator();
  const calls = structuredClone(laExample.portCalls);
  calls[1].port = 'USLXA';
  await quote(page, { ...laExample, portCalls: calls });
  const messages = widget.locator('.msg');
  await messages.first().waitFor();
  assert.deepEqual(await messages.allInnerTexts(), [
    'Call 2: USLXA is not in the port table; did you mean USLAX, USJAX, USLCH?',
  ]);
  const field = widget.locator('li.call').nth(1).locator('.field.combo');
  assert.equal(await field.locator('.msg').count(), 1);
  assert.equal(await field.locator('input[role="combobox"]').getAttribute('aria-invalid'), 'true');
  assert.match(await widget.getByRole('alert').innerText(), /Call 2, Port: USLXA is not in the port table/);
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('a time-dependent voyage shows its range as the headline', async () => {
  const { page, widget } = await openCalculator();
  // docs/rules.md, date-only arrivals: 2025-10-14 00:00 ET is 2025-10-13 21:00 in Los Angeles, so a date-only
  // arrival that day is 0.00 USD before 21:00 and 60,000 × 50 = 3,000,000.00 USD after.
  const calls = [
    { port: 'CNSHA', arrival: '2025-09-20' },
    { port: 'USLAX', arrival: '2025-10-13' },
    { port: 'USOAK', arrival: '2025-10-16' },
  ];
  await quote(page, { ...laExample, portCalls: calls });
  const amount = usAmount(widget);
  await amount.locator('.cert').waitFor();
  assert.equal(await amount.locator('.amount').innerText(), '0.00 – 3,000,000.00 USD');
  assert.equal(await amount.locator('.cert').innerText(), 'time-dependent');
  await page.close();
});

test('the sheet gives each fee’s reasons, assumption titles with their values, the request hash, and primary sources first', async () => {
  const { worker } = session();
  const key = createKey(worker, ['create', '--name', 'Sheet desk']);
  const { page, widget } = await openCalculator();
  await page.evaluate((value) => document.querySelector('portfees-quote').setAttribute('account-key', value), key);
  await quote(page, shanghaiExample);
  const sheet = widget.locator('section.sheet');
  await sheet.locator('ol.sources li[data-kind="secondary"]').first().waitFor({ state: 'attached' });
  const text = await sheet.textContent();
  // Not saved: the id is named for what it is, the hash of the request.
  assert.match(text, /Request hash q_[0-9a-f]{24} \(not saved\)/);
  // Reasons per fee: the exemptions weighed (build country KR is not China) and the explanation's arithmetic.
  const reasons = await sheet.locator('.reasons li').allTextContents();
  assert.ok(reasons.includes('Built in China (does not apply): built in KR'), reasons.join('\n'));
  assert.ok(reasons.includes('30,224 net-ton × 640 = 19,343,360.00 CNY.'), reasons.join('\n'));
  // Assumptions by title, with the value chosen.
  assert.equal(
    await sheet.locator('li[data-assumption="us-301.cap-year"]').textContent(),
    'US Section 301 port fees · What "year" means for the five-charges-per-vessel cap: calendar',
  );
  // Sources: primary ones first, secondary ones marked.
  const kinds = await sheet
    .locator('ol.sources li')
    .evaluateAll((items) => items.map((item) => item.dataset.kind ?? ''));
  assert.equal(kinds[0], 'primary');
  assert.ok(kinds.lastIndexOf('primary') < kinds.indexOf('secondary'), kinds.join(','));
  for (const secondary of await sheet.locator('ol.sources li[data-kind="secondary"]').allTextContents())
    assert.match(secondary, /^\[secondary\] /);
  assert.match(
    await sheet
      .locator('ol.sources li[data-kind="primary"]')
      .allTextContents()
      .then((all) => all.join('\n')),
    /https:\/\/www\.govinfo\.gov\/content\/pkg\/FR-2025-04-23\/html\/2025-06927\.htm/,
  );
  // Saved: the sheet names the quote GET /v1/quotes/{id} answers.
  await widget.getByRole('button', { name: 'Save' }).click();
  await widget.locator('.saved a').waitFor();
  const id = (await widget.locator('.saved a').getAttribute('href')).split('/').pop();
  assert.match(await sheet.locator('.meta').textContent(), new RegExp(`^Quote ${id} · `));
  await page.close();
});

test('the quote has an address: the request is in the URL, and a reload or Back shows the same quote', async () => {
  const { page, widget } = await openCalculator();
  await quoteLosAngeles(page, widget);
  await page.waitForURL(/#q=[A-Za-z0-9_-]+$/);
  const first = page.url();
  // The hash is the request, deflate-raw and base64url.
  const packed = new URL(first).hash.slice(3);
  const { inflateRawSync } = await import('node:zlib');
  const request = JSON.parse(inflateRawSync(Buffer.from(packed, 'base64url')).toString('utf8'));
  assert.equal(request.vessel.imo, '9310006');
  assert.equal(request.portCalls[1].port, 'USLAX');

  await page.reload();
  await usAmount(widget).getByText('4,800,000.00 USD').waitFor();
  assert.equal(await widget.getByLabel('IMO number').inputValue(), '9310006');
  assert.equal(page.url(), first);

  await page
    .getByRole('group', { name: /example/i })
    .getByRole('button', { name: /at Shanghai/ })
    .click();
  await widget.locator('section.result tr[data-regime="cn-spf"][data-outcome="charged"]').waitFor();
  await page.waitForURL((url) => url.href !== first);
  await page.goBack();
  await usAmount(widget).getByText('4,800,000.00 USD').waitFor();
  assert.equal(page.url(), first);
  assert.equal(await widget.getByLabel('IMO number').inputValue(), '9310006');
  await page.close();
});

test('Export CSV gives one row per voyage; Copy as curl is the exact request, and running it answers the same quote', async () => {
  const { page, widget } = await openCalculator();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await quote(page, laExample);
  await usAmount(widget).getByText('4,800,000.00 USD').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    widget.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^portfees-q_[0-9a-f]{24}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.deepEqual(csv.split('\r\n'), [
    'regime,port,arrival,rule,outcome,certainty,amount,currency,low,high',
    'cn-spf,CNSHA,2026-11-20T08:00:00+08:00,,not-covered,confirmed,0.00,CNY,0.00,0.00',
    // After the suspension year: 60,000 × 80 = 4,800,000.00 USD if the fees resumed, 0.00 if it was extended.
    'us-301,USLAX,2026-12-15T06:00:00-08:00,annex-i,charged,unconfirmed,4800000.00,USD,0.00,4800000.00',
    '',
  ]);

  await widget.getByRole('button', { name: 'Copy as curl' }).click();
  const command = await widget.locator('pre.curl').innerText();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), command);
  const { worker } = session();
  assert.match(command, new RegExp(`^curl -X POST '${worker.base}/v1/quotes'`));
  const { execFileSync } = await import('node:child_process');
  const answer = JSON.parse(
    execFileSync('sh', ['-c', command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  );
  assert.equal(answer.voyages.find((voyage) => voyage.regime === 'us-301').fee.amount, '4800000.00');
  const shown = await widget.locator('section.result .reference').innerText();
  assert.equal(shown, `Request hash ${answer.quoteId} (not saved)`);
  await page.close();
});

test('at 390 px wide every amount shows without sideways scrolling, the scenarios compared too', async () => {
  const { worker, browser } = session();
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${worker.base}/`);
  const widget = page.locator('portfees-quote');
  await quote(page, laExample);
  await usAmount(widget).getByText('4,800,000.00 USD').waitFor();
  await widget.getByRole('button', { name: 'Compare scenarios' }).click();
  await widget.locator('.compare td.num').first().waitFor();
  const layout = await page.evaluate(() => {
    const root = document.querySelector('portfees-quote').shadowRoot;
    const amounts = [...root.querySelectorAll('section.result .num, .compare .num')].map((cell) => {
      const box = cell.getBoundingClientRect();
      return { text: cell.innerText.split('\n')[0], left: box.left, right: box.right };
    });
    return { scrollWidth: document.documentElement.scrollWidth, width: innerWidth, amounts };
  });
  assert.ok(layout.scrollWidth <= layout.width, `page ${layout.scrollWidth} px wide in a ${layout.width} px window`);
  assert.ok(layout.amounts.length >= 8, JSON.stringify(layout.amounts));
  for (const amount of layout.amounts)
    assert.ok(amount.left >= 0 && amount.right <= layout.width, `${amount.text} at ${amount.left}–${amount.right}`);
  await page.screenshot({ path: join(artifacts, 'calculator-390.png'), fullPage: true });
  await page.close();
});

test('zh-CN: no Latin-only sentence on the result or the sheet, and axe finds nothing with the new fields', async () => {
  const { page, widget } = await openCalculator('?locale=zh-CN');
  for (const request of [listedExample, laExample, shanghaiExample]) {
    await quote(page, request);
    await widget.locator('section.result .cert').first().waitFor();
    if (request === listedExample) await widget.locator('section.result section.listed').waitFor();
    await widget.locator('section.sheet ol.sources li[data-kind]').first().waitFor({ state: 'attached' });
    assert.deepEqual(await latinOnly(page), []);
  }
  assert.match(await widget.locator('section.sheet .meta').textContent(), /^请求哈希 q_[0-9a-f]{24}（未保存）/);
  assert.match(await widget.locator('section.sheet').textContent(), /\[二手来源\] /);
  assert.equal(await widget.locator('.berth:not([hidden])').getByLabel('靠泊日期').count(), 2);
  await widget.getByRole('button', { name: '复制为 curl 命令' }).click();
  await widget.locator('pre.curl').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});
