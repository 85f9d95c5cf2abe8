/**
 * Which cap year a recorded charge falls in, so a ledger can be listed per
 * cap year. Pure: the same definitions the quote uses (rules/cap.ts).
 */

import { localMomentMillis } from '../lib/time';
import type { TariffRegistry } from '../tariffs/registry';
import { resolveAssumptions } from './quote';
import { capYearOf } from './rules/cap';
import { readerOf, resolveParam } from './rules/params';
import type { VoyageQuote } from './types';

/**
 * The label (`2025`, or `2025-26` for years starting 17 April) of the cap year
 * containing `date` (a local date in the regime's zone), under the regime's
 * version current at `asOf` and that version's default assumptions;
 * undefined for a regime the registry does not know.
 * @example capYearOfCharge(shippedRegistry(), 'cn-spf', '2025-10-20', '2026-01-01') // '2025-26'
 */
export function capYearOfCharge(
  registry: TariffRegistry,
  regime: string,
  date: string,
  asOf: string,
): string | undefined {
  const tariff = registry.pick(regime, asOf) ?? registry.versions(regime)[0];
  if (!tariff) return undefined;
  const definition = resolveParam(tariff.data.cap.year, readerOf(resolveAssumptions([tariff])));
  return capYearOf(definition, localMomentMillis(date, tariff.data.zone), tariff.data.zone).label;
}

/**
 * The cap year of a quoted voyage: the one its cap step used, else the one its
 * arrival falls in under the quote's assumptions; '' when the voyage names no
 * tariff the registry knows.
 * @example capYearOfVoyage(result.voyages[0], result.assumptions, registry) // '2025'
 */
export function capYearOfVoyage(
  voyage: VoyageQuote,
  assumptions: Record<string, string>,
  registry: TariffRegistry,
): string {
  if (voyage.cap) return voyage.cap.year;
  const tariff = voyage.tariff ? registry.get(voyage.tariff) : undefined;
  if (!tariff) return '';
  const definition = resolveParam(tariff.data.cap.year, readerOf(assumptions));
  return capYearOf(definition, Date.parse(voyage.arrival), tariff.data.zone).label;
}
