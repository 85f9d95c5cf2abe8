/**
 * The vessel part of the form: identity, measurements, owner and operator
 * (country and the stakes persons of other countries hold) and programmes.
 */
import { h } from './dom';
import { checkboxField, group, inputField, selectField } from './fields';
import { PROGRAMS, VESSEL_TYPES } from './vocabulary';

const country = (label: string, path: string, required = false) =>
  inputField({
    label,
    path,
    kind: 'upper',
    required,
    hint: 'ISO code, e.g. CN',
    attrs: { maxlength: 2, size: 3, autocapitalize: 'characters' },
  });

const percent = (label: string, path: string) =>
  inputField({ label, path, kind: 'number', type: 'number', attrs: { max: 100 } });

/** Stakes of one party: rows of country and equity / voting / board percentages. */
export class StakesEditor {
  readonly element: HTMLDivElement;
  private readonly list = h('ul', { class: 'stakes' });

  constructor(
    private readonly partyPath: string,
    private readonly partyLabel: string,
  ) {
    const add = h('button', { type: 'button', class: 'secondary', text: `Add ${partyLabel.toLowerCase()} stake` });
    add.addEventListener('click', () => this.add().querySelector('input')?.focus());
    this.element = h('div', { 'data-path': `${partyPath}.stakes` }, this.list, add);
  }

  count(): number {
    return this.list.children.length;
  }

  add(): HTMLLIElement {
    const remove = h('button', { type: 'button', class: 'icon' }, '✕');
    const row = h(
      'li',
      {},
      h(
        'div',
        { class: 'grid' },
        country('Stake country', 'S.country'),
        percent('Equity %', 'S.equity'),
        percent('Voting %', 'S.voting'),
        percent('Board %', 'S.board'),
      ),
      remove,
    );
    remove.addEventListener('click', () => {
      row.remove();
      this.renumber();
      this.element.querySelector<HTMLElement>('button.secondary')?.focus();
    });
    this.list.append(row);
    this.renumber();
    return row;
  }

  clear(): void {
    this.list.replaceChildren();
  }

  private renumber(): void {
    [...this.list.children].forEach((row, i) => {
      const path = `${this.partyPath}.stakes[${i}]`;
      (row as HTMLElement).dataset.path = path;
      for (const control of row.querySelectorAll<HTMLElement>('[data-kind]')) {
        control.dataset.path = control.dataset.path!.replace(/^.*\./, `${path}.`);
      }
      row
        .querySelector('button.icon')!
        .setAttribute('aria-label', `Remove ${this.partyLabel.toLowerCase()} stake ${i + 1}`);
    });
  }
}

export interface VesselSection {
  element: HTMLFieldSetElement;
  stakes: Record<'owner' | 'operator', StakesEditor>;
}

function party(key: 'owner' | 'operator', legend: string): { element: HTMLFieldSetElement; stakes: StakesEditor } {
  const path = `vessel.${key}`;
  const stakes = new StakesEditor(path, legend);
  const element = group(
    legend,
    path,
    h(
      'div',
      { class: 'grid' },
      inputField({ label: `${legend} name`, path: `${path}.name` }),
      country(`${legend} country`, `${path}.country`, true),
    ),
    h('p', {
      class: 'hint',
      text: 'Stakes held by persons of another country (percent of equity, voting rights or board seats).',
    }),
    stakes.element,
  );
  return { element, stakes };
}

/** Builds the vessel fieldset. */
export function vesselSection(): VesselSection {
  const owner = party('owner', 'Owner');
  const operator = party('operator', 'Operator');
  const element = group(
    'Vessel',
    'vessel',
    h(
      'div',
      { class: 'grid' },
      inputField({
        label: 'IMO number',
        path: 'vessel.imo',
        required: true,
        attrs: { inputmode: 'numeric', maxlength: 7 },
      }),
      inputField({ label: 'Name', path: 'vessel.name' }),
      selectField('Type', 'vessel.type', VESSEL_TYPES),
      country('Flag', 'vessel.flag', true),
      country('Build country', 'vessel.buildCountry', true),
      inputField({ label: 'Net tonnage', path: 'vessel.netTonnage', kind: 'number', type: 'number', required: true }),
      inputField({ label: 'Deadweight (DWT)', path: 'vessel.deadweight', kind: 'number', type: 'number' }),
      inputField({ label: 'TEU capacity', path: 'vessel.teuCapacity', kind: 'number', type: 'number' }),
    ),
    owner.element,
    operator.element,
    group(
      'US programmes',
      'vessel.programs',
      h(
        'div',
        { class: 'checks' },
        ...PROGRAMS.map(([value, label]) => checkboxField(label, 'vessel.programs', 'list', value)),
      ),
    ),
  );
  return { element, stakes: { owner: owner.stakes, operator: operator.stakes } };
}
