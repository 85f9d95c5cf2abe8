/**
 * "Scenario and knowledge date": which joint scenario after the suspension
 * to quote under, and the date whose knowledge picks the tariff versions
 * (`options.asOf`). Scenarios come from GET /v1/scenarios; an API without
 * that route gets the same two worlds as the after-suspension assumptions.
 */
import { h, uid } from './dom';
import { inputField } from './fields';
import { codeWord, type Translate } from './i18n';
import { getPath } from './paths';

export interface Scenario {
  id: string;
  title?: string;
  /** The assumptions the scenario sets, as GET /v1/scenarios lists them. */
  assumptions: Record<string, string>;
  /** True when the API knows the scenario by name (`options.scenario`). */
  named: boolean;
  default?: boolean;
}

const AFTER_SUSPENSION = ['us-301.after-suspension', 'cn-spf.after-suspension'];
const both = (value: string) => Object.fromEntries(AFTER_SUSPENSION.map((id) => [id, value]));

/** The two worlds after the suspension, spelled as assumptions, for an API that does not list scenarios. */
export const ASSUMED_SCENARIOS: Scenario[] = [
  { id: 'fees-resumed', assumptions: both('resumed'), named: false, default: true },
  { id: 'suspension-extended', assumptions: both('extended'), named: false },
];

/** Reads GET /v1/scenarios leniently: a list under `scenarios` (or the body itself) of `{ id | name, assumptions }`. */
export function scenariosFrom(body: unknown): Scenario[] {
  const list = Array.isArray(body) ? body : getPath(body, 'scenarios');
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: Record<string, unknown>) => {
    const id = typeof entry?.id === 'string' ? entry.id : typeof entry?.name === 'string' ? entry.name : undefined;
    if (!id) return [];
    const assumptions = entry.assumptions && typeof entry.assumptions === 'object' ? entry.assumptions : {};
    return [
      {
        id,
        title: typeof entry.title === 'string' ? entry.title : undefined,
        assumptions: assumptions as Record<string, string>,
        named: true,
        default: entry.default === true,
      },
    ];
  });
}

export class KnowledgeSection {
  readonly element: HTMLFieldSetElement;
  readonly select: HTMLSelectElement;
  private scenarios: Scenario[] = ASSUMED_SCENARIOS;

  constructor(
    t: Translate,
    private readonly locale: string,
  ) {
    const id = uid('scn');
    this.select = h('select', { id, 'aria-describedby': `${id}-hint` });
    this.element = h(
      'fieldset',
      { 'data-path': 'options' },
      h('legend', { text: t('knowledge') }),
      h(
        'div',
        { class: 'grid wide' },
        h(
          'div',
          { class: 'field' },
          h('label', { for: id, text: t('scenario') }),
          this.select,
          h('span', { class: 'hint', id: `${id}-hint`, text: t('scenarioHint') }),
        ),
        inputField({ label: t('asOf'), path: 'options.asOf', type: 'date', hint: t('asOfHint') }),
      ),
    );
    this.setScenarios(ASSUMED_SCENARIOS);
  }

  /** Offers `scenarios` (the default first when none is marked), keeping the current choice when it is still offered. */
  setScenarios(scenarios: Scenario[]): void {
    if (scenarios.length === 0) return;
    const current = this.select.value;
    this.scenarios = scenarios;
    this.select.replaceChildren(
      ...scenarios.map((scenario) =>
        h('option', { value: scenario.id, text: codeWord(this.locale, scenario.id, scenario.title) }),
      ),
    );
    this.select.value = scenarios.some((scenario) => scenario.id === current) ? current : this.defaultScenario().id;
  }

  all(): Scenario[] {
    return this.scenarios;
  }

  /** The scenario each scenario's own label reads as, in the reader's words. */
  label(scenario: Scenario): string {
    return codeWord(this.locale, scenario.id, scenario.title);
  }

  private defaultScenario(): Scenario {
    return this.scenarios.find((scenario) => scenario.default) ?? this.scenarios[0]!;
  }

  chosen(): Scenario {
    return this.scenarios.find((scenario) => scenario.id === this.select.value) ?? this.defaultScenario();
  }

  /** The options a scenario adds to a request: its name, or its assumptions (under explicit ones). */
  static options(scenario: Scenario, options: Record<string, unknown>): Record<string, unknown> {
    if (scenario.named) return { ...options, scenario: scenario.id };
    const explicit = (options.assumptions ?? {}) as Record<string, string>;
    return { ...options, assumptions: { ...scenario.assumptions, ...explicit } };
  }

  /** Adds the chosen scenario to `options` unless it is the default (which the API applies by itself). */
  apply(options: Record<string, unknown>): Record<string, unknown> {
    const scenario = this.chosen();
    return scenario === this.defaultScenario() ? options : KnowledgeSection.options(scenario, options);
  }

  /** Picks the scenario a request names, or whose assumptions it sets. */
  fill(request: unknown): void {
    const named = getPath(request, 'options.scenario');
    const assumptions = (getPath(request, 'options.assumptions') ?? {}) as Record<string, string>;
    const match =
      this.scenarios.find((scenario) => scenario.id === named) ??
      this.scenarios.find((scenario) =>
        Object.entries(scenario.assumptions).some(([id, value]) => assumptions[id] === value && !scenario.default),
      ) ??
      this.defaultScenario();
    this.select.value = match.id;
  }
}
