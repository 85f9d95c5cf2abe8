/**
 * The vessel registry in D1: an account's stored vessel profiles. Every PUT
 * adds a version and a DELETE adds a deletion version, so the history of a
 * vessel is never rewritten. The current profile is the highest version,
 * unless that version is a deletion.
 */

export interface VesselProfile {
  imo: string;
  version: number;
  /** The vessel object of a quote request; null for a deletion. */
  vessel: Record<string, unknown> | null;
  deleted: boolean;
  createdAt: string;
}

interface ProfileRow {
  imo: string;
  version: number;
  vessel: string | null;
  deleted: number;
  created_at: string;
}

function toProfile(row: ProfileRow): VesselProfile {
  return {
    imo: row.imo,
    version: row.version,
    vessel: row.vessel ? (JSON.parse(row.vessel) as Record<string, unknown>) : null,
    deleted: row.deleted === 1,
    createdAt: row.created_at,
  };
}

/** The next version number of a vessel, computed inside the INSERT so concurrent writers never share one. */
const NEXT_VERSION = '(SELECT COALESCE(MAX(version), 0) + 1 FROM vessel_profiles WHERE account_id = ?1 AND imo = ?2)';

/** The latest version of a vessel, deleted or not; undefined when the account never stored it. */
export async function latestProfile(
  db: D1Database,
  accountId: string,
  imo: string,
): Promise<VesselProfile | undefined> {
  const row = await db
    .prepare(
      'SELECT imo, version, vessel, deleted, created_at FROM vessel_profiles WHERE account_id = ? AND imo = ? ORDER BY version DESC LIMIT 1',
    )
    .bind(accountId, imo)
    .first<ProfileRow>();
  return row ? toProfile(row) : undefined;
}

/** The profile a quote by IMO uses: the latest version when it is not a deletion. */
export async function currentProfile(
  db: D1Database,
  accountId: string,
  imo: string,
): Promise<VesselProfile | undefined> {
  const latest = await latestProfile(db, accountId, imo);
  return latest && !latest.deleted ? latest : undefined;
}

/** Every current profile of an account, by IMO (a fleet batch reads them once). */
export async function currentProfiles(db: D1Database, accountId: string): Promise<Map<string, VesselProfile>> {
  const { results } = await db
    .prepare(
      `SELECT p.imo, p.version, p.vessel, p.deleted, p.created_at FROM vessel_profiles p
       WHERE p.account_id = ?1 AND p.deleted = 0
         AND p.version = (SELECT MAX(version) FROM vessel_profiles q WHERE q.account_id = ?1 AND q.imo = p.imo)`,
    )
    .bind(accountId)
    .all<ProfileRow>();
  return new Map(results.map((row) => [row.imo, toProfile(row)]));
}

export interface StoredProfile {
  profile: VesselProfile;
  /** True when there was no current profile before (201), false when one was replaced or kept (200). */
  created: boolean;
  /** False when the vessel equals the current profile: no version was added. */
  changed: boolean;
}

/** Vessels stored by one statement pair: 1,000 imported rows are 20 statements in one D1 batch. */
export const PROFILES_PER_WRITE = 100;

/** The latest version of each vessel named in ?2 (a JSON array of `{ imo }`), deleted or not. */
const LATEST_OF = `SELECT p.imo, p.version, p.vessel, p.deleted, p.created_at FROM vessel_profiles p
  WHERE p.account_id = ?1 AND p.imo IN (SELECT json_extract(value, '$.imo') FROM json_each(?2))
    AND p.version = (SELECT MAX(version) FROM vessel_profiles q WHERE q.account_id = ?1 AND q.imo = p.imo)`;

/**
 * One version for each vessel of ?2 (a JSON array of `{ imo, vessel }`, vessel
 * as JSON text) whose current profile is not that same text. The version number
 * and the comparison are part of the insert, so concurrent identical writes
 * add one version, and concurrent different ones never share a number.
 */
const INSERT_CHANGED = `INSERT INTO vessel_profiles (account_id, imo, version, vessel, deleted, created_at)
  SELECT ?1, w.imo,
         (SELECT COALESCE(MAX(version), 0) + 1 FROM vessel_profiles q WHERE q.account_id = ?1 AND q.imo = w.imo),
         w.vessel, 0, ?3
    FROM (SELECT json_extract(value, '$.imo') AS imo, json_extract(value, '$.vessel') AS vessel FROM json_each(?2)) w
   WHERE NOT EXISTS (
     SELECT 1 FROM vessel_profiles p
      WHERE p.account_id = ?1 AND p.imo = w.imo AND p.deleted = 0 AND p.vessel = w.vessel
        AND p.version = (SELECT MAX(version) FROM vessel_profiles q WHERE q.account_id = ?1 AND q.imo = w.imo))
  RETURNING imo, version, vessel, deleted, created_at`;

/**
 * Stores vessels (distinct IMOs) as the account's profiles in one D1 batch (one
 * transaction: all or none), two statements per {@link PROFILES_PER_WRITE}
 * vessels: their profiles before, then the insert of those that changed. A
 * vessel equal to its current profile adds no version.
 */
export async function putProfiles(
  db: D1Database,
  accountId: string,
  vessels: ReadonlyArray<{ imo: string; vessel: Record<string, unknown> }>,
  now: string,
): Promise<StoredProfile[]> {
  const chunks: Array<typeof vessels> = [];
  for (let start = 0; start < vessels.length; start += PROFILES_PER_WRITE)
    chunks.push(vessels.slice(start, start + PROFILES_PER_WRITE));
  if (chunks.length === 0) return [];
  const answers = await db.batch<ProfileRow>(
    chunks.flatMap((chunk) => {
      const written = JSON.stringify(chunk.map(({ imo, vessel }) => ({ imo, vessel: JSON.stringify(vessel) })));
      return [db.prepare(LATEST_OF).bind(accountId, written), db.prepare(INSERT_CHANGED).bind(accountId, written, now)];
    }),
  );
  return chunks.flatMap((chunk, i) => {
    const previous = new Map(answers[2 * i]!.results.map((row) => [row.imo, row]));
    const added = new Map(answers[2 * i + 1]!.results.map((row) => [row.imo, row]));
    return chunk.map(({ imo }) => {
      const prior = previous.get(imo);
      const row = added.get(imo) ?? prior;
      if (!row) throw new Error(`vessel ${imo} could not be stored`);
      return { profile: toProfile(row), created: !prior || prior.deleted === 1, changed: added.has(imo) };
    });
  });
}

/** Stores one vessel as the account's profile (see {@link putProfiles}). */
export async function putProfile(
  db: D1Database,
  accountId: string,
  imo: string,
  vessel: Record<string, unknown>,
  now: string,
): Promise<StoredProfile> {
  const [result] = await putProfiles(db, accountId, [{ imo, vessel }], now);
  return result!;
}

/** Marks a vessel deleted (a new version); undefined when there is no current profile to delete. */
export async function deleteProfile(
  db: D1Database,
  accountId: string,
  imo: string,
  now: string,
): Promise<VesselProfile | undefined> {
  const row = await db
    .prepare(
      `INSERT INTO vessel_profiles (account_id, imo, version, vessel, deleted, created_at)
       SELECT ?1, ?2, ${NEXT_VERSION}, NULL, 1, ?3
       WHERE EXISTS (SELECT 1 FROM vessel_profiles p WHERE p.account_id = ?1 AND p.imo = ?2 AND p.deleted = 0
                     AND p.version = (SELECT MAX(version) FROM vessel_profiles q WHERE q.account_id = ?1 AND q.imo = ?2))
       RETURNING imo, version, vessel, deleted, created_at`,
    )
    .bind(accountId, imo, now)
    .first<ProfileRow>();
  return row ? toProfile(row) : undefined;
}

/** Every version of a vessel, oldest first (deletions included). */
export async function profileHistory(db: D1Database, accountId: string, imo: string): Promise<VesselProfile[]> {
  const { results } = await db
    .prepare(
      'SELECT imo, version, vessel, deleted, created_at FROM vessel_profiles WHERE account_id = ? AND imo = ? ORDER BY version',
    )
    .bind(accountId, imo)
    .all<ProfileRow>();
  return results.map(toProfile);
}

/** One page of the account's current profiles, by IMO ascending, after the IMO `after`. */
export async function listProfiles(
  db: D1Database,
  accountId: string,
  limit: number,
  after?: string,
): Promise<VesselProfile[]> {
  const { results } = await db
    .prepare(
      `SELECT p.imo, p.version, p.vessel, p.deleted, p.created_at FROM vessel_profiles p
       WHERE p.account_id = ?1 AND p.deleted = 0 AND p.imo > ?2
         AND p.version = (SELECT MAX(version) FROM vessel_profiles q WHERE q.account_id = ?1 AND q.imo = p.imo)
       ORDER BY p.imo LIMIT ?3`,
    )
    .bind(accountId, after ?? '', limit)
    .all<ProfileRow>();
  return results.map(toProfile);
}

/** Whether the account lets its publishable keys quote stored vessels by IMO. */
export async function publishableImoQuotes(db: D1Database, accountId: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT publishable_imo_quotes AS on_ FROM accounts WHERE id = ?')
    .bind(accountId)
    .first<{ on_: number }>();
  return row?.on_ === 1;
}

export async function setPublishableImoQuotes(db: D1Database, accountId: string, on: boolean): Promise<void> {
  await db
    .prepare('UPDATE accounts SET publishable_imo_quotes = ? WHERE id = ?')
    .bind(on ? 1 : 0, accountId)
    .run();
}
