/**
 * The scenarios side by side, from POST /v1/quotes/compare: one row per
 * voyage, one column per scenario (amount, outcome, certainty), totals per
 * currency and each later scenario's difference from the first.
 */
import { h } from './dom';
import { formatAmount, formatArrival } from './format';
import { codeWord, translator } from './i18n';
import { certaintyWord, type Money, money, type Total, totalCell } from './results';

interface Cell extends Money {
  outcome: string;
  certainty?: string;
  delta?: string | null;
}

export interface Comparison {
  variants: Array<{ label: string; totals: Total[]; deltas?: Money[] }>;
  rows: Array<{ regime: string; port: string; arrival: string; calls: string[]; cells: Array<Cell | null> }>;
}

/** A comparison table; `labels` replace the variants' own labels (the reader's words for each scenario). */
export function renderComparison(comparison: Comparison, locale: string, labels: string[]): HTMLElement {
  const t = translator(locale);
  const names = comparison.variants.map((variant, i) => labels[i] ?? variant.label);
  // Each cell names its scenario (`data-label`), shown before it when a narrow host stacks the table.
  const cell = (value: Cell | null, i: number) =>
    value
      ? h(
          'td',
          { class: 'num', 'data-label': names[i] },
          money(value, locale),
          h('span', { class: 'why', text: codeWord(locale, value.outcome) }),
          certaintyWord(value.certainty, locale),
        )
      : h('td', { 'data-label': names[i], text: '—' });
  const currencies = [...new Set(comparison.variants.flatMap((variant) => variant.totals.map((x) => x.currency)))];
  const totals = currencies.map((currency) =>
    h(
      'tr',
      { class: 'total' },
      h('th', { scope: 'row', text: t('total', { c: currency }) }),
      ...comparison.variants.map((variant, i) => {
        const total = variant.totals.find((x) => x.currency === currency);
        if (!total) return h('td', { 'data-label': names[i], text: '—' });
        const td = totalCell(total, locale, t);
        td.dataset.label = names[i];
        const delta = variant.deltas?.find((x) => x.currency === currency);
        if (i > 0 && delta)
          td.append(h('span', { class: 'why', text: t('delta', { m: formatAmount(delta.amount, locale) }) }));
        return td;
      }),
    ),
  );
  return h(
    'div',
    { class: 'scroll compare', tabindex: 0, role: 'region', 'aria-label': t('compareCaption') },
    h(
      'table',
      {},
      h('caption', { text: t('compareCaption') }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', text: t('voyage') }),
          ...names.map((text) => h('th', { scope: 'col', text })),
        ),
      ),
      h(
        'tbody',
        {},
        ...comparison.rows.map((row) =>
          h(
            'tr',
            { 'data-regime': row.regime },
            h(
              'th',
              { scope: 'row' },
              `${row.regime} ${row.port}`,
              h('span', { class: 'why', text: formatArrival(row.arrival, locale) }),
            ),
            ...row.cells.map(cell),
          ),
        ),
      ),
      h('tfoot', {}, ...totals),
    ),
  );
}
