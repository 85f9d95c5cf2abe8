/**
 * The per-vessel cap: at most `limit` charged voyages per cap year. Charges
 * given by the caller (or a ledger) and charges earlier in the same quote
 * count toward it.
 */

import { anniversaryYear, calendarYear, localMomentMillis, type YearWindow } from '../../lib/time';
import type { CapYearDefinition } from '../../tariffs/schema';
import type { CountedCharge, PriorCharge } from '../types';

export function capYearOf(definition: CapYearDefinition, millis: number, zone: string): YearWindow {
  return definition.kind === 'calendar'
    ? calendarYear(millis, zone)
    : anniversaryYear(millis, zone, definition.month, definition.day);
}

interface DatedCharge extends CountedCharge {
  millis: number;
}

/** Counts charges of one regime as a quote walks its voyages in order. */
export class CapCounter {
  private readonly charges: DatedCharge[];

  constructor(prior: ReadonlyArray<PriorCharge>, zone: string) {
    this.charges = prior.map((charge) => ({
      source: charge.source ?? 'request',
      date: charge.date,
      port: charge.port,
      id: charge.id,
      millis: localMomentMillis(charge.date, zone),
    }));
  }

  /** Charges in `year` dated at or before the arrival, leaving out the voyage's own payment. */
  countedFor(year: YearWindow, arrivalMillis: number, own?: CountedCharge): CountedCharge[] {
    return this.charges
      .filter(
        (charge) =>
          charge !== own &&
          charge.millis >= year.startMillis &&
          charge.millis < year.endMillis &&
          charge.millis <= arrivalMillis,
      )
      .map(({ millis: _millis, ...charge }) => charge);
  }

  /**
   * The charge that is this voyage's own payment: given (in the ledger or in
   * `priorCharges`) with its charging port and the local date of its arrival.
   * Re-quoting a voyage that was already paid must not count that payment as
   * an earlier charge. Pass the result back to {@link countedFor}.
   */
  ownPayment(port: string, date: string): CountedCharge | undefined {
    return this.charges.find((charge) => charge.source !== 'quote' && charge.port === port && charge.date === date);
  }

  /** Every charge known so far, whatever its year. */
  get size(): number {
    return this.charges.length;
  }

  record(charge: CountedCharge, millis: number): void {
    this.charges.push({ ...charge, millis });
  }
}
