// Bindings the tests see through `env` from cloudflare:workers.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    MIGRATION_DB: D1Database;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    RATE_LIMITS?: string;
    ANONYMOUS_RATE_LIMITER: RateLimit;
    KEYED_RATE_LIMITER: RateLimit;
    JOBS_BUCKET: R2Bucket;
    JOB_QUEUE: Queue;
    JOB_CHUNK_VESSELS?: string;
  }
}
