/**
 * The registry of the tariff versions shipped in `tariffs/`, built once per
 * isolate on first use (parsing and validating every file), never per request.
 */
import { shippedTariffFiles } from './bundle.generated';
import { TariffRegistry } from './registry';

let registry: TariffRegistry | undefined;

export function shippedRegistry(): TariffRegistry {
  registry ??= new TariffRegistry(shippedTariffFiles);
  return registry;
}
