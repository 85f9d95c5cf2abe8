/**
 * Named joint scenarios (`scenarios/<id>.json`): one name for a set of
 * assumption values across regimes, such as both after-suspension
 * assumptions at once. Validated like tariff files: the shape with zod, then
 * every assumption and value against the tariff versions that declare them.
 */

import { z } from 'zod';
import { DataFileError } from '../lib/data-file-error';
import type { TariffRegistry } from './registry';
import { Citation } from './schema';

export const Scenario = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
    title: z.string().min(1),
    description: z.string().min(1),
    /** The scenario applied when a request names none (exactly one scenario is the default). */
    default: z.boolean(),
    /** Assumption id → value, for assumptions declared by some tariff version. */
    assumptions: z.record(z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/), z.string().min(1)),
    citations: z.array(Citation).min(1),
  })
  .strict();
export type Scenario = z.infer<typeof Scenario>;

/** Problems of a scenario against the tariff versions: unknown assumptions or values. */
function crossCheck(scenario: Scenario, tariffs: TariffRegistry): string[] {
  const declared = new Map<string, Set<string>>();
  for (const tariff of tariffs.versions())
    for (const assumption of tariff.data.assumptions) {
      const values = declared.get(assumption.id) ?? new Set<string>();
      for (const option of assumption.options) values.add(option.value);
      declared.set(assumption.id, values);
    }
  return Object.entries(scenario.assumptions).flatMap(([id, value]) => {
    const values = declared.get(id);
    if (!values) return [`assumptions.${id} is declared by no tariff version`];
    return values.has(value) ? [] : [`assumptions.${id}: ${value} is not one of ${[...values].join(', ')}`];
  });
}

/**
 * The set of named scenarios.
 * @example new ScenarioRegistry(files, tariffs).get('suspension-extended')?.assumptions
 */
export class ScenarioRegistry {
  private readonly byId = new Map<string, Scenario>();
  readonly defaultScenario: Scenario;

  constructor(sources: ReadonlyArray<{ file: string; data: unknown }>, tariffs: TariffRegistry) {
    for (const { file, data } of sources) {
      const parsed = Scenario.safeParse(data);
      if (!parsed.success)
        throw new DataFileError(
          'scenario',
          file,
          parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
        );
      const problems = crossCheck(parsed.data, tariffs);
      if (!file.endsWith(`/${parsed.data.id}.json`)) problems.push(`the file must be named ${parsed.data.id}.json`);
      if (this.byId.has(parsed.data.id)) problems.push(`duplicate scenario id ${parsed.data.id}`);
      if (problems.length > 0) throw new DataFileError('scenario', file, problems);
      this.byId.set(parsed.data.id, parsed.data);
    }
    const defaults = this.list().filter((scenario) => scenario.default);
    if (defaults.length !== 1)
      throw new DataFileError('scenario', 'scenarios/', [
        `exactly one scenario must be the default; found ${defaults.length}`,
      ]);
    this.defaultScenario = defaults[0]!;
  }

  get(id: string): Scenario | undefined {
    return this.byId.get(id);
  }

  /** Every scenario, the default first, then by id. */
  list(): Scenario[] {
    return [...this.byId.values()].sort((a, b) => Number(b.default) - Number(a.default) || a.id.localeCompare(b.id));
  }
}
