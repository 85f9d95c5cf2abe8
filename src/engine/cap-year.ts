/**
 * Which cap year a recorded charge falls in, so a ledger can be listed per
 * cap year. Pure: the same definitions the quote uses (rules/cap.ts).
 */

import { localMomentMillis } from '../lib/time';
import type { TariffRegistry } from '../tariffs/registry';
import { resolveAssumptions } from './quote';
import { capYearOf } from './rules/cap';
import { resolveParam } from './rules/params';

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
  const definition = resolveParam(tariff.data.cap.year, resolveAssumptions([tariff]));
  return capYearOf(definition, localMomentMillis(date, tariff.data.zone), tariff.data.zone).label;
}
