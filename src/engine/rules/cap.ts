/**
 * The per-vessel cap: at most `limit` charged voyages per cap year. Charges
 * given by the caller (or a ledger) and charges earlier in the same quote
 * count toward it.
 */

import { anniversaryYear, calendarYear, localMomentMillis, type YearWindow } from '../../lib/time';
import { type Message, message } from '../../messages/message';
import type { CapYearDefinition } from '../../tariffs/schema';
import type { CountedCharge, PriorCharge } from '../types';

export function capYearOf(definition: CapYearDefinition, millis: number, zone: string): YearWindow {
  return definition.kind === 'calendar'
    ? calendarYear(millis, zone)
    : anniversaryYear(millis, zone, definition.month, definition.day);
}

/** A counted charge and its instant (the charge is shared by every cap state that counts it, as given). */
interface DatedCharge {
  charge: CountedCharge;
  millis: number;
}

/** Counts charges of one regime as a quote walks its voyages in order. */
export class CapCounter {
  private readonly charges: DatedCharge[];

  constructor(prior: ReadonlyArray<PriorCharge>, zone: string) {
    this.charges = prior.map((charge) => {
      const counted: CountedCharge = { source: charge.source ?? 'request', date: charge.date, port: charge.port };
      if (charge.id !== undefined) counted.id = charge.id;
      return { charge: counted, millis: localMomentMillis(charge.date, zone) };
    });
  }

  /** Charges in `year` dated at or before the arrival, leaving out the voyage's own payment. */
  countedFor(year: YearWindow, arrivalMillis: number, own?: CountedCharge): CountedCharge[] {
    const counted: CountedCharge[] = [];
    for (const { charge, millis } of this.charges) {
      if (charge !== own && millis >= year.startMillis && millis < year.endMillis && millis <= arrivalMillis)
        counted.push(charge);
    }
    return counted;
  }

  /**
   * The charge that is this voyage's own payment: given (in the ledger or in
   * `priorCharges`) with its charging port and the local date of its arrival.
   * Re-quoting a voyage that was already paid must not count that payment as
   * an earlier charge. Pass the result back to {@link countedFor}.
   */
  ownPayment(port: string, date: string): CountedCharge | undefined {
    return this.charges.find(({ charge }) => charge.source !== 'quote' && charge.port === port && charge.date === date)
      ?.charge;
  }

  /** Every charge known so far, whatever its year. */
  get size(): number {
    return this.charges.length;
  }

  record(charge: CountedCharge, millis: number): void {
    this.charges.push({ charge, millis });
  }
}

/**
 * Each payment once: charges with the same regime, local date and charging
 * port (or both without a port) are one payment sent twice, and only the
 * first is counted. A note names every payment that was repeated.
 * @example distinctPayments([{ regime: 'us-301', date: '2025-10-20', port: 'USLAX' }, { regime: 'us-301', date: '2025-10-20', port: 'USLAX' }]).charges.length // 1
 */
export function distinctPayments(charges: ReadonlyArray<PriorCharge>): { charges: PriorCharge[]; notes: Message[] } {
  const seen = new Map<string, { charge: PriorCharge; times: number }>();
  for (const charge of charges) {
    const key = `${charge.regime}|${charge.date}|${charge.port ?? ''}`;
    const entry = seen.get(key);
    if (entry) entry.times += 1;
    else seen.set(key, { charge, times: 1 });
  }
  const notes = [...seen.values()]
    .filter((entry) => entry.times > 1)
    .map(({ charge, times }) =>
      message('cap.repeated-payment', {
        regime: charge.regime,
        date: { date: charge.date },
        port: charge.port ? message('cap.repeated-at', { port: charge.port }) : message('cap.repeated-no-port', {}),
        times,
      }),
    );
  return { charges: [...seen.values()].map((entry) => entry.charge), notes };
}
