/**
 * Accounts and keys for tests, made with the same SQL `npm run keys` runs
 * (scripts/key-commands.ts), executed on the test D1 database.
 */
import { env } from 'cloudflare:workers';
import { createKeySql, type KeyCreation, revokeKeySql } from '../../scripts/key-commands';
import type { KeyKind } from '../../src/accounts/keys';
import { call, postJson } from './worker';

export interface KeyOptions {
  name?: string;
  kind?: KeyKind;
  origins?: string[];
  accountId?: string;
}

/** Creates a key (and a new account unless `accountId` is given). */
export async function createKey(options: KeyOptions = {}): Promise<KeyCreation> {
  const creation = await createKeySql(
    {
      command: 'create',
      name: options.name ?? 'Test Lines',
      kind: options.kind ?? 'secret',
      origins: options.origins ?? [],
      accountId: options.accountId,
      remote: false,
    },
    new Date().toISOString(),
  );
  await env.DB.batch(creation.statements.map((statement) => env.DB.prepare(statement)));
  return creation;
}

export async function revokeKey(keyId: string): Promise<void> {
  await env.DB.batch(revokeKeySql(keyId, new Date().toISOString()).map((statement) => env.DB.prepare(statement)));
}

export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** A Section 301 fee paid while the fees were in force: 60,000 NT × 50 USD = 3,000,000.00 USD, the body of a charge. */
export const paidCharge = (date: string, port = 'USLAX', reference = `PAYGOV-${date}`) => ({
  regime: 'us-301',
  date,
  port,
  amount: '3000000.00',
  currency: 'USD',
  reference,
});

/** POST /v1/vessels/{imo}/charges with a secret key. */
export function recordCharge(
  key: string,
  imo: string,
  charge: Record<string, unknown>,
  idempotencyKey?: string,
): Promise<Response> {
  return postJson(`/v1/vessels/${imo}/charges`, charge, {
    ...bearer(key),
    ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
  });
}

export function getJson(path: string, key: string): Promise<Response> {
  return call(path, { headers: bearer(key) });
}
