/**
 * The port-rotation editor: an ordered list of port calls that can be added,
 * removed and reordered with buttons (keyboard-friendly, announced in a live
 * region). Each call's fields carry `portCalls[i]…` paths, renumbered on
 * every change.
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

  /** Appends a call; `arrival` (ISO text) pre-fills its date and time. */
  add(arrival?: string): HTMLLIElement {
    const date = h('input', { type: 'date', 'data-role': 'date' });
    const time = h('input', { type: 'time', 'data-role': 'time' });
    const dateField = h(
      'div',
      { class: 'field' },
      h('label', { text: this.t('arrivalDate') }, h('span', { class: 'req', 'aria-hidden': 'true', text: ' *' })),
      date,
    );
    const timeField = h('div', { class: 'field' }, h('label', { text: this.t('arrivalTime') }), time);
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
        h('div', { class: 'actions' }, up, down, remove),
      ),
    );
    const match = arrival ? ARRIVAL_TEXT.exec(arrival) : null;
    if (arrival && match) {
      date.value = match[1]!;
      time.value = match[2] ?? '';
      Object.assign(row.dataset, { arrival, arrivalDate: date.value, arrivalTime: time.value });
    }
    up.addEventListener('click', () => this.move(row, -1, up));
    down.addEventListener('click', () => this.move(row, 1, down));
    remove.addEventListener('click', () => this.remove(row));
    this.list.append(row);
    this.renumber();
    return row;
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
      const date = row.querySelector<HTMLInputElement>('[data-role="date"]')!;
      const time = row.querySelector<HTMLInputElement>('[data-role="time"]')!;
      date.id = `pf-call-${n}-date`;
      time.id = `pf-call-${n}-time`;
      date.dataset.path = `portCalls[${i}].arrival`;
      date.setAttribute('aria-required', 'true');
      date.closest('.field')!.querySelector('label')!.htmlFor = date.id;
      time.closest('.field')!.querySelector('label')!.htmlFor = time.id;
      const [up, down, remove] = row.querySelectorAll<HTMLButtonElement>('.actions button');
      up!.setAttribute('aria-label', this.t('moveUp', { n }));
      down!.setAttribute('aria-label', this.t('moveDown', { n }));
      remove!.setAttribute('aria-label', this.t('removeCall', { n }));
      up!.setAttribute('aria-disabled', String(i === 0));
      down!.setAttribute('aria-disabled', String(i === rows.length - 1));
    });
  }

  /**
   * Each call's `arrival`: a date alone is read by the API in the port's own
   * zone; a date and time get the port's offset at that moment.
   */
  async arrivals(lookupZone: ZoneLookup): Promise<{ arrivals: Array<string | undefined>; errors: FieldError[] }> {
    const errors: FieldError[] = [];
    const arrivals = await Promise.all(
      this.rows().map(async (row, i) => {
        const date = row.querySelector<HTMLInputElement>('[data-role="date"]')!.value;
        const time = row.querySelector<HTMLInputElement>('[data-role="time"]')!.value;
        if (!date) return undefined;
        if (row.dataset.arrival && row.dataset.arrivalDate === date && row.dataset.arrivalTime === time)
          return row.dataset.arrival;
        if (!time) return date;
        const port = row.querySelector<HTMLInputElement>('[role="combobox"]')!;
        const zone =
          port.dataset.zone ?? (port.value.trim() ? await lookupZone(port.value.trim().toUpperCase()) : undefined);
        if (zone) return localArrival(date, time, zone);
        errors.push({
          path: `portCalls[${i}].arrival`,
          message: this.t('zoneUnknown'),
        });
        return undefined;
      }),
    );
    return { arrivals, errors };
  }
}
