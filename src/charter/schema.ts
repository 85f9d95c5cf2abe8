/**
 * The shape of one charter-party clause file (`clauses/<id>.json`): which
 * regime and rules a clause allocates, who pays by default, and the facts
 * that shift the fee to the other side. The wording and the references live
 * in the files; the engine only knows the kinds of fact a shift can test.
 */
import { z } from 'zod';
import { Citation } from '../tariffs/schema';

/** Facts about the charter a request can state (`charterParty.<fact>`), with their defaults. */
export const CHARTER_FACTS = {
  /** The owners' declaration of ownership, operator and build was accurate and complete. */
  ownersDeclarationAccurate: true,
  /** The owners changed owner, bareboat charterer, disponent owner, manager or operator after the fixture. */
  ownerChangeAfterFixture: false,
} as const;
export type CharterFact = keyof typeof CHARTER_FACTS;
const FACT_NAMES = Object.keys(CHARTER_FACTS) as [CharterFact, ...CharterFact[]];

export const PAYERS = ['charterers', 'owners'] as const;
export type Payer = (typeof PAYERS)[number];

export const ClauseShift = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** The shift applies when the stated fact has this value. */
    when: z.object({ fact: z.enum(FACT_NAMES), equals: z.boolean() }).strict(),
    payer: z.enum(PAYERS),
    reason: z.string().min(1),
  })
  .strict();
export type ClauseShift = z.infer<typeof ClauseShift>;

export const CharterClause = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    /** Publication date, or only the month where no source gives the day. */
    published: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'YYYY-MM-DD, or YYYY-MM when the day is not known'),
    publishedNote: z.string().optional(),
    summary: z.string().min(1),
    /** The tariff regime whose fees the clause allocates. */
    regime: z.string().regex(/^[a-z0-9-]+$/),
    citations: z.array(Citation).min(1),
    covers: z
      .object({
        /** Rule ids of the regime's tariffs that the clause allocates; every other rule is outside it. */
        rules: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
        outsideReason: z.string().min(1),
      })
      .strict(),
    /** Who pays when no shift applies. */
    allocation: z.object({ payer: z.enum(PAYERS), reason: z.string().min(1) }).strict(),
    shifts: z.array(ClauseShift).default([]),
  })
  .strict();
export type CharterClause = z.infer<typeof CharterClause>;
