/**
 * The registry of the tariff versions shipped in `tariffs/`, built once per
 * isolate on first use (parsing and validating every file), never per request.
 */
import { shippedTariffFiles } from './bundle.generated';
import { TariffRegistry } from './registry';
import { ScenarioRegistry } from './scenarios';
import { shippedScenarioFiles } from './scenarios.generated';

let registry: TariffRegistry | undefined;

export function shippedRegistry(): TariffRegistry {
  registry ??= new TariffRegistry(shippedTariffFiles);
  return registry;
}

let scenarios: ScenarioRegistry | undefined;

/** The joint scenarios shipped in `scenarios/`, checked against the shipped tariff versions. */
export function shippedScenarios(): ScenarioRegistry {
  scenarios ??= new ScenarioRegistry(shippedScenarioFiles, shippedRegistry());
  return scenarios;
}
