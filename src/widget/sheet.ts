/**
 * The printable quote: what a desk sends a counterparty. Hidden on screen and
 * laid out for one A4 page by the print styles: the vessel, the calls, each
 * voyage's fee with its rule, certainty and payer, the reasons behind each
 * fee, the totals, the listed parties, the tariff versions with their SHA-256, the assumptions
 * with their chosen values, the quote's reference (its id once saved, else
 * the request's hash), the knowledge date and the sources: the instruments
 * of the tariff versions used, primary first, secondary marked as such.
 */
import { h } from './dom';
import { formatAmount, formatArrival, formatDate } from './format';
import { codeWord, type Translate, translator } from './i18n';
import { getPath } from './paths';
import {
  alternativeLines,
  headline,
  listedPanel,
  payerWord,
  type QuoteResult,
  reference,
  titleOf,
  type VoyageResult,
  words,
} from './results';
import { VESSEL_TYPES } from './vocabulary';

/** A source of a tariff version, as GET /v1/tariffs/{regime}/{version} lists it in `instruments`. */
export interface Instrument {
  title: string;
  url: string;
  kind: 'primary' | 'secondary';
}

/** Where the sheet's sources come from: the instruments of each tariff version used, by version id. */
export type Instruments = ReadonlyMap<string, Instrument[]>;

/** The sources of a quote: its versions' instruments, primary first, then any other page a voyage cites. */
export function sources(
  quote: QuoteResult,
  instruments: Instruments,
): Array<{ title: string; url: string; kind?: Instrument['kind'] }> {
  const listed = new Map<string, { title: string; url: string; kind?: Instrument['kind'] }>();
  const known = (quote.tariffs ?? []).flatMap((tariff) => instruments.get(tariff.id) ?? []);
  for (const kind of ['primary', 'secondary'] as const)
    for (const instrument of known)
      if (instrument.kind === kind && !listed.has(instrument.url)) listed.set(instrument.url, instrument);
  for (const voyage of quote.voyages)
    for (const citation of voyage.citations ?? []) if (!listed.has(citation.url)) listed.set(citation.url, citation);
  return [...listed.values()];
}

/** The regime an assumption belongs to (`us-301.cap-year` → US Section 301 port fees), as a prefix: two regimes ask the same questions. */
function assumptionRegime(quote: QuoteResult, id: string, locale: string): string {
  const regime = id.split('.')[0] ?? '';
  const title = quote.titles?.regimes[regime];
  return `${title ?? codeWord(locale, regime)} · `;
}

/** Each voyage's reasons: the exemptions weighed (applied or not, and why), then the explanation lines. */
function reasons(quote: QuoteResult, locale: string, t: Translate): HTMLElement {
  const block = (voyage: VoyageResult) =>
    h(
      'div',
      { class: 'reasons' },
      h('h4', { text: `${titleOf(quote.titles, 'regimes', voyage.regime, locale)}: ${voyage.calls.join(' → ')}` }),
      h(
        'ul',
        {},
        ...voyage.exemptions.map((exemption) =>
          h(
            'li',
            {},
            `${codeWord(locale, exemption.id)} (${t(exemption.applies ? 'applies' : 'doesNotApply')}): `,
            words(exemption.reason),
          ),
        ),
        ...voyage.explanation.map((line) => h('li', { text: words(line) })),
      ),
    );
  return h('div', { class: 'why-fees' }, ...quote.voyages.map(block));
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** The sheet for `quote`, with the vessel and calls as the request gave them. */
export function renderSheet(
  quote: QuoteResult,
  request: unknown,
  locale: string,
  today: string,
  savedId?: string,
  instruments: Instruments = new Map(),
): HTMLElement {
  const t = translator(locale);
  const titles = quote.titles;
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
      `${reference(quote, t, savedId)} · ${t('knowledgeDate')}: ${formatDate(quote.asOf, locale)} · ${t('printed')}: ${formatDate(today, locale)}`,
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
          h(
            'td',
            {},
            titleOf(titles, 'regimes', voyage.regime, locale),
            h('span', { class: 'why', text: voyage.calls.join(' → ') }),
          ),
          h('td', { text: voyage.chargedAt ?? '—' }),
          h('td', { text: voyage.rule ? titleOf(titles, 'rules', voyage.rule, locale) : '—' }),
          h('td', { text: titleOf(titles, 'outcomes', voyage.outcome, locale) }),
          h('td', { class: 'num' }, headline(voyage, locale), ...alternativeLines(voyage, locale, t, titles)),
          h('td', { text: voyage.certainty ? titleOf(titles, 'certainties', voyage.certainty, locale) : '—' }),
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
          h('b', {
            text: `${t('total', { c: total.currency })}: ${formatAmount(total.amount, locale)} ${total.currency}`,
          }),
          total.low !== undefined && total.high !== undefined && total.low !== total.high
            ? ` (${t('range', { lo: formatAmount(total.low, locale), hi: `${formatAmount(total.high, locale)} ${total.currency}` })})`
            : '',
        ),
      ),
    ),
    listedPanel(quote, locale, t),
    h('h3', { text: t('reasons') }),
    reasons(quote, locale, t),
    h('h3', { text: t('tariffVersions') }),
    h(
      'ul',
      { class: 'hashes' },
      ...(quote.tariffs ?? []).map((tariff) => h('li', {}, h('b', { text: tariff.id }), ` sha256 ${tariff.sha256}`)),
    ),
    quote.assumptions
      ? h(
          'div',
          {},
          h('h3', { text: t('assumptions') }),
          h(
            'ul',
            { class: 'assumptions' },
            ...Object.entries(quote.assumptions).map(([id, value]) =>
              h(
                'li',
                { 'data-assumption': id },
                assumptionRegime(quote, id, locale),
                `${titles?.assumptions[id] ?? codeWord(locale, id)}: `,
                h('b', { text: codeWord(locale, value) }),
              ),
            ),
          ),
        )
      : null,
    h('h3', { text: t('citations') }),
    h(
      'ol',
      { class: 'sources' },
      ...sources(quote, instruments).map((source) =>
        h(
          'li',
          { 'data-kind': source.kind },
          source.kind === 'secondary' ? h('b', { text: `${t('secondary')} ` }) : null,
          `${source.title} — `,
          h('span', { class: 'url', text: source.url }),
        ),
      ),
    ),
    h('p', { class: 'small', text: t('sheetFooter') }),
  );
}
