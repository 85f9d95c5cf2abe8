/** Wire schemas of the vessel registry, account settings, re-quotes and webhooks. */
import { z } from '@hono/zod-openapi';
import { isValidDate } from '../../lib/time';
import { Imo } from './account-schemas';
import { partiesWithinLimit, VesselFields } from './quote-schemas';

/** Vessel listings and imports: default and largest page, and most rows per CSV import. */
export const VESSEL_PAGE = { default: 50, max: 200 } as const;
export const VESSEL_IMPORT_ROWS = 1000;

/** PUT body: the vessel object of a quote request; `imo` may be left out (the path names it). */
export const VesselProfileBody = VesselFields.extend({ imo: Imo.optional() })
  .superRefine(partiesWithinLimit)
  .openapi('VesselProfileBody');

export const VesselProfileSchema = z
  .object({
    imo: z.string(),
    version: z.number().int().openapi({ description: 'Starts at 1; every stored change or deletion adds one' }),
    vessel: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'The vessel; null for a deletion' }),
    deleted: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('VesselProfile');

export const VesselProfileList = z
  .object({
    vessels: z.array(VesselProfileSchema.extend({ href: z.string() })),
    next: z.string().nullable().openapi({ description: 'Cursor of the next page; null on the last page' }),
  })
  .openapi('VesselProfileList');

export const VesselHistory = z
  .object({ imo: z.string(), versions: z.array(VesselProfileSchema) })
  .openapi('VesselHistory');

export const VesselListQuery = z.object({
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(VESSEL_PAGE.max, `must be at most ${VESSEL_PAGE.max}`)
    .optional()
    .openapi({ description: `Page size (default ${VESSEL_PAGE.default})` }),
  cursor: z.string().max(200).optional().openapi({ description: 'The `next` value of the previous page' }),
});

export const VesselGetQuery = z.object({
  history: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'With true, every version (as GET /v1/vessels/{imo}/history)' }),
});

export const VesselImportResult = z
  .object({
    stored: z.array(
      z.object({
        row: z.number(),
        imo: z.string(),
        version: z.number(),
        status: z.enum(['created', 'replaced', 'unchanged']),
      }),
    ),
  })
  .openapi('VesselImportResult');

export const AccountSettings = z
  .object({
    publishableImoQuotes: z.boolean().openapi({
      description:
        'Publishable keys of the account may quote a stored vessel by IMO (they never read the profile). Default false.',
    }),
  })
  .strict()
  .openapi('AccountSettings');

export const VesselProfileRef = z
  .object({ imo: z.string(), version: z.number() })
  .openapi('VesselProfileRef', { description: 'The stored profile a quote by IMO used' });

export const ChangesQuery = z.object({
  since: z
    .string()
    .max(80)
    // A date must be on the calendar (2026-02-30 is none); a tariff id is checked against the registry by the route.
    .refine((since) => !/^\d{4}-\d{2}-\d{2}$/.test(since) || isValidDate(since), {
      message: 'must be a real calendar date YYYY-MM-DD or a tariff id such as us-301/2025-11-10',
    })
    .openapi({
      description:
        'A tariff id (us-301/2025-11-10): versions published after it; or a date: versions published on or after it',
      example: '2026-11-20',
    }),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .optional()
    .openapi({ description: 'Saved quotes examined per page (default 100)' }),
  cursor: z.string().max(200).optional(),
});

const VoyageSide = z
  .object({
    outcome: z.string(),
    amount: z.string(),
    currency: z.string(),
    certainty: z.string(),
    tariff: z.string().nullable(),
  })
  .nullable();

const TotalRange = z.object({ low: z.string(), high: z.string() }).nullable();

const TotalDiff = z.object({
  currency: z.string(),
  before: z.string(),
  after: z.string(),
  delta: z.string().openapi({ description: 'after − before, a decimal string' }),
  range: z
    .object({ before: TotalRange, after: TotalRange })
    .openapi({ description: 'The low/high range of the total before and after; null when it is certain' }),
});

const Changes = z.array(z.enum(['totals', 'certainty', 'range', 'screening'])).openapi({
  description:
    'What changed: a total (any currency), a voyage’s certainty, a total’s low/high range, a listed party (`screening`)',
});

const ScreeningRowRef = z.object({
  list: z.string(),
  version: z.string(),
  entryId: z.string(),
  entry: z.string(),
  party: z.string().openapi({ description: 'Where the party sits in the request', example: 'operator' }),
  name: z.string(),
  match: z.enum(['exact', 'normalized', 'alias', 'possible']),
  status: z.enum(['in-force', 'suspended', 'unconfirmed', 'not-in-force']),
});

const ScreeningDiff = z
  .object({
    added: z.array(ScreeningRowRef),
    removed: z.array(ScreeningRowRef),
    changed: z.array(z.object({ before: ScreeningRowRef, after: ScreeningRowRef })),
  })
  .openapi({
    description:
      'Listed parties that appeared, went, or whose listing changed (status, match, effect); `possible` matches never count. Empty when the saved answer was never screened.',
  });
const Settled = z.array(z.string()).openapi({
  description: 'Assumptions the saved request pinned (itself or by its scenario) that today’s versions settled',
});

export const QuoteDiffSchema = z
  .object({
    quoteId: z.string(),
    requotedId: z.string().openapi({ description: 'The quote id of the fresh quote' }),
    asOf: z.object({ before: z.string(), after: z.string() }),
    tariffs: z.object({ before: z.array(z.string()), after: z.array(z.string()) }),
    lists: z
      .object({ before: z.array(z.string()), after: z.array(z.string()) })
      .openapi({ description: 'The countermeasure list versions screened on each side' }),
    totalsChanged: z.boolean(),
    voyagesChanged: z.boolean(),
    voyages: z.array(
      z.object({
        regime: z.string(),
        arrival: z.string(),
        calls: z.array(z.string()),
        change: z.enum(['same', 'changed', 'added', 'removed']),
        before: VoyageSide,
        after: VoyageSide,
        delta: z.string().nullable(),
        fields: z.array(z.enum(['outcome', 'amount', 'certainty', 'tariff'])),
      }),
    ),
    totals: z.array(TotalDiff),
    screening: ScreeningDiff,
    changed: Changes,
    settled: Settled,
    notes: z.array(z.string()),
  })
  .openapi('QuoteDiff');

export const ChangesList = z
  .object({
    since: z.string(),
    versions: z
      .array(z.string())
      .openapi({ description: 'The tariff and countermeasure list versions shipped since then' }),
    quotes: z.array(
      z.object({
        quoteId: z.string(),
        imo: z.string(),
        savedAt: z.string(),
        href: z.string(),
        totals: z.array(TotalDiff),
        screening: ScreeningDiff,
        changed: Changes,
        settled: Settled,
        voyages: z.number().openapi({ description: 'Voyages whose outcome, amount, certainty or tariff changed' }),
      }),
    ),
    failed: z
      .array(
        z.object({
          quoteId: z.string(),
          imo: z.string(),
          savedAt: z.string(),
          href: z.string(),
          reason: z.string(),
          errors: z.array(z.object({ path: z.string(), message: z.string() })),
        }),
      )
      .openapi({ description: 'Saved quotes of the regimes shipped since then that cannot be quoted again, with why' }),
    examined: z.number().openapi({ description: 'Saved quotes examined on this page' }),
    next: z.string().nullable().openapi({ description: 'Cursor to examine the following saved quotes' }),
  })
  .openapi('ChangesList');

export const WEBHOOK_EVENT_TYPES = [
  'tariff.published',
  'list.published',
  'quote.changed',
  'quote.requote_failed',
] as const;
/** Most live endpoints per account. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

export const WebhookCreate = z
  .object({
    url: z
      .string()
      .max(2000, 'must be at most 2000 characters')
      .openapi({ example: 'https://hooks.example.com/portfees' }),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .min(1, 'name at least one event type')
      .max(WEBHOOK_EVENT_TYPES.length)
      .refine((events) => new Set(events).size === events.length, 'names an event type twice'),
    description: z.string().max(200).optional(),
  })
  .strict()
  .openapi('WebhookCreate');

export const WebhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    createdAt: z.string(),
    deletedAt: z.string().nullable(),
  })
  .openapi('WebhookEndpoint');

export const WebhookCreated = WebhookEndpointSchema.extend({
  secret: z.string().openapi({ description: 'The signing secret (whsec_…), shown only in this answer' }),
}).openapi('WebhookCreated');

export const WebhookParams = z.object({
  id: z
    .string()
    .regex(/^wh_[0-9a-f]{20}$/, 'must be a webhook endpoint id: wh_ and 20 hex digits')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'wh_4be1c0a9d2f3e4a5b6c7' }),
});

export const DeliveryLog = z
  .object({
    endpoint: z.string(),
    deliveries: z.array(
      z.object({
        id: z.string().openapi({ description: 'The webhook-id header' }),
        type: z.string(),
        status: z.enum(['pending', 'delivered', 'retrying', 'failed']),
        attempts: z.number(),
        createdAt: z.string(),
        updatedAt: z.string(),
        payload: z.unknown(),
        log: z.array(
          z.object({
            attempt: z.number(),
            at: z.string(),
            status: z.number().nullable(),
            error: z.string().nullable(),
            durationMs: z.number(),
          }),
        ),
      }),
    ),
  })
  .openapi('WebhookDeliveryLog');

export const WebhookTestQueued = z
  .object({ deliveryId: z.string().openapi({ description: 'The webhook-id of the test delivery' }), href: z.string() })
  .openapi('WebhookTestQueued');
