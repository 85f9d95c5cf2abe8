/**
 * API keys in D1: finding the key a request presents, and the origins that
 * publishable keys allow. Keys are created and revoked by `npm run keys`
 * (scripts/keys.ts), never by the Worker.
 */
import { hashesEqual, hashKey, type KeyKind, lookupPrefix } from './keys';

/** A stored key, without its hash. */
export interface ApiKeyRecord {
  id: string;
  accountId: string;
  kind: KeyKind;
  prefix: string;
  name: string;
  origins: string[];
  createdAt: string;
  revokedAt: string | null;
}

interface ApiKeyRow {
  id: string;
  account_id: string;
  kind: KeyKind;
  prefix: string;
  hash: string;
  name: string;
  origins: string;
  created_at: string;
  revoked_at: string | null;
}

function parseOrigins(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch (error) {
    // A key's stored origins that are not JSON permit no origin; the row is named so it can be repaired.
    console.error('api key origins unreadable', error instanceof Error ? error.message : error);
    return [];
  }
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    prefix: row.prefix,
    name: row.name,
    origins: parseOrigins(row.origins),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * The stored key matching a presented key, revoked or not; undefined when none
 * does. Rows are narrowed by the clear prefix, then every candidate's hash is
 * compared in constant time (the hash itself never drives the index lookup).
 */
export async function findApiKey(db: D1Database, presented: string): Promise<ApiKeyRecord | undefined> {
  const [hash, { results }] = await Promise.all([
    hashKey(presented),
    db.prepare('SELECT * FROM api_keys WHERE prefix = ?').bind(lookupPrefix(presented)).all<ApiKeyRow>(),
  ]);
  let match: ApiKeyRow | undefined;
  for (const row of results) if (hashesEqual(row.hash, hash)) match = row;
  return match ? toRecord(match) : undefined;
}

/**
 * Every origin some live publishable key is bound to, sorted and without
 * duplicates: once a publishable key exists, these are the origins the widget
 * may be embedded in.
 * @example await publishableKeyOrigins(env.DB) // ['https://desk.example.com']
 */
export async function publishableKeyOrigins(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT origins FROM api_keys WHERE kind = 'publishable' AND revoked_at IS NULL")
    .all<{ origins: string }>();
  return [...new Set(results.flatMap((row) => parseOrigins(row.origins)))].sort();
}
