/**
 * /jobs/{id}: a fleet job's exposure report as a page. Headline figures per
 * scenario, then each chart with its table view and a CSV download of the
 * same rows. hono/html escapes every value; no script, no external asset.
 */
import { html } from 'hono/html';
import { csvLine } from '../batch/csv';
import type { ExposureReport } from '../batch/exposure';
import { faviconLink } from './favicon';
import { type ChartSpec, jobCharts } from './job-charts';

const STYLE = `
:root{--ink:#14213d;--muted:#4b5565;--line:#d9dee8;--accent:#0b6e4f;--bg:#f7f8fb;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif}
body{margin:0;background:var(--bg);color:var(--ink)}header{background:var(--ink);color:#fff;padding:1rem 2rem}header h1{margin:0;font-size:1.4rem}
header p{margin:.3rem 0 0;color:#e3e7ef;max-width:60rem}main{max-width:62rem;margin:0 auto;padding:1rem 2rem 3rem}
section{background:#fff;border:1px solid var(--line);border-radius:8px;margin:1.2rem 0;padding:.6rem 1rem 1rem}section h2{font-size:1.1rem;margin:.4rem 0}
.meta{color:var(--muted);font-size:.85rem;margin:.2rem 0 .6rem}.chart{max-width:100%;height:auto;display:block}
table{border-collapse:collapse;font-size:.82rem;margin:.4rem 0}th,td{border-bottom:1px solid var(--line);padding:.2rem .6rem;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
details summary{cursor:pointer;color:var(--muted);font-size:.85rem;margin-top:.4rem}a{color:#0a5a40}`;

export interface JobPageInput {
  id: string;
  status: string;
  createdAt: string;
  finishedAt?: string;
  report: ExposureReport;
  /** Query string carrying the page token, for the CSV links. */
  tokenQuery: string;
}

const NUMERIC = new Set(['amount', 'voyages', 'charged', 'exempt', 'capped']);

/** A chart's rows as CSV (the download behind each chart). */
export function chartCsv(chart: ChartSpec): string {
  return csvLine(chart.table.columns) + chart.table.rows.map((row) => csvLine(row)).join('');
}

function chartSection(job: JobPageInput, chart: ChartSpec) {
  const { columns, rows } = chart.table;
  return html`<section id="${chart.id}" aria-labelledby="${chart.id}-h"><h2 id="${chart.id}-h">${chart.title}</h2><p class="meta">${chart.description}</p>${chart.svg}<details class="table-view"><summary>Table view of “${chart.title}”</summary><table><caption class="meta">${chart.title}</caption><thead><tr>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead><tbody>${rows.map((row) => html`<tr>${row.map((cell, i) => (NUMERIC.has(columns[i]!) ? html`<td class="n">${cell}</td>` : html`<td>${cell}</td>`))}</tr>`)}</tbody></table></details><p class="meta"><a href="/jobs/${job.id}/charts/${chart.id}.csv?${job.tokenQuery}" download="${job.id}-${chart.id}.csv">Download “${chart.title}” as CSV</a></p></section>`;
}

function headline(report: ExposureReport) {
  const { scenarios } = report;
  return html`<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Totals</h2><p class="meta">${report.vessels.total} vessels: ${report.vessels.quoted} quoted, ${report.vessels.failed} failed (listed in the results).</p><table><thead><tr><th scope="col">currency</th>${scenarios.map((s) => html`<th scope="col">${s}: amount</th><th scope="col">${s}: charged</th><th scope="col">${s}: exempt</th><th scope="col">${s}: capped</th>`)}</tr></thead><tbody>${report.totals.map((row) => html`<tr><td>${row.keys.currency}</td>${scenarios.map((s) => html`<td class="n">${row.values[s]!.amount}</td><td class="n">${row.values[s]!.charged}</td><td class="n">${row.values[s]!.exempt}</td><td class="n">${row.values[s]!.capped}</td>`)}</tr>`)}</tbody></table></section>`;
}

/**
 * The whole page.
 * @example String(await jobPage({ id, status: 'done', createdAt, report, tokenQuery: 'token=…' })).startsWith('<!doctype html>')
 */
export function jobPage(job: JobPageInput) {
  const charts = jobCharts(job.report);
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>portfees · fleet exposure ${job.id}</title>${faviconLink}<style>${STYLE}</style></head><body><header><h1>Fleet exposure</h1><p>Job ${job.id} · ${job.status} · created ${job.createdAt}${job.finishedAt ? ` · finished ${job.finishedAt}` : ''} · scenarios ${job.report.scenarios.join(', ')}</p></header><main>${headline(job.report)}${charts.map((chart) => chartSection(job, chart))}</main></body></html>`;
}

export { jobCharts };
