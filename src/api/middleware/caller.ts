/** Who is calling: nobody in particular, or the holder of an account's key. */
import type { Context } from 'hono';
import type { KeyKind } from '../../accounts/keys';
import type { AppEnv } from '../env';

export type Client = { kind: 'anonymous' } | { kind: KeyKind; accountId: string; keyId: string };

export const ANONYMOUS: Client = { kind: 'anonymous' };

/** The caller identified by the authentication middleware (anonymous outside /v1). */
export function callerOf(c: Context<AppEnv>): Client {
  return c.get('client') ?? ANONYMOUS;
}
