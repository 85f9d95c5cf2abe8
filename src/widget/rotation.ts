/**
 * The port-rotation editor: an ordered list of port calls that can be added,
 * removed and reordered with buttons (keyboard-friendly, announced in a live
 * region). Each call's fields carry `portCalls[i]…` paths, renumbered on
 * every change. A Chinese call (a CN… port) also asks when the vessel
 * berthed: the special port fee is charged on berthing.
 */
import { h } from './dom';
import { inputField, selectField } from './fields';
import { localArrival } from './format';
import { codeWord, type Translate } from './i18n';
import { type PortSearch, portCombobox } from './port-combobox';
import { CALL_PURPOSES, CARGO_STATES } from './vocabulary';

export interface FieldError {
  path: string;
  message: string;
}

/** Looks up the time zone of a port code the user typed without picking a suggestion. */
export type ZoneLookup = (code: string) => Promise<string | undefined>;

const ARRIVAL_TEXT = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/;

/** The two port-local moments of a call the form asks for, each a date and an optional time. */
type Moment = 'arrival' | 'berthing';

/** A call the Chinese special port fee may charge: the port code is Chinese. */
const isChinese = (port: string) => /^CN/i.test(port.trim());

export class RotationEditor {
  readonly element: HTMLFieldSetElement;
  private readonly list = h('ol', { class: 'calls' });
  private readonly status = h('p', { class: 'sr', role: 'status' });
  private readonly addButton: HTMLButtonElement;

  constructor(
    private readonly search: PortSearch,
    private readonly t: Translate,
    private readonly locale: string,
  ) {
    this.addButton = h('button', { type: 'button', class: 'secondary', text: t('addCall') });
    this.addButton.addEventListener('click', () => {
      const row = this.add();
      row.querySelector('input')?.focus();
    });
    this.element = h(
      'fieldset',
      { 'data-path': 'portCalls' },
      h('legend', { text: t('rotation') }),
      h('p', { class: 'hint', text: t('rotationHint') }),
      this.list,
      this.addButton,
      this.status,
    );
  }

  rows(): HTMLLIElement[] {
    return [...this.list.children] as HTMLLIElement[];
  }

  /** Appends a call; `arrival` and `berthing` (ISO text) pre-fill their dates and times. */
  add(arrival?: string, berthing?: string): HTMLLIElement {
    const date = h('input', { type: 'date', 'data-role': 'arrival-date' });
    const time = h('input', { type: 'time', 'data-role': 'arrival-time' });
    const dateField = h(
      'div',
      { class: 'field' },
      h('label', { text: this.t('arrivalDate') }, h('span', { class: 'req', 'aria-hidden': 'true', text: ' *' })),
      date,
    );
    const timeField = h('div', { class: 'field' }, h('label', { text: this.t('arrivalTime') }), time);
    const berthDate = h('input', { type: 'date', 'data-role': 'berthing-date' });
    const berthTime = h('input', { type: 'time', 'data-role': 'berthing-time' });
    const berth = h(
      'div',
      { class: 'grid berth', hidden: true },
      h('div', { class: 'field' }, h('label', { text: this.t('berthingDate') }), berthDate),
      h('div', { class: 'field' }, h('label', { text: this.t('berthingTime') }), berthTime),
      h('p', { class: 'hint', text: this.t('berthingHint') }),
    );
    const up = h('button', { type: 'button', class: 'icon', 'data-move': '-1' }, '↑');
    const down = h('button', { type: 'button', class: 'icon', 'data-move': '1' }, '↓');
    const remove = h('button', { type: 'button', class: 'icon', 'data-remove': '' }, '✕');
    const row = h(
      'li',
      { class: 'call' },
      h(
        'fieldset',
        {},
        h('legend', {}),
        h(
          'div',
          { class: 'grid' },
          portCombobox('portCalls[0].port', this.search, this.t),
          dateField,
          timeField,
          selectField(this.t('cargo'), 'portCalls[0].cargo', this.words(CARGO_STATES)),
          selectField(this.t('purpose'), 'portCalls[0].purpose', this.words(CALL_PURPOSES)),
          inputField({
            label: this.t('containers'),
            path: 'portCalls[0].containersDischarged',
            kind: 'number',
            type: 'number',
            attrs: { step: 1, inputmode: 'numeric' },
          }),
        ),
        berth,
        h('div', { class: 'actions' }, up, down, remove),
      ),
    );
    this.preset(row, 'arrival', arrival);
    this.preset(row, 'berthing', berthing);
    const port = row.querySelector<HTMLInputElement>('[role="combobox"]')!;
    for (const type of ['input', 'change']) port.addEventListener(type, () => this.showBerthing(row));
    up.addEventListener('click', () => this.move(row, -1, up));
    down.addEventListener('click', () => this.move(row, 1, down));
    remove.addEventListener('click', () => this.remove(row));
    this.list.append(row);
    this.renumber();
    return row;
  }

  /** Writes an ISO moment into its date and time inputs, and remembers it as given while they are unchanged. */
  private preset(row: HTMLLIElement, moment: Moment, text: string | undefined): void {
    const match = text ? ARRIVAL_TEXT.exec(text) : null;
    if (!text || !match) return;
    const date = row.querySelector<HTMLInputElement>(`[data-role="${moment}-date"]`)!;
    const time = row.querySelector<HTMLInputElement>(`[data-role="${moment}-time"]`)!;
    date.value = match[1]!;
    time.value = match[2] ?? '';
    Object.assign(row.dataset, { [moment]: text, [`${moment}Date`]: date.value, [`${moment}Time`]: time.value });
  }

  /** Shows the berthing fields of a Chinese call (and of a call that already has a berthing time). */
  showBerthing(row: HTMLLIElement): void {
    const port = row.querySelector<HTMLInputElement>('[role="combobox"]')!.value;
    const berth = row.querySelector<HTMLElement>('.berth')!;
    const given = row.querySelector<HTMLInputElement>('[data-role="berthing-date"]')!.value !== '';
    berth.hidden = !isChinese(port) && !given;
  }

  /** Shows or hides the berthing fields of every call (after the form was filled). */
  refresh(): void {
    for (const row of this.rows()) this.showBerthing(row);
  }

  private words(list: ReadonlyArray<readonly [string, string]>): Array<readonly [string, string]> {
    return list.map(([value, label]) => [value, codeWord(this.locale, value, label)] as const);
  }

  /** Removes every call. */
  clear(): void {
    this.list.replaceChildren();
    this.renumber();
  }

  private remove(row: HTMLLIElement): void {
    const next = (row.nextElementSibling ?? row.previousElementSibling) as HTMLElement | null;
    const position = this.rows().indexOf(row) + 1;
    row.remove();
    this.renumber();
    this.status.textContent = this.t('callRemoved', { n: position });
    (next?.querySelector<HTMLElement>('button[data-remove]') ?? this.addButton).focus();
  }

  private move(row: HTMLLIElement, delta: -1 | 1, button: HTMLButtonElement): void {
    const rows = this.rows();
    const from = rows.indexOf(row);
    const to = from + delta;
    if (to < 0 || to >= rows.length) return;
    if (delta < 0) this.list.insertBefore(row, rows[to]!);
    else this.list.insertBefore(rows[to]!, row);
    this.renumber();
    button.focus();
    this.status.textContent = this.t('callMoved', { n: to + 1 });
  }

  /** Rewrites paths, legends, labels and ids to match each call's position. */
  private renumber(): void {
    const rows = this.rows();
    rows.forEach((row, i) => {
      row.dataset.path = `portCalls[${i}]`;
      for (const element of row.querySelectorAll<HTMLElement>('[data-path]')) {
        element.dataset.path = element.dataset.path!.replace(/^portCalls\[\d+\]/, `portCalls[${i}]`);
      }
      const n = i + 1;
      row.querySelector('legend')!.textContent = this.t('callN', { n });
      for (const moment of ['arrival', 'berthing'] as const) {
        const date = row.querySelector<HTMLInputElement>(`[data-role="${moment}-date"]`)!;
        const time = row.querySelector<HTMLInputElement>(`[data-role="${moment}-time"]`)!;
        date.id = `pf-call-${n}-${moment}-date`;
        time.id = `pf-call-${n}-${moment}-time`;
        date.dataset.path = `portCalls[${i}].${moment}`;
        date.closest('.field')!.querySelector('label')!.htmlFor = date.id;
        time.closest('.field')!.querySelector('label')!.htmlFor = time.id;
      }
      row.querySelector('[data-role="arrival-date"]')!.setAttribute('aria-required', 'true');
      const [up, down, remove] = row.querySelectorAll<HTMLButtonElement>('.actions button');
      up!.setAttribute('aria-label', this.t('moveUp', { n }));
      down!.setAttribute('aria-label', this.t('moveDown', { n }));
      remove!.setAttribute('aria-label', this.t('removeCall', { n }));
      up!.setAttribute('aria-disabled', String(i === 0));
      down!.setAttribute('aria-disabled', String(i === rows.length - 1));
    });
  }

  /**
   * Each call's `arrival` and `berthing`: a date alone is read by the API in
   * the port's own zone; a date and time get the port's offset at that moment.
   * A hidden berthing field (not a Chinese call) is not sent.
   */
  async moments(
    lookupZone: ZoneLookup,
  ): Promise<{ calls: Array<Partial<Record<Moment, string>>>; errors: FieldError[] }> {
    const errors: FieldError[] = [];
    const calls = await Promise.all(
      this.rows().map(async (row, i) => {
        const call: Partial<Record<Moment, string>> = {};
        for (const moment of ['arrival', 'berthing'] as const) {
          const date = row.querySelector<HTMLInputElement>(`[data-role="${moment}-date"]`)!;
          if (date.closest('[hidden]')) continue;
          const time = row.querySelector<HTMLInputElement>(`[data-role="${moment}-time"]`)!.value;
          const value = await this.moment(row, moment, date.value, time, lookupZone);
          if (value === null) errors.push({ path: `portCalls[${i}].${moment}`, message: this.t('zoneUnknown') });
          else if (value) call[moment] = value;
        }
        return call;
      }),
    );
    return { calls, errors };
  }

  /** One moment as ISO text, undefined when not given, null when its port's zone is unknown. */
  private async moment(
    row: HTMLLIElement,
    moment: Moment,
    date: string,
    time: string,
    lookupZone: ZoneLookup,
  ): Promise<string | null | undefined> {
    if (!date) return undefined;
    const given = row.dataset;
    if (given[moment] && given[`${moment}Date`] === date && given[`${moment}Time`] === time) return given[moment];
    if (!time) return date;
    const port = row.querySelector<HTMLInputElement>('[role="combobox"]')!;
    const zone =
      port.dataset.zone ?? (port.value.trim() ? await lookupZone(port.value.trim().toUpperCase()) : undefined);
    return zone ? localArrival(date, time, zone) : null;
  }
}
