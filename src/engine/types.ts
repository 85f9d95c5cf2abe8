/**
 * The engine's input and output. Input arrives already shaped and validated
 * by the API layer (or a caller such as the benchmark); the output is the
 * quote of the HTTP contract.
 */

import type { ScreeningHit } from '../lists/screen';
import type { Message } from '../messages/message';
import type { VesselType } from '../tariffs/schema';

export interface Stake {
  country: string;
  equity?: number;
  voting?: number;
  board?: number;
}

/** A party holding the party above it (docs/rules.md §7.1): percentages of that party, and its own holders. */
export interface HolderInput {
  name?: string;
  country: string;
  equity?: number;
  voting?: number;
  board?: number;
  holders?: HolderInput[];
}

export interface PartyInput {
  name?: string;
  country: string;
  stakes?: Stake[];
  holders?: HolderInput[];
}

export interface UsBuiltOrder {
  orderedOn: string;
  deliveredOn?: string | null;
  netTonnage?: number;
  vesselType?: VesselType;
}

export interface VesselInput {
  imo: string;
  name?: string;
  type: VesselType;
  flag: string;
  buildCountry: string;
  netTonnage: number;
  deadweight?: number;
  teuCapacity?: number;
  ceuCapacity?: number;
  owner: PartyInput;
  operator: PartyInput;
  manager?: PartyInput;
  charterer?: PartyInput;
  programs?: Array<'MSP' | 'TSP' | 'CSP' | 'VISA'>;
  usGovernment?: boolean;
  usBuiltOrder?: UsBuiltOrder;
}

export interface PortCallInput {
  port: string;
  arrival: string;
  cargo?: 'laden' | 'ballast' | 'empty';
  purpose?: 'cargo' | 'repair' | 'bunkers' | 'other';
  containersDischarged?: number;
  distanceNm?: number;
  usGovernmentCargo?: boolean;
  /** When the vessel berthed: ISO 8601 with offset, or a date (the trigger of a regime that charges on berthing). */
  berthing?: string;
}

/** A fee already paid (or recorded) that counts toward a cap. */
export interface PriorCharge {
  regime: string;
  date: string;
  port?: string;
  /** Where the charge came from: the request's `priorCharges` or the account ledger. */
  source?: 'request' | 'ledger';
  id?: string;
}

/** An exemption granted case by case (a waiver, a ruling), asserted by the caller. */
export interface GrantedExemption {
  regime: string;
  reference: string;
  /** First and last arrival dates covered (`YYYY-MM-DD`, the regime's zone); open when absent. */
  from?: string;
  to?: string;
  note?: string;
}

export interface QuoteOptions {
  asOf?: string;
  /** The language of the words (`en` default); it never changes amounts, ids or the quote id. */
  locale?: 'en' | 'zh-CN';
  /** A named joint scenario (`scenarios/*.json`); explicit `assumptions` win over it. */
  scenario?: string;
  tariffVersions?: Record<string, string>;
  assumptions?: Record<string, string>;
  fx?: Record<string, string>;
}

export interface QuoteInput {
  vessel: VesselInput;
  portCalls: PortCallInput[];
  priorCharges?: PriorCharge[];
  grantedExemptions?: GrantedExemption[];
  options?: QuoteOptions;
  charterParty?: CharterPartyInput;
}

export type Outcome = 'charged' | 'exempt' | 'not-covered' | 'not-in-force' | 'suspended' | 'capped' | 'remitted';
/**
 * How sure a voyage's amount is, strongest first. A voyage takes the weakest
 * rung of every reading that changes its amount or outcome.
 */
export const CERTAINTIES = ['confirmed', 'assumed', 'estimated', 'time-dependent', 'unconfirmed'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

/** The weaker of two rungs (`unconfirmed` > `time-dependent` > `estimated` > `assumed` > `confirmed`). */
export function weakerCertainty(a: Certainty, b: Certainty): Certainty {
  return CERTAINTIES.indexOf(a) >= CERTAINTIES.indexOf(b) ? a : b;
}

export interface Money {
  amount: string;
  currency: string;
}

export interface BasisLine {
  quantity: string;
  unit: string;
  rate: string;
  amount: string;
}

export interface ExemptionResult {
  id: string;
  applies: boolean;
  reason: Message;
}

export interface CountedCharge {
  source: 'request' | 'ledger' | 'quote';
  date: string;
  port?: string;
  id?: string;
}

export interface CapState {
  year: string;
  count: number;
  limit: number;
  counted: CountedCharge[];
}

/** The voyage under another reading: a declared assumption's other value, or an input reading such as `arrival-time`. */
export interface Alternative {
  assumption: string;
  value: string;
  amount: string;
  /** Absent when the voyage does not exist under that reading (its calls belong to another voyage). */
  outcome?: Outcome;
}

/** A currency's total; `low`/`high` sum each voyage's lowest and highest amount over its alternatives. */
export interface Total extends Money {
  low?: string;
  high?: string;
}

export interface VoyageQuote {
  regime: string;
  tariff: string | null;
  calls: string[];
  chargedAt: string | null;
  arrival: string;
  rule: string | null;
  outcome: Outcome;
  certainty: Certainty;
  fee: Money;
  basis: BasisLine[];
  exemptions: ExemptionResult[];
  cap: CapState | null;
  alternatives: Alternative[];
  explanation: Message[];
  citations: Array<{ title: string; url: string }>;
  /** Who bears the fee under the request's charter-party clause; only with `charterParty`. */
  payer?: 'charterers' | 'owners' | null;
  payerReason?: Message;
  clause?: ClauseReference | null;
  /** Listed parties, with each listing's status at this voyage's arrival (docs/rules.md §7.2). */
  screening?: ScreeningHit[];
}

export interface Quote {
  quoteId: string;
  asOf: string;
  tariffs: Array<{ id: string; regime: string; sha256: string }>;
  assumptions: Record<string, string>;
  /** The joint scenario applied (its assumptions, overridden by explicit ones). */
  scenario?: string;
  voyages: VoyageQuote[];
  totals: Total[];
  converted?: { currency: string; amount: string; rates: Record<string, string> };
  /** The list versions screened (the latest of each list published on or before asOf). */
  lists?: Array<{ id: string; sha256: string }>;
  /** Listed parties, with each listing's status at the knowledge date. */
  screening?: ScreeningHit[];
  notes: Message[];
}

/** A problem with the input that only the engine can see (ports, versions, assumptions). */
export class QuoteInputError extends Error {
  constructor(readonly issues: Array<{ path: string; message: string }>) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
    this.name = 'QuoteInputError';
  }
}

/** The charter party of a quote: which clause(s) allocate the fees, and the facts they test. */
export interface CharterPartyInput {
  clause: string | string[];
  ownersDeclarationAccurate?: boolean;
  ownerChangeAfterFixture?: boolean;
}

/** The clause a payer decision rests on. */
export interface ClauseReference {
  id: string;
  title: string;
  url: string;
}
