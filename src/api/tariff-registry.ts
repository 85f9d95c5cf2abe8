/** The tariff registry a request quotes with: the shipped one unless the app was created with another. */
import type { Context } from 'hono';
import type { ListRegistry } from '../lists/registry';
import { shippedLists } from '../lists/shipped';
import type { TariffRegistry } from '../tariffs/registry';
import { shippedRegistry } from '../tariffs/shipped';
import type { AppEnv } from './env';

export function registryOf(c: Context<AppEnv>): TariffRegistry {
  return c.get('registry') ?? shippedRegistry();
}

/** The countermeasure lists a request screens with: the shipped ones unless the app was created with others. */
export function listsOf(c: Context<AppEnv>): ListRegistry {
  return c.get('lists') ?? shippedLists();
}
