import { describe, expect, it } from 'vitest';
import analystsDoc from '../../docs/analysts.md?raw';
import type { ExposureReport, ExposureRow } from '../../src/batch/exposure';
import { decimal } from '../../src/lib/money';
import { bearer, createKey } from '../support/accounts';
import { latinOnlySentences } from '../support/chinese';
import { postJob, runJob } from '../support/jobs';
import { call } from '../support/worker';

const HEADER = 'imo,name,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,operatorName,port,arrival';
const vessel = (imo: string, rest: string, calls: Array<[string, string]>) =>
  calls.map(([port, arrival]) => `${imo},${rest},${port},${arrival}`);

/**
 * Six vessels, asOf 2026-11-28 (the suspension and its two scenarios known), hand-computed (docs/rules.md):
 * - ALPHA 9310006, CN operator "COSCO", 60,000 NT: CNSHA not covered (0 CNY); USLAX 2025-10-20 Annex I 60,000 × 50 = 3,000,000.00 USD.
 * - BRAVO 9321483, US flag/owner/operator (unnamed → "US"), 30,224 NT: CNSHA 2025-10-14 30,224 × 400 = 12,089,600.00 CNY.
 * - CHARLIE 9074729: unreadable arrival, failed.
 * - DELTA 9310018, US operator "Delta Line", China-built: CNSHA 2025-10-20 exempt (china-built), 0 CNY.
 * - ECHO 9310020, CN operator "COSCO", 10,000 NT: six US voyages in October–November 2025 (Chinese calls between them, not
 *   covered): the first five charged 10,000 × 50 = 500,000.00 USD each, the sixth (2025-11-04) capped: 2,500,000.00 USD.
 * - FOXTROT 9310032, CN operator "Fox Shipping", 20,000 NT: USLAX 2026-12-01, after the suspension year: resumed →
 *   Annex I step of April 2026, 20,000 × 80 = 1,600,000.00 USD; extended → suspended, 0.
 */
const FLEET = [
  HEADER,
  ...vessel('9310006', 'ALPHA,container,PA,KR,60000,GR,CN,COSCO', [
    ['CNSHA', '2025-09-25T08:00:00+08:00'],
    ['USLAX', '2025-10-20T06:00:00-07:00'],
  ]),
  ...vessel('9321483', 'BRAVO,container,US,US,30224,US,US,', [['CNSHA', '2025-10-14T18:00:00+08:00']]),
  ...vessel('9074729', 'CHARLIE,dry_bulk,PA,CN,50000,GR,DK,', [['USHOU', '2025-10-2x']]),
  ...vessel('9310018', 'DELTA,container,LR,CN,40000,GR,US,Delta Line', [['CNSHA', '2025-10-20T10:00:00+08:00']]),
  ...vessel('9310020', 'ECHO,container,PA,KR,10000,GR,CN,COSCO', [
    ['USLAX', '2025-10-15'],
    ['CNSHA', '2025-10-17'],
    ['USLAX', '2025-10-19'],
    ['CNSHA', '2025-10-21'],
    ['USLAX', '2025-10-23'],
    ['CNSHA', '2025-10-25'],
    ['USLAX', '2025-10-27'],
    ['CNSHA', '2025-10-29'],
    ['USLAX', '2025-10-31'],
    ['CNSHA', '2025-11-02'],
    ['USLAX', '2025-11-04'],
  ]),
  ...vessel('9310032', 'FOXTROT,container,PA,KR,20000,GR,CN,Fox Shipping', [['USLAX', '2026-12-01']]),
].join('\n');

const cell = (amount: string, voyages: number, charged: number, exempt = 0, capped = 0) => ({
  amount,
  voyages,
  charged,
  exempt,
  capped,
});
const both = (value: ReturnType<typeof cell>, extended = value) => ({
  'fees-resumed': value,
  'suspension-extended': extended,
});
const find = (rows: ExposureRow[], keys: Record<string, string>) =>
  rows.find((row) => Object.entries(keys).every(([k, v]) => row.keys[k] === v));

async function finishedReport(fleet = FLEET): Promise<{ report: ExposureReport; key: string; page: string }> {
  const { key } = await createKey();
  const res = await postJob(key, fleet, 'text/csv', '?asOf=2026-11-28&scenarios=both');
  const { id, links } = (await res.json()) as { id: string; links: { page: string } };
  await runJob(id);
  const report = await call(`/v1/jobs/${id}/report`, { headers: bearer(key) });
  expect(report.status).toBe(200);
  return { report: (await report.json()) as ExposureReport, key, page: links.page };
}

describe('the exposure report', () => {
  it('aggregates by currency, regime, cap year, month, operator, rule, exemption and scenario as computed by hand', async () => {
    const { report } = await finishedReport();
    expect(report.scenarios).toEqual(['fees-resumed', 'suspension-extended']);
    expect(report.vessels).toEqual({ total: 6, quoted: 5, failed: 1 });
    expect(report.totals).toEqual([
      { keys: { currency: 'CNY' }, values: both(cell('12089600.00', 8, 1, 1)) },
      {
        keys: { currency: 'USD' },
        values: both(cell('7100000.00', 8, 7, 0, 1), cell('5500000.00', 8, 6, 0, 1)),
      },
    ]);
    const { breakdowns } = report;
    expect(breakdowns.regime.map((row) => row.keys)).toEqual([
      { regime: 'cn-spf', currency: 'CNY' },
      { regime: 'us-301', currency: 'USD' },
    ]);
    expect(find(breakdowns.capYear, { regime: 'us-301', capYear: '2025' })!.values).toEqual(
      both(cell('5500000.00', 7, 6, 0, 1)),
    );
    expect(find(breakdowns.capYear, { regime: 'us-301', capYear: '2026' })!.values).toEqual(
      both(cell('1600000.00', 1, 1), cell('0.00', 1, 0)),
    );
    expect(find(breakdowns.capYear, { regime: 'cn-spf', capYear: '2025-26' })!.values).toEqual(
      both(cell('12089600.00', 8, 1, 1)),
    );
    // Operators: COSCO's two ships together, an unnamed operator under its country, largest first.
    expect(
      breakdowns.operator.map((row) => [row.keys.operator, row.keys.currency, row.values['fees-resumed']!.amount]),
    ).toEqual([
      ['US', 'CNY', '12089600.00'],
      ['COSCO', 'USD', '5500000.00'],
      ['Fox Shipping', 'USD', '1600000.00'],
      ['COSCO', 'CNY', '0.00'],
      ['Delta Line', 'CNY', '0.00'],
    ]);
    expect(find(breakdowns.operator, { operator: 'COSCO', currency: 'CNY' })!.values).toEqual(both(cell('0.00', 6, 0)));
    expect(find(breakdowns.operator, { operator: 'Fox Shipping' })!.values['suspension-extended']).toEqual(
      cell('0.00', 1, 0),
    );
    expect(find(breakdowns.rule, { regime: 'us-301', rule: 'annex-i' })!.values).toEqual(
      both(cell('7100000.00', 8, 7, 0, 1), cell('5500000.00', 8, 6, 0, 1)),
    );
    expect(find(breakdowns.month, { month: '2025-10', regime: 'us-301', rule: 'annex-i' })!.values).toEqual(
      both(cell('5500000.00', 6, 6)),
    );
    expect(find(breakdowns.month, { month: '2025-11', regime: 'us-301', rule: 'annex-i' })!.values).toEqual(
      both(cell('0.00', 1, 0, 0, 1)),
    );
    expect(breakdowns.exemption).toEqual([
      { keys: { regime: 'cn-spf', exemption: 'china-built' }, values: both(cell('0.00', 1, 0, 1)) },
    ]);
    expect(find(breakdowns.outcome, { regime: 'us-301', outcome: 'suspended' })!.values).toEqual({
      'fees-resumed': cell('0.00', 0, 0),
      'suspension-extended': cell('0.00', 1, 0),
    });
  });

  it('the synchronous batch with report=true gives the same aggregates', async () => {
    const { report, key } = await finishedReport();
    const res = await call('/v1/quotes/batch?asOf=2026-11-28&scenarios=both&report=true', {
      method: 'POST',
      body: FLEET,
      headers: { ...bearer(key), 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(report);
    const one = await call('/v1/quotes/batch?asOf=2026-11-28&scenario=suspension-extended&report=true', {
      method: 'POST',
      body: FLEET,
      headers: { 'content-type': 'text/csv' },
    });
    const extended = (await one.json()) as ExposureReport;
    expect(extended.scenarios).toEqual(['suspension-extended']);
    expect(extended.totals.find((row) => row.keys.currency === 'USD')!.values).toEqual({
      'suspension-extended': cell('5500000.00', 8, 6, 0, 1),
    });
  });

  it('the page draws every chart with its table and CSV, escapes every value and allows no script', async () => {
    const { page } = await finishedReport(FLEET.replaceAll('Fox Shipping', '<script>alert(1)</script> & Co'));
    const res = await call(page);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const text = await res.text();
    expect(text).not.toContain('<script');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    const ids = [...text.matchAll(/<section id="([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'summary',
      'certainty',
      'month-0',
      'month-1',
      'operators-0',
      'operators-1',
      'scenarios',
      'exemptions',
      'results',
    ]);
    expect(text.match(/<svg class="chart"/g)).toHaveLength(6);
    expect(text.match(/<details class="table-view">/g)).toHaveLength(6);
    const token = page.split('?')[1]!;
    const csv = await call(`${page.split('?')[0]}/charts/scenarios.csv?${token}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toBe(
      [
        'regime,currency,scenario,amount,voyages,charged,exempt,capped',
        'cn-spf,CNY,fees-resumed,12089600.00,8,1,1,0',
        'cn-spf,CNY,suspension-extended,12089600.00,8,1,1,0',
        'us-301,USD,fees-resumed,7100000.00,8,7,0,1',
        'us-301,USD,suspension-extended,5500000.00,8,6,0,1',
        '',
      ].join('\r\n'),
    );
    const operators = await (await call(`${page.split('?')[0]}/charts/operators-1.csv?${token}`)).text();
    expect(operators.split('\r\n')[2]).toBe('<script>alert(1)</script> & Co,USD,1600000.00,1,1');
    expect((await call(`${page.split('?')[0]}/charts/scenarios.csv`)).status).toBe(404);
  });

  it('counts the voyages that touch a listed party, per listed entry, and draws them as a chart of the page', async () => {
    // GOLF's operator is listed (MOFCOM Order 2025 No. 6, in force on 2025-10-20); HOTEL's is not.
    // cn-spf 2025-10-14: US-operated, 60,000 NT × 400 = 24,000,000.00 CNY; a listing changes no amount.
    const fleet = [
      HEADER,
      ...vessel('9310006', 'GOLF,container,PA,KR,60000,GR,US,Hanwha Shipping LLC', [
        ['CNSHA', '2025-10-20T08:00:00+08:00'],
      ]),
      ...vessel('9310018', 'HOTEL,container,PA,KR,60000,GR,US,Delta Line', [['CNSHA', '2025-10-20T08:00:00+08:00']]),
    ].join('\n');
    const { report, page } = await finishedReport(fleet);
    expect(report.breakdowns.listed).toEqual([
      {
        keys: { listed: 'cn-countermeasures: Hanwha Shipping LLC', regime: 'cn-spf', currency: 'CNY' },
        values: both(cell('24000000.00', 1, 1)),
      },
    ]);
    const text = await (await call(page)).text();
    expect([...text.matchAll(/<section id="([a-z0-9-]+)"/g)].map((m) => m[1])).toContain('listed');
    const token = page.split('?')[1]!;
    expect(await (await call(`${page.split('?')[0]}/charts/listed.csv?${token}`)).text()).toBe(
      [
        'listed,regime,currency,voyages,amount',
        'cn-countermeasures: Hanwha Shipping LLC,cn-spf,CNY,1,24000000.00',
        '',
      ].join('\r\n'),
    );
  });

  it('says how sure each total is: the amount by certainty, adding up to the total, and the low–high range', async () => {
    const { report } = await finishedReport();
    const row = (currency: string, scenario: string, amount: string, low: string, high: string, confirmed: string) => ({
      currency,
      scenario,
      amount,
      low,
      high,
      confirmed,
      assumed: '0.00',
      estimated: '0.00',
      'time-dependent': '0.00',
      unconfirmed: decimal(amount).minus(decimal(confirmed)).toFixed(2),
    });
    expect(report.certainty).toEqual([
      // BRAVO's 12,089,600.00 CNY is charged under both scenarios, before any suspension: confirmed.
      row('CNY', 'fees-resumed', '12089600.00', '12089600.00', '12089600.00', '12089600.00'),
      row('CNY', 'suspension-extended', '12089600.00', '12089600.00', '12089600.00', '12089600.00'),
      // ALPHA 3,000,000 + ECHO 2,500,000 are confirmed; FOXTROT's 1,600,000 after the suspension year is unconfirmed,
      // 0 under the other reading: low 5,500,000, high 7,100,000 under either scenario.
      row('USD', 'fees-resumed', '7100000.00', '5500000.00', '7100000.00', '5500000.00'),
      row('USD', 'suspension-extended', '5500000.00', '5500000.00', '7100000.00', '5500000.00'),
    ]);
    // docs/analysts.md shows the USD row under fees-resumed: this one.
    const documented = /"certainty": \[ (\{[\s\S]*?\})/.exec(analystsDoc)?.[1];
    expect(JSON.parse(documented ?? 'null')).toEqual(report.certainty[2]);
  });

  it('shows the report in words a desk reads: separators, labels, certainty, no operator at 0, the way to the rows', async () => {
    const { page } = await finishedReport();
    const english = await (await call(page)).text();
    // 12,089,600.00 CNY; 7,100,000.00 USD under fees resumed (hand sums above).
    expect(english).toContain('<td class="n">12,089,600.00</td>');
    expect(english).toContain('<td class="n">7,100,000.00</td>');
    expect(english).not.toMatch(/>[a-z-]+: amount</);
    expect(english).toContain('<th scope="col">fees resumed: Amount</th>');
    expect(english).toContain('<h2 id="certainty-h">How sure the totals are</h2>');
    expect(english).toContain('GET /v1/jobs/');
    expect(english).toContain('<a href="/">Back to the calculator</a>');
    // Created and finished on the UTC clock to the minute: no seconds, no milliseconds.
    expect(english.slice(0, english.indexOf('</header>'))).not.toMatch(/\d{2}:\d{2}:\d{2}/);
    expect(english).toMatch(/created \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · finished \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    // Top operators in CNY: only US (12,089,600.00); COSCO and Delta Line charged 0 CNY and are left out.
    const cny = english.slice(
      english.indexOf('<section id="operators-0"'),
      english.indexOf('<section id="operators-1"'),
    );
    expect([...cny.matchAll(/<g class="bar" data-label="([^"]+)"/g)].map((m) => m[1])).toEqual(['US']);
    expect(cny).toContain('Top 1 operators by fees, CNY');
  });

  it('writes the job page in Chinese under ?locale=zh-CN or Accept-Language', async () => {
    const { page } = await finishedReport();
    for (const res of [
      await call(`${page}&locale=zh-CN`),
      await call(page, { headers: { 'accept-language': 'zh-CN' } }),
    ]) {
      expect(res.headers.get('content-language')).toBe('zh-CN');
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('<h1>船队费用敞口</h1>');
      expect(html).toContain('<a href="/?locale=zh-CN">返回计算器</a>');
      // Operators' names are shown as the fleet file gives them.
      expect(latinOnlySentences(html, ['Fox Shipping', 'Delta Line'])).toEqual([]);
    }
  });

  it('shows a running job’s progress on a page that reloads itself', async () => {
    const { key } = await createKey();
    const res = await postJob(key, FLEET, 'text/csv', '?asOf=2026-11-28');
    const { links } = (await res.json()) as { links: { page: string } };
    const html = await (await call(links.page)).text();
    expect(html).toContain('<meta http-equiv="refresh" content="5">');
    expect(html).toMatch(/<h1>Fleet job (queued|running)<\/h1>/);
    expect(html).toContain('This page reloads every 5 seconds until the report is ready.');
    const chinese = await (await call(`${links.page}&locale=zh-CN`)).text();
    expect(latinOnlySentences(chinese)).toEqual([]);
  });
});
