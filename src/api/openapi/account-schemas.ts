/**
 * Wire schemas of saved quotes and the charge ledger; like schemas.ts they
 * validate requests and generate the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';
import { LOCODE_PATTERN } from '../../ports/index';
import { DateText, isValidImo } from './quote-schemas';

/** Saved-quote listings: default and largest page. */
export const SAVED_QUOTE_PAGE = { default: 50, max: 200 } as const;

export const Imo = z
  .string()
  .refine(isValidImo, { message: 'must be a 7-digit IMO number with a valid check digit' })
  .openapi({ example: '9310006', description: 'IMO ship number' });

export const VesselParams = z.object({ imo: Imo.openapi({ param: { name: 'imo', in: 'path' } }) });

export const QuoteIdParams = z.object({
  quoteId: z
    .string()
    .regex(/^q_[0-9a-f]{24}$/, 'must be a quote id: q_ and 24 hex digits')
    .openapi({ param: { name: 'quoteId', in: 'path' }, example: 'q_0f3c9a51b2d4e6f708192a3b' }),
});

export const ChargeParams = VesselParams.extend({
  chargeId: z
    .string()
    .regex(/^chg_[0-9a-f]{20}$/, 'must be a charge id: chg_ and 20 hex digits')
    .openapi({ param: { name: 'chargeId', in: 'path' }, example: 'chg_4be1c0a9d2f3e4a5b6c7' }),
});

export const SavedQuoteQuery = z.object({
  imo: Imo.optional(),
  from: DateText.optional().openapi({ description: 'First UTC date of saving, inclusive' }),
  to: DateText.optional().openapi({ description: 'Last UTC date of saving, inclusive' }),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(SAVED_QUOTE_PAGE.max, `must be at most ${SAVED_QUOTE_PAGE.max}`)
    .optional()
    .openapi({ description: `Page size (default ${SAVED_QUOTE_PAGE.default})` }),
  cursor: z.string().max(200).optional().openapi({ description: 'The `next` value of the previous page' }),
});

const TariffHash = z.object({ id: z.string(), regime: z.string(), sha256: z.string() });
const Money = z.object({ currency: z.string(), amount: z.string() });

export const SavedQuoteList = z
  .object({
    quotes: z.array(
      z.object({
        quoteId: z.string(),
        imo: z.string(),
        savedAt: z.string().openapi({ description: 'UTC timestamp of saving' }),
        asOf: z.string().nullable(),
        tariffs: z.array(TariffHash),
        totals: z.array(Money),
        href: z.string().openapi({ example: '/v1/quotes/q_0f3c9a51b2d4e6f708192a3b' }),
      }),
    ),
    next: z.string().nullable().openapi({ description: 'Cursor of the next page; null on the last page' }),
  })
  .openapi('SavedQuoteList');

export const ChargeRequest = z
  .object({
    regime: z.string().min(1).max(40).openapi({ example: 'us-301' }),
    date: DateText.openapi({
      description: "Date of the charge (the charging port's arrival), local to the regime's zone",
    }),
    port: z.string().regex(LOCODE_PATTERN, 'must be a UN/LOCODE, such as USLAX').openapi({ example: 'USLAX' }),
    amount: z
      .string()
      .regex(/^(0|[1-9]\d{0,14})(\.\d{1,4})?$/, 'must be a decimal string such as "3000000.00" (at most 4 decimals)')
      .openapi({ example: '3000000.00' }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code, such as USD')
      .openapi({ example: 'USD' }),
    reference: z
      .string()
      .trim()
      .min(1, 'give the payment reference')
      .max(200, 'must be at most 200 characters')
      .openapi({ example: 'PAYGOV-2025-104233' }),
  })
  .strict()
  .openapi('ChargeRequest');
export type ChargeRequest = z.infer<typeof ChargeRequest>;

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters')
    .optional()
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      description: 'Makes the write safe to retry: the same key and body return the first result',
    }),
});

export const ChargeSchema = z
  .object({
    id: z.string(),
    imo: z.string(),
    regime: z.string(),
    date: z.string(),
    port: z.string(),
    amount: z.string(),
    currency: z.string(),
    reference: z.string(),
    capYear: z.string().nullable().openapi({
      description: "Cap year the charge counts in, under the regime's current version and default assumptions",
    }),
    recordedAt: z.string(),
    voidedAt: z.string().nullable(),
    voidReason: z.string().nullable().openapi({
      description:
        'Why the ledger voided the charge itself (a repeated payment); null for live charges and voids by the account',
    }),
  })
  .openapi('Charge');

export const ChargeListQuery = z.object({
  capYear: z
    .string()
    .regex(/^\d{4}(-\d{2})?$/, 'must be a cap year label such as 2025 or 2025-26')
    .optional()
    .openapi({ description: 'Only charges in this cap year (`2025`; `2025-26` for years starting 17 April)' }),
  regime: z.string().min(1).max(40).optional().openapi({ example: 'us-301' }),
});

export const ChargeList = z
  .object({
    imo: z.string(),
    capYear: z.string().nullable(),
    regime: z.string().nullable(),
    charges: z.array(ChargeSchema),
  })
  .openapi('ChargeList');
