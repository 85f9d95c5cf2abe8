// Bindings only the test suite has (vitest.config.ts), on top of the Worker's own,
// which `wrangler types` generates into worker-configuration.d.ts.
declare namespace Cloudflare {
  interface Env {
    MIGRATION_DB: D1Database;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    WEBHOOK_KEY: string;
    WEBHOOK_RETRY_BASE_SECONDS: string;
    JOB_CHUNK_VESSELS?: string;
    /** PORTFEES_NOW, when the suite runs with the clock set (vitest.config.ts). */
    NOW?: string;
  }
}
