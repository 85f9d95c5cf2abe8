/**
 * The vessel registry: PUT/GET/DELETE /v1/vessels/{imo}, its history,
 * GET /v1/vessels (list) and POST /v1/vessels (CSV import); and the account
 * setting that lets publishable keys quote stored vessels by IMO. Secret keys
 * only; each account sees only its own vessels.
 */
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import {
  currentProfile,
  deleteProfile,
  listProfiles,
  profileHistory,
  publishableImoQuotes,
  putProfile,
  putProfiles,
  setPublishableImoQuotes,
  type VesselProfile,
} from '../../accounts/vessel-profiles';
import { BatchFormatError, BatchLimitError } from '../../batch/items';
import { vesselsFromCsv } from '../../batch/vessel-csv';
import { nowMillis } from '../../lib/clock';
import { utcTimestamp } from '../../lib/time';
import { database, stored } from '../d1';
import type { AppEnv } from '../env';
import { requireSecretKey } from '../middleware/auth';
import { VesselParams } from '../openapi/account-schemas';
import { jsonWithExample } from '../openapi/examples';
import { accountProblemResponses, secretKeySecurity } from '../openapi/key-schemes';
import { ProblemSchema, problemResponses, Vessel } from '../openapi/quote-schemas';
import {
  AccountSettings,
  VESSEL_IMPORT_ROWS,
  VESSEL_PAGE,
  VesselGetQuery,
  VesselHistory,
  VesselImportResult,
  VesselListQuery,
  VesselProfileBody,
  VesselProfileList,
  VesselProfileSchema,
} from '../openapi/registry-schemas';
import { createRoute } from '../openapi/route';
import { type FieldError, invalidRequest, ProblemError, zodErrors } from '../problem';
import { exampleQuoteRequest } from './quotes';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/**
 * The vessel of the quote example, stored first with a Danish operator (version 1), replaced when a Chinese
 * operator took over before its call at Los Angeles (version 2), and deleted a year later (version 3).
 */
const exampleVessel = exampleQuoteRequest.vessel;
const exampleImo = exampleVessel.imo;
const exampleVersions = [
  {
    imo: exampleImo,
    version: 1,
    vessel: { ...exampleVessel, operator: { country: 'DK' } },
    deleted: false,
    createdAt: '2025-09-02T08:41:17.204Z',
  },
  { imo: exampleImo, version: 2, vessel: exampleVessel, deleted: false, createdAt: '2025-10-06T14:05:52.918Z' },
  { imo: exampleImo, version: 3, vessel: null, deleted: true, createdAt: '2026-11-28T09:12:03.377Z' },
] as const satisfies ReadonlyArray<z.input<typeof VesselProfileSchema>>;
const [firstVersion, currentVersion, deletion] = exampleVersions;

/** Two vessels in the CSV columns: the example vessel as currently stored, and a bulk carrier new to the registry. */
const exampleCsv = [
  'imo,type,flag,buildCountry,netTonnage,deadweight,teuCapacity,ownerCountry,operatorCountry',
  [
    exampleImo,
    exampleVessel.type,
    exampleVessel.flag,
    exampleVessel.buildCountry,
    exampleVessel.netTonnage,
    exampleVessel.deadweight,
    exampleVessel.teuCapacity,
    exampleVessel.owner.country,
    exampleVessel.operator.country,
  ].join(','),
  '9074729,dry_bulk,LR,CN,25412,81600,,GR,DK',
  '',
].join('\n');

const notFound = (imo: string) =>
  new ProblemError(404, 'not-found', 'Not found', `This account has no vessel ${imo} in its registry.`, [
    { path: 'imo', message: 'no stored vessel with this IMO' },
  ]);

const put = createRoute({
  method: 'put',
  path: '/v1/vessels/{imo}',
  tags: ['Vessel registry'],
  summary: "Store a vessel as the account's profile",
  description:
    'The body is the `vessel` object of a quote request. 201 when the account had no profile for this IMO, 200 when it ' +
    'replaced one (the earlier version is kept as history) or when the body equals the current profile (no new version).',
  security: secretKeySecurity,
  request: {
    params: VesselParams,
    body: { required: true, content: { 'application/json': { schema: VesselProfileBody } } },
  },
  responses: {
    200: jsonWithExample('Replaced, or unchanged', VesselProfileSchema, currentVersion),
    201: jsonWithExample('Stored for the first time (or again after a deletion)', VesselProfileSchema, firstVersion),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const getOne = createRoute({
  method: 'get',
  path: '/v1/vessels/{imo}',
  tags: ['Vessel registry'],
  summary: 'The current profile of a stored vessel (with ?history=true, every version)',
  security: secretKeySecurity,
  request: { params: VesselParams, query: VesselGetQuery },
  responses: {
    200: jsonWithExample('The profile, or its history', VesselProfileSchema.or(VesselHistory), currentVersion),
    404: problem('No current profile with this IMO'),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const history = createRoute({
  method: 'get',
  path: '/v1/vessels/{imo}/history',
  tags: ['Vessel registry'],
  summary: 'Every version of a vessel profile, deletions included, oldest first',
  security: secretKeySecurity,
  request: { params: VesselParams },
  responses: {
    200: jsonWithExample('The versions', VesselHistory, { imo: exampleImo, versions: [...exampleVersions] }),
    404: problem('The account never stored this IMO'),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/vessels/{imo}',
  tags: ['Vessel registry'],
  summary: 'Stop using a profile (its history is kept)',
  security: secretKeySecurity,
  request: { params: VesselParams },
  responses: {
    200: jsonWithExample('The deletion, recorded as a version', VesselProfileSchema, deletion),
    404: problem('No current profile with this IMO'),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/vessels',
  tags: ['Vessel registry'],
  summary: "The account's current vessel profiles, by IMO",
  security: secretKeySecurity,
  request: { query: VesselListQuery },
  responses: {
    200: jsonWithExample('One page of profiles', VesselProfileList, {
      vessels: [{ ...currentVersion, href: `/v1/vessels/${exampleImo}` }],
      next: null,
    }),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const importCsv = createRoute({
  method: 'post',
  path: '/v1/vessels',
  tags: ['Vessel registry'],
  summary: 'Import vessels from CSV (the vessel columns of the fleet CSV), one row per vessel',
  description:
    `At most ${VESSEL_IMPORT_ROWS} rows. Every good row is stored; bad rows are answered in a 400 problem whose errors ` +
    'name the row, the column and the field (`vessel.netTonnage`), with the stored rows in `stored`.',
  security: secretKeySecurity,
  request: {
    body: {
      required: true,
      content: {
        'text/csv': { schema: { type: 'string', description: 'RFC 4180 CSV with a header row' }, example: exampleCsv },
      },
    },
  },
  responses: {
    200: jsonWithExample('Every row stored', VesselImportResult, {
      stored: [
        { row: 2, imo: exampleImo, version: currentVersion.version, status: 'unchanged' },
        { row: 3, imo: '9074729', version: 1, status: 'created' },
      ],
    }),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const getSettings = createRoute({
  method: 'get',
  path: '/v1/account',
  tags: ['Vessel registry'],
  summary: 'Account settings',
  security: secretKeySecurity,
  responses: {
    200: jsonWithExample('The settings', AccountSettings, { publishableImoQuotes: false }),
    ...accountProblemResponses,
  },
});

const patchSettings = createRoute({
  method: 'patch',
  path: '/v1/account',
  tags: ['Vessel registry'],
  summary: 'Change account settings',
  security: secretKeySecurity,
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: AccountSettings.partial(), example: { publishableImoQuotes: true } } },
    },
  },
  responses: {
    200: jsonWithExample('The settings', AccountSettings, { publishableImoQuotes: true }),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

function view(profile: VesselProfile) {
  return {
    imo: profile.imo,
    version: profile.version,
    vessel: profile.vessel,
    deleted: profile.deleted,
    createdAt: profile.createdAt,
  };
}

const encodeCursor = (imo: string) => btoa(imo).replace(/=+$/, '');
function decodeCursor(cursor: string): string {
  try {
    const imo = atob(cursor);
    if (/^\d{7}$/.test(imo)) return imo;
  } catch {
    // falls through
  }
  throw invalidRequest([{ path: 'cursor', message: 'is not a cursor returned by this listing' }]);
}

function checkVessel(raw: Record<string, unknown>): { vessel: Record<string, unknown> } | { issues: FieldError[] } {
  const parsed = Vessel.safeParse(raw);
  return parsed.success ? { vessel: parsed.data } : { issues: zodErrors(parsed.error, ['vessel']) };
}

export const vesselRoutes = new OpenAPIHono<AppEnv>()
  .openapi(put, async (c) => {
    const { accountId } = requireSecretKey(c, 'store vessels');
    const { imo } = c.req.valid('param');
    const body = c.req.valid('json');
    if (body.imo !== undefined && body.imo !== imo)
      throw invalidRequest([{ path: 'imo', message: `differs from the IMO of the path (${imo})` }]);
    const vessel = { ...body, imo };
    const result = await stored(() => putProfile(database(c), accountId, imo, vessel, utcTimestamp(nowMillis(c.env))));
    c.header('location', `/v1/vessels/${imo}`);
    return result.created ? c.json(view(result.profile), 201) : c.json(view(result.profile), 200);
  })
  .openapi(getOne, async (c) => {
    const { accountId } = requireSecretKey(c, 'read stored vessels');
    const { imo } = c.req.valid('param');
    if (c.req.valid('query').history === 'true') {
      const versions = await stored(() => profileHistory(database(c), accountId, imo));
      if (versions.length === 0) throw notFound(imo);
      return c.json({ imo, versions: versions.map(view) }, 200);
    }
    const profile = await stored(() => currentProfile(database(c), accountId, imo));
    if (!profile) throw notFound(imo);
    return c.json(view(profile), 200);
  })
  .openapi(history, async (c) => {
    const { accountId } = requireSecretKey(c, 'read stored vessels');
    const { imo } = c.req.valid('param');
    const versions = await stored(() => profileHistory(database(c), accountId, imo));
    if (versions.length === 0) throw notFound(imo);
    return c.json({ imo, versions: versions.map(view) }, 200);
  })
  .openapi(remove, async (c) => {
    const { accountId } = requireSecretKey(c, 'delete stored vessels');
    const { imo } = c.req.valid('param');
    const deletion = await stored(() => deleteProfile(database(c), accountId, imo, utcTimestamp(nowMillis(c.env))));
    if (!deletion) throw notFound(imo);
    return c.json(view(deletion), 200);
  })
  .openapi(list, async (c) => {
    const { accountId } = requireSecretKey(c, 'list stored vessels');
    const query = c.req.valid('query');
    const limit = query.limit ?? VESSEL_PAGE.default;
    const page = await stored(() =>
      listProfiles(database(c), accountId, limit + 1, query.cursor ? decodeCursor(query.cursor) : undefined),
    );
    const vessels = page.slice(0, limit);
    const last = vessels.at(-1);
    return c.json(
      {
        vessels: vessels.map((profile) => ({ ...view(profile), href: `/v1/vessels/${profile.imo}` })),
        next: page.length > limit && last ? encodeCursor(last.imo) : null,
      },
      200,
    );
  })
  .openapi(importCsv, async (c) => {
    const { accountId } = requireSecretKey(c, 'import vessels');
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'text/csv')
      throw new ProblemError(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        `Send the vessels as text/csv (one vessel per row), not ${mediaType || 'a body without a Content-Type'}; store one vessel with PUT /v1/vessels/{imo}.`,
      );
    let read: ReturnType<typeof vesselsFromCsv>;
    try {
      read = vesselsFromCsv(await c.req.text(), checkVessel, VESSEL_IMPORT_ROWS);
    } catch (error) {
      if (error instanceof BatchLimitError)
        throw new ProblemError(413, 'import-too-large', 'Import too large', error.message, [
          { path: '', message: error.message },
        ]);
      if (error instanceof BatchFormatError)
        throw invalidRequest(
          error.errors.map((e) => ({ ...e, path: e.path || (e.column ?? ''), message: `row ${e.row}: ${e.message}` })),
          `The vessel CSV cannot be read: ${error.message}`,
        );
      throw error;
    }
    const now = utcTimestamp(nowMillis(c.env));
    // One D1 batch (all rows or none): 1,000 rows are 20 statements, not 2 per row one after the other.
    const results = await stored(() => putProfiles(database(c), accountId, read.vessels, now));
    const storedRows = read.vessels.map((row, i) => {
      const result = results[i]!;
      return {
        row: row.row,
        imo: row.imo,
        version: result.profile.version,
        status: result.created ? ('created' as const) : result.changed ? ('replaced' as const) : ('unchanged' as const),
      };
    });
    if (read.errors.length > 0) {
      const rows = [...new Set(read.errors.map((error) => error.row))];
      throw new ProblemError(
        400,
        'invalid-rows',
        'Invalid rows',
        `${rows.length} row${rows.length === 1 ? '' : 's'} (${rows.join(', ')}) could not be stored; the ${storedRows.length} other row${storedRows.length === 1 ? ' was' : 's were'} stored.`,
        read.errors.map((error) => ({
          ...error,
          path: error.path || (error.column ?? ''),
          message: `row ${error.row}${error.column ? `, column ${error.column}` : ''}: ${error.message}`,
        })),
        {},
        { stored: storedRows },
      );
    }
    return c.json({ stored: storedRows }, 200);
  })
  .openapi(getSettings, async (c) => {
    const { accountId } = requireSecretKey(c, 'read account settings');
    return c.json({ publishableImoQuotes: await stored(() => publishableImoQuotes(database(c), accountId)) }, 200);
  })
  .openapi(patchSettings, async (c) => {
    const { accountId } = requireSecretKey(c, 'change account settings');
    const body = c.req.valid('json');
    if (body.publishableImoQuotes !== undefined) {
      const on = body.publishableImoQuotes;
      await stored(() => setPublishableImoQuotes(database(c), accountId, on));
    }
    return c.json({ publishableImoQuotes: await stored(() => publishableImoQuotes(database(c), accountId)) }, 200);
  });
