/**
 * A quote made with a secret key counts the account's ledger toward the cap,
 * beside the request's own `priorCharges`. One place for the single quote,
 * the scenario comparison and the fleet batch.
 */

import type { Context } from 'hono';
import { activeCharges, activeChargesByImo, type Charge } from '../accounts/ledger';
import { mergePriorCharges } from '../accounts/prior-charges';
import type { QuoteInput } from '../engine';
import type { Message } from '../messages/message';
import { database, stored } from './d1';
import type { AppEnv } from './env';
import { callerOf } from './middleware/caller';
import { registryOf } from './tariff-registry';

export interface WithLedger<T extends QuoteInput> {
  request: T;
  notes: Message[];
}

function merge<T extends QuoteInput>(request: T, ledger: Charge[], regimes: string[]): WithLedger<T> {
  const { priorCharges, notes } = mergePriorCharges(
    request.priorCharges,
    ledger.filter((charge) => regimes.includes(charge.regime)),
  );
  return { request: priorCharges ? { ...request, priorCharges } : request, notes };
}

/**
 * The request with the caller's ledger charges for its vessel (secret keys only; others unchanged), and how long
 * the D1 read took when there was one (inside workerd the clock advances only across I/O, so this is the one
 * figure of a quote it can give).
 */
export async function withLedger<T extends QuoteInput>(
  c: Context<AppEnv>,
  request: T,
): Promise<WithLedger<T> & { readMs?: number }> {
  const client = callerOf(c);
  if (client.kind !== 'secret') return { request, notes: [] };
  const started = performance.now();
  const ledger = await stored(() => activeCharges(database(c), client.accountId, request.vessel.imo));
  return { ...merge(request, ledger, registryOf(c).regimes()), readMs: performance.now() - started };
}

/** The same for a fleet: one read of the account's ledger, merged into each vessel's request. */
export async function withFleetLedger<T extends QuoteInput>(
  c: Context<AppEnv>,
  requests: ReadonlyArray<T>,
): Promise<Array<WithLedger<T>>> {
  const client = callerOf(c);
  if (client.kind !== 'secret' || requests.length === 0) return requests.map((request) => ({ request, notes: [] }));
  const byImo = await stored(() => activeChargesByImo(database(c), client.accountId));
  const regimes = registryOf(c).regimes();
  return requests.map((request) => merge(request, byImo.get(request.vessel.imo) ?? [], regimes));
}
