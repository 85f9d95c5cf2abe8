/**
 * The result of a quote: one table row per voyage (regime, charging port,
 * rule, outcome, amount with its certainty word and alternatives, exemptions
 * that applied, payer), totals per currency (a low–high range when a voyage
 * is not confirmed) and, with an FX rate, the converted total; then the
 * explanation. Every field the API may leave out degrades to nothing shown.
 */
import { h } from './dom';
import { formatAmount, formatDate } from './format';
import { codeWord, readingWords, type Translate, translator } from './i18n';
import {
  headline,
  money,
  type QuoteResult,
  type QuoteTitles,
  type Total,
  titleOf,
  type VoyageResult,
  words,
} from './quote';

export * from './quote';

/** The certainty word, marked for colour too (a word first: colour alone says nothing to many readers). */
export function certaintyWord(certainty: string | undefined, locale: string, titles?: QuoteTitles): HTMLElement | null {
  if (!certainty) return null;
  return h('span', {
    class: 'cert',
    'data-certainty': certainty,
    text: titleOf(titles, 'certainties', certainty, locale),
  });
}

/** `if extended: 0.00 USD (suspended)` for each other reading that changes the amount. */
export function alternativeLines(
  voyage: VoyageResult,
  locale: string,
  t: Translate,
  titles?: QuoteTitles,
): HTMLElement[] {
  return (voyage.alternatives ?? []).map((alternative) => {
    const amount = money({ amount: alternative.amount, currency: voyage.fee.currency }, locale);
    const outcome = alternative.outcome ? ` (${codeWord(locale, alternative.outcome)})` : '';
    return h('span', {
      class: 'alt',
      'data-assumption': alternative.assumption,
      title: titles?.assumptions[alternative.assumption] ?? alternative.assumption,
      text: t('ifAlt', { a: readingWords(locale, alternative.assumption, alternative.value), m: amount + outcome }),
    });
  });
}

/** A total, and its range when the API gives one that is not a single amount. */
export function totalCell(total: Total, locale: string, t: Translate): HTMLTableCellElement {
  const cell = h('td', { class: 'num' }, money(total, locale));
  if (total.low !== undefined && total.high !== undefined && total.low !== total.high)
    cell.append(
      h('span', {
        class: 'range',
        text: t('range', {
          lo: formatAmount(total.low, locale),
          hi: `${formatAmount(total.high, locale)} ${total.currency}`,
        }),
      }),
    );
  return cell;
}

function amountCell(voyage: VoyageResult, locale: string, t: Translate, titles?: QuoteTitles): HTMLTableCellElement {
  return h(
    'td',
    { class: 'num', 'data-label': t('amount') },
    h('span', { class: 'amount', text: headline(voyage, locale) }),
    certaintyWord(voyage.certainty, locale, titles),
    ...alternativeLines(voyage, locale, t, titles),
  );
}

/** Who pays, in words: the party, or none when nothing is allocated. */
export function payerWord(voyage: VoyageResult, locale: string, t: Translate): string {
  if (voyage.payer === undefined) return '—';
  return voyage.payer ? codeWord(locale, voyage.payer) : t('none');
}

function payerCell(voyage: VoyageResult, locale: string, t: Translate): HTMLTableCellElement {
  if (voyage.payer === undefined) return h('td', { text: '—' });
  const cell = h('td', {}, h('b', { text: payerWord(voyage, locale, t) }));
  if (voyage.payerReason) cell.append(h('span', { class: 'why', text: words(voyage.payerReason) }));
  if (voyage.clause)
    cell.append(h('a', { href: voyage.clause.url, target: '_blank', rel: 'noopener', text: voyage.clause.title }));
  return cell;
}

function voyageRow(voyage: VoyageResult, locale: string, t: Translate, titles?: QuoteTitles): HTMLTableRowElement {
  const applied = voyage.exemptions
    .filter((exemption) => exemption.applies)
    .map((exemption) => codeWord(locale, exemption.id));
  return h(
    'tr',
    { 'data-regime': voyage.regime, 'data-outcome': voyage.outcome, 'data-certainty': voyage.certainty },
    h(
      'th',
      { scope: 'row' },
      titleOf(titles, 'regimes', voyage.regime, locale),
      h('span', { class: 'why', text: voyage.calls.join(' → ') }),
    ),
    h('td', { 'data-label': t('chargedAt'), text: voyage.chargedAt ?? '—' }),
    h('td', {
      'data-label': t('rule'),
      class: 'code',
      title: voyage.rule ? titles?.rules[voyage.rule] : undefined,
      text: voyage.rule ? codeWord(locale, voyage.rule) : '—',
    }),
    h('td', { 'data-label': t('outcome'), text: titleOf(titles, 'outcomes', voyage.outcome, locale) }),
    amountCell(voyage, locale, t, titles),
    h('td', { 'data-label': t('exemptions'), text: applied.length > 0 ? applied.join(', ') : t('none') }),
    payerCell(voyage, locale, t),
  );
}

/** The total rows of a quote (and the converted total), the amount in the 5th column. */
function totalRows(quote: QuoteResult, locale: string, t: Translate): HTMLTableRowElement[] {
  const rows = quote.totals.map((total) =>
    h(
      'tr',
      { class: 'total' },
      h('th', { scope: 'row', colspan: 4, text: t('total', { c: total.currency }) }),
      totalCell(total, locale, t),
      h('td', { colspan: 2 }),
    ),
  );
  if (quote.converted) {
    const rates = Object.entries(quote.converted.rates)
      .map(([pair, rate]) => `${pair} ${rate}`)
      .join(', ');
    rows.push(
      h(
        'tr',
        { class: 'total' },
        h('th', { scope: 'row', colspan: 4, text: t('totalIn', { c: quote.converted.currency, r: rates }) }),
        h('td', { class: 'num', text: money(quote.converted, locale) }),
        h('td', { colspan: 2 }),
      ),
    );
  }
  return rows;
}

/** Where a screened party sits: the role in words (`operator`), a holder by its path in the request (`owner.holders[0]`). */
const partyWord = (party: string, t: Translate) => (party === 'owner' || party === 'operator' ? t(party) : party);

/** The "Listed parties" panel: each party found on a list with its status at asOf; nothing when none is. */
export function listedPanel(quote: QuoteResult, locale: string, t: Translate): HTMLElement | null {
  const rows = quote.screening ?? [];
  if (rows.length === 0) return null;
  const headers = [
    t('listedParty'),
    t('listedEntry'),
    t('listedList'),
    t('listedStatus', { d: formatDate(quote.asOf, locale) }),
  ];
  return h(
    'section',
    { class: 'listed', 'aria-label': t('listed') },
    h(
      'table',
      {},
      h('caption', { text: t('listed') }),
      h('thead', {}, h('tr', {}, ...headers.map((text) => h('th', { scope: 'col', text })))),
      h(
        'tbody',
        {},
        ...rows.map((row) =>
          h(
            'tr',
            { class: row.match === 'possible' ? 'possible' : 'match' },
            h('td', {}, row.name, h('span', { class: 'why', text: partyWord(row.party, t) })),
            h(
              'td',
              { class: 'entry' },
              row.entry,
              row.match === 'possible' ? h('span', { class: 'why', text: t('listedPossible') }) : null,
            ),
            h(
              'td',
              {},
              row.list,
              row.measure
                ? h('span', { class: 'why', text: quote.titles?.listed?.[row.measure] ?? row.measure })
                : null,
            ),
            h('td', { text: codeWord(locale, row.status) }),
          ),
        ),
      ),
    ),
    h('p', { class: 'hint', text: t('listedNote') }),
  );
}

/** The result section for one quote, in `locale`'s words and number format. */
export function renderQuote(quote: QuoteResult, locale: string, savedId?: string): HTMLElement {
  const t = translator(locale);
  const headers = [t('regime'), t('chargedAt'), t('rule'), t('outcome'), t('amount'), t('exemptions'), t('payer')];
  const table = h(
    'table',
    {},
    h('caption', { text: t('caption', { d: formatDate(quote.asOf, locale) }) }),
    h('thead', {}, h('tr', {}, ...headers.map((text) => h('th', { scope: 'col', text })))),
    h('tbody', {}, ...quote.voyages.map((voyage) => voyageRow(voyage, locale, t, quote.titles))),
    h('tfoot', {}, ...totalRows(quote, locale, t)),
  );
  const explanation = h(
    'details',
    {},
    h('summary', { text: t('how') }),
    ...quote.voyages.map((voyage) =>
      h(
        'div',
        {},
        h('h4', { text: `${titleOf(quote.titles, 'regimes', voyage.regime, locale)}: ${voyage.calls.join(' → ')}` }),
        h('ul', {}, ...voyage.explanation.map((line) => h('li', { text: words(line) }))),
      ),
    ),
    quote.notes.length > 0
      ? h(
          'div',
          {},
          h('h4', { text: t('notes') }),
          h('ul', {}, ...quote.notes.map((note) => h('li', { text: words(note) }))),
        )
      : null,
  );
  return h(
    'div',
    {},
    h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': t('quoteTable') }, table),
    listedPanel(quote, locale, t),
    explanation,
    h('p', { class: 'hint reference', text: reference(quote, t, savedId) }),
  );
}

/** The quote's reference: a saved quote's id, else the request's hash, named as such (GET /v1/quotes/{id} knows only saved quotes). */
export function reference(quote: QuoteResult, t: Translate, saved?: string): string {
  return saved ? t('quoteId', { id: saved }) : t('requestHash', { id: quote.quoteId });
}
