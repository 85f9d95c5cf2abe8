/**
 * The per-vessel cap: at most `limit` charged voyages per cap year. Charges
 * given by the caller (or a ledger) and charges earlier in the same quote
 * count toward it.
 */
import type { CapYearDefinition } from '../../tariffs/schema';
import { anniversaryYear, calendarYear, localMomentMillis, type YearWindow } from '../time';
import type { CountedCharge, PriorCharge } from '../types';

export function capYearOf(definition: CapYearDefinition, millis: number, zone: string): YearWindow {
  return definition.kind === 'calendar' ? calendarYear(millis, zone) : anniversaryYear(millis, zone, definition.month, definition.day);
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

  /** Charges in `year` dated at or before the arrival. */
  countedFor(year: YearWindow, arrivalMillis: number): CountedCharge[] {
    return this.charges
      .filter((charge) => charge.millis >= year.startMillis && charge.millis < year.endMillis && charge.millis <= arrivalMillis)
      .map(({ millis: _millis, ...charge }) => charge);
  }

  /**
   * The ledger charge that is this voyage's own payment: recorded at its
   * charging port on the local date of its arrival. Re-quoting a voyage that
   * was already paid must not count that payment as an earlier charge.
   */
  ownPayment(port: string, date: string): CountedCharge | undefined {
    const own = this.charges.find((charge) => charge.source === 'ledger' && charge.port === port && charge.date === date);
    if (!own) return undefined;
    const { millis: _millis, ...charge } = own;
    return charge;
  }

  record(charge: CountedCharge, millis: number): void {
    this.charges.push({ ...charge, millis });
  }
}
