/**
 * Wire schemas of the HTTP contract: they validate requests and generate the
 * OpenAPI document, so the two never drift apart.
 */

import { z } from '@hono/zod-openapi';
import { CERTAINTIES } from '../../engine';
import { isCountryCode } from '../../lib/countries';
import { isValidDate, isValidDateTimeWithOffset } from '../../lib/time';
import { LOCALES } from '../../messages/render';
import { LOCODE_PATTERN } from '../../ports/index';
import { CALL_PURPOSES, CARGO_STATES, PROGRAMS, VESSEL_TYPES } from '../../tariffs/schema';

/** Limits on one request; documented in the README and the OpenAPI document. */
export const LIMITS = {
  portCalls: 500,
  priorCharges: 200,
  stakes: 50,
  /** Levels of holders above a party (docs/rules.md §7.1). */
  holderDepth: 10,
  /** Holders of one party. */
  holders: 200,
  /** Named parties of one vessel: owner, operator, manager, charterer and every holder. */
  parties: 200,
  netTonnage: 1_000_000,
  deadweight: 1_000_000,
  teuCapacity: 50_000,
  ceuCapacity: 20_000,
  containersDischarged: 100_000,
  distanceNm: 25_000,
} as const;

/** IMO ship numbers: 7 digits whose last is Σ(digit × weight 7..2) mod 10. */
export function isValidImo(imo: string): boolean {
  // 0000000 passes the check digit but names no ship.
  if (!/^\d{7}$/.test(imo) || imo === '0000000') return false;
  let total = 0;
  for (let i = 0; i < 6; i++) total += Number(imo[i]) * (7 - i);
  return total % 10 === Number(imo[6]);
}

const Country = z
  .string()
  .refine(isCountryCode, { message: 'must be an ISO 3166-1 alpha-2 country code in capitals, such as CN or US' })
  .openapi({ example: 'PA' });

/** Dates and arrivals are accepted in this range of years: anything outside is a typing error, not a voyage. */
export const YEARS = { first: 2000, last: 2099 } as const;
const inYears = (text: string) => {
  const year = Number(text.slice(0, 4));
  return year >= YEARS.first && year <= YEARS.last;
};
const YEAR_MESSAGE = `must be in the years ${YEARS.first}–${YEARS.last}`;

/** A calendar date `YYYY-MM-DD` within {@link YEARS}. */
export const DateText = z
  .string()
  .refine(isValidDate, { message: 'must be a calendar date YYYY-MM-DD' })
  .refine(inYears, { message: YEAR_MESSAGE })
  .openapi({ example: '2025-10-20' });

const Percent = z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');
const positive = (max: number) => z.number().gt(0, 'must be greater than 0').max(max, `must be at most ${max}`);

const Stake = z
  .object({ country: Country, equity: Percent.optional(), voting: Percent.optional(), board: Percent.optional() })
  .strict()
  .openapi('Stake', { description: 'Percentages (0–100) held, directly or indirectly, by persons of `country`.' });

/** Holdings in one party must not add up to more than 100% of any measure. */
function holdingsAtMost100(
  key: 'stakes' | 'holders',
  noun: string,
): (party: { stakes?: z.infer<typeof Stake>[]; holders?: HolderShares[] }, ctx: z.RefinementCtx) => void {
  return (party, ctx) => {
    for (const measure of ['equity', 'voting', 'board'] as const) {
      const total = (party[key] ?? []).reduce((acc, stake) => acc + Math.round((stake[measure] ?? 0) * 1e6), 0) / 1e6;
      if (total > 100)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${noun} add up to ${total}% of ${measure}, more than 100%`,
        });
    }
  };
}

interface HolderShares {
  equity?: number;
  voting?: number;
  board?: number;
}

/** A holder as validated: the engine's HolderInput. */
interface HolderWire extends HolderShares {
  name?: string;
  country: string;
  holders?: HolderWire[];
}

/**
 * Holders nest at most {@link LIMITS.holderDepth} levels (docs/rules.md §7.1): one schema per level, so no
 * input, however deep, makes validation recurse further than that.
 */
function holderAt(level: number): z.ZodType<HolderWire> {
  const deeper = (
    level < LIMITS.holderDepth
      ? z.array(holderAt(level + 1)).max(LIMITS.holders)
      : z.array(z.unknown()).max(0, `holders nest at most ${LIMITS.holderDepth} levels deep`)
  ) as z.ZodType<HolderWire[]>;
  const holder = z
    .object({
      name: z.string().max(200).optional(),
      country: Country,
      equity: Percent.optional(),
      voting: Percent.optional(),
      board: Percent.optional(),
      holders: deeper.optional(),
    })
    .strict()
    .superRefine(holdingsAtMost100('holders', 'holders'));
  return (level === 1
    ? holder.openapi('Holder', {
        description: `A party holding the party above it: percentages of that party, and its own holders (at most ${LIMITS.holderDepth} levels).`,
      })
    : holder) as unknown as z.ZodType<HolderWire>;
}

export const Party = z
  .object({
    name: z.string().max(200).optional(),
    country: Country,
    stakes: z.array(Stake).max(LIMITS.stakes).optional(),
    holders: z.array(holderAt(1)).max(LIMITS.holders).optional(),
  })
  .strict()
  .superRefine(holdingsAtMost100('stakes', 'stakes'))
  .superRefine(holdingsAtMost100('holders', 'holders'))
  .openapi('Party');

/** Every party of a vessel's ownership graphs, holders included. */
export function countParties(parties: ReadonlyArray<{ holders?: unknown[] } | undefined>): number {
  let count = 0;
  const visit = (node: { holders?: unknown[] }) => {
    count += 1;
    for (const holder of node.holders ?? []) visit(holder as { holders?: unknown[] });
  };
  for (const party of parties) if (party) visit(party);
  return count;
}

const UsBuiltOrder = z
  .object({
    orderedOn: DateText,
    deliveredOn: DateText.nullable().optional(),
    netTonnage: positive(LIMITS.netTonnage).optional(),
    vesselType: z.enum(VESSEL_TYPES).optional(),
  })
  .strict()
  .refine((order) => !order.deliveredOn || order.deliveredOn >= order.orderedOn, {
    path: ['deliveredOn'],
    message: 'must not be before orderedOn',
  })
  .openapi('UsBuiltOrder');

/** The vessel's fields, before the check of its ownership graphs (extended by the vessel registry's body). */
export const VesselFields = z
  .object({
    imo: z
      .string()
      .refine(isValidImo, { message: 'must be a 7-digit IMO number with a valid check digit' })
      .openapi({ example: '9310006' }),
    name: z.string().max(200).optional(),
    type: z.enum(VESSEL_TYPES),
    flag: Country,
    buildCountry: Country,
    netTonnage: positive(LIMITS.netTonnage).openapi({
      example: 60000,
      description: 'Net tonnage (ITC 69); decimals allowed',
    }),
    deadweight: positive(LIMITS.deadweight).optional(),
    teuCapacity: positive(LIMITS.teuCapacity).optional(),
    ceuCapacity: positive(LIMITS.ceuCapacity).optional(),
    owner: Party,
    operator: Party,
    manager: Party.optional(),
    charterer: Party.optional(),
    programs: z.array(z.enum(PROGRAMS)).max(PROGRAMS.length).optional(),
    usGovernment: z.boolean().optional(),
    usBuiltOrder: UsBuiltOrder.optional(),
  })
  .strict();

type VesselParties = Partial<Record<'owner' | 'operator' | 'manager' | 'charterer', { holders?: unknown[] }>>;

/** A vessel's ownership graphs name at most {@link LIMITS.parties} parties; the issue names the role where they pass it. */
export function partiesWithinLimit(vessel: VesselParties, ctx: z.RefinementCtx): void {
  let seen = 0;
  for (const role of ['owner', 'operator', 'manager', 'charterer'] as const) {
    seen += countParties([vessel[role]]);
    if (seen > LIMITS.parties) {
      ctx.addIssue({
        code: 'custom',
        path: [role, 'holders'],
        message: `the ownership graphs name more than ${LIMITS.parties} parties (${countParties([vessel.owner, vessel.operator, vessel.manager, vessel.charterer])}), passing the limit at ${role}`,
      });
      return;
    }
  }
}

export const Vessel = VesselFields.superRefine(partiesWithinLimit).openapi('Vessel');

export const PortCall = z
  .object({
    port: z
      .string()
      .regex(LOCODE_PATTERN, 'must be a UN/LOCODE: 2-letter country and 3 letters or digits 2–9, such as USLAX')
      .openapi({ example: 'USLAX' }),
    arrival: z
      .string()
      .refine((v) => isValidDate(v) || isValidDateTimeWithOffset(v), {
        message: 'must be an ISO 8601 date-time with offset (2025-10-20T06:00:00-07:00) or a date (2025-10-20)',
      })
      .refine(inYears, { message: YEAR_MESSAGE })
      .openapi({ example: '2025-10-20T06:00:00-07:00' }),
    cargo: z.enum(CARGO_STATES).optional(),
    purpose: z.enum(CALL_PURPOSES).optional(),
    containersDischarged: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(LIMITS.containersDischarged)
      .optional(),
    distanceNm: positive(LIMITS.distanceNm).optional(),
    usGovernmentCargo: z.boolean().optional(),
    berthing: z
      .string()
      .refine((v) => isValidDate(v) || isValidDateTimeWithOffset(v), {
        message: 'must be an ISO 8601 date-time with offset (2025-10-14T09:30:00+08:00) or a date (2025-10-14)',
      })
      .refine(inYears, { message: YEAR_MESSAGE })
      .optional()
      .openapi({
        example: '2025-10-14T09:30:00+08:00',
        description:
          'When the vessel berthed (not before `arrival`): the trigger of a regime that charges on berthing (cn-spf); the arrival stands in when absent.',
      }),
  })
  .strict()
  .openapi('PortCall');

const PriorCharge = z
  .object({
    regime: z.string().min(1).max(40),
    date: DateText,
    port: z.string().regex(LOCODE_PATTERN, 'must be a UN/LOCODE').optional(),
  })
  .strict()
  .openapi('PriorCharge');

/** At most this many granted exemptions per request. */
const MAX_GRANTED_EXEMPTIONS = 20;

const GrantedExemption = z
  .object({
    regime: z.string().min(1).max(40).openapi({ example: 'cn-spf' }),
    reference: z
      .string()
      .min(1, 'name the waiver, ruling or decision that grants the exemption')
      .max(200)
      .openapi({ example: 'MSA decision 2025-117' }),
    from: DateText.optional().openapi({ description: "First arrival date covered, in the regime's time zone." }),
    to: DateText.optional().openapi({ description: "Last arrival date covered, in the regime's time zone." }),
    note: z.string().max(500).optional(),
  })
  .strict()
  .openapi('GrantedExemption', {
    description:
      'An exemption granted case by case (a waiver, a ruling). Asserted by the caller and not verified: voyages of the regime inside the window become exempt (id `granted`).',
  });

/** A message a person reads: its catalogue id, the values it names, and its words in the request's locale. */
export const MessageSchema = z
  .object({ id: z.string(), params: z.record(z.string(), z.any()), text: z.string() })
  .openapi('Message', { example: { id: 'exemption.none', params: {}, text: 'No exemption applies.' } });

/** A message, or the plain text that quotes saved before messages existed keep (their bytes are never rewritten). */
const Words = z.union([MessageSchema, z.string()]);

const Options = z
  .object({
    asOf: DateText.optional(),
    locale: z.enum(LOCALES).optional().openapi({
      example: 'zh-CN',
      description:
        'The language of explanations, notes, reasons and titles (default: `Accept-Language`, else en). It changes words only, never amounts, ids or the quote id.',
    }),
    scenario: z.string().max(80).optional().openapi({
      example: 'suspension-extended',
      description:
        'A named joint scenario (GET /v1/scenarios; default fees-resumed): it sets assumptions of both regimes; `assumptions` win over it.',
    }),
    tariffVersions: z.record(z.string().max(40), z.string().max(80)).optional(),
    assumptions: z.record(z.string().max(80), z.string().max(80)).optional(),
    fx: z
      .record(
        z.string().regex(/^[A-Z]{3}\/[A-Z]{3}$/, 'FX pairs are written BASE/QUOTE, such as USD/CNY'),
        z
          .string()
          .regex(/^\d+(\.\d+)?$/, 'must be a positive decimal string')
          .refine((v) => Number(v) > 0, 'must be greater than 0'),
      )
      .superRefine((fx, ctx) => {
        const pairs = Object.keys(fx);
        pairs.forEach((pair, i) => {
          const [base, quote] = pair.split('/');
          const reverse = pairs.indexOf(`${quote}/${base}`);
          if (base === quote)
            ctx.addIssue({
              code: 'custom',
              path: [pair],
              message: `${pair} converts a currency to itself; give a pair of two currencies`,
            });
          else if (reverse !== -1 && reverse < i)
            ctx.addIssue({
              code: 'custom',
              path: [pair],
              message: `${quote}/${base} is given too; give one rate per currency pair`,
            });
        });
      })
      .optional(),
  })
  .strict()
  .openapi('QuoteOptions');

const ClauseId = z
  .string()
  .regex(/^[a-z0-9-]{1,80}$/, 'must be a clause id such as bimco-ustr-2025 (see GET /v1/clauses)');

const CharterParty = z
  .object({
    clause: z
      .union([ClauseId, z.array(ClauseId).min(1, 'name at least one clause').max(10, 'at most 10 clauses')])
      .openapi({
        example: 'bimco-ustr-2025',
        description: 'The clause id (or ids, one per regime) of the time charter, as listed by GET /v1/clauses.',
      }),
    ownersDeclarationAccurate: z.boolean().optional().openapi({
      description: "The owners' declaration of owner, operator and build was accurate and complete (default true).",
    }),
    ownerChangeAfterFixture: z.boolean().optional().openapi({
      description:
        'Owners changed the registered owner, bareboat charterer, disponent owner, manager or operator after the fixture (default false).',
    }),
  })
  .strict()
  .openapi('CharterParty', { description: 'Who pays: each voyage then carries `payer`, `payerReason` and `clause`.' });

export const QuoteRequest = z
  .object({
    vessel: Vessel,
    portCalls: z
      .array(PortCall)
      .min(1, 'give at least one port call')
      .max(LIMITS.portCalls, `at most ${LIMITS.portCalls} port calls`),
    priorCharges: z.array(PriorCharge).max(LIMITS.priorCharges).optional(),
    grantedExemptions: z
      .array(GrantedExemption)
      .max(MAX_GRANTED_EXEMPTIONS, `at most ${MAX_GRANTED_EXEMPTIONS} granted exemptions`)
      .optional(),
    options: Options.optional(),
    charterParty: CharterParty.optional(),
  })
  .strict()
  .openapi('QuoteRequest');
export type QuoteRequest = z.infer<typeof QuoteRequest>;

const MoneySchema = z
  .object({ amount: z.string().openapi({ example: '900000.00' }), currency: z.string().openapi({ example: 'USD' }) })
  .openapi('Money');

/** One listed party (docs/rules.md, Screening). */
export const ScreeningRow = z
  .object({
    list: z.string(),
    version: z.string(),
    entry: z.string().openapi({ description: 'The entry as listed' }),
    entryId: z.string(),
    party: z.string().openapi({ description: 'Where the party sits in the request', example: 'owner.holders[0]' }),
    name: z.string().openapi({ description: "The party's name as given" }),
    match: z.enum(['exact', 'normalized', 'alias', 'possible']).openapi({
      description: '`possible` (every word of the shorter name in the longer one) is shown, never counted as a match',
    }),
    matched: z.string().openapi({ description: 'The listed name or alias matched' }),
    status: z.enum(['in-force', 'suspended', 'unconfirmed', 'not-in-force']),
    reading: z
      .object({ assumption: z.string(), value: z.string(), status: z.enum(['in-force', 'suspended']) })
      .optional()
      .openapi({ description: "For `unconfirmed`: the assumption that decides and the request's reading of it" }),
    measure: z.string(),
    effect: z.string(),
    portMeasure: z.boolean(),
    ref: z.object({
      instrument: z.string(),
      url: z.string(),
      kind: z.enum(['primary', 'secondary']),
      pinpoint: z.string(),
    }),
  })
  .openapi('ScreeningRow');

export const VoyageSchema = z
  .object({
    regime: z.string(),
    tariff: z.string().nullable(),
    calls: z.array(z.string()),
    chargedAt: z.string().nullable(),
    arrival: z.string(),
    rule: z.string().nullable(),
    outcome: z.enum(['charged', 'exempt', 'not-covered', 'not-in-force', 'suspended', 'capped', 'remitted']),
    certainty: z.enum(CERTAINTIES).openapi({
      description:
        'confirmed, or the weakest rung of the readings that change the amount: unconfirmed > time-dependent > estimated > assumed',
    }),
    fee: MoneySchema,
    basis: z.array(z.object({ quantity: z.string(), unit: z.string(), rate: z.string(), amount: z.string() })),
    exemptions: z.array(z.object({ id: z.string(), applies: z.boolean(), reason: Words })),
    cap: z
      .object({
        year: z.string(),
        count: z.number(),
        limit: z.number(),
        counted: z.array(
          z.object({
            source: z.enum(['request', 'ledger', 'quote']),
            date: z.string(),
            port: z.string().optional(),
            id: z.string().optional(),
          }),
        ),
      })
      .nullable(),
    alternatives: z
      .array(
        z.object({
          assumption: z.string(),
          value: z.string(),
          amount: z.string(),
          outcome: z.string().optional(),
        }),
      )
      .openapi({
        description:
          'Every other reading that changes the amount or outcome: a declared assumption, or an input reading (arrival-time, distance). No outcome: the voyage does not exist under that reading.',
      }),
    explanation: z.array(Words),
    citations: z.array(z.object({ title: z.string(), url: z.string() })),
    payer: z.enum(['charterers', 'owners']).nullable().optional().openapi({
      description:
        'Who bears the fee under the charter-party clause (only with `charterParty`); null when nothing is allocated.',
    }),
    payerReason: Words.optional(),
    clause: z.object({ id: z.string(), title: z.string(), url: z.string() }).nullable().optional(),
    screening: z
      .array(ScreeningRow)
      .optional()
      .openapi({ description: "Listed parties, with each listing's status at this voyage's arrival" }),
  })
  .openapi('Voyage');

export const QuoteResponse = z
  .object({
    quoteId: z.string(),
    asOf: z.string(),
    tariffs: z.array(z.object({ id: z.string(), regime: z.string(), sha256: z.string() })),
    assumptions: z.record(z.string(), z.string()),
    scenario: z.string().optional().openapi({ description: 'The joint scenario applied (see GET /v1/scenarios)' }),
    voyages: z.array(VoyageSchema),
    totals: z.array(
      z
        .object({
          amount: z.string(),
          currency: z.string(),
          low: z.string().optional(),
          high: z.string().optional(),
        })
        .openapi('Total', {
          description:
            '`low`/`high` (when any voyage is not confirmed): the sums of each voyage’s lowest and highest amount over its alternatives',
        }),
    ),
    converted: z
      .object({ currency: z.string(), amount: z.string(), rates: z.record(z.string(), z.string()) })
      .optional(),
    lists: z
      .array(z.object({ id: z.string(), sha256: z.string() }))
      .optional()
      .openapi({ description: 'The countermeasure list versions screened (the latest of each on or before asOf)' }),
    screening: z
      .array(ScreeningRow)
      .optional()
      .openapi({ description: 'Listed parties, with the status at asOf; a listing changes no amount' }),
    notes: z.array(Words),
    titles: z
      .object({
        regimes: z.record(z.string(), z.string()),
        rules: z.record(z.string(), z.string()),
        outcomes: z.record(z.string(), z.string()),
        certainties: z.record(z.string(), z.string()),
        assumptions: z.record(z.string(), z.string()),
        scenario: z.string().optional(),
        listed: z.record(z.string(), z.string()).optional().openapi({
          description: "Each listed party's measure and effect as listed → the words in the request’s locale",
        }),
      })
      .optional()
      .openapi({ description: 'The words for every code the quote names, in the request’s locale' }),
    vesselProfile: z
      .object({ imo: z.string(), version: z.number() })
      .optional()
      .openapi({ description: 'The stored vessel profile used, when the vessel was given by IMO' }),
  })
  .openapi('Quote');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export const problemResponses = {
  400: { description: 'Invalid request', content: { 'application/problem+json': { schema: ProblemSchema } } },
  413: { description: 'Body too large', content: { 'application/problem+json': { schema: ProblemSchema } } },
  415: { description: 'Unsupported media type', content: { 'application/problem+json': { schema: ProblemSchema } } },
} as const;
