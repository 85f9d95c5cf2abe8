/**
 * The countermeasure list versions shipped in `lists/`, built once per
 * isolate on first use and checked against the shipped tariff versions
 * (an unconfirmed window names an assumption a tariff declares).
 */
import { shippedRegistry } from '../tariffs/shipped';
import { shippedListFiles } from './bundle.generated';
import { ListRegistry } from './registry';

let registry: ListRegistry | undefined;

export function shippedLists(): ListRegistry {
  registry ??= new ListRegistry(shippedListFiles, shippedRegistry());
  return registry;
}
