/**
 * A timeline as an SVG step chart: one line per rule and basis, the status
 * windows as bands behind them (suspensions shaded, unconfirmed periods
 * hatched, periods before entry into force pale), year ticks in the regime's
 * own zone. Built with hono/html (values escaped by construction): no script, no external asset.
 */

import type { Timeline, TimelineSeries, WindowStatus } from '../analysis/timeline';
import { yearStartsBetween } from '../lib/time';
import { codeMessage } from '../messages/message';
import { codeTitle, dataTitle, type Locale } from '../messages/render';
import { type Markup, markup } from './markup';
import { type Words, wordsFor } from './words';

export const CHART = { width: 920, height: 300, left: 64, right: 150, top: 30, bottom: 34 } as const;

/** Line colours (distinct in colour-blind palettes) and dashes per unit, so series differ by more than hue. */
export const SERIES_COLOURS = ['#0b6e4f', '#c2410c', '#1d4ed8', '#7c3aed', '#be123c', '#0f766e'] as const;
export const UNIT_DASH: Record<string, string> = { 'net-ton': '', container: '7 4', ceu: '2 3' };

export const BAND_STYLE: Record<WindowStatus, { fill: string; label: string }> = {
  'not-in-force': { fill: '#eef0f3', label: 'not in force' },
  'in-force': { fill: '#ffffff', label: 'in force' },
  suspended: { fill: '#cfd4dc', label: 'suspended' },
  unconfirmed: { fill: 'url(#hatch)', label: 'unconfirmed' },
};

/** A short name for a rule: the text before its colon (`Annex II`), or before its parenthesis. */
export function shortRuleName(title: string): string {
  const head = title.includes(':') ? title.split(':')[0]! : title.split('(')[0]!;
  return head.trim();
}

/** A rule's short name in a locale: the short name of its title's shipped translation, else of its title. */
export function ruleName(series: TimelineSeries, locale: Locale = 'en'): string {
  return shortRuleName(dataTitle(series.title, locale));
}

/** `USD per net-ton` in words of the locale. */
export function measureOf(series: TimelineSeries, currency: string, locale: Locale = 'en'): string {
  return wordsFor(locale)('timeline.measure', { currency, unit: codeMessage(series.unit, 'unit') });
}

export function seriesLabel(series: TimelineSeries, locale: Locale = 'en', currency?: string): string {
  const measure = currency ? measureOf(series, currency, locale) : series.measure;
  return wordsFor(locale)('timeline.series', { rule: ruleName(series, locale), measure });
}

/** The smallest round number (1, 1.2, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k) at least `value`: a top that splits into 5 round ticks. */
function niceCeil(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 1.2, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((factor) => factor * power >= value) ?? 10) * power;
}

/** Spreads label positions (sorted by y) at least `gap` apart, keeping them inside [min, max]. */
function spread(positions: number[], gap: number, min: number, max: number): number[] {
  const out = [...positions];
  for (let i = 1; i < out.length; i++) if (out[i]! - out[i - 1]! < gap) out[i] = out[i - 1]! + gap;
  if (out.length > 0 && out.at(-1)! > max) {
    out[out.length - 1] = max;
    for (let i = out.length - 2; i >= 0; i--) if (out[i + 1]! - out[i]! < gap) out[i] = out[i + 1]! - gap;
  }
  return out.map((y) => Math.max(min, y));
}

const fixed = (n: number) => n.toFixed(1);

/** The plot area and the scales from instants and rates to pixels. */
interface Frame {
  timeline: Timeline;
  plotW: number;
  plotH: number;
  yMax: number;
  hatch: string;
  locale: Locale;
  say: Words;
  x(millis: number): number;
  y(rate: number): number;
}

function frameOf(timeline: Timeline, idPrefix: string, locale: Locale): Frame {
  const { width, height, left, right, top, bottom } = CHART;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const { fromMillis, toMillis } = timeline.range;
  const rates = timeline.series.flatMap((series) => series.steps.map((step) => Number(step.rate)));
  // Headroom of 8% above the highest rate, so the top line never sits on the frame.
  const yMax = niceCeil(Math.max(1, ...rates) * 1.08);
  return {
    timeline,
    plotW,
    plotH,
    yMax,
    hatch: `${idPrefix}-hatch`,
    locale,
    say: wordsFor(locale),
    x: (millis) => left + ((millis - fromMillis) / (toMillis - fromMillis)) * plotW,
    y: (rate) => top + plotH - (rate / yMax) * plotH,
  };
}

/** Status bands behind everything, labelled when the label fits. */
function bands(frame: Frame): Markup[] {
  const { timeline, x, plotH, hatch, say, locale } = frame;
  const { top } = CHART;
  return timeline.statusWindows.flatMap((window) => {
    const x0 = x(window.fromMillis);
    const x1 = x(window.toMillis);
    const style = BAND_STYLE[window.status];
    const fill = window.status === 'unconfirmed' ? `url(#${hatch})` : style.fill;
    const status = codeTitle(window.status, locale);
    const tip = say('timeline.band-tip', {
      status,
      from: window.from,
      to: window.to,
      zone: timeline.zone,
      note: { text: window.note },
    });
    const label = window.status === 'in-force' ? status : say('timeline.band-from', { status, date: window.from });
    // About 6.4 px per character at 11 px.
    const fits = (text: string) => text.length * 6.4 + 8 < x1 - x0;
    const text = fits(label) ? label : fits(status) ? status : '';
    return [
      markup`<rect class="band band-${window.status}" data-status="${window.status}" x="${fixed(x0)}" y="${top}" width="${fixed(Math.max(0.5, x1 - x0))}" height="${plotH}" fill="${fill}"><title>${tip}</title></rect>`,
      ...(text
        ? [
            markup`<text class="band-label" x="${fixed(x0 + 4)}" y="${top - 8}" font-size="11" fill="#3d4656">${text}</text>`,
          ]
        : []),
    ];
  });
}

/** Horizontal grid, rate labels, year ticks at 1 January in the regime's zone, and the range's end dates. */
function axes(frame: Frame): Markup[] {
  const { timeline, x, y, plotW, plotH, yMax, say } = frame;
  const { left, top, height } = CHART;
  const parts: Markup[] = [];
  for (let i = 0; i <= 5; i++) {
    const rate = (yMax / 5) * i;
    const yy = y(rate);
    parts.push(
      markup`<line x1="${left}" x2="${left + plotW}" y1="${fixed(yy)}" y2="${fixed(yy)}" stroke="#8a94a6" stroke-opacity="${i === 0 ? 0.9 : 0.25}"/>`,
    );
    parts.push(
      markup`<text x="${left - 6}" y="${fixed(yy + 4)}" font-size="11" text-anchor="end" fill="#3d4656">${Number(rate.toFixed(2))}</text>`,
    );
  }
  const middle = fixed(top + plotH / 2);
  parts.push(
    markup`<text x="14" y="${middle}" font-size="11" fill="#3d4656" text-anchor="middle" transform="rotate(-90 14 ${middle})">${say('timeline.axis-rate', { currency: timeline.currency })}</text>`,
  );
  const years = yearStartsBetween(timeline.range.fromMillis, timeline.range.toMillis, timeline.zone);
  const every = Math.max(1, Math.ceil(years.length / 10));
  years.forEach(({ year, millis }, i) => {
    if (i % every !== 0) return;
    const xx = fixed(x(millis));
    parts.push(
      markup`<line x1="${xx}" x2="${xx}" y1="${top}" y2="${top + plotH + 5}" stroke="#8a94a6" stroke-opacity="0.35"/>`,
    );
    parts.push(
      markup`<text class="tick" x="${xx}" y="${top + plotH + 18}" font-size="11" text-anchor="middle" fill="#3d4656">${year}</text>`,
    );
  });
  parts.push(markup`<text x="${left}" y="${height - 2}" font-size="11" fill="#3d4656">${timeline.range.from}</text>`);
  parts.push(
    markup`<text x="${left + plotW}" y="${height - 2}" font-size="11" text-anchor="end" fill="#3d4656">${say('timeline.axis-end', { date: timeline.range.to, zone: timeline.zone })}</text>`,
  );
  return parts;
}

/** A dashed "today" line, when today falls inside the range. */
function todayMarker(frame: Frame, todayMillis: number | undefined): Markup[] {
  const { fromMillis, toMillis } = frame.timeline.range;
  if (todayMillis === undefined || todayMillis <= fromMillis || todayMillis >= toMillis) return [];
  const { top } = CHART;
  const xx = fixed(frame.x(todayMillis));
  return [
    markup`<line class="today" x1="${xx}" x2="${xx}" y1="${top}" y2="${top + frame.plotH}" stroke="#14213d" stroke-width="1.5" stroke-dasharray="3 3"/>`,
    markup`<text x="${xx}" y="${top + 12}" font-size="11" text-anchor="middle" fill="#14213d" paint-order="stroke" stroke="#fff" stroke-width="3">${frame.say('timeline.today', {})}</text>`,
  ];
}

/** One step line per series with a marker (and tooltip) at each step, and the last rate labelled at the right edge. */
function seriesLines(frame: Frame): Markup[] {
  const { timeline, x, y, plotW, plotH, say, locale } = frame;
  const { left, top } = CHART;
  const parts: Markup[] = [];
  const ends: Array<{ y: number; text: string; colour: string }> = [];
  timeline.series.forEach((series, i) => {
    if (series.steps.length === 0) return;
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
    const dash = UNIT_DASH[series.unit] ?? '';
    const d = series.steps
      .map(
        (step, s) =>
          `${s === 0 ? `M${fixed(x(step.fromMillis))} ` : ' V'}${fixed(y(Number(step.rate)))} H${fixed(x(step.toMillis))}`,
      )
      .join('');
    parts.push(
      markup`<path class="series" data-rule="${series.rule}" data-unit="${series.unit}" d="${d}" fill="none" stroke="${colour}" stroke-width="2.5"${dash ? markup` stroke-dasharray="${dash}"` : ''}><title>${seriesLabel(series, locale, timeline.currency)}</title></path>`,
    );
    for (const step of series.steps) {
      parts.push(
        markup`<circle cx="${fixed(x(step.fromMillis))}" cy="${fixed(y(Number(step.rate)))}" r="3" fill="${colour}"><title>${say('timeline.step-tip', { rule: ruleName(series, locale), rate: step.rate, measure: measureOf(series, timeline.currency, locale), date: step.effective })}</title></circle>`,
      );
    }
    const last = series.steps.at(-1)!;
    const name = ruleName(series, locale).length <= 16 ? ruleName(series, locale) : series.rule;
    ends.push({
      y: y(Number(last.rate)),
      text: `${last.rate} ${name}${series.unit === 'net-ton' ? '' : ` /${series.unit}`}`,
      colour,
    });
  });
  ends.sort((a, b) => a.y - b.y);
  const placed = spread(
    ends.map((end) => end.y + 4),
    13,
    top + 8,
    top + plotH,
  );
  ends.forEach((end, i) => {
    parts.push(
      markup`<text class="end-label" x="${left + plotW + 6}" y="${fixed(placed[i]!)}" font-size="11" fill="${end.colour}">${end.text}</text>`,
    );
  });
  return parts;
}

/**
 * The chart of one timeline as an `<svg>` element. `todayMillis` draws a
 * dashed "today" line when it falls inside the range.
 * @example stepChartSvg(timelineOf(tariff), 'us-301', Date.now()) // '<svg …><title>…</title>…</svg>'
 */
export function stepChartSvg(
  timeline: Timeline,
  idPrefix: string,
  todayMillis?: number,
  locale: Locale = 'en',
): Markup {
  const { width, height } = CHART;
  const frame = frameOf(timeline, idPrefix, locale);
  const { say } = frame;
  const pattern = markup`<defs><pattern id="${frame.hatch}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#fffaf0"/><line x1="0" y1="0" x2="0" y2="8" stroke="#e5b95c" stroke-width="2"/></pattern></defs>`;
  const parts = [pattern, ...bands(frame), ...axes(frame), ...todayMarker(frame, todayMillis), ...seriesLines(frame)];
  const id = idPrefix;
  const title = say('timeline.chart-title', { regime: timeline.regime, version: timeline.version.id });
  const desc = timeline.series
    .map((series) =>
      say('timeline.chart-series', {
        series: seriesLabel(series, locale, timeline.currency),
        steps: {
          list: series.steps.map((step) => ({
            id: 'timeline.chart-step',
            params: { rate: step.rate, date: step.from },
          })),
          join: 'codes',
        },
      }),
    )
    .join(locale === 'en' ? '. ' : '。');
  return markup`<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${id}-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${title}</title><desc id="${id}-desc">${desc}</desc>${parts}</svg>`;
}
