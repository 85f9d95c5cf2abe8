/**
 * Access to the D1 store from a request: a missing binding or a failing
 * database is answered 503 (the client may retry), never 500.
 */
import type { Context } from 'hono';
import type { AppEnv } from './env';
import { ProblemError } from './problem';

/** Seconds a client should wait before retrying after the store failed. */
const STORE_RETRY_AFTER_SECONDS = 5;

function unavailable(detail: string): ProblemError {
  return new ProblemError(503, 'store-unavailable', 'Store unavailable', detail, [], {
    'retry-after': String(STORE_RETRY_AFTER_SECONDS),
  });
}

/** The D1 database of the Worker. */
export function database(c: Context<AppEnv>): D1Database {
  const db = c.env?.DB;
  if (!db)
    throw unavailable(
      'This deployment has no account store (D1 binding DB); keys, saved quotes and the ledger are unavailable.',
    );
  return db;
}

/**
 * Runs a store operation; a database failure is logged and answered 503.
 * @example const charges = await stored(() => listCharges(database(c), accountId, imo));
 */
export async function stored<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    console.error('store error', error instanceof Error ? `${error.name}: ${error.message}` : error);
    throw unavailable('The account store did not answer; try again shortly.');
  }
}
