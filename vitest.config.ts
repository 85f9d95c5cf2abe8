import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Every test runs inside workerd, with the Worker of wrangler.toml as `main`.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      main: './src/index.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        // D1 migrations are applied by tests/support/d1-setup.ts; MIGRATION_DB is an empty database for migration tests.
        // Rate limits are off for the suite (many requests share one client); tests/accounts/rate-limit.test.ts turns them on.
        // Fleet jobs: chunks of 1 vessel, sent to a queue nothing consumes: tests/jobs drive the consumer themselves.
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
          RATE_LIMITS: 'off',
          JOB_CHUNK_VESSELS: '1',
        },
        queueProducers: { JOB_QUEUE: { queueName: 'portfees-jobs-undelivered' } },
        d1Databases: ['MIGRATION_DB'],
      },
    })),
  ],
  test: {
    include: ['tests/**/*.test.ts'],
    // One fast-check seed per run, printed by the property tests; set FC_SEED to replay.
    provide: { fcSeed: Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31)) },
    setupFiles: ['./tests/support/d1-setup.ts'],
  },
});
