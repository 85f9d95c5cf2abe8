import type { RequoteMessage, WebhookMessage } from '../events/messages';
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
  /** Webhook deliveries (wrangler.toml `[[queues.producers]]` portfees-webhooks). */
  WEBHOOK_QUEUE?: Queue<WebhookMessage>;
  /** Re-quotes of saved quotes after a tariff version ships, in pages (portfees-requotes). */
  REQUOTE_QUEUE?: Queue<RequoteMessage>;
  /** Worker secret that encrypts webhook signing secrets (`wrangler secret put WEBHOOK_KEY`). */
  WEBHOOK_KEY?: string;
  /** `on` lets webhook URLs be http to loopback addresses (development and tests only). */
  WEBHOOKS_ALLOW_LOOPBACK?: string;
  /** First retry delay of a failed webhook delivery, in seconds (doubles on each retry; default 30). */
  WEBHOOK_RETRY_BASE_SECONDS?: string;
}

export interface Variables {
  requestId: string;
  /** Who is calling, set by the authentication middleware on /v1. */
  client?: Client;
  /** The tariff registry to quote with, when not the shipped one (tests adding a version). */
  registry?: TariffRegistry;
  /** The stored vessel profile a quote by IMO used (set by vessel-by-imo.ts). */
  vesselProfile?: { imo: string; version: number };
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
