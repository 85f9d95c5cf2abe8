/**
 * The charts of a job's exposure report as data first (rows of a table, the
 * same rows a CSV download holds) and SVG second: stacked monthly fees per
 * regime, top operators, the scenario comparison, the exemption mix and the
 * voyages that touch listed parties.
 * Markup through hono/html, so every value is escaped by construction.
 * Pixel geometry is the only place amounts become floating point.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ExposureReport } from '../batch/exposure';
import { decimal } from '../lib/money';
import { codeTitle, type Locale } from '../messages/render';
import { SERIES_COLOURS } from './step-chart';
import { wordsFor } from './words';

/** A chart's data: column names and rows of text cells (amounts as exact decimal text). */
export interface ChartTable {
  columns: string[];
  rows: string[][];
}

export interface ChartSpec {
  id: string;
  title: string;
  description: string;
  table: ChartTable;
  svg: HtmlEscapedString | Promise<HtmlEscapedString>;
}

const W = 760;
const TOP_OPERATORS = 10;

const px = (value: string, max: string, span: number) =>
  decimal(max).isZero() ? 0 : decimal(value).div(decimal(max)).times(span).toDecimalPlaces(1).toNumber();

/** Short money text for axis and bar labels (the tables keep the exact amounts). */
export function shortAmount(amount: string): string {
  const value = decimal(amount);
  const abs = value.abs();
  const [unit, divisor] = abs.gte(1e9) ? ['bn', 1e9] : abs.gte(1e6) ? ['m', 1e6] : abs.gte(1e3) ? ['k', 1e3] : ['', 1];
  return `${value
    .div(divisor)
    .toDecimalPlaces(unit ? 1 : 0)
    .toString()}${unit}`;
}

const colour = (i: number) => SERIES_COLOURS[i % SERIES_COLOURS.length]!;

function frame(id: string, title: string, description: string, height: number, body: unknown) {
  return html`<svg class="chart" id="${id}-svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${title}</title><desc id="${id}-desc">${description}</desc>${body}</svg>`;
}

/** Horizontal bars: one per row, label left, value right. */
function barChart(
  id: string,
  title: string,
  description: string,
  bars: Array<{ label: string; value: string; text: string; fill?: string }>,
) {
  const rowH = 24;
  const left = 220;
  const span = W - left - 110;
  const max = bars.reduce((m, bar) => (decimal(bar.value).gt(decimal(m)) ? bar.value : m), '0');
  const height = Math.max(1, bars.length) * rowH + 16;
  const body = bars.map(
    (bar, i) =>
      html`<g class="bar" data-label="${bar.label}"><text x="${left - 8}" y="${i * rowH + 24}" text-anchor="end" font-size="12" fill="#14213d">${bar.label}</text><rect x="${left}" y="${i * rowH + 10}" width="${Math.max(1, px(bar.value, max, span))}" height="${rowH - 8}" fill="${bar.fill ?? colour(0)}"/><text x="${left + px(bar.value, max, span) + 6}" y="${i * rowH + 24}" font-size="12" fill="#14213d">${bar.text}</text></g>`,
  );
  return frame(id, title, description, height, body);
}

/** Every month from the first to the last of `months` (YYYY-MM), so empty months keep their place on the axis. */
export function monthsBetween(months: ReadonlyArray<string>): string[] {
  const sorted = [...months].sort();
  if (sorted.length === 0) return [];
  const out: string[] = [];
  let [year, month] = sorted[0]!.split('-').map(Number) as [number, number];
  const last = sorted.at(-1)!;
  for (let guard = 0; guard < 1200; guard++) {
    const text = `${year}-${String(month).padStart(2, '0')}`;
    out.push(text);
    if (text >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

/** Fees by month, one panel per regime and currency, bars stacked by rule (first scenario). */
export function monthChart(report: ExposureReport, locale: Locale = 'en'): ChartSpec[] {
  const say = wordsFor(locale);
  const scenario = report.scenarios[0]!;
  const rows = report.breakdowns.month;
  const panels = [...new Set(rows.map((row) => `${row.keys.regime}|${row.keys.currency}`))];
  return panels.map((panel, p) => {
    const [regime, currency] = panel.split('|') as [string, string];
    const mine = rows.filter((row) => row.keys.regime === regime && row.keys.currency === currency);
    const months = monthsBetween(mine.map((row) => row.keys.month!));
    // Rules that never charged anything (voyages not covered or not in force) stay in the table, not in the stack.
    const rules = [...new Set(mine.map((row) => row.keys.rule!))]
      .sort()
      .filter((rule) =>
        mine.some((row) => row.keys.rule === rule && !decimal(row.values[scenario]?.amount ?? '0').isZero()),
      );
    const tableRules = [...new Set(mine.map((row) => row.keys.rule!))].sort();
    const amount = (month: string, rule: string) =>
      mine.find((row) => row.keys.month === month && row.keys.rule === rule)?.values[scenario]?.amount ?? '0.00';
    const monthTotal = (month: string) =>
      rules.reduce((total, rule) => total.plus(decimal(amount(month, rule))), decimal(0)).toFixed(2);
    const max = months.reduce((m, month) => (decimal(monthTotal(month)).gt(decimal(m)) ? monthTotal(month) : m), '0');
    const height = 240;
    const plotTop = 16;
    const plotH = 170;
    const left = 70;
    const step = months.length > 0 ? (W - left - 140) / months.length : 0;
    const bars = months.map((month, i) => {
      let y = plotTop + plotH;
      const parts = rules.map((rule, r) => {
        const h = px(amount(month, rule), max, plotH);
        y -= h;
        return html`<rect class="segment" data-rule="${rule}" x="${left + i * step + 2}" y="${y.toFixed(1)}" width="${Math.max(1, step - 4).toFixed(1)}" height="${h}" fill="${colour(r)}"><title>${month} · ${rule}: ${amount(month, rule)} ${currency}</title></rect>`;
      });
      const label =
        i % Math.ceil(months.length / 8) === 0
          ? html`<text x="${(left + i * step + step / 2).toFixed(1)}" y="${plotTop + plotH + 16}" text-anchor="middle" font-size="11" fill="#14213d">${month}</text>`
          : '';
      return html`<g class="month" data-month="${month}">${parts}${label}</g>`;
    });
    const axis = html`<line x1="${left}" y1="${plotTop + plotH}" x2="${W - 140}" y2="${plotTop + plotH}" stroke="#4b5565"/><text x="${left - 6}" y="${plotTop + 4}" text-anchor="end" font-size="11" fill="#14213d">${shortAmount(max)}</text><text x="${left - 6}" y="${plotTop + plotH}" text-anchor="end" font-size="11" fill="#14213d">0</text>`;
    const legend = rules.map(
      (rule, r) =>
        html`<g class="legend-item"><rect x="${W - 130}" y="${plotTop + r * 18}" width="12" height="12" fill="${colour(r)}"/><text x="${W - 112}" y="${plotTop + r * 18 + 10}" font-size="12" fill="#14213d">${rule}</text></g>`,
    );
    const id = `month-${p}`;
    const title = say('chart.month-title', { regime: codeTitle(regime, locale), currency });
    const description = say('chart.month-desc', {
      scenario: codeTitle(scenario, locale),
      amount: shortAmount(max),
      currency,
    });
    return {
      id,
      title,
      description,
      table: {
        columns: ['month', 'regime', 'rule', 'currency', 'amount'],
        rows: months.flatMap((month) => tableRules.map((rule) => [month, regime, rule, currency, amount(month, rule)])),
      },
      svg: frame(id, title, description, height, html`${axis}${bars}${legend}`),
    };
  });
}

/** The largest operators by fees, per currency (first scenario); an operator with no fee is no "top" operator. */
export function operatorChart(report: ExposureReport, locale: Locale = 'en'): ChartSpec[] {
  const say = wordsFor(locale);
  const scenario = report.scenarios[0]!;
  const charging = report.breakdowns.operator.filter((row) => !decimal(row.values[scenario]?.amount ?? '0').isZero());
  const currencies = [...new Set(charging.map((row) => row.keys.currency!))].sort();
  return currencies.map((currency, c) => {
    const top = charging.filter((row) => row.keys.currency === currency).slice(0, TOP_OPERATORS);
    const id = `operators-${c}`;
    const title = say('chart.operators-title', { count: top.length, currency });
    const description = say('chart.operators-desc', { scenario: codeTitle(scenario, locale) });
    return {
      id,
      title,
      description,
      table: {
        columns: ['operator', 'currency', 'amount', 'voyages', 'charged'],
        rows: top.map((row) => [
          row.keys.operator!,
          currency,
          row.values[scenario]!.amount,
          String(row.values[scenario]!.voyages),
          String(row.values[scenario]!.charged),
        ]),
      },
      svg: barChart(
        id,
        title,
        description,
        top.map((row) => ({
          label: row.keys.operator!,
          value: row.values[scenario]!.amount,
          text: `${shortAmount(row.values[scenario]!.amount)} ${currency}`,
        })),
      ),
    };
  });
}

/** Each regime's fees under each scenario, side by side. */
export function scenarioChart(report: ExposureReport, locale: Locale = 'en'): ChartSpec {
  const say = wordsFor(locale);
  const rows = report.breakdowns.regime;
  const bars = rows.flatMap((row) =>
    report.scenarios.map((scenario, s) => ({
      label: `${row.keys.regime} · ${codeTitle(scenario, locale)}`,
      value: row.values[scenario]!.amount,
      text: `${shortAmount(row.values[scenario]!.amount)} ${row.keys.currency}`,
      fill: colour(s),
    })),
  );
  const id = 'scenarios';
  const title = say('chart.scenarios-title', {});
  const description = say('chart.scenarios-desc', {
    scenarios: { list: report.scenarios.map((scenario) => codeTitle(scenario, locale)), join: 'codes' },
  });
  return {
    id,
    title,
    description,
    table: {
      columns: ['regime', 'currency', 'scenario', 'amount', 'voyages', 'charged', 'exempt', 'capped'],
      rows: rows.flatMap((row) =>
        report.scenarios.map((scenario) => {
          const cell = row.values[scenario]!;
          return [
            row.keys.regime!,
            row.keys.currency!,
            scenario,
            cell.amount,
            String(cell.voyages),
            String(cell.charged),
            String(cell.exempt),
            String(cell.capped),
          ];
        }),
      ),
    },
    svg: barChart(id, title, description, bars),
  };
}

/** Voyages by outcome and exempt voyages by exemption (first scenario). */
export function exemptionChart(report: ExposureReport, locale: Locale = 'en'): ChartSpec {
  const say = wordsFor(locale);
  const scenario = report.scenarios[0]!;
  const rows = report.breakdowns.exemption;
  const id = 'exemptions';
  const title = say('chart.exemptions-title', {});
  const description = say('chart.exemptions-desc', {
    scenario: codeTitle(scenario, locale),
    count: rows.reduce((n, row) => n + (row.values[scenario]?.voyages ?? 0), 0),
  });
  return {
    id,
    title,
    description,
    table: {
      columns: ['regime', 'exemption', 'voyages'],
      rows: rows.map((row) => [row.keys.regime!, row.keys.exemption!, String(row.values[scenario]?.voyages ?? 0)]),
    },
    svg: barChart(
      id,
      title,
      description,
      rows.map((row, i) => ({
        label: `${row.keys.regime} · ${row.keys.exemption}`,
        value: String(row.values[scenario]?.voyages ?? 0),
        text: String(row.values[scenario]?.voyages ?? 0),
        fill: colour(i + 2),
      })),
    ),
  };
}

/** Voyages touching each listed party (first scenario); none when no voyage touches one (or the report predates lists). */
export function listedChart(report: ExposureReport, locale: Locale = 'en'): ChartSpec[] {
  const say = wordsFor(locale);
  const scenario = report.scenarios[0]!;
  const rows = report.breakdowns.listed ?? [];
  if (rows.length === 0) return [];
  const id = 'listed';
  const title = say('chart.listed-title', {});
  const description = say('chart.listed-desc', { scenario: codeTitle(scenario, locale) });
  return [
    {
      id,
      title,
      description,
      table: {
        columns: ['listed', 'regime', 'currency', 'voyages', 'amount'],
        rows: rows.map((row) => [
          row.keys.listed!,
          row.keys.regime!,
          row.keys.currency!,
          String(row.values[scenario]?.voyages ?? 0),
          row.values[scenario]?.amount ?? '0.00',
        ]),
      },
      svg: barChart(
        id,
        title,
        description,
        rows.map((row, i) => ({
          label: `${row.keys.listed} · ${row.keys.regime}`,
          value: String(row.values[scenario]?.voyages ?? 0),
          text: say('chart.listed-bar', {
            voyages: row.values[scenario]?.voyages ?? 0,
            amount: shortAmount(row.values[scenario]?.amount ?? '0'),
            currency: row.keys.currency!,
          }),
          fill: colour(i + 4),
        })),
      ),
    },
  ];
}

/** Every chart of the page, in order. */
export function jobCharts(report: ExposureReport, locale: Locale = 'en'): ChartSpec[] {
  return [
    ...monthChart(report, locale),
    ...operatorChart(report, locale),
    scenarioChart(report, locale),
    exemptionChart(report, locale),
    ...listedChart(report, locale),
  ];
}
