/**
 * Quoting a stored vessel by IMO: a request whose `vessel` has an `imo` but
 * lacks a field the vessel needs is completed from the caller's registry.
 * Fields given beside the IMO replace the stored ones (each top-level field
 * whole) for that quote only; the merged vessel is then validated by the full
 * schema, so errors still name `vessel.<field>`. A complete vessel quotes as
 * itself and never reads the registry.
 *
 * Secret keys may do this; publishable keys only where the account turned it
 * on, and they never read a profile back. Anyone else, or an IMO the account
 * has not stored, is answered 400 naming `vessel`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { currentProfile, currentProfiles, publishableImoQuotes, type VesselProfile } from '../accounts/vessel-profiles';
import { database, stored } from './d1';
import type { AppEnv } from './env';
import { callerOf } from './middleware/caller';
import { isValidImo, QuoteRequest } from './openapi/quote-schemas';
import { formatPath, invalidRequest, ProblemError, zodErrors } from './problem';

/** The fields every vessel needs; a vessel missing any of them is a reference by IMO. */
const REQUIRED_FIELDS = ['type', 'flag', 'buildCountry', 'netTonnage', 'owner', 'operator'] as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The IMO of a vessel given by reference, and the fields it lacks; undefined for a complete or unreadable vessel. */
export function vesselReference(vessel: unknown): { imo: string; missing: string[] } | undefined {
  if (!isObject(vessel) || typeof vessel.imo !== 'string' || !isValidImo(vessel.imo)) return undefined;
  const missing = REQUIRED_FIELDS.filter((field) => vessel[field] === undefined);
  return missing.length > 0 ? { imo: vessel.imo, missing } : undefined;
}

/** The stored vessel with the request's own fields laid over it. */
export function mergeVessel(stored: Json, given: Json): Json {
  return { ...stored, ...given };
}

/** Why a vessel reference cannot be resolved: 400 naming `vessel`, with the other problems of the request after it. */
function refused(
  path: ReadonlyArray<PropertyKey>,
  body: unknown,
  reason: string,
  status: 400 | 403 = 400,
  { vesselFields = true }: { vesselFields?: boolean } = {},
) {
  const where = formatPath([...path, 'vessel']);
  const request = path.reduce<unknown>((node, key) => (isObject(node) ? node[key as string] : undefined), body);
  const parsed = QuoteRequest.safeParse(request);
  // The vessel's own missing fields follow, so each is still named as it would be without the registry.
  const others = parsed.success
    ? []
    : zodErrors(parsed.error, path).filter(
        (error) => error.path !== where && (vesselFields || !error.path.startsWith(`${where}.`)),
      );
  const errors = [{ path: where, message: reason }, ...others];
  if (status === 403)
    return new ProblemError(403, 'imo-quotes-not-enabled', 'Quotes by IMO not enabled', reason, errors);
  return invalidRequest(errors);
}

/**
 * The profile a reference resolves to for this caller.
 * @throws ProblemError when the caller may not quote by IMO or the IMO is not stored.
 */
async function resolve(
  c: Context<AppEnv>,
  reference: { imo: string; missing: string[] },
  path: ReadonlyArray<PropertyKey>,
  body: unknown,
): Promise<VesselProfile> {
  const client = callerOf(c);
  const lacking = `the vessel lacks ${reference.missing.join(', ')}`;
  if (client.kind === 'anonymous')
    throw refused(
      path,
      body,
      `${lacking}: give the whole vessel, or quote a vessel stored in your account's registry by IMO with an API key`,
    );
  if (client.kind === 'publishable') {
    const allowed = await stored(() => publishableImoQuotes(database(c), client.accountId));
    if (!allowed)
      throw refused(
        path,
        body,
        `${lacking}: this account does not let publishable keys quote stored vessels by IMO (PATCH /v1/account)`,
        403,
      );
  }
  const profile = await stored(() => currentProfile(database(c), client.accountId, reference.imo));
  if (!profile?.vessel)
    // One message: the fields the stored vessel would have given are not the caller's mistake.
    throw refused(
      path,
      body,
      `this account's registry has no vessel ${reference.imo}: store it with PUT /v1/vessels/${reference.imo}, or give the whole vessel (it lacks ${reference.missing.join(', ')})`,
      400,
      { vesselFields: false },
    );
  return profile;
}

/**
 * Middleware for JSON quoting routes: completes `vessel` (found at `path`
 * inside the body) from the registry before the route validates the body,
 * and records which profile version was used as `vesselProfile`.
 */
export function vesselByImo(path: ReadonlyArray<string>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/json') return next();
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return next(); // the route's validator names the malformed body
    }
    const request = path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), body);
    if (!isObject(request)) return next();
    const reference = vesselReference(request.vessel);
    if (!reference) return next();
    const profile = await resolve(c, reference, path, body);
    request.vessel = mergeVessel(profile.vessel!, request.vessel as Json);
    // The validator reads the body through this cache: it now sees the merged vessel.
    c.req.bodyCache = { text: Promise.resolve(JSON.stringify(body)) } as unknown as typeof c.req.bodyCache;
    c.set('vesselProfile', { imo: profile.imo, version: profile.version });
    return next();
  };
}

/** The caller's registry as a fleet batch sees it: read once, then each request completed without I/O. */
export interface VesselRegistryView {
  complete(raw: unknown): { raw: unknown } | { issues: Array<{ path: string; message: string }> };
}

/** Reads the caller's current profiles once (secret keys, and publishable keys where the account allows it). */
export async function vesselRegistryView(c: Context<AppEnv>): Promise<VesselRegistryView> {
  const client = callerOf(c);
  let profiles: Map<string, VesselProfile> | undefined;
  let refusal = "quote a vessel stored in your account's registry by IMO with an API key";
  if (client.kind !== 'anonymous') {
    const allowed =
      client.kind === 'secret' || (await stored(() => publishableImoQuotes(database(c), client.accountId)));
    if (allowed) profiles = await stored(() => currentProfiles(database(c), client.accountId));
    else refusal = 'this account does not let publishable keys quote stored vessels by IMO';
  }
  return {
    complete(raw) {
      if (!isObject(raw)) return { raw };
      const reference = vesselReference(raw.vessel);
      if (!reference) return { raw };
      const lacking = `the vessel lacks ${reference.missing.join(', ')}`;
      const profile = profiles?.get(reference.imo);
      if (!profiles)
        return { issues: [{ path: 'vessel', message: `${lacking}: give the whole vessel, or ${refusal}` }] };
      if (!profile?.vessel)
        return {
          issues: [
            { path: 'vessel', message: `${lacking}, and this account's registry has no vessel ${reference.imo}` },
          ],
        };
      return { raw: { ...raw, vessel: mergeVessel(profile.vessel, raw.vessel as Json) } };
    },
  };
}
