/** Who is calling: nobody in particular, or the holder of an account's key. */
import type { Context } from 'hono';
import type { AppEnv, Client } from '../env';

export type { Client };

export const ANONYMOUS: Client = { kind: 'anonymous' };

/** The caller identified by the authentication middleware (anonymous outside /v1). */
export function callerOf(c: Context<AppEnv>): Client {
  return c.get('client') ?? ANONYMOUS;
}
