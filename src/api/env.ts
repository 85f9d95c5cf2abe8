import type { TariffRegistry } from '../tariffs/registry';

/**
 * Bindings of the Worker: generated from wrangler.toml by `wrangler types`
 * into worker-configuration.d.ts (`npm run types`; `npm test` checks it is current).
 */
export type Bindings = Env & Secrets;

/** Secrets and optional settings that wrangler.toml does not declare. */
interface Secrets {
  /** Worker secret that encrypts webhook signing secrets (`wrangler secret put WEBHOOK_KEY`). */
  WEBHOOK_KEY?: string;
  /** `on` lets webhook URLs be http to loopback addresses (development and tests only). */
  WEBHOOKS_ALLOW_LOOPBACK?: string;
  /** First retry delay of a failed webhook delivery, in seconds (doubles on each retry; default 30). */
  WEBHOOK_RETRY_BASE_SECONDS?: string;
  /** Stands the clock still at this instant (`2028-06-01` or a date-time with an offset): tests and drills; see src/lib/clock.ts. */
  NOW?: string;
  /** Vessels per job chunk, when not the default (tests use small chunks). */
  JOB_CHUNK_VESSELS?: string;
}

/** Who is calling: nobody in particular, or the holder of an account's key. */
export type Client =
  | { kind: 'anonymous' }
  | { kind: import('../accounts/keys').KeyKind; accountId: string; keyId: string };

export interface Variables {
  requestId: string;
  /** Who is calling, set by the authentication middleware on /v1. */
  client?: Client;
  /** The tariff registry to quote with, when not the shipped one (tests adding a version). */
  registry?: TariffRegistry;
  /** The countermeasure lists to screen with, when not the shipped ones (tests adding a list version). */
  lists?: import('../lists/registry').ListRegistry;
  /** The stored vessel profile a quote by IMO used (set by vessel-by-imo.ts). */
  vesselProfile?: { imo: string; version: number };
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
