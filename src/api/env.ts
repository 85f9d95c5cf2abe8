import type { TariffRegistry } from '../tariffs/registry';
import type { Client } from './middleware/caller';

/** Bindings and per-request variables of the Worker. */
export interface Bindings {
  ENVIRONMENT?: string;
  /** Comma-separated origins that may call the API from a browser and frame /embed (see origins.ts). */
  ALLOWED_ORIGINS?: string;
  /** Accounts, API keys, saved quotes and the charge ledger (wrangler.toml `[[d1_databases]]`). */
  DB?: D1Database;
  /** Requests per minute per client address without a key (wrangler.toml `[[ratelimits]]`). */
  ANONYMOUS_RATE_LIMITER?: RateLimit;
  /** Requests per minute per API key. */
  KEYED_RATE_LIMITER?: RateLimit;
  /** `off` turns rate limiting off (load tests, the test suite); anything else, or nothing, leaves it on. */
  RATE_LIMITS?: string;
  /** Fleet jobs: inputs, chunk results and reports (wrangler.toml `[[r2_buckets]]`). */
  JOBS_BUCKET?: R2Bucket;
  /** Fleet jobs: split and chunk messages (wrangler.toml `[[queues.producers]]`). */
  JOB_QUEUE?: Queue<import('../jobs/consumer').JobMessage>;
  /** Vessels per job chunk, when not the default (tests use small chunks). */
  JOB_CHUNK_VESSELS?: string;
}

export interface Variables {
  requestId: string;
  /** Who is calling, set by the authentication middleware on /v1. */
  client?: Client;
  /** The tariff registry to quote with, when not the shipped one (tests adding a version). */
  registry?: TariffRegistry;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
