import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { webhookReceiver } from './tests/support/webhook-receiver';

// Every test runs inside workerd, with the Worker of wrangler.toml as `main`.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      main: './src/index.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        // D1 migrations are applied by tests/support/d1-setup.ts; MIGRATION_DB is an empty database for migration tests.
        // ORIGIN_CACHE_SECONDS=0: a key created by a test permits its origin at once (tests/api/quotas.test.ts turns the cache on).
        // Rate limits are off for the suite (many requests share one client); tests/accounts/rate-limit.test.ts turns them on.
        // Webhook tests: a test-only WEBHOOK_KEY, retries without delay, and no outbound request leaves the machine.
        // Fleet jobs: chunks of 1 vessel, sent to a queue nothing consumes: tests/jobs drive the consumer themselves.
        // PORTFEES_NOW=2028-06-01 (or a date-time with an offset) stands the Worker's clock still there (src/lib/clock.ts):
        // the suite must pass on any day, so it is run with the clock set as well as without.
        bindings: {
          ...(process.env.PORTFEES_NOW ? { NOW: process.env.PORTFEES_NOW } : {}),
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
          RATE_LIMITS: 'off',
          ORIGIN_CACHE_SECONDS: '0',
          WEBHOOK_KEY: 'test-only-webhook-key',
          WEBHOOK_RETRY_BASE_SECONDS: '0',
          JOB_CHUNK_VESSELS: '1',
        },
        queueProducers: { JOB_QUEUE: { queueName: 'portfees-jobs-undelivered' } },
        d1Databases: ['MIGRATION_DB'],
        outboundService: webhookReceiver,
      },
    })),
  ],
  test: {
    include: ['tests/**/*.test.ts'],
    // Starting a Worker runtime per file was most of the suite's time: instead each of two runtimes runs its
    // share of the files, one after another, and each file gets a fresh D1 database (tests/support/d1-setup.ts).
    // Module state (caches) is shared within a runtime, so no test may depend on it being empty.
    isolate: false,
    maxWorkers: 2,
    // Generous: the machine running the suite may be busy with other work; a test's speed is not its subject.
    testTimeout: 30_000,
    // One fast-check seed per run, taken by every property test (tests/support/fast-check-setup.ts) and
    // printed when one fails; set FC_SEED to replay.
    provide: { fcSeed: Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31)) },
    setupFiles: ['./tests/support/d1-setup.ts', './tests/support/fast-check-setup.ts'],
  },
});
