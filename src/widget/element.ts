/**
 * `<portfees-quote>`: the quote form, the call to POST /v1/quotes and the
 * result, in a shadow root.
 *
 * Attributes: `api-base` (default: the origin this module was loaded from),
 * `locale` (number formatting; default the browser's), `heading-level` (of
 * its title, 1–6, default 2), `host-origin` (set by /embed: the framing page
 * it talks to). Fires `portfees:quote` (bubbling,
 * composed) with the quote as `detail`.
 */
import { connectHost } from './bridge';
import { CharterSection, type ClauseSummary } from './charter';
import { h } from './dom';
import { inputField } from './fields';
import { readControls, writeControls } from './form-state';
import { clearMessages, type FieldError, showMessages } from './messages';
import { getPath, setPath } from './paths';
import type { PortSuggestion } from './port-combobox';
import { type QuoteResult, renderQuote } from './results';
import { RotationEditor } from './rotation';
import { applyStyles } from './styles';
import { type VesselSection, vesselSection } from './vessel';
import { CURRENCIES } from './vocabulary';

interface Problem {
  title?: string;
  detail?: string;
  errors?: FieldError[];
}

export class PortfeesQuote extends HTMLElement {
  static observedAttributes = ['locale'];

  private readonly root: ShadowRoot;
  private form?: HTMLFormElement;
  private vessel?: VesselSection;
  private rotation?: RotationEditor;
  private charter?: CharterSection;
  private readonly summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  private readonly result = h('section', { 'aria-live': 'polite', 'aria-label': 'Quote result' });
  private readonly fxTarget = h('select', { id: 'pf-fx-target' });
  private readonly fxRate = inputField({ label: 'Rate', path: 'options.fx', attrs: { inputmode: 'decimal' } });
  private lastQuote?: QuoteResult;
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

  attributeChangedCallback(): void {
    if (this.lastQuote) this.result.replaceChildren(renderQuote(this.lastQuote, this.locale));
  }

  private async getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    const response = await fetch(`${this.apiBase}${path}`, { signal });
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    return (await response.json()) as T;
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
    this.vessel = vesselSection();
    this.rotation = new RotationEditor(this.searchPorts);
    this.charter = new CharterSection();
    this.rotation.add();
    this.form = h(
      'form',
      { novalidate: true, 'aria-labelledby': 'pf-title' },
      h(this.headingTag(), { id: 'pf-title', text: 'Port fee quote' }),
      this.summary,
      this.vessel.element,
      this.rotation.element,
      this.charter.element,
      this.fxSection(),
      h('button', { type: 'submit', text: 'Get quote' }),
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.root.append(this.form, this.result);
    this.getJson<{ clauses: ClauseSummary[] }>('/v1/clauses').then(
      ({ clauses }) => {
        this.charter!.setClauses(clauses);
        if (this.pendingFill) writeControls(this.charter!.element, this.pendingFill);
      },
      (error: Error) => this.charter!.setClauses(error),
    );
  }

  private headingTag(): 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
    const level = Number(this.getAttribute('heading-level') ?? 2);
    return `h${Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2}` as 'h2';
  }

  private fxSection(): HTMLFieldSetElement {
    this.fxTarget.append(
      h('option', { value: '', text: 'No conversion' }),
      ...CURRENCIES.map((code) => h('option', { value: code, text: code })),
    );
    const rateLabel = this.fxRate.querySelector('label')!;
    const update = () => {
      const target = this.fxTarget.value;
      const other = CURRENCIES.find((code) => code !== target);
      rateLabel.textContent = target ? `Rate: ${other} per 1 ${target}` : 'Rate';
      this.fxRate.querySelector('input')!.disabled = !target;
    };
    this.fxTarget.addEventListener('change', update);
    update();
    const input = this.fxRate.querySelector('input')!;
    input.removeAttribute('data-kind'); // read by fxOption, not as a plain field
    return h(
      'fieldset',
      { 'data-path': 'options.fx' },
      h('legend', { text: 'Totals in one currency' }),
      h(
        'div',
        { class: 'fx' },
        h('div', { class: 'field' }, h('label', { for: 'pf-fx-target', text: 'Convert totals to' }), this.fxTarget),
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

  /** The quote request the form describes, or the problems found before sending it. */
  async request(): Promise<{ request: Record<string, unknown>; errors: FieldError[] }> {
    const request = readControls(this.form!);
    const { arrivals, errors } = await this.rotation!.arrivals(this.lookupZone);
    const calls = this.rotation!.rows().map(
      (_, i) => (getPath(request, `portCalls[${i}]`) as Record<string, unknown> | undefined) ?? {},
    );
    calls.forEach((call, i) => {
      if (arrivals[i]) call.arrival = arrivals[i];
    });
    request.portCalls = calls;
    const fx = this.fxOption();
    if (fx) setPath(request, 'options.fx', fx);
    if (this.charter!.toggle.checked && getPath(request, 'charterParty.clause') === undefined)
      setPath(request, 'charterParty.clause', []);
    return { request, errors };
  }

  /** Sends the form to POST /v1/quotes and shows the answer; resolves to the quote, or undefined. */
  async submit(): Promise<QuoteResult | undefined> {
    const button = this.form!.querySelector<HTMLButtonElement>('button[type=submit]')!;
    clearMessages(this.root, this.summary);
    button.disabled = true;
    this.result.setAttribute('aria-busy', 'true');
    try {
      const { request, errors } = await this.request();
      if (errors.length > 0) return this.fail(errors, 'Please check these fields:');
      let response: Response;
      try {
        response = await fetch(`${this.apiBase}/v1/quotes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
        });
      } catch (error) {
        return this.fail(
          [{ path: '', message: `could not reach the portfees API at ${this.apiBase} (${(error as Error).message})` }],
          'No quote:',
        );
      }
      const body = (await response.json().catch(() => ({}))) as Problem & QuoteResult;
      if (!response.ok) {
        const problems = body.errors?.length
          ? body.errors
          : [{ path: '', message: body.detail ?? `${response.status} ${response.statusText}` }];
        return this.fail(problems, `${body.title ?? 'The request was refused'}:`);
      }
      this.lastQuote = body;
      this.result.replaceChildren(renderQuote(body, this.locale));
      this.dispatchEvent(new CustomEvent('portfees:quote', { detail: body, bubbles: true, composed: true }));
      return body;
    } finally {
      button.disabled = false;
      this.result.removeAttribute('aria-busy');
    }
  }

  private fail(errors: FieldError[], title: string): undefined {
    this.lastQuote = undefined;
    this.result.replaceChildren();
    showMessages(this.root, this.summary, errors, title);
    this.summary.querySelector('button')?.focus();
    return undefined;
  }

  /**
   * Fills the form from a quote request (the shape POST /v1/quotes takes).
   * @example document.querySelector('portfees-quote').fill({ vessel: { imo: '9310006', type: 'container' }, portCalls: [] })
   */
  fill(request: unknown): void {
    if (!this.form) this.render();
    const calls = getPath(request, 'portCalls');
    this.rotation!.clear();
    for (const call of Array.isArray(calls) ? calls : [])
      this.rotation!.add(
        typeof getPath(call, 'arrival') === 'string' ? (getPath(call, 'arrival') as string) : undefined,
      );
    if (this.rotation!.rows().length === 0) this.rotation!.add();
    for (const party of ['owner', 'operator'] as const) {
      const stakes = getPath(request, `vessel.${party}.stakes`);
      this.vessel!.stakes[party].clear();
      for (let i = 0; i < (Array.isArray(stakes) ? stakes.length : 0); i++) this.vessel!.stakes[party].add();
    }
    this.charter!.setEnabled(getPath(request, 'charterParty') !== undefined);
    writeControls(this.form!, request);
    this.pendingFill = request;
    const fx = getPath(request, 'options.fx');
    const [pair, rate] = fx && typeof fx === 'object' ? (Object.entries(fx)[0] ?? []) : [];
    this.fxTarget.value =
      typeof pair === 'string' && CURRENCIES.includes(pair.slice(0, 3) as 'USD') ? pair.slice(0, 3) : '';
    this.fxTarget.dispatchEvent(new Event('change'));
    this.fxRate.querySelector('input')!.value = typeof rate === 'string' ? rate : '';
  }
}
