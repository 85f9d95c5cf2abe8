/**
 * Wire schemas of the analyst routes: version diffs, timelines, scenario
 * comparison and fleet batches. They validate requests and document the
 * answers in /openapi.json.
 */
import { z } from '@hono/zod-openapi';
import batchExample from '../../../examples/openapi/batch.json';
import { CERTAINTIES } from '../../engine';
import { DateText, QuoteRequest } from './quote-schemas';

export const RegimeParam = z.object({ regime: z.string().max(40).openapi({ example: 'us-301' }) });

const VersionText = z.string().min(1).max(80);

export const DiffQuery = z
  .object({
    from: VersionText.openapi({
      description: 'Older version: its date (2025-04-17) or full id (us-301/2025-04-17)',
      example: '2025-04-17',
    }),
    to: VersionText.openapi({ description: 'Newer version, as `from`', example: '2025-10-10' }),
  })
  .strict();

const CitationSchema = z
  .object({ title: z.string(), url: z.string(), date: z.string().optional(), reference: z.string().optional() })
  .openapi('Citation');

const VersionHeader = z.object({ id: z.string(), published: z.string(), title: z.string() });

const ErratumSchema = z
  .object({
    date: z.string().openapi({ example: '2026-12-01' }),
    path: z.string().openapi({ description: 'JSON pointer into the version file', example: '/tonnage/rounding' }),
    before: z.unknown().optional().openapi({ description: 'Absent when the correction added the field' }),
    after: z.unknown(),
    reason: z.string(),
    source: CitationSchema,
  })
  .openapi('Erratum', { description: 'A correction made in place to a shipped version' });

export const DiffResponse = z
  .object({
    regime: z.string(),
    from: VersionHeader,
    to: VersionHeader,
    counts: z.object({ added: z.number(), removed: z.number(), changed: z.number() }),
    changes: z.array(
      z.object({
        path: z.string().openapi({ example: 'rules[annex-iii].rates[2025-10-14].ceu' }),
        change: z.enum(['added', 'removed', 'changed']),
        before: z.unknown().optional(),
        after: z.unknown().optional(),
        rule: z.string().optional(),
        effective: z
          .string()
          .optional()
          .openapi({ description: 'Rate entries: the effective date of the step, in the tariff zone' }),
        version: z.string().openapi({ description: 'The version whose publication made the change' }),
        citation: CitationSchema,
      }),
    ),
    errata: z.array(ErratumSchema.extend({ version: z.string() })).openapi({
      description: 'Corrections made in place to the versions compared (the changes compare corrected files)',
    }),
  })
  .openapi('TariffDiff');

export const TimelineQuery = z
  .object({
    version: VersionText.optional().openapi({
      description: 'Version date or id; default: the latest',
      example: '2025-11-10',
    }),
    from: DateText.optional().openapi({
      description: 'First date shown, in the regime zone; default: the earliest date of the version',
      example: '2025-10-01',
    }),
    to: DateText.optional().openapi({
      description: 'End date (exclusive), in the regime zone; default: a year after the latest date of the version',
      example: '2027-01-01',
    }),
  })
  .strict();

const Span = {
  from: z.string(),
  to: z.string(),
  fromInstant: z.string().openapi({ example: '2025-10-14T00:00:00-04:00' }),
  toInstant: z.string(),
  fromMillis: z.number(),
  toMillis: z.number(),
};

export const TimelineResponse = z
  .object({
    regime: z.string(),
    version: z.object({ id: z.string(), title: z.string(), published: z.string(), sha256: z.string() }),
    zone: z.string(),
    currency: z.string(),
    range: z.object(Span),
    series: z.array(
      z.object({
        rule: z.string(),
        title: z.string(),
        unit: z.string(),
        measure: z.string(),
        steps: z.array(z.object({ ...Span, rate: z.string(), effective: z.string() })),
      }),
    ),
    statusWindows: z.array(
      z.object({
        ...Span,
        status: z.enum(['not-in-force', 'in-force', 'suspended', 'unconfirmed']),
        note: z.string(),
        scenario: z
          .object({
            assumption: z.string(),
            default: z.string().optional(),
            outcomes: z.record(z.string(), z.string()),
          })
          .optional(),
      }),
    ),
    assumptions: z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          default: z.string(),
          options: z.array(z.object({ value: z.string(), description: z.string() })),
        }),
      )
      .openapi({
        description:
          'Every assumption the version declares (options.assumptions of a quote): its values and the default reading',
      }),
    errata: z.array(ErratumSchema).openapi({ description: 'Corrections made in place to this version' }),
  })
  .openapi('Timeline');

/** Most variants in one comparison. */
export const MAX_VARIANTS = 10;

const Variant = z
  .object({
    label: z.string().max(80).optional(),
    asOf: DateText.optional().openapi({ example: '2026-11-28' }),
    scenario: z
      .string()
      .max(80)
      .optional()
      .openapi({ example: 'suspension-extended', description: 'A named joint scenario (GET /v1/scenarios)' }),
    tariffVersions: z.record(z.string().max(40), z.string().max(80)).optional(),
    assumptions: z
      .record(z.string().max(80), z.string().max(80))
      .optional()
      .openapi({ example: { 'us-301.after-suspension': 'extended' } }),
  })
  .strict()
  .openapi('Variant', {
    description: 'A scenario: its fields override the request options (pins and assumptions merged key by key).',
  });

export const CompareRequest = z
  .object({
    request: QuoteRequest,
    variants: z
      .array(Variant)
      .min(1, 'give at least one variant')
      .max(MAX_VARIANTS, `at most ${MAX_VARIANTS} variants`),
  })
  .strict()
  .openapi('CompareRequest');

const MoneySchema = z.object({ amount: z.string(), currency: z.string() });

export const CompareResponse = z
  .object({
    variants: z.array(
      z.object({
        label: z.string(),
        options: z.record(z.string(), z.unknown()),
        asOf: z.string(),
        quoteId: z.string(),
        tariffs: z.array(z.string()),
        assumptions: z.record(z.string(), z.string()),
        scenario: z.string().optional(),
        totals: z.array(MoneySchema),
        deltas: z.array(MoneySchema).openapi({ description: 'Totals minus the first variant’s, per currency' }),
      }),
    ),
    rows: z.array(
      z.object({
        regime: z.string(),
        port: z.string(),
        arrival: z.string(),
        calls: z.array(z.string()),
        cells: z.array(
          z
            .object({
              amount: z.string(),
              currency: z.string(),
              outcome: z.string(),
              certainty: z.enum(CERTAINTIES),
              rule: z.string().nullable(),
              tariff: z.string().nullable(),
              chargedAt: z.string().nullable(),
              delta: z.string().nullable(),
            })
            .nullable(),
        ),
      }),
    ),
    notes: z.array(z.string()),
    vesselProfile: z
      .object({ imo: z.string(), version: z.number() })
      .optional()
      .openapi({ description: 'The stored vessel profile used, when the vessel was given by IMO' }),
  })
  .openapi('Comparison');

/** The first key of a comma-separated list that appears twice, with the values given for it. */
export function repeatedKey(list: string, separator: string): { key: string; values: string[] } | undefined {
  const entries = list
    .split(',')
    .map(
      (entry) =>
        [entry.split(separator)[0]!, separator === '/' ? entry : entry.slice(entry.indexOf(separator) + 1)] as const,
    );
  const key = entries.map(([name]) => name).find((name, i, names) => names.indexOf(name) !== i);
  return key === undefined
    ? undefined
    : { key, values: entries.filter(([name]) => name === key).map(([, value]) => value) };
}

/** `id=value` pairs separated by commas. */
export const PAIRS = /^[a-z0-9.-]+=[a-z0-9-]+(,[a-z0-9.-]+=[a-z0-9-]+)*$/;

export const BatchQuery = z
  .object({
    asOf: DateText.optional().openapi({
      description: 'Knowledge date for every vessel (a JSON request’s own options win)',
      example: batchExample.asOf,
    }),
    scenario: z.string().max(80).optional().openapi({
      example: 'suspension-extended',
      description: 'A named joint scenario for every vessel (GET /v1/scenarios); explicit assumptions win over it',
    }),
    assumptions: z
      .string()
      .max(1000)
      .regex(PAIRS, 'write id=value pairs separated by commas, such as us-301.after-suspension=extended')
      .optional()
      .openapi({ example: 'us-301.after-suspension=extended' }),
    tariffVersions: z
      .string()
      .max(1000)
      .regex(
        /^[a-z0-9-]+\/\d{4}-\d{2}-\d{2}(,[a-z0-9-]+\/\d{4}-\d{2}-\d{2})*$/,
        'write version ids separated by commas, such as us-301/2025-10-10',
      )
      .optional(),
    detail: z
      .enum(['summary', 'full'])
      .optional()
      .openapi({ description: '`full` adds each voyage’s explanation and citations' }),
    report: z
      .enum(['true', 'false'])
      .optional()
      .openapi({ description: '`true` answers the exposure report of the fleet (JSON) instead of its results' }),
    scenarios: z.enum(['both']).optional().openapi({
      description: '`both`: quote every vessel under each joint scenario of GET /v1/scenarios (with `report=true`)',
    }),
  })
  .strict()
  .superRefine((query, ctx) => {
    const pinned = query.tariffVersions === undefined ? undefined : repeatedKey(query.tariffVersions, '/');
    if (pinned)
      ctx.addIssue({
        code: 'custom',
        path: ['tariffVersions'],
        message: `${pinned.key} is pinned twice (${pinned.values.join(', ')}); pin one version per regime`,
      });
    const set = query.assumptions === undefined ? undefined : repeatedKey(query.assumptions, '=');
    if (set)
      ctx.addIssue({
        code: 'custom',
        path: ['assumptions'],
        message: `${set.key} is set twice (${set.values.join(', ')}); set each assumption once`,
      });
  });
