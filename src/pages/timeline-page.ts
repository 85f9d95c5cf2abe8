/**
 * GET /timeline: the history of both regimes' fees at a glance, one step
 * chart per regime, with a version picker (a plain GET form: no script), a
 * legend and the exact dates and rates in tables below each chart.
 */

import { raw } from 'hono/html';
import type { Timeline, TimelineWindow } from '../analysis/timeline';
import { localMomentMillis } from '../lib/time';
import type { ListingStatus } from '../lists/screen';
import { codeTitle, dataTitle, type Locale } from '../messages/render';
import { faviconLink } from './favicon';
import { type Markup, markup } from './markup';
import { BAND_STYLE, SERIES_COLOURS, seriesLabel, stepChartSvg, UNIT_DASH } from './step-chart';
import { type Words, wordsFor } from './words';

/** Inline styles only: the page's CSP allows them and nothing else. */
const STYLE = `
:root{--ink:#14213d;--muted:#4b5565;--line:#d9dee8;--accent:#0b6e4f;--bg:#f7f8fb;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif}
body{margin:0;background:var(--bg);color:var(--ink)}header{background:var(--ink);color:#fff;padding:1rem 2rem}header h1{margin:0;font-size:1.4rem}
header p{margin:.3rem 0 0;color:#cdd3e0;max-width:60rem}main{max-width:62rem;margin:0 auto;padding:1rem 2rem 3rem}
form{display:flex;flex-wrap:wrap;gap:.8rem 1.2rem;align-items:end;background:#fff;border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem}
label{display:flex;flex-direction:column;font-size:.8rem;font-weight:600;gap:.2rem}select,input{font:inherit;font-weight:400;padding:.25rem;border:1px solid var(--line);border-radius:4px}
button{background:var(--accent);color:#fff;border:0;border-radius:5px;padding:.45rem 1rem;font-weight:600;cursor:pointer}
section{background:#fff;border:1px solid var(--line);border-radius:8px;margin:1.2rem 0;padding:.6rem 1rem 1rem}section h2{font-size:1.1rem;margin:.4rem 0}
.meta{color:var(--muted);font-size:.85rem;margin:.2rem 0 .6rem}.chart{max-width:100%;height:auto;display:block}
ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:0;margin:.4rem 0;font-size:.85rem}ul.legend li{display:flex;align-items:center;gap:.4rem}
table{border-collapse:collapse;font-size:.82rem;margin:.4rem 0}th,td{border-bottom:1px solid var(--line);padding:.2rem .6rem;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
details summary{cursor:pointer;color:var(--muted);font-size:.85rem;margin-top:.4rem}a{color:#0a5a40}`;

export interface RegimeChoice {
  regime: string;
  /** Every version of the regime, oldest first. */
  versions: Array<{ id: string; title: string; published: string }>;
  timeline: Timeline;
}

/** A countermeasure list version as /timeline shows it: its status windows over the page's range. */
export interface ListWindows {
  id: string;
  title: string;
  published: string;
  zone: string;
  entries: number;
  windows: Array<{
    from: string;
    to?: string;
    status: Exclude<ListingStatus, 'not-in-force'>;
    note: string;
    scenario?: { assumption: string; outcomes: Record<string, string> };
  }>;
}

export interface TimelinePageInput {
  regimes: RegimeChoice[];
  /** The countermeasure list versions known today, each with its status windows. */
  lists?: ListWindows[];
  range: { from: string; to: string };
  /** Marked on the charts as "today". */
  nowMillis?: number;
  /** The page's language (default English); codes, ids, numbers and source titles stay as they are. */
  locale?: Locale;
}

/** What every part of the page needs: its locale and that locale's words. */
interface Speech {
  locale: Locale;
  say: Words;
}

function picker(choice: RegimeChoice, { say }: Speech): Markup {
  const options = choice.versions.map(
    (version) =>
      markup`<option value="${version.id}"${version.id === choice.timeline.version.id ? markup` selected` : ''}>${`${version.published} — ${version.title}`}</option>`,
  );
  return markup`<label>${say('timeline.version-of', { regime: choice.regime })}<select name="${choice.regime}">${options}</select></label>`;
}

function legend(timeline: Timeline, prefix: string, { locale, say }: Speech): Markup {
  const lines = timeline.series.map((series, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
    const dash = UNIT_DASH[series.unit] ?? '';
    return markup`<li data-series="${`${series.rule}/${series.unit}`}"><svg width="30" height="12" aria-hidden="true"><line x1="1" y1="6" x2="29" y2="6" stroke="${colour}" stroke-width="3"${dash ? markup` stroke-dasharray="${dash}"` : ''}/></svg>${seriesLabel(series, locale, timeline.currency)}</li>`;
  });
  const statuses = [...new Set(timeline.statusWindows.map((window) => window.status))];
  const bands = statuses.map((status) => {
    const swatch =
      status === 'unconfirmed'
        ? markup`<defs><pattern id="${prefix}-legend-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fffaf0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#e5b95c" stroke-width="2"/></pattern></defs><rect x="1" y="1" width="22" height="12" fill="url(#${prefix}-legend-hatch)" stroke="#8a94a6"/>`
        : markup`<rect x="1" y="1" width="22" height="12" fill="${BAND_STYLE[status].fill}" stroke="#8a94a6"/>`;
    return markup`<li data-status="${status}"><svg width="24" height="14" aria-hidden="true">${swatch}</svg>${codeTitle(status, locale)}</li>`;
  });
  return markup`<ul class="legend" aria-label="${say('timeline.legend', {})}">${lines}${bands}</ul>`;
}

function windowText(window: TimelineWindow, { locale, say }: Speech): string {
  const note = dataTitle(window.note, locale);
  if (!window.scenario) return note;
  const outcomes = Object.entries(window.scenario.outcomes)
    .map(([value, outcome]) => `${value} → ${codeTitle(outcome, locale)}`)
    .join(locale === 'en' ? ', ' : '；');
  return say('timeline.window-scenario', {
    note,
    assumption: window.scenario.assumption,
    outcomes,
    default: window.scenario.default ?? say('timeline.no-default', {}),
  });
}

function tables(timeline: Timeline, speech: Speech): Markup {
  const { locale, say } = speech;
  const steps = timeline.series.flatMap((series) =>
    series.steps.map(
      (step) =>
        markup`<tr><td>${seriesLabel(series, locale, timeline.currency)}</td><td>${step.effective}</td><td class="n">${step.rate}</td></tr>`,
    ),
  );
  const windows = timeline.statusWindows.map(
    (window) =>
      markup`<tr><td>${codeTitle(window.status, locale)}</td><td>${window.from}</td><td>${window.to}</td><td>${windowText(window, speech)}</td></tr>`,
  );
  return markup`<details><summary>${say('timeline.numbers', { zone: timeline.zone })}</summary><table><thead><tr><th>${say('timeline.col-series', {})}</th><th>${say('timeline.col-from-arrival', {})}</th><th>${say('timeline.col-rate', {})}</th></tr></thead><tbody>${steps}</tbody></table><table><thead><tr><th>${say('timeline.col-status', {})}</th><th>${say('timeline.from', {})}</th><th>${say('timeline.col-until', {})}</th><th>${say('timeline.col-note', {})}</th></tr></thead><tbody>${windows}</tbody></table></details>`;
}

/** The readings the version leaves open, each value explained, the default marked. */
function assumptionList(timeline: Timeline, { locale, say }: Speech): Markup | string {
  if (timeline.assumptions.length === 0) return '';
  const rows = timeline.assumptions.flatMap((assumption) =>
    assumption.options.map(
      (option, i) =>
        markup`<tr>${i === 0 ? markup`<td rowspan="${assumption.options.length}"><code>${assumption.id}</code><br>${dataTitle(assumption.title, locale)}</td>` : ''}<td><code>${option.value}</code>${option.value === assumption.default ? say('timeline.default-mark', {}) : ''}</td><td>${dataTitle(option.description, locale)}</td></tr>`,
    ),
  );
  const n = timeline.assumptions.length;
  const count = n === 1 ? say('timeline.assumption-one', {}) : say('timeline.assumptions', { count: n });
  return markup`<details class="assumptions"><summary>${say('timeline.readings', { count })}</summary><table><thead><tr><th>${say('timeline.col-assumption', {})}</th><th>${say('timeline.col-value', {})}</th><th>${say('timeline.col-meaning', {})}</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

/** Corrections made in place to the version, when there are any. */
function errataList(timeline: Timeline, { locale, say }: Speech): Markup | string {
  if (timeline.errata.length === 0) return '';
  const shown = (value: unknown) => (value === undefined ? say('timeline.absent', {}) : JSON.stringify(value));
  const rows = timeline.errata.map(
    (erratum) =>
      markup`<tr><td>${erratum.date}</td><td><code>${erratum.path}</code></td><td><code>${shown(erratum.before)}</code></td><td><code>${shown(erratum.after)}</code></td><td>${say('timeline.erratum-source', { reason: dataTitle(erratum.reason, locale), source: erratum.source.reference ?? erratum.source.title, url: erratum.source.url })}</td></tr>`,
  );
  const n = timeline.errata.length;
  const count = n === 1 ? say('timeline.correction-one', {}) : say('timeline.corrections', { count: n });
  return markup`<details class="errata"><summary>${say('timeline.errata', { count })}</summary><table><thead><tr><th>${say('timeline.col-date', {})}</th><th>${say('timeline.col-path', {})}</th><th>${say('timeline.col-before', {})}</th><th>${say('timeline.col-after', {})}</th><th>${say('timeline.col-reason', {})}</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

function section(choice: RegimeChoice, speech: Speech, nowMillis?: number): Markup {
  const { timeline } = choice;
  const prefix = timeline.regime.replace(/[^a-z0-9-]/g, '');
  const meta = speech.say('timeline.version-meta', {
    version: timeline.version.id,
    published: timeline.version.published,
    currency: timeline.currency,
    zone: timeline.zone,
  });
  return markup`<section id="${prefix}" aria-labelledby="${prefix}-h"><h2 id="${prefix}-h">${timeline.regime} · ${timeline.version.title}</h2><p class="meta">${meta}</p>${stepChartSvg(timeline, prefix, nowMillis, speech.locale)}${legend(timeline, prefix, speech)}${tables(timeline, speech)}${assumptionList(timeline, speech)}${errataList(timeline, speech)}</section>`;
}

const LIST_WIDTH = 720;
const LIST_HEIGHT = 22;

/** One list's windows as a band across the page's range: shaded suspended, hatched unconfirmed, pale before listing. */
function listBand(list: ListWindows, range: { from: string; to: string }, prefix: string, speech: Speech): Markup {
  const { locale, say } = speech;
  const start = localMomentMillis(range.from, list.zone);
  const end = localMomentMillis(range.to, list.zone);
  const x = (date: string) =>
    Math.round(
      (Math.min(Math.max(localMomentMillis(date, list.zone), start), end) - start) * (LIST_WIDTH / (end - start)),
    );
  const hatch = `${prefix}-hatch`;
  const rects = list.windows.map((window) => {
    const left = x(window.from);
    const right = window.to ? x(window.to) : LIST_WIDTH;
    const fill = window.status === 'unconfirmed' ? `url(#${hatch})` : BAND_STYLE[window.status].fill;
    return markup`<rect data-status="${window.status}" x="${left}" y="1" width="${Math.max(right - left, 0)}" height="${LIST_HEIGHT - 2}" fill="${fill}" stroke="#8a94a6"><title>${`${codeTitle(window.status, locale)}: ${window.from} → ${window.to ?? '…'} (${list.zone}). ${dataTitle(window.note, locale)}`}</title></rect>`;
  });
  return markup`<svg class="chart" viewBox="0 0 ${LIST_WIDTH} ${LIST_HEIGHT}" width="${LIST_WIDTH}" height="${LIST_HEIGHT}" role="img" aria-label="${say('timeline.list-band', { list: dataTitle(list.title, locale), from: range.from, to: range.to })}"><defs><pattern id="${hatch}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#8a94a6" stroke-width="2"/></pattern></defs><rect x="0" y="1" width="${LIST_WIDTH}" height="${LIST_HEIGHT - 2}" fill="${BAND_STYLE['not-in-force'].fill}"/>${rects}</svg>`;
}

function listWindowText(window: ListWindows['windows'][number], { locale, say }: Speech): string {
  const note = dataTitle(window.note, locale);
  if (!window.scenario) return note;
  const outcomes = Object.entries(window.scenario.outcomes)
    .map(([value, status]) => `${value} → ${codeTitle(status, locale)}`)
    .join(', ');
  return say('timeline.list-scenario', { note, assumption: window.scenario.assumption, outcomes });
}

/** The countermeasure lists: each version's status windows as a band and as a table. */
function listsSection(
  lists: ReadonlyArray<ListWindows>,
  range: { from: string; to: string },
  speech: Speech,
): Markup | string {
  if (lists.length === 0) return '';
  const { locale, say } = speech;
  const items = lists.map((list, i) => {
    const prefix = `list-${i}`;
    const rows = list.windows.map(
      (window) =>
        markup`<tr><td>${codeTitle(window.status, locale)}</td><td>${window.from}</td><td>${window.to ?? '—'}</td><td>${listWindowText(window, speech)}</td></tr>`,
    );
    const meta = say('timeline.list-meta', {
      version: list.id,
      published: list.published,
      entries: list.entries,
      zone: list.zone,
    });
    return markup`<div class="list" data-list="${list.id}"><h3>${dataTitle(list.title, locale)}</h3><p class="meta">${meta}</p>${listBand(list, range, prefix, speech)}<details><summary>${say('timeline.list-windows', {})}</summary><table><thead><tr><th>${say('timeline.col-status', {})}</th><th>${say('timeline.from', {})}</th><th>${say('timeline.col-until', {})}</th><th>${say('timeline.col-note', {})}</th></tr></thead><tbody>${rows}</tbody></table></details></div>`;
  });
  return markup`<section id="lists" aria-labelledby="lists-h"><h2 id="lists-h">${say('timeline.lists-heading', {})}</h2><p class="meta">${say('timeline.lists-intro', {})}</p>${items}</section>`;
}

/**
 * The whole page.
 * @example timelinePage({ regimes, range: { from: '2025-07-14', to: '2029-04-17' } }).startsWith('<!doctype html>') // true
 */
export function timelinePage(input: TimelinePageInput): string {
  const locale = input.locale ?? 'en';
  const speech: Speech = { locale, say: wordsFor(locale) };
  const { say } = speech;
  const localeField = locale === 'en' ? '' : markup`<input type="hidden" name="locale" value="${locale}">`;
  const form = markup`<form method="get" action="/timeline" aria-label="${say('timeline.form', {})}">${localeField}${input.regimes.map((choice) => picker(choice, speech))}<label>${say('timeline.from', {})}<input type="date" name="from" value="${input.range.from}"></label><label>${say('timeline.to', {})}<input type="date" name="to" value="${input.range.to}"></label><button type="submit">${say('timeline.show', {})}</button></form>`;
  const sections = input.regimes.map((choice) => section(choice, speech, input.nowMillis));
  const lists = listsSection(input.lists ?? [], input.range, speech);
  const back = markup`<p class="back"><a href="/${locale === 'en' ? '' : `?locale=${locale}`}">${say('page.back', {})}</a></p>`;
  return markup`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${say('timeline.title', {})}</title>${faviconLink}<style>${raw(STYLE)}</style></head><body><header><h1>${say('timeline.heading', {})}</h1><p>${say('timeline.intro', {})}</p></header><main>${back}${form}${sections}${lists}</main></body></html>`.toString();
}
