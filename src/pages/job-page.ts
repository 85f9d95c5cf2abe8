/**
 * /jobs/{id}: a fleet job's exposure report as a page, in English or Chinese.
 * Totals per scenario, how sure they are (the share of each certainty, the
 * low–high range), each chart with its table view and a CSV download of the
 * same rows, and a page of the per-vessel rows (./job-rows.ts). While the
 * job runs, a page of its progress that reloads itself. hono/html escapes
 * every value; no script, no external asset.
 */
import { html, raw } from 'hono/html';
import { csvLine } from '../batch/csv';
import type { CertaintyRow, ExposureReport } from '../batch/exposure';
import { CERTAINTIES } from '../engine';
import { decimal } from '../lib/money';
import { timestampMillis } from '../lib/time';
import type { MessageId } from '../messages/message';
import { codeTitle, formatDecimal, type Locale, renderMessage } from '../messages/render';
import { faviconLink } from './favicon';
import { type ChartSpec, jobCharts } from './job-charts';
import { type JobRowsInput, rowsSection } from './job-rows';
import { tableBox } from './markup';
import { type Words, wordsFor } from './words';

const STYLE = `
:root{--ink:#14213d;--muted:#4b5565;--line:#d9dee8;--accent:#0b6e4f;--bg:#f7f8fb;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif}
body{margin:0;background:var(--bg);color:var(--ink)}header{background:var(--ink);color:#fff;padding:1rem 2rem}header h1{margin:0;font-size:1.4rem}
header p{margin:.3rem 0 0;color:#e3e7ef;max-width:60rem}main{max-width:62rem;margin:0 auto;padding:1rem 2rem 3rem}
section{background:#fff;border:1px solid var(--line);border-radius:8px;margin:1.2rem 0;padding:.6rem 1rem 1rem}section h2{font-size:1.1rem;margin:.4rem 0}
.meta{color:var(--muted);font-size:.85rem;margin:.2rem 0 .6rem}.chart{max-width:100%;height:auto;display:block}
table{border-collapse:collapse;font-size:.82rem;margin:.4rem 0}th,td{border-bottom:1px solid var(--line);padding:.2rem .6rem;text-align:left}th.n,td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
details summary{cursor:pointer;color:var(--muted);font-size:.85rem;margin-top:.4rem}a{color:#0a5a40}p{overflow-wrap:anywhere}
.table-box{overflow-x:auto;max-width:100%}.table-box:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
table.rows caption{text-align:left;color:var(--muted);font-size:.85rem}tbody.vessel{border-top:2px solid var(--line)}tbody.vessel th{text-align:left;padding-top:.5rem}
.vessel-id{color:var(--muted);font-weight:400;margin-left:.3rem;white-space:nowrap}ul.tabs{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem 1rem;padding:0;margin:.4rem 0}
a[aria-current]{font-weight:700;color:var(--ink)}.pager p a{margin-right:1rem}.pager form{font-size:.85rem}.pager input{width:6rem}
@media (max-width:600px){header{padding:1rem}main{padding:.5rem .75rem 2rem}section{padding:.5rem .75rem .75rem}}`;

/** Seconds between reloads of the progress page. */
export const PROGRESS_RELOAD_SECONDS = 5;

export interface JobPageInput {
  id: string;
  status: string;
  createdAt: string;
  finishedAt?: string;
  report: ExposureReport;
  /** Query string carrying the page token, for the CSV links. */
  tokenQuery: string;
  /** Query string that opens the page as shown (its token, and the locale when one was asked for), for links to other pages of rows. */
  pageQuery?: string;
  /** The page of per-vessel rows shown. */
  rows: JobRowsInput;
  locale?: Locale;
}

interface Page {
  job: JobPageInput;
  locale: Locale;
  say: Words;
}

const NUMERIC = new Set(['amount', 'voyages', 'charged', 'exempt', 'capped']);
const AMOUNT = new Set(['amount']);

/** A chart's rows as CSV (the download behind each chart): machine columns, exact amounts. */
export function chartCsv(chart: ChartSpec): string {
  return csvLine(chart.table.columns) + chart.table.rows.map((row) => csvLine(row)).join('');
}

/** An instant of the job (ISO text) on the UTC clock, to the minute, in the locale's words. */
function when(iso: string, locale: Locale): string {
  const millis = timestampMillis(iso);
  if (Number.isNaN(millis)) return iso;
  return renderMessage({ id: 'data.text', params: { text: { instant: millis, zone: 'UTC' } } }, locale);
}

function head(title: string, extra: unknown = '') {
  return html`<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${extra}<title>${title}</title>${faviconLink}<style>${raw(STYLE)}</style></head>`;
}

function backLink({ locale, say }: Pick<Page, 'locale' | 'say'>) {
  return html`<p><a href="/${locale === 'en' ? '' : `?locale=${locale}`}">${say('page.back', {})}</a></p>`;
}

function chartSection(page: Page, chart: ChartSpec) {
  const { job, locale, say } = page;
  const { columns, rows } = chart.table;
  const cell = (text: string, column: string) =>
    NUMERIC.has(column)
      ? html`<td class="n">${AMOUNT.has(column) ? formatDecimal(text, locale) : text}</td>`
      : html`<td>${column === 'scenario' || column === 'regime' ? codeTitle(text, locale) : text}</td>`;
  const download = say('job.download', { title: chart.title });
  return html`<section id="${chart.id}" aria-labelledby="${chart.id}-h"><h2 id="${chart.id}-h">${chart.title}</h2><p class="meta">${chart.description}</p>${chart.svg}<details class="table-view"><summary>${say('job.table-view', { title: chart.title })}</summary>${tableBox(`${chart.id}-h`, html`<table><caption class="meta">${chart.title}</caption><thead><tr>${columns.map((column) => html`<th scope="col">${say(`job.column.${column}` as MessageId as 'job.column.amount', {})}</th>`)}</tr></thead><tbody>${rows.map((row) => html`<tr>${row.map((text, i) => cell(text, columns[i]!))}</tr>`)}</tbody></table>`)}</details><p class="meta"><a href="/jobs/${job.id}/charts/${chart.id}.csv?${job.tokenQuery}" download="${job.id}-${chart.id}.csv">${download}</a></p></section>`;
}

function totals({ job, locale, say }: Page) {
  const { report } = job;
  const columns = ['amount', 'charged', 'exempt', 'capped'] as const;
  const scenarioHeads = report.scenarios.flatMap((scenario) =>
    columns.map(
      (column) =>
        html`<th scope="col">${say('job.col-of', { scenario: codeTitle(scenario, locale), column: say(`job.column.${column}`, {}) })}</th>`,
    ),
  );
  const rows = report.totals.map(
    (row) =>
      html`<tr><td>${row.keys.currency}</td>${report.scenarios.map((scenario) => {
        const value = row.values[scenario]!;
        return html`<td class="n">${formatDecimal(value.amount, locale)}</td><td class="n">${value.charged}</td><td class="n">${value.exempt}</td><td class="n">${value.capped}</td>`;
      })}</tr>`,
  );
  const vessels = say('job.vessels', { ...report.vessels });
  return html`<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">${say('job.totals', {})}</h2><p class="meta">${vessels} <a href="#results">${say('job.results', {})}</a></p>${tableBox('summary-h', html`<table><thead><tr><th scope="col">${say('job.col-currency', {})}</th>${scenarioHeads}</tr></thead><tbody>${rows}</tbody></table>`)}</section>`;
}

/** A certainty's amount and its share of the total, to one decimal place. */
function share(row: CertaintyRow, amount: string, locale: Locale, say: Words): string {
  const total = decimal(row.amount);
  const percent = total.isZero() ? '0.0' : decimal(amount).div(total).times(100).toFixed(1);
  return say('job.share', { amount: formatDecimal(amount, locale), share: formatDecimal(percent, locale) });
}

function certainty({ job, locale, say }: Page) {
  const rows = (job.report.certainty ?? []).map(
    (row) =>
      html`<tr><td>${row.currency}</td><td>${codeTitle(row.scenario, locale)}</td><td class="n">${formatDecimal(row.amount, locale)}</td><td class="n">${say('job.range', { low: formatDecimal(row.low, locale), high: formatDecimal(row.high, locale) })}</td>${CERTAINTIES.map((rung) => html`<td class="n">${share(row, row[rung], locale, say)}</td>`)}</tr>`,
  );
  return html`<section id="certainty" aria-labelledby="certainty-h"><h2 id="certainty-h">${say('job.certainty', {})}</h2><p class="meta">${say('job.certainty-intro', {})}</p>${tableBox('certainty-h', html`<table><thead><tr><th scope="col">${say('job.col-currency', {})}</th><th scope="col">${say('job.col-scenario', {})}</th><th scope="col">${say('job.col-total', {})}</th><th scope="col">${say('job.col-range', {})}</th>${CERTAINTIES.map((rung) => html`<th scope="col">${codeTitle(rung, locale)}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`)}</section>`;
}

function results({ job, locale, say }: Page) {
  return rowsSection({ id: job.id, pageQuery: job.pageQuery ?? job.tokenQuery, locale, say }, job.rows);
}

/**
 * The whole page of a finished job.
 * @example String(await jobPage({ id, status: 'done', createdAt, report, tokenQuery: 'token=…', rows })).startsWith('<!doctype html>')
 */
export function jobPage(job: JobPageInput) {
  const locale = job.locale ?? 'en';
  const page: Page = { job, locale, say: wordsFor(locale) };
  const { say } = page;
  const charts = jobCharts(job.report, locale);
  const meta = say('job.meta', {
    id: job.id,
    status: codeTitle(job.status, locale),
    created: when(job.createdAt, locale),
    finished: job.finishedAt ? say('job.finished', { at: when(job.finishedAt, locale) }) : '',
    scenarios: { list: job.report.scenarios.map((scenario) => codeTitle(scenario, locale)), join: 'codes' },
  });
  return html`<!doctype html><html lang="${locale}">${head(say('job.title', { id: job.id }))}<body><header><h1>${say('job.heading', {})}</h1><p>${meta}</p></header><main>${backLink(page)}${totals(page)}${certainty(page)}${charts.map((chart) => chartSection(page, chart))}${results(page)}</main></body></html>`;
}

export interface JobProgressInput {
  id: string;
  status: string;
  createdAt: string;
  /** Vessels quoted or failed so far, of `total` (unknown while the fleet is read). */
  done: number;
  total: number | null;
  scenarios: string[];
  locale?: Locale;
}

/** The page of a job still queued or running: its progress, reloading itself until the report is ready. */
export function jobProgressPage(job: JobProgressInput) {
  const locale = job.locale ?? 'en';
  const say = wordsFor(locale);
  const progress =
    job.total === null ? say('job.progress-unknown', {}) : say('job.progress', { done: job.done, total: job.total });
  const refresh = html`<meta http-equiv="refresh" content="${PROGRESS_RELOAD_SECONDS}">`;
  const status = codeTitle(job.status, locale);
  return html`<!doctype html><html lang="${locale}">${head(say('job.title', { id: job.id }), refresh)}<body><header><h1>${say('job.running', { status })}</h1><p>${say('job.meta', { id: job.id, status, created: when(job.createdAt, locale), finished: '', scenarios: { list: job.scenarios.map((scenario) => codeTitle(scenario, locale)), join: 'codes' } })}</p></header><main><section aria-live="polite"><p><progress max="${job.total ?? 1}" value="${job.total === null ? 0 : job.done}" aria-label="${progress}"></progress></p><p>${progress}</p><p class="meta">${say('job.reloads', { seconds: PROGRESS_RELOAD_SECONDS })}</p></section>${backLink({ locale, say })}</main></body></html>`;
}

export { jobCharts };
