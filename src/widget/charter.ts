/**
 * The optional charter-party section: which BIMCO clause(s) the time charter
 * carries (listed by GET /v1/clauses) and the two facts that shift a fee to
 * owners. Hidden, and left out of the request, until the user asks for it.
 */
import { h, uid } from './dom';
import { checkboxField, group } from './fields';

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

  constructor() {
    const id = uid('cp');
    this.toggle = h('input', { id, type: 'checkbox', 'aria-controls': `${id}-body`, 'aria-expanded': 'false' });
    this.clauses = group('Clauses', 'charterParty.clause', h('p', { class: 'hint', text: 'Loading the clauses…' }));
    this.body = h(
      'div',
      { id: `${id}-body`, hidden: true },
      this.clauses,
      group(
        'Facts',
        undefined,
        checkboxField(
          'Owners’ declaration of owner, operator and build was accurate and complete',
          'charterParty.ownersDeclarationAccurate',
          'flag',
          '',
          true,
        ),
        checkboxField(
          'Owners changed owner, bareboat or disponent owner, manager or operator after the fixture',
          'charterParty.ownerChangeAfterFixture',
          'flag',
        ),
      ),
    );
    this.toggle.addEventListener('change', () => this.setEnabled(this.toggle.checked));
    this.element = h(
      'div',
      { class: 'section', 'data-path': 'charterParty' },
      h(
        'div',
        { class: 'check' },
        this.toggle,
        h('label', { for: id, text: 'Who pays under a charter party (BIMCO clauses)' }),
      ),
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
        h('p', { class: 'msg', text: `Could not load the clauses: ${clauses.message}` }),
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
