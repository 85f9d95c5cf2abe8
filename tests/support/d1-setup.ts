// Before every test file: a fresh D1 database. The files of one Worker runtime run one after another in it
// (vitest.config.ts, `isolate: false`), so every table a file may have written is dropped and the migrations applied again.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

const { results } = await env.DB.prepare(
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
).all<{ name: string }>();
if (results.length > 0) {
  await env.DB.batch([
    env.DB.prepare('PRAGMA defer_foreign_keys = on'),
    ...results.map(({ name }) => env.DB.prepare(`DROP TABLE "${name.replaceAll('"', '""')}"`)),
  ]);
}
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
