/**
 * Joint scenarios read from the tariff data: an `unconfirmed` status window
 * names the assumption that decides it and what each of its values means
 * (`resumed` → in force, `extended` → suspended). A scenario sets every such
 * assumption of the chosen versions that offers that value, so one name
 * covers both regimes at once.
 */
import type { QuoteEnvironment, QuoteInput } from '../engine';
import type { LoadedTariff } from '../tariffs/registry';
import { Exposure, type ExposureReport } from './exposure';
import type { BatchItem } from './items';
import { BatchTotals, quoteItem } from './run';

export interface Scenario {
  name: string;
  assumptions: Record<string, string>;
}

/** Scenario names the chosen versions offer, in the order their windows list them. */
export function scenarioNames(tariffs: ReadonlyArray<LoadedTariff>): string[] {
  const names: string[] = [];
  for (const tariff of tariffs)
    for (const window of tariff.data.statusWindows)
      for (const name of Object.keys(window.scenario?.outcomes ?? {})) if (!names.includes(name)) names.push(name);
  return names;
}

/** The assumptions a scenario sets; undefined when no chosen version offers it. */
export function scenarioOf(tariffs: ReadonlyArray<LoadedTariff>, name: string): Scenario | undefined {
  const assumptions: Record<string, string> = {};
  for (const tariff of tariffs)
    for (const window of tariff.data.statusWindows)
      if (window.scenario && name in window.scenario.outcomes) assumptions[window.scenario.assumption] = name;
  return Object.keys(assumptions).length > 0 ? { name, assumptions } : undefined;
}

/** The request under a scenario: its assumptions set over the request's own. */
export function withScenario<T extends QuoteInput>(request: T, assumptions: Record<string, string>): T {
  if (Object.keys(assumptions).length === 0) return request;
  const options = request.options ?? {};
  return { ...request, options: { ...options, assumptions: { ...options.assumptions, ...assumptions } } };
}

/**
 * The exposure report of a whole fleet quoted here and now (the synchronous batch's `report=true`).
 * @example fleetExposure(items, [{ name: 'resumed', assumptions }], env).totals
 */
export function fleetExposure(
  items: ReadonlyArray<BatchItem>,
  scenarios: ReadonlyArray<Scenario>,
  env: QuoteEnvironment,
): ExposureReport {
  const exposure = new Exposure(scenarios.map((scenario) => scenario.name));
  for (const item of items) {
    let quoted = true;
    for (const scenario of scenarios) {
      const request = item.request ? withScenario(item.request, scenario.assumptions) : undefined;
      const result = quoteItem(
        { ...item, ...(request ? { request } : {}) },
        env,
        new BatchTotals(),
        'summary',
        (full, summary) => {
          if (request) exposure.addQuote(scenario.name, request.vessel, full, summary);
        },
      );
      if (!result.quote) quoted = false;
    }
    exposure.countVessel(quoted);
  }
  return exposure.report();
}
