/**
 * The per-vessel rows of a job's report page: one page of vessels at a time,
 * each vessel's fees per regime and currency (amount, low–high range when the
 * amount is not sure, certainty, outcomes of its voyages), links to the
 * previous and next pages and to each scenario (keeping the page token and
 * the locale), a form to go to any page, and the CSV of every row. No script.
 */
import { html } from 'hono/html';
import type { VesselResult, VoyageSummary } from '../batch/run';
import { type Certainty, weakerCertainty } from '../engine';
import type { ResultsRow } from '../jobs/results';
import { addAmount, type Decimal, formatAmount, ZERO } from '../lib/money';
import { codeTitle, formatDecimal, type Locale } from '../messages/render';
import { tableBox } from './markup';
import type { Words } from './words';

export interface JobRowsInput {
  /** The scenario shown, and every scenario of the job (one link each when more than one). */
  scenario: string;
  scenarios: string[];
  /** The page shown (from 1), of `pages`; `size` vessels a page. */
  page: number;
  pages: number;
  size: number;
  /** Vessels in the scenario's results. */
  total: number;
  rows: ResultsRow[];
}

interface RowsPage {
  id: string;
  /** The query that opens the page (its token, and the locale when one was asked for). */
  pageQuery: string;
  locale: Locale;
  say: Words;
}

/** A vessel's voyages of one regime in one currency, added up. */
interface RegimeLine {
  regime: string;
  currency: string;
  amount: Decimal;
  low: Decimal;
  high: Decimal;
  certainty: Certainty;
  /** How many voyages ended in each outcome, in the order first met. */
  outcomes: Map<string, number>;
}

const COLUMNS = 6;
/** Headers of the columns of figures, aligned with them. */
const NUMERIC_HEADS = new Set(['job.column.amount', 'job.col-range']);

/** A vessel's voyages grouped by regime and currency, sorted by both. */
export function regimeLines(
  voyages: ReadonlyArray<Pick<VoyageSummary, 'regime' | 'fee' | 'low' | 'high' | 'certainty' | 'outcome'>>,
): RegimeLine[] {
  const lines = new Map<string, RegimeLine>();
  for (const voyage of voyages) {
    const key = `${voyage.regime}|${voyage.fee.currency}`;
    const line = lines.get(key) ?? {
      regime: voyage.regime,
      currency: voyage.fee.currency,
      amount: ZERO,
      low: ZERO,
      high: ZERO,
      certainty: 'confirmed',
      outcomes: new Map<string, number>(),
    };
    line.amount = addAmount(line.amount, voyage.fee.amount);
    line.low = addAmount(line.low, voyage.low);
    line.high = addAmount(line.high, voyage.high);
    line.certainty = weakerCertainty(line.certainty, voyage.certainty);
    line.outcomes.set(voyage.outcome, (line.outcomes.get(voyage.outcome) ?? 0) + 1);
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => a.regime.localeCompare(b.regime) || a.currency.localeCompare(b.currency));
}

/** The address of another page of rows, or of the same page under another scenario. */
function rowsHref(page: RowsPage, rows: JobRowsInput, scenario: string, number: number): string {
  const query = new URLSearchParams(page.pageQuery);
  if (rows.scenarios.length > 1) query.set('scenario', scenario);
  query.set('rows', String(number));
  return `/jobs/${page.id}?${query.toString()}#results`;
}

/** The vessel as the desk knows it: its name, else its IMO number, then what else tells it apart (the IMO, or where it was in the input). */
function vesselHead({ say }: RowsPage, vessel: VesselResult) {
  const imo = vessel.imo !== null ? say('job.rows.imo', { imo: vessel.imo }) : undefined;
  const position = vessel.rows
    ? say('job.rows.input-rows', { rows: { list: vessel.rows.map(String), join: 'codes' } })
    : vessel.index !== undefined
      ? say('job.rows.input-index', { index: String(vessel.index) })
      : undefined;
  const [main, second] = [vessel.name, imo, position].filter((text) => text !== undefined);
  return html`<tr><th scope="rowgroup" colspan="${COLUMNS}">${main ?? ''}${second ? html` <span class="vessel-id">${second}</span>` : ''}</th></tr>`;
}

function regimeCells({ locale, say }: RowsPage, line: RegimeLine) {
  const [amount, low, high] = [line.amount, line.low, line.high].map((value) => formatAmount(value));
  const range =
    low === amount && high === amount
      ? ''
      : say('job.range', { low: formatDecimal(low!, locale), high: formatDecimal(high!, locale) });
  const outcomes = [...line.outcomes].map(([outcome, count]) =>
    count === 1
      ? codeTitle(outcome, locale)
      : say('job.rows.outcome-count', { outcome: codeTitle(outcome, locale), count }),
  );
  return html`<td>${codeTitle(line.regime, locale)}</td><td>${line.currency}</td><td class="n amount">${formatDecimal(amount!, locale)}</td><td class="n">${range}</td><td>${codeTitle(line.certainty, locale)}</td><td>${outcomes.map((text, i) => html`${i > 0 ? html`<br>` : ''}${text}`)}</td>`;
}

/**
 * A vessel not quoted: how many problems, and where the first is. The API states its
 * reasons in English, so an English page shows the first one; every page names its field.
 */
function problemCell({ locale, say }: RowsPage, problem: VesselResult['problem']) {
  const first = problem?.errors[0];
  const count = Math.max(problem?.errorCount ?? 0, problem?.errors.length ?? 0);
  const words = locale === 'en' && first ? first.message : '';
  const detail = first?.path
    ? html` ${say('job.rows.failed-field', {})} <code>${first.path}</code>${words ? `: ${words}` : ''}`
    : words
      ? ` ${words}`
      : '';
  return html`<td colspan="${COLUMNS}">${say('job.rows.failed', { count })}${detail}</td>`;
}

function vesselRows(page: RowsPage, vessel: VesselResult) {
  const { say } = page;
  if (!vessel.quote)
    return html`<tbody class="vessel">${vesselHead(page, vessel)}<tr>${problemCell(page, vessel.problem)}</tr></tbody>`;
  const lines = regimeLines(vessel.quote.voyages);
  if (lines.length === 0)
    return html`<tbody class="vessel">${vesselHead(page, vessel)}<tr><td colspan="${COLUMNS}">${say('job.rows.no-voyage', {})}</td></tr></tbody>`;
  return html`<tbody class="vessel">${vesselHead(page, vessel)}${lines.map((line) => html`<tr>${regimeCells(page, line)}</tr>`)}</tbody>`;
}

function pager(page: RowsPage, rows: JobRowsInput) {
  const { say } = page;
  const link = (number: number, rel: string, text: string) =>
    html`<a href="${rowsHref(page, rows, rows.scenario, number)}" rel="${rel}">${text}</a>`;
  const links = [
    rows.page > 1 ? link(1, 'first', say('job.rows.first', {})) : '',
    rows.page > 1 ? link(rows.page - 1, 'prev', say('job.rows.previous', {})) : '',
    rows.page < rows.pages ? link(rows.page + 1, 'next', say('job.rows.next', {})) : '',
    rows.page < rows.pages ? link(rows.pages, 'last', say('job.rows.last', {})) : '',
  ].filter((part) => part !== '');
  if (links.length === 0) return '';
  const query = new URLSearchParams(page.pageQuery);
  const hidden = [...query, ...(rows.scenarios.length > 1 ? [['scenario', rows.scenario]] : [])].map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
  return html`<nav class="pager" aria-label="${say('job.rows.pages-nav', {})}"><p>${links}</p><form method="get" action="/jobs/${page.id}#results">${hidden}<label for="rows-page">${say('job.rows.go-label', { pages: rows.pages })}</label> <input id="rows-page" name="rows" type="number" min="1" max="${rows.pages}" value="${rows.page}" required> <button type="submit">${say('job.rows.go', {})}</button></form></nav>`;
}

function scenarioLinks(page: RowsPage, rows: JobRowsInput) {
  if (rows.scenarios.length < 2) return '';
  const { locale, say } = page;
  const items = rows.scenarios.map((scenario) =>
    scenario === rows.scenario
      ? html`<li><a href="${rowsHref(page, rows, scenario, 1)}" aria-current="page">${codeTitle(scenario, locale)}</a></li>`
      : html`<li><a href="${rowsHref(page, rows, scenario, 1)}">${codeTitle(scenario, locale)}</a></li>`,
  );
  return html`<nav aria-label="${say('job.rows.scenario-nav', {})}"><ul class="tabs">${items}</ul></nav>`;
}

/**
 * The section of per-vessel rows: the page's vessels as a table, links to the other pages and scenarios, the CSV of all rows.
 * @example rowsSection({ id, pageQuery: 'token=…', locale: 'en', say }, { scenario: 'fees-resumed', scenarios: ['fees-resumed'], page: 1, pages: 1, size: 50, total: 2, rows })
 */
export function rowsSection(page: RowsPage, rows: JobRowsInput) {
  const { id, locale, say } = page;
  const scenario = codeTitle(rows.scenario, locale);
  const from = rows.total === 0 ? 0 : (rows.page - 1) * rows.size + 1;
  const to = Math.min(rows.page * rows.size, rows.total);
  const intro = say('job.results-intro', {
    size: rows.size,
    request: `GET /v1/jobs/${id}/results`,
    accept: 'accept: application/x-ndjson',
  });
  const position =
    rows.total === 0
      ? say('job.rows.none', {})
      : say('job.rows.position', { from, to, total: rows.total, page: rows.page, pages: rows.pages });
  const head = [
    'job.column.regime',
    'job.column.currency',
    'job.column.amount',
    'job.col-range',
    'job.column.certainty',
    'job.column.outcome',
  ] as const;
  const body = rows.rows.map((row) =>
    'vessel' in row
      ? vesselRows(page, row.vessel)
      : html`<tbody><tr><td colspan="${COLUMNS}">${say('job.rows.missing', { count: row.missing })}</td></tr></tbody>`,
  );
  const table = html`<table class="rows"><caption id="rows-caption">${say('job.rows.caption', { scenario })}</caption><thead><tr>${head.map((label) => html`<th scope="col"${NUMERIC_HEADS.has(label) ? html` class="n"` : ''}>${say(label, {})}</th>`)}</tr></thead>${body}</table>`;
  const csv = new URLSearchParams({ token: new URLSearchParams(page.pageQuery).get('token') ?? '' });
  if (rows.scenarios.length > 1) csv.set('scenario', rows.scenario);
  const download = html`<a href="/jobs/${id}/results.csv?${csv.toString()}" download="${id}-${rows.scenario}.csv">${say('job.rows.download', { scenario })}</a>`;
  return html`<section id="results" aria-labelledby="results-h"><h2 id="results-h">${say('job.results', {})}</h2><p class="meta">${intro}</p>${scenarioLinks(page, rows)}<p>${position}</p>${rows.total === 0 ? '' : tableBox('rows-caption', table)}${pager(page, rows)}<p class="meta">${download}</p></section>`;
}
