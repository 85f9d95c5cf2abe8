/**
 * Authentication on /v1: a secret key in `Authorization: Bearer`, a
 * publishable key (header `x-portfees-key` or query `key`) from one of its
 * allowed origins, or nobody (anonymous quoting, limited harder).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { findApiKey } from '../../accounts/key-store';
import { isKeyShaped } from '../../accounts/keys';
import { database, stored } from '../d1';
import type { AppEnv } from '../env';
import { ProblemError } from '../problem';
import { ANONYMOUS, type Client, callerOf } from './caller';
import { enforceRateLimit } from './rate-limit';

const CHALLENGE = 'Bearer realm="portfees"';

function unauthorized(field: string, message: string, detail: string, invalidKey = true): ProblemError {
  return new ProblemError(401, 'unauthorized', 'Unauthorized', detail, [{ path: field, message }], {
    'www-authenticate': invalidKey ? `${CHALLENGE}, error="invalid_token"` : CHALLENGE,
  });
}

interface PresentedKey {
  key: string;
  /** Where it came from, as the client wrote it (for error paths). */
  field: 'Authorization' | 'x-portfees-key' | 'key';
}

function presentedKey(c: Context<AppEnv>): PresentedKey | undefined {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!match)
      throw unauthorized(
        'Authorization',
        'must be "Bearer <key>"',
        'The Authorization header must be "Bearer " followed by an API key.',
      );
    return { key: match[1]!, field: 'Authorization' };
  }
  const header = c.req.header('x-portfees-key');
  if (header !== undefined) return { key: header.trim(), field: 'x-portfees-key' };
  const query = c.req.query('key');
  if (query !== undefined) return { key: query, field: 'key' };
  return undefined;
}

/** The client a request's key names; throws 401 for a bad key and 403 for a publishable key used from a foreign origin. */
async function identify(c: Context<AppEnv>): Promise<Client> {
  const presented = presentedKey(c);
  if (!presented) return ANONYMOUS;
  const { key, field } = presented;
  if (!isKeyShaped(key))
    throw unauthorized(
      field,
      'is not a portfees API key',
      'The API key is not a portfees key (sk_live_… or pk_live_…).',
    );
  const record = await stored(() => findApiKey(database(c), key));
  if (!record)
    throw unauthorized(field, 'unknown API key', 'The API key is not known; check that it was copied whole.');
  if (record.revokedAt)
    throw unauthorized(
      field,
      `revoked on ${record.revokedAt}`,
      `The API key ${record.prefix}… was revoked on ${record.revokedAt}.`,
    );
  if (record.kind === 'secret' && field !== 'Authorization') {
    // A secret key in a URL or a widget header ends up in logs and pages: refuse it so the habit never forms.
    throw unauthorized(
      field,
      'secret keys are accepted only in Authorization: Bearer',
      'Send secret keys only in the Authorization header (Bearer); consider this key exposed and revoke it.',
    );
  }
  if (record.kind === 'publishable') {
    const origin = c.req.header('origin');
    if (!origin || !record.origins.includes(origin)) {
      throw new ProblemError(
        403,
        'origin-not-allowed',
        'Origin not allowed',
        `The publishable key ${record.prefix}… may be used only from ${record.origins.join(', ') || 'no origin'}.`,
        [
          {
            path: 'Origin',
            message: origin ? `${origin} is not an allowed origin of this key` : 'required with a publishable key',
          },
        ],
      );
    }
  }
  return { kind: record.kind, accountId: record.accountId, keyId: record.id };
}

/**
 * Middleware: sets `client` for the routes. A request refused here (a bad
 * key: 401; a publishable key from a foreign origin: 403) is counted against
 * its address's anonymous limit before it is refused, so guessing keys or
 * origins is throttled like anonymous traffic.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'OPTIONS') return next();
  let client: Client;
  try {
    client = await identify(c);
  } catch (error) {
    if (error instanceof ProblemError && (error.status === 401 || error.status === 403))
      await enforceRateLimit(c, ANONYMOUS);
    throw error;
  }
  c.set('client', client);
  await next();
};

/**
 * The account of a request made with a secret key; anonymous callers get 401
 * and publishable keys 403, naming the action they attempted.
 * @example const { accountId } = requireSecretKey(c, 'save quotes');
 */
export function requireSecretKey(c: Context<AppEnv>, action: string): { accountId: string; keyId: string } {
  const client = callerOf(c);
  if (client.kind === 'secret') return client;
  if (client.kind === 'anonymous') {
    throw unauthorized(
      'Authorization',
      `a secret API key is required to ${action}`,
      `A secret API key (Authorization: Bearer sk_live_…) is required to ${action}.`,
      false,
    );
  }
  throw new ProblemError(
    403,
    'secret-key-required',
    'Secret key required',
    `Publishable keys can quote but cannot ${action}; use a secret key in Authorization: Bearer.`,
    [{ path: 'Authorization', message: `a secret API key is required to ${action}` }],
  );
}
