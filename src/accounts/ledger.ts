/**
 * The charge ledger in D1: fees a vessel has actually paid, recorded per
 * account. Charges are voided, never deleted. A payment is one live row,
 * identified by (account, vessel, regime, charging port, local date): a
 * second write of it returns the first, whatever its Idempotency-Key. Writes
 * are safe to retry and to race: the database's unique constraints (one live
 * row per payment, one row per (account, key)) decide which write wins.
 */
import { decimal } from '../lib/money';
import { randomId } from './keys';

/** How far after today (in the regime's zone) a charge may be dated: a payment made ahead of a known arrival. */
export const LEDGER_MAX_DAYS_AHEAD = 60;

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
  /** Why the charge was voided when the ledger voided it itself (a repeated payment); null otherwise. */
  voidReason: string | null;
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

/**
 * `created`: this call wrote it; `replayed`: the payment (or this exact request) was already recorded;
 * `conflict`: the key was used for another request; `amount-conflict`: the payment is recorded with another amount.
 */
export type RecordResult = { status: 'created' | 'replayed' | 'conflict' | 'amount-conflict'; charge: Charge };

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
  void_reason: string | null;
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
    voidReason: row.void_reason ?? null,
  };
}

function insertCharge(db: D1Database, id: string, write: ChargeToRecord): D1PreparedStatement {
  const { charge } = write;
  return db
    .prepare(
      `INSERT INTO charges (id, account_id, imo, regime, date, port, amount, currency, reference, created_at, idempotency_key, request_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
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
 * Records a charge. The insert (skipped when the payment already has a live
 * row, or the key a row) and the read of every row it could have met run in
 * one batch, so of racing writes of one payment exactly one inserts and all
 * answer with the same charge.
 */
export async function recordCharge(db: D1Database, write: ChargeToRecord): Promise<RecordResult> {
  const id = randomId('chg');
  const { charge } = write;
  const [, read] = await db.batch([
    insertCharge(db, id, write),
    db
      .prepare(
        `SELECT * FROM charges WHERE id = ?1
           OR (account_id = ?2 AND idempotency_key = ?3)
           OR (account_id = ?2 AND imo = ?4 AND regime = ?5 AND port = ?6 AND date = ?7 AND voided_at IS NULL)`,
      )
      .bind(id, write.accountId, write.idempotencyKey ?? null, write.imo, charge.regime, charge.port, charge.date),
  ]);
  const rows = (read?.results as ChargeRow[] | undefined) ?? [];
  const mine = rows.find((row) => row.id === id);
  if (mine) return { status: 'created', charge: toCharge(mine) };
  const byKey =
    write.idempotencyKey === undefined ? undefined : rows.find((row) => row.idempotency_key === write.idempotencyKey);
  if (byKey)
    return { status: byKey.request_hash === write.requestHash ? 'replayed' : 'conflict', charge: toCharge(byKey) };
  const payment = rows.find((row) => row.voided_at === null);
  if (!payment) throw new Error(`charge ${id} was neither written nor found`);
  const sameAmount = decimal(payment.amount).equals(decimal(charge.amount)) && payment.currency === charge.currency;
  return { status: sameAmount ? 'replayed' : 'amount-conflict', charge: toCharge(payment) };
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
