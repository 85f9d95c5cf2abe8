/**
 * The printable quote: what a desk sends a counterparty. Hidden on screen and
 * laid out for one A4 page by the print styles: the vessel, the calls, each
 * voyage's fee with its rule, certainty and payer, the totals, the listed parties, the tariff
 * versions with their SHA-256, the assumptions, the quote id, the knowledge
 * date and the sources cited.
 */
import { h } from './dom';
import { formatAmount, formatArrival, formatDate } from './format';
import { codeWord, translator } from './i18n';
import { getPath } from './paths';
import { alternativeLines, listedPanel, money, payerWord, type QuoteResult } from './results';
import { VESSEL_TYPES } from './vocabulary';

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** The sheet for `quote`, with the vessel and calls as the request gave them. */
export function renderSheet(quote: QuoteResult, request: unknown, locale: string, today: string): HTMLElement {
  const t = translator(locale);
  const vessel = (path: string) => text(getPath(request, `vessel.${path}`));
  const party = (key: 'owner' | 'operator') =>
    [vessel(`${key}.name`), vessel(`${key}.country`)].filter(Boolean).join(', ');
  const type = vessel('type');
  const facts: Array<[string, string]> = [
    [t('name'), vessel('name')],
    [t('imo'), vessel('imo')],
    [t('type'), type ? codeWord(locale, type, VESSEL_TYPES.find(([value]) => value === type)?.[1]) : ''],
    [t('flag'), vessel('flag')],
    [t('buildCountry'), vessel('buildCountry')],
    [t('netTonnage'), vessel('netTonnage')],
    [t('deadweight'), vessel('deadweight')],
    [t('teu'), vessel('teuCapacity')],
    [t('ceu'), vessel('ceuCapacity')],
    [t('owner'), party('owner')],
    [t('operator'), party('operator')],
  ];
  const calls = getPath(request, 'portCalls');
  const citations = new Map<string, string>();
  for (const voyage of quote.voyages)
    for (const citation of voyage.citations ?? []) citations.set(citation.url, citation.title);
  const table = (headers: string[], ...rows: HTMLTableRowElement[]) =>
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col', text: header })))),
      h('tbody', {}, ...rows),
    );

  return h(
    'section',
    { class: 'sheet', 'aria-label': t('sheetTitle') },
    h('p', { class: 'sheet-title', text: t('sheetTitle') }),
    h(
      'p',
      { class: 'meta' },
      `${t('quoteId', { id: quote.quoteId })} · ${t('knowledgeDate')}: ${formatDate(quote.asOf, locale)} · ${t('printed')}: ${formatDate(today, locale)}`,
    ),
    h('h3', { text: t('vessel') }),
    h(
      'dl',
      { class: 'facts' },
      ...facts
        .filter(([, value]) => value !== '')
        .map(([term, value]) => h('div', {}, h('dt', { text: term }), h('dd', { text: value }))),
    ),
    h('h3', { text: t('calls') }),
    table(
      ['#', t('port'), t('arrival'), t('cargo')],
      ...(Array.isArray(calls) ? calls : []).map((call, i) =>
        h(
          'tr',
          {},
          h('td', { text: String(i + 1) }),
          h('td', { text: text(getPath(call, 'port')) }),
          h('td', { text: formatArrival(text(getPath(call, 'arrival')), locale) }),
          h('td', { text: codeWord(locale, text(getPath(call, 'cargo')) || 'laden') }),
        ),
      ),
    ),
    h('h3', { text: t('fees') }),
    table(
      [t('regime'), t('chargedAt'), t('rule'), t('outcome'), t('amount'), t('certainty'), t('payer')],
      ...quote.voyages.map((voyage) =>
        h(
          'tr',
          {},
          h('td', {}, voyage.regime, h('span', { class: 'why', text: voyage.calls.join(' → ') })),
          h('td', { text: voyage.chargedAt ?? '—' }),
          h('td', { text: voyage.rule ? codeWord(locale, voyage.rule) : '—' }),
          h('td', { text: codeWord(locale, voyage.outcome) }),
          h('td', { class: 'num' }, money(voyage.fee, locale), ...alternativeLines(voyage, locale, t)),
          h('td', { text: voyage.certainty ? codeWord(locale, voyage.certainty) : '—' }),
          h('td', { text: voyage.payer === undefined ? t('noCharter') : payerWord(voyage, locale, t) }),
        ),
      ),
    ),
    h(
      'p',
      { class: 'totals' },
      ...quote.totals.map((total) =>
        h(
          'span',
          {},
          h('b', { text: `${t('total', { c: total.currency })}: ${money(total, locale)}` }),
          total.low !== undefined && total.high !== undefined && total.low !== total.high
            ? ` (${t('range', { lo: formatAmount(total.low, locale), hi: money({ amount: total.high, currency: total.currency }, locale) })})`
            : '',
        ),
      ),
    ),
    listedPanel(quote, locale, t),
    h('h3', { text: t('tariffVersions') }),
    h(
      'ul',
      { class: 'hashes' },
      ...(quote.tariffs ?? []).map((tariff) => h('li', {}, h('b', { text: tariff.id }), ` sha256 ${tariff.sha256}`)),
    ),
    quote.assumptions
      ? h(
          'p',
          { class: 'small' },
          `${t('assumptions')}: `,
          Object.entries(quote.assumptions)
            .map(([id, value]) => `${id} = ${value}`)
            .join('; '),
        )
      : null,
    h('h3', { text: t('citations') }),
    h(
      'ol',
      { class: 'sources' },
      ...[...citations].map(([url, title]) => h('li', {}, `${title} — `, h('span', { class: 'url', text: url }))),
    ),
    h('p', { class: 'small', text: t('sheetFooter') }),
  );
}
