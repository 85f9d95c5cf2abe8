/**
 * The vessel part of the form: identity, measurements, owner and operator
 * (country and the stakes persons of other countries hold) and programmes.
 */
import { h } from './dom';
import { checkboxField, group, inputField, selectField } from './fields';
import { codeWord, type Translate, typeHelp } from './i18n';
import { PROGRAMS, VESSEL_TYPES } from './vocabulary';

const country = (t: Translate, label: string, path: string, required = false) =>
  inputField({
    label,
    path,
    kind: 'upper',
    required,
    hint: t('countryHint'),
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
    private readonly t: Translate,
    addLabel: string,
    private readonly removeLabel: (n: number) => string,
  ) {
    const add = h('button', { type: 'button', class: 'secondary', text: addLabel });
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
        country(this.t, this.t('stakeCountry'), 'S.country'),
        percent(this.t('equity'), 'S.equity'),
        percent(this.t('voting'), 'S.voting'),
        percent(this.t('board'), 'S.board'),
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
      row.querySelector('button.icon')!.setAttribute('aria-label', this.removeLabel(i + 1));
    });
  }
}

export interface VesselSection {
  element: HTMLFieldSetElement;
  stakes: Record<'owner' | 'operator', StakesEditor>;
}

function party(
  key: 'owner' | 'operator',
  t: Translate,
  locale: string,
): { element: HTMLFieldSetElement; stakes: StakesEditor } {
  const path = `vessel.${key}`;
  const owner = key === 'owner';
  const stakes = new StakesEditor(path, t, t(owner ? 'addOwnerStake' : 'addOperatorStake'), (n) =>
    t(owner ? 'removeOwnerStake' : 'removeOperatorStake', { n: n.toLocaleString(locale) }),
  );
  const element = group(
    t(key),
    path,
    h(
      'div',
      { class: 'grid' },
      inputField({ label: t(owner ? 'ownerName' : 'operatorName'), path: `${path}.name` }),
      country(t, t(owner ? 'ownerCountry' : 'operatorCountry'), `${path}.country`, true),
    ),
    h('p', { class: 'hint', text: t('stakesHint') }),
    stakes.element,
  );
  return { element, stakes };
}

/** The vessel-type select, with a help line that follows the chosen type. */
function typeField(t: Translate, locale: string): HTMLDivElement {
  const field = selectField(
    t('type'),
    'vessel.type',
    VESSEL_TYPES.map(([value, label]) => [value, codeWord(locale, value, label)] as const),
  );
  const select = field.querySelector('select')!;
  const help = h('span', { class: 'hint', id: `${select.id}-help`, 'aria-live': 'polite' });
  select.setAttribute('aria-describedby', help.id);
  const update = () => {
    help.textContent = typeHelp(locale, select.value);
  };
  // `input` too: fill() sets the value silently, then announces it with refreshTypeHelp().
  select.addEventListener('change', update);
  select.addEventListener('input', update);
  update();
  field.append(help);
  return field;
}

/** Builds the vessel fieldset. */
export function vesselSection(t: Translate, locale: string): VesselSection {
  const owner = party('owner', t, locale);
  const operator = party('operator', t, locale);
  const element = group(
    t('vessel'),
    'vessel',
    h(
      'div',
      { class: 'grid' },
      inputField({
        label: t('imo'),
        path: 'vessel.imo',
        required: true,
        attrs: { inputmode: 'numeric', maxlength: 7 },
      }),
      inputField({ label: t('name'), path: 'vessel.name' }),
      typeField(t, locale),
      country(t, t('flag'), 'vessel.flag', true),
      country(t, t('buildCountry'), 'vessel.buildCountry', true),
      inputField({ label: t('netTonnage'), path: 'vessel.netTonnage', kind: 'number', type: 'number', required: true }),
      inputField({ label: t('deadweight'), path: 'vessel.deadweight', kind: 'number', type: 'number' }),
      inputField({ label: t('teu'), path: 'vessel.teuCapacity', kind: 'number', type: 'number' }),
      inputField({ label: t('ceu'), path: 'vessel.ceuCapacity', kind: 'number', type: 'number' }),
    ),
    owner.element,
    operator.element,
    group(
      t('programs'),
      'vessel.programs',
      h(
        'div',
        { class: 'checks' },
        ...PROGRAMS.map(([value, label]) =>
          checkboxField(codeWord(locale, value, label), 'vessel.programs', 'list', value),
        ),
      ),
    ),
  );
  return { element, stakes: { owner: owner.stakes, operator: operator.stakes } };
}

/** Shows the help of the type the form holds now (after a fill). */
export function refreshTypeHelp(element: HTMLElement): void {
  element.querySelector('select[data-path="vessel.type"]')?.dispatchEvent(new Event('input'));
}
