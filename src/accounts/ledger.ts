/**
 * The charge ledger in D1: fees a vessel has actually paid, recorded per
 * account. Charges are voided, never deleted. Writes under an
 * Idempotency-Key are safe to retry and to race: the database's unique
 * (account, key) constraint decides which write wins.
 */
import { randomId } from './keys';

/** A fee paid, as the client records it. */
export interface ChargeInput {
  regime: string;
  /** Local date of the charge (`YYYY-MM-DD`), in the regime's zone. */
  date: string;
  port: string;
  /** Exact decimal text. */
  amount: string;
  currency: string;
  /** The payment reference (receipt, transfer or pay.gov number). */
  reference: string;
}

export interface Charge extends ChargeInput {
  id: string;
  imo: string;
  recordedAt: string;
  voidedAt: string | null;
}

export interface ChargeToRecord {
  accountId: string;
  imo: string;
  charge: ChargeInput;
  idempotencyKey?: string;
  /** SHA-256 of the canonical request, to tell a replay from a reused key. */
  requestHash: string;
  recordedAt: string;
}

/** `created`: this call wrote it; `replayed`: an earlier identical call did; `conflict`: the key was used for another request. */
export type RecordResult = { status: 'created' | 'replayed' | 'conflict'; charge: Charge };

interface ChargeRow {
  id: string;
  account_id: string;
  imo: string;
  regime: string;
  date: string;
  port: string;
  amount: string;
  currency: string;
  reference: string;
  created_at: string;
  voided_at: string | null;
  idempotency_key: string | null;
  request_hash: string;
}

function toCharge(row: ChargeRow): Charge {
  return {
    id: row.id,
    imo: row.imo,
    regime: row.regime,
    date: row.date,
    port: row.port,
    amount: row.amount,
    currency: row.currency,
    reference: row.reference,
    recordedAt: row.created_at,
    voidedAt: row.voided_at,
  };
}

function insertCharge(db: D1Database, id: string, write: ChargeToRecord): D1PreparedStatement {
  const { charge } = write;
  return db
    .prepare(
      `INSERT INTO charges (id, account_id, imo, regime, date, port, amount, currency, reference, created_at, idempotency_key, request_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, idempotency_key) DO NOTHING`,
    )
    .bind(
      id,
      write.accountId,
      write.imo,
      charge.regime,
      charge.date,
      charge.port,
      charge.amount,
      charge.currency,
      charge.reference,
      write.recordedAt,
      write.idempotencyKey ?? null,
      write.requestHash,
    );
}

/**
 * Records a charge. With an Idempotency-Key, the insert and the read of the
 * row holding that key run in one batch, so of two racing identical requests
 * exactly one inserts and both answer with the same charge.
 */
export async function recordCharge(db: D1Database, write: ChargeToRecord): Promise<RecordResult> {
  const id = randomId('chg');
  if (write.idempotencyKey === undefined) {
    const [, read] = await db.batch([
      insertCharge(db, id, write),
      db.prepare('SELECT * FROM charges WHERE id = ?').bind(id),
    ]);
    const row = (read?.results as ChargeRow[] | undefined)?.[0];
    if (!row) throw new Error(`charge ${id} could not be read back`);
    return { status: 'created', charge: toCharge(row) };
  }
  const [, read] = await db.batch([
    insertCharge(db, id, write),
    db
      .prepare('SELECT * FROM charges WHERE account_id = ? AND idempotency_key = ?')
      .bind(write.accountId, write.idempotencyKey),
  ]);
  const row = (read?.results as ChargeRow[] | undefined)?.[0];
  if (!row) throw new Error(`charge with idempotency key could not be read back`);
  const status = row.id === id ? 'created' : row.request_hash === write.requestHash ? 'replayed' : 'conflict';
  return { status, charge: toCharge(row) };
}

/** Every charge of one vessel in an account's ledger, voided ones included, oldest first. */
export async function listCharges(db: D1Database, accountId: string, imo: string): Promise<Charge[]> {
  const { results } = await db
    .prepare('SELECT * FROM charges WHERE account_id = ? AND imo = ? ORDER BY date, created_at, id')
    .bind(accountId, imo)
    .all<ChargeRow>();
  return results.map(toCharge);
}

/** The charges of one vessel that count toward a cap: not voided. */
export async function activeCharges(db: D1Database, accountId: string, imo: string): Promise<Charge[]> {
  const { results } = await db
    .prepare(
      'SELECT * FROM charges WHERE account_id = ? AND imo = ? AND voided_at IS NULL ORDER BY date, created_at, id',
    )
    .bind(accountId, imo)
    .all<ChargeRow>();
  return results.map(toCharge);
}

/** The charges of every vessel of an account that count toward a cap, by IMO (for fleet quotes). */
export async function activeChargesByImo(db: D1Database, accountId: string): Promise<Map<string, Charge[]>> {
  const { results } = await db
    .prepare('SELECT * FROM charges WHERE account_id = ? AND voided_at IS NULL ORDER BY imo, date, created_at, id')
    .bind(accountId)
    .all<ChargeRow>();
  const byImo = new Map<string, Charge[]>();
  for (const charge of results.map(toCharge)) {
    const list = byImo.get(charge.imo) ?? [];
    list.push(charge);
    byImo.set(charge.imo, list);
  }
  return byImo;
}

/**
 * Marks a charge void (once; voiding again keeps the first time) and returns
 * it; undefined when the account has no such charge for that vessel.
 */
export async function voidCharge(
  db: D1Database,
  accountId: string,
  imo: string,
  chargeId: string,
  voidedAt: string,
): Promise<Charge | undefined> {
  const [, read] = await db.batch([
    db
      .prepare('UPDATE charges SET voided_at = ? WHERE id = ? AND account_id = ? AND imo = ? AND voided_at IS NULL')
      .bind(voidedAt, chargeId, accountId, imo),
    db.prepare('SELECT * FROM charges WHERE id = ? AND account_id = ? AND imo = ?').bind(chargeId, accountId, imo),
  ]);
  const row = (read?.results as ChargeRow[] | undefined)?.[0];
  return row ? toCharge(row) : undefined;
}
