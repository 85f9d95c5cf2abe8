/**
 * `<portfees-quote>`: the quote form, the call to POST /v1/quotes and the
 * result, in a shadow root; then the scenarios side by side, a printable
 * quote, the quote as CSV or as a curl command and, with an account key,
 * saving. `quotedRequest` is the request of the quote on screen.
 *
 * Attributes: `api-base` (default: the origin this module was loaded from),
 * `locale` (words and number/date formatting: `zh-CN` reads Chinese; default
 * the browser's), `heading-level` (of its title, 1–6, default 2),
 * `account-key` (a secret key `sk_…`, sent as Authorization: Bearer, enables
 * Save; a publishable key `pk_…` is sent as x-portfees-key), `host-origin`
 * (set by /embed: the framing page it talks to). Fires `portfees:quote`
 * (bubbling, composed) with the quote as `detail`.
 */
import { connectHost } from './bridge';
import { CharterSection, type ClauseSummary } from './charter';
import { type Comparison, renderComparison } from './compare';
import { h } from './dom';
import { curlCommand, quoteCsv } from './export';
import { inputField } from './fields';
import { readControls, writeControls } from './form-state';
import { languageOf, type Translate, translator } from './i18n';
import { KnowledgeSection, scenariosFrom } from './knowledge';
import { clearMessages, type FieldError, showMessages } from './messages';
import { getPath, setPath } from './paths';
import type { PortSuggestion } from './port-combobox';
import { type QuoteResult, renderQuote } from './results';
import { RotationEditor } from './rotation';
import { type Instrument, renderSheet } from './sheet';
import { applyStyles } from './styles';
import { refreshTypeHelp, type VesselSection, vesselSection } from './vessel';
import { CURRENCIES } from './vocabulary';

interface Problem {
  title?: string;
  detail?: string;
  errors?: FieldError[];
}

type Request = Record<string, unknown>;

/** Today's date where the reader is, `YYYY-MM-DD`. */
const localToday = () => new Intl.DateTimeFormat('en-CA').format(new Date());

export class PortfeesQuote extends HTMLElement {
  static observedAttributes = ['locale', 'account-key'];

  private readonly root: ShadowRoot;
  private t: Translate = translator('en');
  /** The locale the form was last built in. */
  private builtLocale = 'en';
  private form?: HTMLFormElement;
  private vessel?: VesselSection;
  private rotation?: RotationEditor;
  private charter?: CharterSection;
  private knowledge?: KnowledgeSection;
  private summary = h('div');
  private result = h('section');
  private tools = h('div');
  private extra = h('div');
  private sheet = h('div');
  private fxTarget = h('select');
  private fxRate = h('div');
  private lastQuote?: QuoteResult;
  private lastRequest?: Request;
  /** The sources of each tariff version quoted with (GET /v1/tariffs/{id}), for the printed sheet. */
  private readonly instruments = new Map<string, Instrument[]>();
  /** The id of the quote on screen once Save stored it. */
  private savedId?: string;
  private pendingFill?: unknown;
  private disconnectHost?: () => void;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    applyStyles(this.root);
  }

  /** Where the API lives: `api-base`, else the origin that served this module. */
  get apiBase(): string {
    return (this.getAttribute('api-base') || new URL(import.meta.url).origin).replace(/\/+$/, '');
  }

  get locale(): string {
    return this.getAttribute('locale') || navigator.language || 'en';
  }

  connectedCallback(): void {
    if (!this.form) this.render();
    const hostOrigin = this.getAttribute('host-origin');
    if (hostOrigin && !this.disconnectHost) this.disconnectHost = connectHost(this, hostOrigin);
  }

  disconnectedCallback(): void {
    this.disconnectHost?.();
    this.disconnectHost = undefined;
  }

  /** A new locale or key: the form is built again (in the locale's words, with Save for a key), keeping what was typed. */
  attributeChangedCallback(): void {
    if (!this.form) return;
    const typed = readControls(this.form);
    const arrivals = this.rotation!.rows().map((row) => ({
      values: [...row.querySelectorAll<HTMLInputElement>('input[data-role]')].map((input) => input.value),
      data: { ...row.dataset },
    }));
    const scenario = this.knowledge!.select.value;
    const fx = [this.fxTarget.value, this.fxRate.querySelector('input')!.value];
    this.render();
    this.fill(typed);
    this.rotation!.rows().forEach((row, i) => {
      const saved = arrivals[i];
      if (!saved) return;
      [...row.querySelectorAll<HTMLInputElement>('input[data-role]')].forEach((input, j) => {
        input.value = saved.values[j] ?? '';
      });
      Object.assign(row.dataset, saved.data);
      this.rotation!.showBerthing(row);
    });
    this.knowledge!.select.value = scenario;
    this.fxTarget.value = fx[0]!;
    this.fxTarget.dispatchEvent(new Event('change'));
    this.fxRate.querySelector('input')!.value = fx[1]!;
    if (this.lastQuote && this.lastRequest) this.show(this.lastQuote, this.lastRequest, this.savedId);
  }

  /** Headers of the API calls that may carry the account key. */
  private keyHeaders(): Record<string, string> {
    const key = this.getAttribute('account-key')?.trim();
    if (!key) return {};
    return key.startsWith('sk_') ? { authorization: `Bearer ${key}` } : { 'x-portfees-key': key };
  }

  private async getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    const response = await fetch(`${this.apiBase}${path}`, { signal });
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    return (await response.json()) as T;
  }

  /** POSTs JSON; resolves to the response and its body (a problem on failure), or throws when the API is unreachable. */
  private async post<T>(path: string, body: unknown): Promise<{ response: Response; body: T & Problem }> {
    const response = await fetch(`${this.apiBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.keyHeaders() },
      body: JSON.stringify(body),
    });
    return { response, body: (await response.json().catch(() => ({}))) as T & Problem };
  }

  private searchPorts = async (query: string, signal: AbortSignal): Promise<PortSuggestion[]> =>
    (await this.getJson<{ ports: PortSuggestion[] }>(`/v1/ports?q=${encodeURIComponent(query)}&limit=8`, signal)).ports;

  private lookupZone = async (code: string): Promise<string | undefined> => {
    try {
      const ports = await this.searchPorts(code, new AbortController().signal);
      return ports.find((port) => port.code === code)?.zone;
    } catch {
      return undefined;
    }
  };

  private render(): void {
    const locale = this.locale;
    const t = translator(locale);
    this.t = t;
    this.builtLocale = locale;
    this.vessel = vesselSection(t, locale);
    this.rotation = new RotationEditor(this.searchPorts, t, locale);
    this.charter = new CharterSection(t);
    this.knowledge = new KnowledgeSection(t, locale);
    this.summary = h('div', { class: 'summary', role: 'alert', hidden: true });
    this.result = h('section', { class: 'result', 'aria-live': 'polite', 'aria-label': t('result') });
    this.extra = h('div', { class: 'extra', 'aria-live': 'polite' });
    this.tools = this.toolbar();
    this.sheet = h('div', { class: 'sheet-host' });
    this.rotation.add();
    this.form = h(
      'form',
      { novalidate: true, 'aria-labelledby': 'pf-title' },
      h(this.headingTag(), { id: 'pf-title', text: t('title') }),
      this.summary,
      this.vessel.element,
      this.rotation.element,
      this.knowledge.element,
      this.charter.element,
      this.fxSection(),
      h('button', { type: 'submit', text: t('getQuote') }),
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    // A quote on screen follows the scenario switch at once.
    this.knowledge.select.addEventListener('change', () => {
      if (this.lastQuote) void this.submit();
    });
    this.root.replaceChildren(this.form, this.result, this.tools, this.extra, this.sheet);
    // The widget's language, for screen readers, even on a host page written in another.
    for (const part of this.root.children) part.setAttribute('lang', languageOf(locale) === 'zh' ? 'zh-CN' : 'en');
    this.getJson<{ clauses: ClauseSummary[] }>('/v1/clauses').then(
      ({ clauses }) => {
        this.charter!.setClauses(clauses);
        if (this.pendingFill) writeControls(this.charter!.element, this.pendingFill);
      },
      (error: Error) => this.charter!.setClauses(error),
    );
    const knowledge = this.knowledge;
    this.getJson<unknown>('/v1/scenarios').then(
      (body) => {
        knowledge.setScenarios(scenariosFrom(body));
        if (this.pendingFill) knowledge.fill(this.pendingFill);
      },
      () => undefined, // An API without named scenarios: the after-suspension assumptions stand in.
    );
  }

  private toolbar(): HTMLDivElement {
    const t = this.t;
    const compare = h('button', { type: 'button', class: 'secondary', text: t('compare') });
    const print = h('button', { type: 'button', class: 'secondary', text: t('print') });
    const csv = h('button', { type: 'button', class: 'secondary', text: t('exportCsv') });
    const curl = h('button', { type: 'button', class: 'secondary', text: t('copyCurl') });
    compare.addEventListener('click', () => void this.compare());
    print.addEventListener('click', () => window.print());
    csv.addEventListener('click', () => this.downloadCsv());
    curl.addEventListener('click', () => void this.copyCurl());
    const save = this.hasAttribute('account-key')
      ? h('button', { type: 'button', class: 'secondary', text: t('save') })
      : null;
    save?.addEventListener('click', () => void this.save());
    return h('div', { class: 'tools', hidden: true }, compare, print, csv, curl, save);
  }

  /** The request of the quote on screen (what POST /v1/quotes was sent), or undefined. */
  get quotedRequest(): Request | undefined {
    return this.lastRequest;
  }

  /** Downloads the quote on screen as CSV, one row per voyage. */
  private downloadCsv(): void {
    if (!this.lastQuote) return;
    const url = URL.createObjectURL(new Blob([quoteCsv(this.lastQuote)], { type: 'text/csv;charset=utf-8' }));
    const link = h('a', { href: url, download: `portfees-${this.lastQuote.quoteId}.csv`, hidden: true });
    this.root.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /** Shows the quote's request as a curl command and copies it when the browser lets us. */
  private async copyCurl(): Promise<void> {
    if (!this.lastRequest) return;
    const command = curlCommand(this.apiBase, this.lastRequest);
    const status = h('p', { class: 'hint', role: 'status' });
    this.extra.replaceChildren(h('pre', { class: 'curl', tabindex: 0, text: command }), status);
    try {
      await navigator.clipboard.writeText(command);
      status.textContent = this.t('copied');
    } catch (error) {
      status.textContent = this.t('copyThis', { m: (error as Error).message });
    }
  }

  private headingTag(): 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
    const level = Number(this.getAttribute('heading-level') ?? 2);
    return `h${Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2}` as 'h2';
  }

  private fxSection(): HTMLFieldSetElement {
    const t = this.t;
    this.fxTarget = h('select', { id: 'pf-fx-target' });
    this.fxRate = inputField({ label: t('rate'), path: 'options.fx', attrs: { inputmode: 'decimal' } });
    this.fxTarget.append(
      h('option', { value: '', text: t('fxNone') }),
      ...CURRENCIES.map((code) => h('option', { value: code, text: code })),
    );
    const rateLabel = this.fxRate.querySelector('label')!;
    const update = () => {
      const target = this.fxTarget.value;
      const other = CURRENCIES.find((code) => code !== target);
      rateLabel.textContent = target ? t('ratePer', { a: other ?? '', b: target }) : t('rate');
      this.fxRate.querySelector('input')!.disabled = !target;
    };
    this.fxTarget.addEventListener('change', update);
    update();
    const input = this.fxRate.querySelector('input')!;
    input.removeAttribute('data-kind'); // read by fxOption, not as a plain field
    return h(
      'fieldset',
      { 'data-path': 'options.fx' },
      h('legend', { text: t('fxLegend') }),
      h(
        'div',
        { class: 'fx' },
        h('div', { class: 'field' }, h('label', { for: 'pf-fx-target', text: t('fxTarget') }), this.fxTarget),
        this.fxRate,
      ),
    );
  }

  /** `options.fx` for the API: `USD/CNY` = CNY per USD converts every total into USD. */
  private fxOption(): Record<string, string> | undefined {
    const target = this.fxTarget.value;
    const rate = this.fxRate.querySelector('input')!.value.trim();
    const other = CURRENCIES.find((code) => code !== target);
    return target && rate ? { [`${target}/${other}`]: rate } : undefined;
  }

  /**
   * The quote request the form describes, or the problems found before
   * sending it; `scenario: false` leaves the scenario out (comparisons set it per variant).
   */
  async request({ scenario = true } = {}): Promise<{ request: Request; errors: FieldError[] }> {
    const request = readControls(this.form!);
    const { calls: moments, errors } = await this.rotation!.moments(this.lookupZone);
    request.portCalls = this.rotation!.rows().map((_, i) => ({
      ...((getPath(request, `portCalls[${i}]`) as Request | undefined) ?? {}),
      ...moments[i],
    }));
    const fx = this.fxOption();
    if (fx) setPath(request, 'options.fx', fx);
    // The API writes its explanations and titles in the widget's language, whatever the browser's Accept-Language.
    setPath(request, 'options.locale', languageOf(this.builtLocale) === 'zh' ? 'zh-CN' : 'en');
    if (scenario) {
      const options = this.knowledge!.apply((request.options as Request | undefined) ?? {});
      if (Object.keys(options).length > 0) request.options = options;
    }
    if (this.charter!.toggle.checked && getPath(request, 'charterParty.clause') === undefined)
      setPath(request, 'charterParty.clause', []);
    return { request, errors };
  }

  /** Sends the form to POST /v1/quotes and shows the answer; resolves to the quote, or undefined. */
  async submit(): Promise<QuoteResult | undefined> {
    const t = this.t;
    const button = this.form!.querySelector<HTMLButtonElement>('button[type=submit]')!;
    clearMessages(this.root, this.summary);
    button.disabled = true;
    this.result.setAttribute('aria-busy', 'true');
    try {
      const { request, errors } = await this.request();
      if (errors.length > 0) return this.fail(errors, t('checkFields'));
      let answer: { response: Response; body: Problem & QuoteResult };
      try {
        answer = await this.post<QuoteResult>('/v1/quotes', request);
      } catch (error) {
        return this.fail([{ path: '', message: this.unreachable(error) }], t('noQuote'));
      }
      const { response, body } = answer;
      if (!response.ok) return this.fail(this.problems(response, body), `${body.title ?? t('refused')}:`);
      this.show(body, request);
      this.dispatchEvent(new CustomEvent('portfees:quote', { detail: body, bubbles: true, composed: true }));
      return body;
    } finally {
      button.disabled = false;
      this.result.removeAttribute('aria-busy');
    }
  }

  private unreachable(error: unknown): string {
    return this.t('unreachable', { u: this.apiBase, m: (error as Error).message });
  }

  private problems(response: Response, body: Problem): FieldError[] {
    return body.errors?.length
      ? body.errors
      : [{ path: '', message: body.detail ?? `${response.status} ${response.statusText}` }];
  }

  /** Shows a quote: the table, the tools, and the printable sheet for it. */
  private show(quote: QuoteResult, request: Request, savedId?: string): void {
    this.lastQuote = quote;
    this.lastRequest = request;
    this.savedId = savedId;
    this.result.replaceChildren(renderQuote(quote, this.builtLocale, savedId));
    const sheet = () => renderSheet(quote, request, this.builtLocale, localToday(), savedId, this.instruments);
    this.sheet.replaceChildren(sheet());
    const missing = (quote.tariffs ?? []).filter((tariff) => !this.instruments.has(tariff.id));
    if (missing.length > 0)
      void Promise.all(
        missing.map(async (tariff) => {
          const version = await this.getJson<{ instruments?: Instrument[] }>(`/v1/tariffs/${tariff.id}`);
          this.instruments.set(tariff.id, version.instruments ?? []);
        }),
      ).then(
        () => {
          if (this.lastQuote === quote) this.sheet.replaceChildren(sheet());
        },
        (error: Error) => console.warn(`portfees: the sheet lists only the voyages' citations (${error.message})`),
      );
    this.extra.replaceChildren();
    this.tools.hidden = false;
  }

  private fail(errors: FieldError[], title: string): undefined {
    this.lastQuote = undefined;
    this.lastRequest = undefined;
    this.result.replaceChildren();
    this.sheet.replaceChildren();
    this.extra.replaceChildren();
    this.tools.hidden = true;
    showMessages(this.root, this.summary, errors, title, {
      request: this.t('request'),
      required: this.t('required'),
      call: (n) => this.t('callN', { n }),
    });
    this.summary.querySelector('button')?.focus();
    return undefined;
  }

  /** The form's request under every scenario, side by side (POST /v1/quotes/compare). */
  async compare(): Promise<Comparison | undefined> {
    const t = this.t;
    const { request, errors } = await this.request({ scenario: false });
    if (errors.length > 0) return this.fail(errors, t('checkFields'));
    const scenarios = this.knowledge!.all();
    const variants = scenarios.map((scenario) =>
      scenario.named
        ? { label: scenario.id, scenario: scenario.id }
        : { label: scenario.id, ...KnowledgeSection.options(scenario, {}) },
    );
    try {
      const { response, body } = await this.post<Comparison>('/v1/quotes/compare', { request, variants });
      if (!response.ok) {
        const message = this.problems(response, body).map((problem) => `${problem.path} ${problem.message}`.trim());
        this.extra.replaceChildren(h('p', { class: 'msg', text: t('compareFailed', { m: message.join('; ') }) }));
        return undefined;
      }
      const labels = scenarios.map((scenario) => this.knowledge!.label(scenario));
      this.extra.replaceChildren(renderComparison(body, this.builtLocale, labels));
      return body;
    } catch (error) {
      this.extra.replaceChildren(h('p', { class: 'msg', text: t('compareFailed', { m: this.unreachable(error) }) }));
      return undefined;
    }
  }

  /** Saves the quote on screen to the account (POST /v1/quotes?save=true) and shows its link. */
  async save(): Promise<string | undefined> {
    const t = this.t;
    if (!this.lastRequest) return undefined;
    try {
      const { response, body } = await this.post<QuoteResult>('/v1/quotes?save=true', this.lastRequest);
      const location = response.headers.get('location');
      if (!response.ok || !location) {
        const message = this.problems(response, body).map((problem) => problem.message);
        this.extra.replaceChildren(h('p', { class: 'msg', text: t('saveFailed', { m: message.join('; ') }) }));
        return undefined;
      }
      const link = new URL(location, `${this.apiBase}/`).href;
      // The sheet now names the saved quote instead of the request's hash.
      if (this.lastQuote) this.show(this.lastQuote, this.lastRequest, link.split('/').pop());
      this.extra.replaceChildren(h('p', { class: 'saved' }, t('saved'), h('a', { href: link, text: link })));
      return link;
    } catch (error) {
      this.extra.replaceChildren(h('p', { class: 'msg', text: t('saveFailed', { m: this.unreachable(error) }) }));
      return undefined;
    }
  }

  /**
   * Fills the form from a quote request (the shape POST /v1/quotes takes).
   * @example document.querySelector('portfees-quote').fill({ vessel: { imo: '9310006', type: 'container' }, portCalls: [] })
   */
  fill(request: unknown): void {
    if (!this.form) this.render();
    const calls = getPath(request, 'portCalls');
    this.rotation!.clear();
    const text = (call: unknown, path: string) =>
      typeof getPath(call, path) === 'string' ? (getPath(call, path) as string) : undefined;
    for (const call of Array.isArray(calls) ? calls : [])
      this.rotation!.add(text(call, 'arrival'), text(call, 'berthing'));
    if (this.rotation!.rows().length === 0) this.rotation!.add();
    for (const party of ['owner', 'operator'] as const) {
      const stakes = getPath(request, `vessel.${party}.stakes`);
      this.vessel!.stakes[party].clear();
      for (let i = 0; i < (Array.isArray(stakes) ? stakes.length : 0); i++) this.vessel!.stakes[party].add();
    }
    this.charter!.setEnabled(getPath(request, 'charterParty') !== undefined);
    writeControls(this.form!, request);
    this.rotation!.refresh();
    refreshTypeHelp(this.vessel!.element);
    this.knowledge!.fill(request);
    this.pendingFill = request;
    const fx = getPath(request, 'options.fx');
    const [pair, rate] = fx && typeof fx === 'object' ? (Object.entries(fx)[0] ?? []) : [];
    this.fxTarget.value =
      typeof pair === 'string' && CURRENCIES.includes(pair.slice(0, 3) as 'USD') ? pair.slice(0, 3) : '';
    this.fxTarget.dispatchEvent(new Event('change'));
    this.fxRate.querySelector('input')!.value = typeof rate === 'string' ? rate : '';
  }
}
