/** What every quoting route hands the engine: the tariffs, today's date, the charter-party clauses and the joint scenarios. */
import type { Context } from 'hono';
import { shippedClauses } from '../charter/shipped';
import type { QuoteEnvironment } from '../engine';
import { nativeSha256Hex } from '../lib/native-sha256';
import { todayUtc } from '../lib/time';
import type { ListRegistry } from '../lists/registry';
import { shippedLists } from '../lists/shipped';
import type { TariffRegistry } from '../tariffs/registry';
import { shippedRegistry, shippedScenarios } from '../tariffs/shipped';
import type { AppEnv } from './env';
import { listsOf, registryOf } from './tariff-registry';

/** The same without a request (the fleet-job consumer): the shipped tariffs unless another registry is given. */
export function shippedQuoteEnvironment(
  registry: TariffRegistry = shippedRegistry(),
  lists: ListRegistry = shippedLists(),
): QuoteEnvironment {
  return {
    registry,
    lists,
    today: todayUtc(Date.now()),
    clauses: shippedClauses(),
    scenarios: shippedScenarios(),
    digest: nativeSha256Hex,
  };
}

export function quoteEnvironment(c: Context<AppEnv>): QuoteEnvironment {
  return shippedQuoteEnvironment(registryOf(c), listsOf(c));
}
