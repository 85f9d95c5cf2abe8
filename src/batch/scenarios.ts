/**
 * A fleet quoted under several joint scenarios at once (`scenarios=both`):
 * each vessel is quoted once per scenario, naming it in the request's
 * options, and the exposure report keeps one figure per scenario.
 */
import type { QuoteEnvironment, QuoteInput } from '../engine';
import { Exposure, type ExposureReport } from './exposure';
import type { BatchItem } from './items';
import { BatchTotals, quoteItem } from './run';

export interface Scenario {
  /** The name figures are filed under: the scenario id, or `default` for the options as given. */
  name: string;
  /** Assumptions set over the request's own. */
  assumptions: Record<string, string>;
  /** A joint scenario (GET /v1/scenarios) named in each request's options. */
  scenario?: string;
}

/** The request under a scenario: the joint scenario named in its options, its assumptions set over the request's own. */
export function withScenario<T extends QuoteInput>(request: T, scenario: Scenario): T {
  if (Object.keys(scenario.assumptions).length === 0 && scenario.scenario === undefined) return request;
  const options = request.options ?? {};
  return {
    ...request,
    options: {
      ...options,
      ...(scenario.scenario !== undefined ? { scenario: scenario.scenario } : {}),
      assumptions: { ...options.assumptions, ...scenario.assumptions },
    },
  };
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
      const request = item.request ? withScenario(item.request, scenario) : undefined;
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
