import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createKeySql } from '../../scripts/key-commands';
import { createApp } from '../../src/api/app';
import { annexOneQuote, IMO } from '../support/vessels';

type Row = Record<string, unknown>;

const SAVED_RESPONSE =
  '{"quoteId":"q_0123456789abcdef01234567","asOf":"2025-12-01","totals":[{"currency":"USD","amount":"3000000.00"}]}';

/**
 * Rows written after each migration, in that migration's schema. A new
 * migration adds its entry here, so the test keeps proving that applying it
 * to a database full of the earlier data loses nothing.
 */
async function seedsAfter(migration: string): Promise<{ statements: string[]; key?: string }> {
  switch (migration) {
    case '0001_accounts_and_keys.sql': {
      const creation = await createKeySql(
        { command: 'create', name: 'Seeded Lines', kind: 'secret', origins: [], remote: false },
        '2025-10-01T00:00:00.000Z',
      );
      return { statements: creation.statements, key: creation.key };
    }
    case '0002_saved_quotes.sql':
      return {
        statements: [
          `INSERT INTO saved_quotes (account_id, quote_id, imo, created_at, request, response, tariffs)
           SELECT id, 'q_0123456789abcdef01234567', '${IMO}', '2025-10-02T00:00:00.000Z', '{}', '${SAVED_RESPONSE}', '[]' FROM accounts`,
        ],
      };
    case '0003_charge_ledger.sql':
      // One payment written three times (two of them in the same instant), one already voided copy, and another payment.
      return {
        statements: [
          chargeSeed('chg_00000000000000000003', '2025-10-20', '2025-10-21T00:00:05.000Z', 'seed-3'),
          chargeSeed('chg_00000000000000000001', '2025-10-20', '2025-10-21T00:00:00.000Z', 'seed-1'),
          chargeSeed('chg_00000000000000000002', '2025-10-20', '2025-10-21T00:00:00.000Z', null),
          chargeSeed(
            'chg_00000000000000000004',
            '2025-10-20',
            '2025-10-20T00:00:00.000Z',
            null,
            '2025-10-20T01:00:00.000Z',
          ),
          chargeSeed('chg_00000000000000000005', '2025-10-27', '2025-10-28T00:00:00.000Z', 'seed-5'),
        ],
      };
    case '0005_compressed_saved_quotes.sql':
      return {
        statements: [
          `INSERT INTO saved_quotes (account_id, quote_id, imo, created_at, request, response, tariffs, as_of, totals)
           SELECT id, 'q_0123456789abcdef01234568', '${IMO}', '2025-10-03T00:00:00.000Z', '{}', '${SAVED_RESPONSE}', '[]', '2025-12-01', '[]' FROM accounts`,
        ],
      };
    case '0004_one_live_row_per_payment.sql':
      return { statements: [chargeSeed('chg_00000000000000000006', '2025-11-03', '2025-11-04T00:00:00.000Z', null)] };
    case '0010_vessel_registry.sql':
      return {
        statements: [
          `INSERT INTO vessel_profiles (account_id, imo, version, vessel, deleted, created_at)
           SELECT id, '${IMO}', 1, '{"imo":"${IMO}"}', 0, '2025-10-22T00:00:00.000Z' FROM accounts`,
        ],
      };
    case '0011_webhooks.sql':
      return {
        statements: [
          `INSERT INTO webhook_endpoints (id, account_id, url, events, secret, created_at)
           SELECT 'wh_00000000000000000001', id, 'https://hooks.example.com/', '["quote.changed"]', 'x', '2025-10-23T00:00:00.000Z' FROM accounts`,
          `INSERT INTO webhook_deliveries (id, endpoint_id, account_id, event_type, payload, status, attempts, created_at, updated_at)
           SELECT 'msg_1', 'wh_00000000000000000001', id, 'quote.changed', '{}', 'delivered', 1, '2025-10-23T00:00:00.000Z', '2025-10-23T00:00:00.000Z' FROM accounts`,
          `INSERT INTO webhook_attempts (delivery_id, attempt, at, status, error, duration_ms)
           VALUES ('msg_1', 1, '2025-10-23T00:00:00.000Z', 204, NULL, 12)`,
          `INSERT INTO tariff_versions_seen (tariff_id, regime, published, sha256, run_id, announced, seen_at)
           VALUES ('us-301/2025-11-10', 'us-301', '2025-11-10', 'h', 'run_1', 0, '2025-10-23T00:00:00.000Z')`,
        ],
      };
    case '0020_fleet_jobs.sql':
      return {
        statements: [
          `INSERT INTO jobs (id, account_id, status, format, content_type, options, input_bytes, vessels_total, chunks_total, page_token_hash, page_expires_at, created_at, started_at)
           SELECT 'job_seeded', id, 'running', 'csv', 'text/csv', '{}', 10, 1, 1, 'h', '2025-10-09T00:00:00.000Z', '2025-10-02T00:00:00.000Z', '2025-10-02T00:00:01.000Z' FROM accounts`,
          `INSERT INTO job_chunks (job_id, seq, status, start, end, first, vessels, updated_at)
           VALUES ('job_seeded', 0, 'queued', 0, 10, 2, 1, '2025-10-02T00:00:01.000Z')`,
        ],
      };
    case '0030_requote_progress.sql':
      return {
        statements: [
          `INSERT INTO requote_runs (account_id, tariff_id, after, status, pages, created_at, updated_at)
           SELECT id, 'us-301/2025-11-10', NULL, 'done', 1, '2025-11-10T00:05:00.000Z', '2025-11-10T00:05:01.000Z' FROM accounts`,
          `INSERT INTO requote_outcomes (account_id, tariff_id, quote_id, outcome, created_at)
           SELECT id, 'us-301/2025-11-10', 'q_0123456789abcdef01234568', 'changed', '2025-11-10T00:05:01.000Z' FROM accounts`,
        ],
      };
    case '0031_job_recovery.sql':
      return {
        statements: [
          `INSERT INTO jobs (id, account_id, status, format, content_type, options, input_bytes, page_token_hash, page_expires_at, created_at, resent_at)
           SELECT 'job_resent', id, 'queued', 'csv', 'text/csv', '{}', 10, 'h', '2025-10-09T00:00:00.000Z', '2025-10-02T00:00:00.000Z', '2025-10-02T00:20:00.000Z' FROM accounts`,
        ],
      };
    case '0032_list_versions_seen.sql':
      return {
        statements: [
          `INSERT INTO list_versions_seen (list_id, list, published, sha256, run_id, announced, seen_at)
           VALUES ('cn-countermeasures/2025-11-10', 'cn-countermeasures', '2025-11-10', 'x', 'run_seed', 0, '2025-11-10T00:05:00.000Z')`,
        ],
      };
    default:
      throw new Error(`migration ${migration} has no seed rows in tests/accounts/migrations.test.ts; add some`);
  }
}

function chargeSeed(
  id: string,
  date: string,
  createdAt: string,
  idempotencyKey: string | null,
  voidedAt: string | null = null,
): string {
  return `INSERT INTO charges (id, account_id, imo, regime, date, port, amount, currency, reference, created_at, voided_at, idempotency_key, request_hash)
    SELECT '${id}', id, '${IMO}', 'us-301', '${date}', 'USLAX', '3000000.00', 'USD', 'PAYGOV-${id}', '${createdAt}',
      ${voidedAt ? `'${voidedAt}'` : 'NULL'}, ${idempotencyKey ? `'${idempotencyKey}'` : 'NULL'}, 'h' FROM accounts`;
}

/** Columns a migration may change in rows that were already there (everything else must stay as it was). */
const MAY_CHANGE: Record<string, Record<string, string[]>> = {
  '0004_one_live_row_per_payment.sql': { charges: ['voided_at'] },
};

async function tables(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations' ORDER BY name",
    )
    .all<{ name: string }>();
  return results.map((row) => row.name);
}

async function dump(db: D1Database): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of await tables(db))
    out[table] = (await db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all<Row>()).results;
  return out;
}

/** Empties the scratch database: children before parents, so foreign keys never block a drop. */
async function emptyDatabase(db: D1Database): Promise<void> {
  for (let pass = 0; pass < 5; pass++) {
    const names = [...(await tables(db)), 'd1_migrations'];
    for (const name of names)
      await db
        .prepare(`DROP TABLE IF EXISTS ${name}`)
        .run()
        .catch(() => undefined);
  }
  expect(await tables(db)).toEqual([]);
}

describe('D1 migrations', () => {
  it('apply one by one to a database that already holds data, losing nothing', async () => {
    const db = env.MIGRATION_DB;
    await emptyDatabase(db);
    const migrations = env.TEST_MIGRATIONS;
    expect(migrations.map((m) => m.name)).toEqual([
      '0001_accounts_and_keys.sql',
      '0002_saved_quotes.sql',
      '0003_charge_ledger.sql',
      '0004_one_live_row_per_payment.sql',
      '0005_compressed_saved_quotes.sql',
      '0010_vessel_registry.sql',
      '0011_webhooks.sql',
      '0020_fleet_jobs.sql',
      '0030_requote_progress.sql',
      '0031_job_recovery.sql',
      '0032_list_versions_seen.sql',
    ]);

    let key: string | undefined;
    for (let i = 0; i < migrations.length; i++) {
      const before = await dump(db);
      await applyD1Migrations(db, migrations.slice(0, i + 1));
      const after = await dump(db);
      for (const [table, rows] of Object.entries(before)) {
        // Every row is still there, with every value it had (a migration may add columns).
        expect(after[table], `${table} after ${migrations[i]!.name}`).toHaveLength(rows.length);
        const changing = MAY_CHANGE[migrations[i]!.name]?.[table] ?? [];
        const kept = (row: Row) =>
          Object.fromEntries(Object.entries(row).filter(([column]) => !changing.includes(column)));
        for (const [r, row] of rows.entries()) expect(after[table]![r]).toMatchObject(kept(row));
      }
      if (migrations[i]!.name === '0004_one_live_row_per_payment.sql') {
        // The first live row of the repeated payment is kept; the later copies are voided with a reason naming it.
        const charges = Object.fromEntries(
          after.charges!.map((row) => [row.id as string, { voided: row.voided_at !== null, reason: row.void_reason }]),
        );
        const duplicate = {
          voided: true,
          reason: expect.stringMatching(
            /^duplicate of charge chg_00000000000000000001 \(same vessel, regime, port and date\)/,
          ),
        };
        expect(charges).toEqual({
          chg_00000000000000000003: duplicate,
          chg_00000000000000000001: { voided: false, reason: null },
          chg_00000000000000000002: duplicate,
          chg_00000000000000000004: { voided: true, reason: null },
          chg_00000000000000000005: { voided: false, reason: null },
        });
        // Voided rows already voided keep their time.
        expect(after.charges!.find((row) => row.id === 'chg_00000000000000000004')?.voided_at).toBe(
          '2025-10-20T01:00:00.000Z',
        );
      }
      const seeds = await seedsAfter(migrations[i]!.name);
      await db.batch(seeds.statements.map((statement) => db.prepare(statement)));
      key ??= seeds.key;
    }

    const final = await dump(db);
    expect(Object.fromEntries(Object.entries(final).map(([table, rows]) => [table, rows.length]))).toEqual({
      accounts: 1,
      api_keys: 1,
      charges: 6,
      job_chunks: 1,
      jobs: 2,
      list_versions_seen: 1,
      requote_outcomes: 1,
      requote_runs: 1,
      saved_quotes: 2,
      tariff_versions_seen: 1,
      vessel_profiles: 1,
      webhook_attempts: 1,
      webhook_deliveries: 1,
      webhook_endpoints: 1,
    });

    // Applying again changes nothing.
    await applyD1Migrations(db, migrations);
    expect(await dump(db)).toEqual(final);

    // The Worker reads the old data through the migrated schema: the key authenticates, the quote and charge are there.
    const app = createApp();
    const workerEnv = { ...env, DB: db };
    const headers = { authorization: `Bearer ${key}` };
    const quote = await app.fetch(
      new Request('http://portfees.test/v1/quotes/q_0123456789abcdef01234567', { headers }),
      workerEnv,
    );
    expect(quote.status).toBe(200);
    expect(await quote.text()).toBe(SAVED_RESPONSE);
    const charges = await app.fetch(
      new Request(`http://portfees.test/v1/vessels/${IMO}/charges`, { headers }),
      workerEnv,
    );
    const listed = ((await charges.json()) as { charges: Array<{ id: string; voidedAt: string | null }> }).charges;
    expect(listed.map((charge) => charge.id).sort()).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => `chg_0000000000000000000${n}`),
    );
    expect(listed.filter((charge) => charge.voidedAt === null).map((charge) => charge.id)).toEqual([
      'chg_00000000000000000001',
      'chg_00000000000000000005',
      'chg_00000000000000000006',
    ]);
    expect(listed.find((charge) => charge.id === 'chg_00000000000000000001')).toMatchObject({
      amount: '3000000.00',
      capYear: '2025',
    });
    // The migrated ledger counts the repeated payment once: three earlier payments (not five), so this rotation is the fourth.
    const quoted = await app.fetch(
      new Request('http://portfees.test/v1/quotes', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(annexOneQuote('2025-11-05T06:00:00-08:00')),
      }),
      workerEnv,
    );
    expect(((await quoted.json()) as { voyages: Array<{ cap: { count: number } }> }).voyages[0]?.cap.count).toBe(4);
  });
});
