/**
 * The optional charter-party section: which BIMCO clause(s) the time charter
 * carries (listed by GET /v1/clauses) and the two facts that shift a fee to
 * owners. Hidden, and left out of the request, until the user asks for it.
 */
import { h, uid } from './dom';
import { checkboxField, group } from './fields';
import type { Translate } from './i18n';

export interface ClauseSummary {
  id: string;
  title: string;
  regime: string;
}

export class CharterSection {
  readonly element: HTMLDivElement;
  readonly toggle: HTMLInputElement;
  private readonly body: HTMLDivElement;
  private readonly clauses: HTMLFieldSetElement;

  constructor(private readonly t: Translate) {
    const id = uid('cp');
    this.toggle = h('input', { id, type: 'checkbox', 'aria-controls': `${id}-body`, 'aria-expanded': 'false' });
    this.clauses = group(t('clauses'), 'charterParty.clause', h('p', { class: 'hint', text: t('clausesLoading') }));
    this.body = h(
      'div',
      { id: `${id}-body`, hidden: true },
      this.clauses,
      group(
        t('facts'),
        undefined,
        checkboxField(t('declarationAccurate'), 'charterParty.ownersDeclarationAccurate', 'flag', '', true),
        checkboxField(t('ownerChanged'), 'charterParty.ownerChangeAfterFixture', 'flag'),
      ),
    );
    this.toggle.addEventListener('change', () => this.setEnabled(this.toggle.checked));
    this.element = h(
      'div',
      { class: 'section', 'data-path': 'charterParty' },
      h('div', { class: 'check' }, this.toggle, h('label', { for: id, text: t('charterToggle') })),
      this.body,
    );
  }

  setEnabled(enabled: boolean): void {
    this.toggle.checked = enabled;
    this.toggle.setAttribute('aria-expanded', String(enabled));
    this.body.hidden = !enabled;
  }

  /** Lists the clauses as checkboxes (or says why they are missing). */
  setClauses(clauses: ClauseSummary[] | Error): void {
    const legend = this.clauses.querySelector('legend')!;
    if (clauses instanceof Error) {
      this.clauses.replaceChildren(
        legend,
        h('p', { class: 'msg', text: this.t('clausesFailed', { m: clauses.message }) }),
      );
      return;
    }
    this.clauses.replaceChildren(
      legend,
      ...clauses.map((clause) =>
        checkboxField(`${clause.title} (${clause.regime})`, 'charterParty.clause', 'list', clause.id),
      ),
    );
  }
}
