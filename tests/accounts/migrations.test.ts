import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createKeySql } from '../../scripts/key-commands';
import { createApp } from '../../src/api/app';
import { IMO } from '../support/vessels';

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
      return {
        statements: [
          `INSERT INTO charges (id, account_id, imo, regime, date, port, amount, currency, reference, created_at, idempotency_key, request_hash)
           SELECT 'chg_00000000000000000001', id, '${IMO}', 'us-301', '2025-10-20', 'USLAX', '3000000.00', 'USD', 'PAYGOV-1', '2025-10-21T00:00:00.000Z', 'seed-1', 'h' FROM accounts`,
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
    default:
      throw new Error(`migration ${migration} has no seed rows in tests/accounts/migrations.test.ts; add some`);
  }
}

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
      '0020_fleet_jobs.sql',
    ]);

    let key: string | undefined;
    for (let i = 0; i < migrations.length; i++) {
      const before = await dump(db);
      await applyD1Migrations(db, migrations.slice(0, i + 1));
      const after = await dump(db);
      for (const [table, rows] of Object.entries(before)) {
        // Every row is still there, with every value it had (a migration may add columns).
        expect(after[table], `${table} after ${migrations[i]!.name}`).toHaveLength(rows.length);
        for (const [r, row] of rows.entries()) expect(after[table]![r]).toMatchObject(row);
      }
      const seeds = await seedsAfter(migrations[i]!.name);
      await db.batch(seeds.statements.map((statement) => db.prepare(statement)));
      key ??= seeds.key;
    }

    const final = await dump(db);
    expect(Object.fromEntries(Object.entries(final).map(([table, rows]) => [table, rows.length]))).toEqual({
      accounts: 1,
      api_keys: 1,
      charges: 1,
      job_chunks: 1,
      jobs: 1,
      saved_quotes: 1,
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
    expect(
      ((await charges.json()) as { charges: Array<{ id: string; amount: string; capYear: string }> }).charges,
    ).toEqual([expect.objectContaining({ id: 'chg_00000000000000000001', amount: '3000000.00', capYear: '2025' })]);
  });
});
