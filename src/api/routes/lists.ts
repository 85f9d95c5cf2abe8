/**
 * The countermeasure lists (docs/rules.md §7.2): every shipped version, one
 * version as shipped, the diff of two versions, and POST /v1/screen, which
 * screens named parties without a voyage. A listing changes no amount.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { nowMillis } from '../../lib/clock';
import { localMomentMillis, todayUtc } from '../../lib/time';
import { diffLists } from '../../lists/diff';
import type { ListRegistry, LoadedList } from '../../lists/registry';
import { matchParties, namedParties, screeningAt } from '../../lists/screen';
import { shippedLists } from '../../lists/shipped';
import { shippedScenarios } from '../../tariffs/shipped';
import type { AppEnv } from '../env';
import { DiffQuery } from '../openapi/analysis-schemas';
import { computedExample } from '../openapi/examples';
import { countParties, DateText, LIMITS, Party, ProblemSchema, ScreeningRow } from '../openapi/quote-schemas';
import { createRoute } from '../openapi/route';
import { invalidRequest, ProblemError } from '../problem';
import { listsOf } from '../tariff-registry';

const ListSummary = z
  .object({
    id: z.string(),
    list: z.string(),
    title: z.string(),
    authority: z.string(),
    published: z.string(),
    summary: z.string(),
    entries: z.number().int(),
    sha256: z.string(),
  })
  .openapi('ListSummary');

/** A version as the list shows it. */
const summaryOf = (version: LoadedList): z.output<typeof ListSummary> => ({
  id: version.id,
  list: version.list,
  title: version.data.title,
  authority: version.data.authority,
  published: version.published,
  summary: version.data.summary,
  entries: version.data.entries.length,
  sha256: version.sha256,
});

/** The shipped versions the examples of the parameters and answers name. */
const EXAMPLE = { list: 'cn-countermeasures', from: '2025-10-14', version: '2025-11-10' };

/** The shipped list version `list/version`, for an example. */
function shippedVersion(version: string): LoadedList {
  const found = shippedLists().get(`${EXAMPLE.list}/${version}`);
  if (!found) throw new Error(`example names ${EXAMPLE.list}/${version}, which is not a shipped list version`);
  return found;
}

const ListParam = z.object({ list: z.string().max(60).openapi({ example: EXAMPLE.list }) });

const ListDiffQuery = DiffQuery.extend({
  from: DiffQuery.shape.from.openapi({
    description: `Older version: its date (${EXAMPLE.from}) or full id (${EXAMPLE.list}/${EXAMPLE.from})`,
    example: EXAMPLE.from,
  }),
  to: DiffQuery.shape.to.openapi({ description: 'Newer version, as `from`', example: EXAMPLE.version }),
});

const ListVersionRef = z.object({ id: z.string(), published: z.string() });

const ListDiffSchema = z
  .object({
    list: z.string(),
    from: ListVersionRef,
    to: ListVersionRef,
    changes: z.array(
      z.object({
        kind: z.enum(['added', 'removed', 'changed']),
        path: z.string().openapi({ description: 'Where in the newer file (the older one for a removal)' }),
        before: z.unknown().optional(),
        after: z.unknown().optional(),
      }),
    ),
  })
  .openapi('ListDiff');

export const ScreenRequest = z
  .object({
    parties: z.array(Party).min(1).max(LIMITS.stakes),
    asOf: DateText.optional().openapi({ description: 'Knowledge date: the list versions published on or before it' }),
    at: DateText.optional().openapi({ description: "The date of the listings' status (default asOf)" }),
    scenario: z.string().max(80).optional().openapi({
      description: 'The joint scenario that reads an unconfirmed listing (GET /v1/scenarios; default the default one)',
    }),
  })
  .strict()
  .superRefine((request, ctx) => {
    const count = countParties(request.parties);
    if (count > LIMITS.parties)
      ctx.addIssue({ code: 'custom', path: ['parties'], message: `more than ${LIMITS.parties} parties (${count})` });
  })
  .openapi('ScreenRequest');

const ScreenResponse = z
  .object({
    asOf: z.string(),
    at: z.string(),
    scenario: z.string(),
    lists: z.array(z.object({ id: z.string(), sha256: z.string() })),
    screening: z.array(ScreeningRow),
  })
  .openapi('ScreenResponse');

const problems = {
  400: { description: 'Invalid request', content: { 'application/problem+json': { schema: ProblemSchema } } },
  404: { description: 'Unknown list', content: { 'application/problem+json': { schema: ProblemSchema } } },
} as const;

const all = createRoute({
  method: 'get',
  path: '/v1/lists',
  tags: ['Lists'],
  summary: 'Every shipped countermeasure list version',
  responses: {
    200: {
      description: 'Versions, oldest first per list',
      content: {
        'application/json': computedExample(z.object({ lists: z.array(ListSummary) }), () => ({
          lists: shippedLists().versions().map(summaryOf),
        })),
      },
    },
  },
});

const diff = createRoute({
  method: 'get',
  path: '/v1/lists/{list}/diff',
  tags: ['Lists'],
  summary: 'What changed between two versions of a list',
  description: 'Entries (by id), status windows, the measure and instruments; each change names its path.',
  request: { params: ListParam, query: ListDiffQuery },
  responses: {
    200: {
      description: 'The diff',
      content: {
        'application/json': computedExample(ListDiffSchema, () =>
          diffLists(shippedVersion(EXAMPLE.from), shippedVersion(EXAMPLE.version)),
        ),
      },
    },
    ...problems,
  },
});

const one = createRoute({
  method: 'get',
  path: '/v1/lists/{list}/{version}',
  tags: ['Lists'],
  summary: 'One list version, as shipped',
  request: {
    params: ListParam.extend({ version: z.string().max(40).openapi({ example: EXAMPLE.version }) }),
  },
  responses: {
    200: {
      description: 'The list file',
      content: {
        'application/json': computedExample(
          z.record(z.string(), z.unknown()),
          () => shippedVersion(EXAMPLE.version).source as Record<string, unknown>,
        ),
      },
    },
    404: problems[404],
  },
});

const screen = createRoute({
  method: 'post',
  path: '/v1/screen',
  tags: ['Lists'],
  summary: 'Screen named parties against the countermeasure lists, without a voyage',
  description:
    'Each party and each of its holders at any depth, by name: exact, normalised (case, punctuation, spacing, legal-form words) or through an alias; ' +
    'anything looser is `possible`, never a match. The status is the listing’s on `at`. A listing changes no fee.',
  request: { body: { content: { 'application/json': { schema: ScreenRequest } }, required: true } },
  responses: {
    200: { description: 'The screening', content: { 'application/json': { schema: ScreenResponse } } },
    400: problems[400],
  },
});

function knownList(lists: ListRegistry, list: string): string {
  if (lists.lists().includes(list)) return list;
  throw new ProblemError(
    404,
    'unknown-list',
    'Unknown list',
    `No list ${list}; known lists: ${lists.lists().join(', ')}.`,
  );
}

/** The version named by a query field (a date or a full id), or a 400 naming the field and the valid versions. */
function versionFrom(lists: ListRegistry, list: string, field: string, text: string): LoadedList {
  const found = lists.get(text.includes('/') ? text : `${list}/${text}`);
  if (found?.list === list) return found;
  const valid = lists
    .versions(list)
    .map((version) => version.published)
    .join(', ');
  throw invalidRequest([{ path: field, message: `unknown version ${text} of ${list}; valid versions: ${valid}` }]);
}

export const listRoutes = new OpenAPIHono<AppEnv>()
  .openapi(all, (c) => {
    return c.json({ lists: listsOf(c).versions().map(summaryOf) }, 200);
  })
  .openapi(diff, (c) => {
    const lists = listsOf(c);
    const list = knownList(lists, c.req.valid('param').list);
    const query = c.req.valid('query');
    const from = versionFrom(lists, list, 'from', query.from);
    const to = versionFrom(lists, list, 'to', query.to);
    c.header('cache-control', 'public, max-age=300');
    return c.json(diffLists(from, to), 200);
  })
  .openapi(one, (c) => {
    const { list, version } = c.req.valid('param');
    const lists = listsOf(c);
    const found = lists.get(`${list}/${version}`);
    if (!found)
      throw new ProblemError(
        404,
        'unknown-list-version',
        'Unknown list version',
        `No list version ${list}/${version}; known versions: ${lists
          .versions()
          .map((v) => v.id)
          .join(', ')}.`,
      );
    c.header('etag', `"${found.sha256}"`);
    c.header('cache-control', 'public, max-age=300');
    return c.json(found.source as Record<string, unknown>, 200);
  })
  .openapi(screen, (c) => {
    const request = c.req.valid('json');
    const asOf = request.asOf ?? todayUtc(nowMillis(c.env));
    const at = request.at ?? asOf;
    const scenarios = shippedScenarios();
    const scenario = request.scenario === undefined ? scenarios.defaultScenario : scenarios.get(request.scenario);
    if (!scenario)
      throw invalidRequest([
        {
          path: 'scenario',
          message: `unknown scenario ${request.scenario}; valid scenarios: ${scenarios
            .list()
            .map((s) => s.id)
            .join(', ')}`,
        },
      ]);
    const versions = listsOf(c).pickAll(asOf);
    const parties = request.parties.flatMap((party, i) => namedParties(`parties[${i}]`, party));
    const matches = matchParties(parties, versions);
    const screening = screeningAt(matches, (list) => localMomentMillis(at, list.data.zone), scenario.assumptions);
    return c.json(
      {
        asOf,
        at,
        scenario: scenario.id,
        lists: versions.map((version) => ({ id: version.id, sha256: version.sha256 })),
        screening,
      },
      200,
    );
  });
