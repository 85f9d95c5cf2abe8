/**
 * The one quote environment: what every quote hands the engine (the tariff
 * versions, today's date by the one clock, the charter-party clauses, the
 * joint scenarios and the digest of quote ids), for the routes, MCP, the
 * scheduled check, the re-quote and fleet-job consumers alike.
 */
import { shippedClauses } from '../charter/shipped';
import type { QuoteEnvironment } from '../engine';
import { type ClockSetting, nowMillis } from '../lib/clock';
import { nativeSha256Hex } from '../lib/native-sha256';
import { todayUtc } from '../lib/time';
import type { ListRegistry } from '../lists/registry';
import { shippedLists } from '../lists/shipped';
import type { TariffRegistry } from '../tariffs/registry';
import { shippedRegistry, shippedScenarios } from '../tariffs/shipped';

/**
 * The environment for these bindings' "now", with the shipped tariffs unless another registry is given.
 * @example quoteEnvironmentFor({ NOW: '2028-06-01' }).today // '2028-06-01'
 */
export function quoteEnvironmentFor(
  setting: ClockSetting | undefined,
  registry: TariffRegistry = shippedRegistry(),
  lists: ListRegistry = shippedLists(),
): QuoteEnvironment {
  return {
    registry,
    lists,
    today: todayUtc(nowMillis(setting)),
    clauses: shippedClauses(),
    scenarios: shippedScenarios(),
    digest: nativeSha256Hex,
  };
}
