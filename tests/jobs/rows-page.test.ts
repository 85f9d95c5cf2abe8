/**
 * The per-vessel rows of a job's report page: 50 vessels a page, each
 * vessel's fees per regime and currency with their certainty, range and
 * outcomes, links to the other pages and scenarios that keep the page token
 * and the locale, the CSV of every row, and bad paging parameters refused.
 */
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { bearer, createKey } from '../support/accounts';
import { latinOnlySentences } from '../support/chinese';
import { deliver, postJob, realBindings, runJob } from '../support/jobs';
import { call } from '../support/worker';

const HEADER = 'imo,name,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,operatorName,port,arrival';

/** An IMO number from six digits: the seventh is the check digit (each digit times 7, 6, 5, 4, 3, 2, summed, mod 10). */
function imoOf(six: number): string {
  const digits = String(six).padStart(6, '0');
  const check = [...digits].reduce((sum, digit, i) => sum + Number(digit) * (7 - i), 0) % 10;
  return `${digits}${check}`;
}

const name = (n: number) => `V${String(n).padStart(2, '0')}`;

/**
 * Sixty vessels, asOf 2026-11-28 (docs/rules.md; the figures as in tests/jobs/report.test.ts):
 * - V01, CN-operated, 10,000 NT: six US voyages in Oct–Nov 2025, five charged 500,000.00 USD each, the sixth capped:
 *   2,500,000.00 USD, confirmed; the five Chinese calls between them are not covered (0.00 CNY).
 * - V02, CN-operated, 20,000 NT, USLAX 2026-12-01, after the suspension year: resumed 20,000 × 80 = 1,600,000.00 USD,
 *   unconfirmed, 0.00 under the other reading (range 0.00 – 1,600,000.00); extended: suspended, 0.00.
 * - V03: an unreadable arrival, not quoted.
 * - V04, US-owned and operated, 30,224 NT: CNSHA 2025-10-14, 30,224 × 400 = 12,089,600.00 CNY.
 * - V55, CN-operated, 60,000 NT: CNSHA not covered (0.00 CNY), USLAX 2025-10-20 60,000 × 50 = 3,000,000.00 USD.
 * - every other, CN-operated, 20,000 NT: USLAX 2025-10-20, 20,000 × 50 = 1,000,000.00 USD.
 */
function fleet(): string {
  const lines = [HEADER];
  for (let n = 1; n <= 60; n++) {
    const row = (rest: string, port: string, arrival: string) =>
      lines.push(`${imoOf(931000 + n)},${name(n)},${rest},${port},${arrival}`);
    if (n === 1) {
      for (const [i, day] of [15, 17, 19, 21, 23, 25, 27, 29, 31].entries())
        row('container,PA,KR,10000,GR,CN,', i % 2 === 0 ? 'USLAX' : 'CNSHA', `2025-10-${day}`);
      row('container,PA,KR,10000,GR,CN,', 'CNSHA', '2025-11-02');
      row('container,PA,KR,10000,GR,CN,', 'USLAX', '2025-11-04');
    } else if (n === 2) row('container,PA,KR,20000,GR,CN,', 'USLAX', '2026-12-01');
    else if (n === 3) row('dry_bulk,PA,CN,50000,GR,DK,', 'USHOU', '2025-10-2x');
    else if (n === 4) row('container,US,US,30224,US,US,', 'CNSHA', '2025-10-14T18:00:00+08:00');
    else if (n === 55) {
      row('container,PA,KR,60000,GR,CN,', 'CNSHA', '2025-09-25T08:00:00+08:00');
      row('container,PA,KR,60000,GR,CN,', 'USLAX', '2025-10-20T06:00:00-07:00');
    } else row('container,PA,KR,20000,GR,CN,', 'USLAX', '2025-10-20T06:00:00-07:00');
  }
  return lines.join('\n');
}

/** A finished job of the sixty vessels in chunks of 7 (so pages and chunks do not line up), under both scenarios. */
async function finishedJob(): Promise<{ id: string; key: string; page: string }> {
  const { key } = await createKey();
  const body = fleet();
  const res = await worker.fetch(
    new Request('http://portfees.test/v1/jobs?asOf=2026-11-28&scenarios=both', {
      method: 'POST',
      body,
      headers: { ...bearer(key), 'content-type': 'text/csv', 'content-length': String(body.length) },
    }),
    { ...realBindings(), JOB_CHUNK_VESSELS: '7' },
    createExecutionContext(),
  );
  expect(res.status).toBe(202);
  const { id, links } = (await res.json()) as { id: string; links: { page: string } };
  await runJob(id);
  return { id, key, page: links.page };
}

/** The vessels of a page, by name (or by IMO number when their request could not be read). */
const vessels = (html: string) =>
  [...html.matchAll(/<tbody class="vessel"><tr><th[^>]*>(V\d\d|IMO \d{7})/g)].map((m) => m[1]);
const vesselBody = (html: string, vessel: string) =>
  new RegExp(`<tbody class="vessel"><tr><th[^>]*>${vessel}[ <][\\s\\S]*?</tbody>`).exec(html)?.[0] ?? '';
/** The cells of each row under a vessel's heading row, line breaks as ` | `. */
const cells = (body: string) =>
  [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<br>/g, ' | ')))
    .filter((row) => row.length > 0);
/** The address of the pager's link `rel` (first, prev, next, last), as a browser reads it. */
const link = (html: string, rel: string) =>
  [...html.matchAll(/<a href="([^"]+)" rel="([a-z]+)">/g)].find((m) => m[2] === rel)?.[1]?.replaceAll('&amp;', '&');

describe('the per-vessel rows of the job page', { timeout: 60_000 }, () => {
  it('shows 50 vessels a page with their fees per regime, and page 2 the next ones, reading only the chunks under it', async () => {
    const { id, page } = await finishedJob();
    const res = await call(page);
    expect(res.status).toBe(200);
    const first = await res.text();
    expect(first).not.toContain('<script');
    // V03's request could not be read: it goes by its IMO number and its row in the input (line 14: the header, V01's eleven, V02's one).
    expect(vessels(first)).toEqual(
      Array.from({ length: 50 }, (_, i) => (i === 2 ? `IMO ${imoOf(931003)}` : name(i + 1))),
    );
    expect(first).toContain('<p>Vessels 1–50 of 60 · page 1 of 2</p>');
    expect(first).toContain(
      '<th scope="col">Regime</th><th scope="col">Currency</th><th scope="col" class="n">Amount</th><th scope="col" class="n">Low – high</th><th scope="col">Certainty</th><th scope="col">Outcome</th>',
    );
    // V01: five charged, the sixth capped, 2,500,000.00 USD, sure; its Chinese calls not covered. One row per regime.
    expect(cells(vesselBody(first, 'V01'))).toEqual([
      ['China special port fees', 'CNY', '0.00', '', 'confirmed', 'not covered × 5'],
      ['US Section 301 port fees', 'USD', '2,500,000.00', '', 'confirmed', 'charged × 5 | capped'],
    ]);
    expect(vesselBody(first, 'V01')).toContain(`<span class="vessel-id">IMO ${imoOf(931001)}</span>`);
    // V02: 1,600,000.00 USD if the fees resume, 0.00 if not: a range, unconfirmed.
    expect(cells(vesselBody(first, 'V02'))).toEqual([
      ['US Section 301 port fees', 'USD', '1,600,000.00', '0.00 – 1,600,000.00', 'unconfirmed', 'charged'],
    ]);
    const v03 = vesselBody(first, `IMO ${imoOf(931003)}`);
    expect(v03).toContain('<span class="vessel-id">input lines: 14</span>');
    expect(v03).toContain(
      'Not quoted; problems found: 1, each with its reason in the CSV. The first is in the field <code>portCalls[0].arrival</code>: must be an ISO 8601 date-time',
    );
    expect(cells(vesselBody(first, 'V04'))).toEqual([
      ['China special port fees', 'CNY', '12,089,600.00', '', 'confirmed', 'charged'],
    ]);
    expect(cells(vesselBody(first, 'V50'))).toEqual([
      ['US Section 301 port fees', 'USD', '1,000,000.00', '', 'confirmed', 'charged'],
    ]);
    expect(link(first, 'prev')).toBeUndefined();
    const next = link(first, 'next')!;
    const token = new URL(page, 'http://x').searchParams.get('token')!;
    expect(new URL(next, 'http://x').searchParams.get('token')).toBe(token);
    expect(new URL(next, 'http://x').searchParams.get('rows')).toBe('2');

    // Page 2 of vessels in chunks of 7: vessels 51 to 60 lie in chunks 7 (vessels 50–56) and 8; nothing else is read.
    const read: string[] = [];
    const bucket = env.JOBS_BUCKET;
    const counting = new Proxy(bucket, {
      get: (target, property) =>
        property === 'get'
          ? (key: string, options?: R2GetOptions) => {
              read.push(key);
              return target.get(key, options);
            }
          : Reflect.get(target, property, target),
    });
    const second = await (
      await worker.fetch(
        new Request(`http://portfees.test${next}`),
        { ...realBindings(), JOBS_BUCKET: counting },
        createExecutionContext(),
      )
    ).text();
    expect(read.filter((key) => key.includes('/chunks/'))).toEqual([
      `jobs/${id}/chunks/000007/results-0.ndjson`,
      `jobs/${id}/chunks/000008/results-0.ndjson`,
    ]);
    expect(vessels(second)).toEqual(Array.from({ length: 10 }, (_, i) => name(i + 51)));
    expect(second).toContain('<p>Vessels 51–60 of 60 · page 2 of 2</p>');
    // V55: two regimes, one row each, sorted by regime, under a heading row that names the vessel.
    expect(vesselBody(second, 'V55')).toContain(
      `<tr><th scope="rowgroup" colspan="6">V55 <span class="vessel-id">IMO ${imoOf(931055)}</span></th></tr>`,
    );
    expect(cells(vesselBody(second, 'V55'))).toEqual([
      ['China special port fees', 'CNY', '0.00', '', 'confirmed', 'not covered'],
      ['US Section 301 port fees', 'USD', '3,000,000.00', '', 'confirmed', 'charged'],
    ]);
    expect(link(second, 'next')).toBeUndefined();
    expect(new URL(link(second, 'prev')!, 'http://x').searchParams.get('rows')).toBe('1');
  });

  it('links to the other scenario and to the CSV of every row, the same as the results route', async () => {
    const { id, key, page } = await finishedJob();
    const html = await (await call(page)).text();
    const other = /<a href="([^"]+)">suspension extended<\/a>/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(html).toMatch(/<a href="[^"]+" aria-current="page">fees resumed<\/a>/);
    expect(new URL(other!, 'http://x').searchParams.get('scenario')).toBe('suspension-extended');
    const extended = await (await call(other!)).text();
    expect(cells(vesselBody(extended, 'V02'))).toEqual([
      ['US Section 301 port fees', 'USD', '0.00', '0.00 – 1,600,000.00', 'unconfirmed', 'suspended'],
    ]);
    // Its next page stays on the scenario.
    expect(new URL(link(extended, 'next')!, 'http://x').searchParams.get('scenario')).toBe('suspension-extended');

    for (const [shown, scenario] of [
      [html, 'fees-resumed'],
      [extended, 'suspension-extended'],
    ] as const) {
      const href = /<a href="(\/jobs\/[^"]+\/results\.csv\?[^"]+)" download="([^"]+)">/.exec(shown);
      expect(href?.[2]).toBe(`${id}-${scenario}.csv`);
      const csv = await call(href![1]!.replaceAll('&amp;', '&'));
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const api = await call(`/v1/jobs/${id}/results?scenario=${scenario}`, {
        headers: { ...bearer(key), accept: 'text/csv' },
      });
      const text = await csv.text();
      expect(text).toBe(await api.text());
      // One line per voyage: V01 11, V02 1, V04 1, V55 2 and 55 others 1 each; V03 an error line.
      expect(text.split('\r\n').filter((line) => line.startsWith('voyage,'))).toHaveLength(11 + 1 + 1 + 2 + 55);
    }
    // Without the token, the same 404 as no job.
    expect((await call(`/jobs/${id}/results.csv`)).status).toBe(404);
  });

  it('keeps the locale in every link and writes the headers in Chinese under ?locale=zh-CN', async () => {
    const { page } = await finishedJob();
    const html = await (await call(`${page}&locale=zh-CN`)).text();
    expect(html).toContain(
      '<th scope="col">制度</th><th scope="col">币种</th><th scope="col" class="n">金额</th><th scope="col" class="n">低 – 高</th><th scope="col">确定程度</th><th scope="col">结果</th>',
    );
    expect(html).toContain('<p>第 1–50 艘，共 60 艘 · 第 1 页，共 2 页</p>');
    expect(cells(vesselBody(html, 'V02'))).toEqual([
      ['美国 301 条款港口费', 'USD', '1,600,000.00', '0.00 – 1,600,000.00', '未确认', '收费'],
    ]);
    // V03 not quoted: the field of its problem, the API's English reason left to the CSV.
    expect(html).toContain(
      '<td colspan="6">未报价；发现问题 1 个，原因均列于 CSV 中。 第一个问题所在字段 <code>portCalls[0].arrival</code></td>',
    );
    // Vessel names as the fleet file gives them are one word each; every sentence is Chinese.
    expect(latinOnlySentences(html)).toEqual([]);
    const links = [link(html, 'next'), link(html, 'last'), /<a href="([^"]+)">延长暂停<\/a>/.exec(html)?.[1]];
    expect(links.every((href) => href !== undefined)).toBe(true);
    const token = new URL(page, 'http://x').searchParams.get('token');
    for (const href of links) {
      const query = new URL(href!.replaceAll('&amp;', '&'), 'http://x').searchParams;
      expect([query.get('token'), query.get('locale')]).toEqual([token, 'zh-CN']);
    }
    const second = await (await call(link(html, 'next')!)).text();
    expect(second).toContain('<html lang="zh-CN">');
    expect(vessels(second)[0]).toBe('V51');
    // The form to go to a page carries them too.
    expect(html).toContain(`<input type="hidden" name="token" value="${token}">`);
    expect(html).toContain('<input type="hidden" name="locale" value="zh-CN">');
    // Without ?locale=, the links add none.
    expect(new URL(link(await (await call(page)).text(), 'next')!, 'http://x').searchParams.has('locale')).toBe(false);
  });

  it('refuses a bad page, scenario or locale with a 400 naming it, as the error page to a browser', async () => {
    const { page } = await finishedJob();
    const cases: Array<[string, string, RegExp]> = [
      ['&rows=0', 'rows', /page number/],
      ['&rows=abc', 'rows', /page number/],
      ['&rows=-1', 'rows', /page number/],
      ['&rows=', 'rows', /page number/],
      ['&rows=1.5', 'rows', /page number/],
      ['&rows=99999999999999999999', 'rows', /page number/],
      ['&rows=3', 'rows', /60 vessels fill 2 pages/],
      ['&rows=1&rows=2', 'rows', /once/],
      ['&scenario=no-such', 'scenario', /fees-resumed, suspension-extended/],
      ['&locale=fr', 'locale', /en, zh-CN/],
    ];
    for (const [query, path, message] of cases) {
      const res = await call(`${page}${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
      expect(problem.errors).toHaveLength(1);
      expect(problem.errors[0]!.path).toBe(path);
      expect(problem.errors[0]!.message).toMatch(message);
      const browser = await call(`${page}${query}`, { headers: { accept: 'text/html', 'accept-language': 'zh-CN' } });
      expect(browser.status).toBe(400);
      expect(browser.headers.get('content-type')).toContain('text/html');
      const text = await browser.text();
      expect(text).toContain(`<code>${path}</code>`);
      expect(text).toContain('<html lang="zh-CN">');
    }
    const csv = await call(`${page.replace('?', '/results.csv?')}&scenario=no-such`);
    expect(csv.status).toBe(400);
  });

  it('marks the vessels of a chunk that could not be quoted, and keeps the pages after it in place', async () => {
    const { key } = await createKey();
    const body = [
      HEADER,
      `${imoOf(931001)},V01,container,PA,KR,20000,GR,CN,,USLAX,2025-10-20T06:00:00-07:00`,
      `${imoOf(931002)},V02,container,PA,KR,20000,GR,CN,,USLAX,2025-10-20T06:00:00-07:00`,
      `${imoOf(931003)},V03,container,PA,KR,20000,GR,CN,,USLAX,2025-10-20T06:00:00-07:00`,
    ].join('\n');
    const res = await postJob(key, body, 'text/csv', '?asOf=2026-11-28');
    const { id, links } = (await res.json()) as { id: string; links: { page: string } };
    // Chunks of one vessel (the suite's size): the second is parked on the dead-letter queue.
    await deliver([{ kind: 'split', job: id }]);
    await deliver([{ kind: 'chunk', job: id, seq: 1 }], realBindings(), 1, 'portfees-jobs-dlq');
    await runJob(id);
    const html = await (await call(links.page)).text();
    expect(vessels(html)).toEqual(['V01', 'V03']);
    expect(html).toContain(
      '<tbody><tr><td colspan="6">Vessels not quoted here: 1 (their part of the input could not be read); the CSV says why.</td></tr></tbody>',
    );
    expect(html.indexOf('Vessels not quoted here')).toBeGreaterThan(html.indexOf('>V01 '));
    expect(html.indexOf('Vessels not quoted here')).toBeLessThan(html.indexOf('>V03 '));
    expect(html).toContain('<p>Vessels 1–3 of 3 · page 1 of 1</p>');
    expect(html).not.toContain('rel="next"');
  });
});
