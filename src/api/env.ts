import type { TariffRegistry } from '../tariffs/registry';

/**
 * Bindings of the Worker: generated from wrangler.toml by `wrangler types`
 * into worker-configuration.d.ts (`npm run types`; `npm test` checks it is current).
 */
export type Bindings = Env;

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
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
