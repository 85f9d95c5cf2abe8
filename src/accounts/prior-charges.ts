/**
 * The charges a quote counts toward the cap: those the request lists and,
 * for a secret key, the account's ledger for the vessel. Pure.
 */

import type { PriorCharge } from '../engine';
import { type Message, message } from '../messages/message';
import type { Charge } from './ledger';

export interface MergedPriorCharges {
  /** Undefined when there are none, so a quote without any keeps the same input (and quote id) as before. */
  priorCharges: PriorCharge[] | undefined;
  notes: Message[];
}

/**
 * Request charges first, then ledger charges (marked `source: 'ledger'` with
 * their id). A request charge with the same regime, date and port as a ledger
 * charge is the same payment sent twice: it is counted once, as the ledger's.
 */
export function mergePriorCharges(
  fromRequest: ReadonlyArray<PriorCharge> | undefined,
  ledger: ReadonlyArray<Charge>,
): MergedPriorCharges {
  if (ledger.length === 0) return { priorCharges: fromRequest ? [...fromRequest] : undefined, notes: [] };
  const sameAs = (charge: PriorCharge) =>
    charge.port === undefined
      ? undefined
      : ledger.find(
          (entry) => entry.regime === charge.regime && entry.date === charge.date && entry.port === charge.port,
        );
  const notes: Message[] = [];
  const kept: PriorCharge[] = [];
  (fromRequest ?? []).forEach((charge, i) => {
    const duplicate = sameAs(charge);
    if (duplicate) notes.push(message('cap.ledger-duplicate', { index: `priorCharges[${i}]`, id: duplicate.id }));
    else kept.push(charge);
  });
  const fromLedger = ledger.map(
    (entry): PriorCharge => ({
      regime: entry.regime,
      date: entry.date,
      port: entry.port,
      source: 'ledger',
      id: entry.id,
    }),
  );
  return { priorCharges: [...kept, ...fromLedger], notes };
}
