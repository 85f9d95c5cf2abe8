/**
 * The result of a quote: one table row per voyage (regime, charging port,
 * rule, outcome, amount, exemptions that applied, payer), totals per
 * currency and, with an FX rate, the converted total; then the explanation.
 */
import { h } from './dom';
import { formatAmount } from './format';

interface Money {
  amount: string;
  currency: string;
}

export interface VoyageResult {
  regime: string;
  calls: string[];
  chargedAt: string | null;
  rule: string | null;
  outcome: string;
  certainty: string;
  fee: Money;
  exemptions: Array<{ id: string; applies: boolean; reason: string }>;
  alternatives: Array<{ assumption: string; value: string; amount: string; outcome?: string }>;
  explanation: string[];
  payer?: string | null;
  payerReason?: string;
  clause?: { id: string; title: string; url: string } | null;
}

export interface QuoteResult {
  quoteId: string;
  asOf: string;
  voyages: VoyageResult[];
  totals: Array<Money & { low?: string; high?: string }>;
  converted?: { currency: string; amount: string; rates: Record<string, string> };
  notes: string[];
}

const money = (value: Money, locale: string) => `${formatAmount(value.amount, locale)} ${value.currency}`;

/** The amount, the word for its certainty (not only a colour), and the other readings one click away. */
function amountCell(voyage: VoyageResult, locale: string): HTMLTableCellElement {
  const cell = h('td', { class: 'num' }, money(voyage.fee, locale));
  cell.append(h('span', { class: 'badge', 'data-certainty': voyage.certainty, text: voyage.certainty }));
  const count = voyage.alternatives.length;
  if (count > 0) {
    const lines = voyage.alternatives.map((alternative) => {
      const amount = money({ amount: alternative.amount, currency: voyage.fee.currency }, locale);
      const outcome = alternative.outcome ? ` (${alternative.outcome})` : '';
      return h('li', {
        class: 'alt',
        text: `if ${alternative.assumption} = ${alternative.value}: ${amount}${outcome}`,
      });
    });
    cell.append(
      h(
        'details',
        { class: 'alts' },
        h('summary', { text: `${count} other reading${count === 1 ? '' : 's'}` }),
        h('ul', {}, ...lines),
      ),
    );
  }
  return cell;
}

/** A total, with the range its voyages' alternatives span when any is not confirmed. */
function totalText(total: Money & { low?: string; high?: string }, locale: string): string {
  const range =
    total.low !== undefined && total.high !== undefined
      ? ` (range ${formatAmount(total.low, locale)} – ${formatAmount(total.high, locale)})`
      : '';
  return `${money(total, locale)}${range}`;
}

function payerCell(voyage: VoyageResult): HTMLTableCellElement {
  if (voyage.payer === undefined) return h('td', { text: '—' });
  const cell = h('td', {}, h('b', { text: voyage.payer ?? 'none' }));
  if (voyage.payerReason) cell.append(h('span', { class: 'why', text: voyage.payerReason }));
  if (voyage.clause)
    cell.append(h('a', { href: voyage.clause.url, target: '_blank', rel: 'noopener', text: voyage.clause.title }));
  return cell;
}

function voyageRow(voyage: VoyageResult, locale: string): HTMLTableRowElement {
  const applied = voyage.exemptions.filter((exemption) => exemption.applies).map((exemption) => exemption.id);
  return h(
    'tr',
    { 'data-regime': voyage.regime, 'data-outcome': voyage.outcome },
    h('th', { scope: 'row' }, voyage.regime, h('span', { class: 'why', text: voyage.calls.join(' → ') })),
    h('td', { text: voyage.chargedAt ?? '—' }),
    h('td', { class: 'code', text: voyage.rule ?? '—' }),
    h('td', { text: voyage.outcome }),
    amountCell(voyage, locale),
    h('td', { text: applied.length > 0 ? applied.join(', ') : 'none' }),
    payerCell(voyage),
  );
}

/** The result section for one quote, formatted for `locale`. */
export function renderQuote(quote: QuoteResult, locale: string): HTMLElement {
  const headers = ['Regime', 'Charging port', 'Rule', 'Outcome', 'Amount', 'Exemptions applied', 'Payer'];
  const totals = quote.totals.map((total) =>
    h(
      'tr',
      { class: 'total' },
      h('th', { scope: 'row', colspan: 4, text: `Total ${total.currency}` }),
      h('td', { class: 'num', text: totalText(total, locale) }),
      h('td', { colspan: 2 }),
    ),
  );
  if (quote.converted) {
    const rates = Object.entries(quote.converted.rates)
      .map(([pair, rate]) => `${pair} ${rate}`)
      .join(', ');
    totals.push(
      h(
        'tr',
        { class: 'total' },
        h('th', { scope: 'row', colspan: 4, text: `Total in ${quote.converted.currency} (at ${rates})` }),
        h('td', { class: 'num', text: money(quote.converted, locale) }),
        h('td', { colspan: 2 }),
      ),
    );
  }
  const table = h(
    'table',
    {},
    h('caption', { text: `Fees per voyage, knowledge date ${quote.asOf}` }),
    h('thead', {}, h('tr', {}, ...headers.map((text) => h('th', { scope: 'col', text })))),
    h('tbody', {}, ...quote.voyages.map((voyage) => voyageRow(voyage, locale))),
    h('tfoot', {}, ...totals),
  );
  const explanation = h(
    'details',
    {},
    h('summary', { text: 'How each fee was worked out' }),
    ...quote.voyages.map((voyage) =>
      h(
        'div',
        {},
        h('h4', { text: `${voyage.regime}: ${voyage.calls.join(' → ')}` }),
        h('ul', {}, ...voyage.explanation.map((line) => h('li', { text: line }))),
      ),
    ),
    quote.notes.length > 0
      ? h('div', {}, h('h4', { text: 'Notes' }), h('ul', {}, ...quote.notes.map((note) => h('li', { text: note }))))
      : null,
  );
  return h(
    'div',
    {},
    h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'Quote table' }, table),
    explanation,
    h('p', { class: 'hint', text: `Quote ${quote.quoteId}` }),
  );
}
