/**
 * The shape of one tariff version file (`tariffs/<regime>/<date>.json`).
 *
 * Every rate, date, threshold and citation the engine uses lives in these
 * files; the engine only knows the *kinds* of rule they name. A JSON Schema
 * generated from this module (`tariffs/tariff.schema.json`) helps editors.
 */
import { z } from 'zod';

export const VESSEL_TYPES = [
  'container',
  'dry_bulk',
  'tanker',
  'chemical_tanker',
  'lng_carrier',
  'lpg_carrier',
  'ethane_carrier',
  'vehicle_carrier',
  'roro',
  'general_cargo',
  'passenger',
  'other',
] as const;
export const VesselType = z.enum(VESSEL_TYPES);
export type VesselType = z.infer<typeof VesselType>;

export const PROGRAMS = ['MSP', 'TSP', 'CSP', 'VISA'] as const;
export const Program = z.enum(PROGRAMS);

export const CARGO_STATES = ['laden', 'ballast', 'empty'] as const;
export const CALL_PURPOSES = ['cargo', 'repair', 'bunkers', 'other'] as const;

const Country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code');
const DecimalString = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal written as a string');
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
/** A wall-clock moment in the tariff's own zone: `YYYY-MM-DD` (00:00) or `YYYY-MM-DDTHH:mm`. */
const LocalMoment = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'YYYY-MM-DD or YYYY-MM-DDTHH:mm (tariff zone)');

/** A value fixed by the tariff, or chosen by one of its assumptions. */
function param<T extends z.ZodTypeAny>(value: T) {
  return z.union([value, z.object({ assumption: z.string(), values: z.record(z.string(), value) }).strict()]);
}

export const Citation = z
  .object({
    title: z.string().min(1),
    url: z.string().url(),
    date: LocalDate.optional(),
    reference: z.string().optional(),
  })
  .strict();
export type Citation = z.infer<typeof Citation>;

/**
 * A source of a tariff version: `primary` is the instrument's own text (its
 * official publication, or a full copy of it), `secondary` a report or summary.
 */
export const Instrument = z
  .object({
    title: z.string().min(1),
    url: z.string().url(),
    date: LocalDate.optional(),
    reference: z.string().optional(),
    kind: z.enum(['primary', 'secondary']),
  })
  .strict();

/**
 * Where a value comes from, after PolicyEngine's parameters: one of the
 * version's `instruments` (by index) and the place inside it.
 */
export const Ref = z
  .object({
    instrument: z.number().int().min(0),
    pinpoint: z.string().min(1, 'a pinpoint (e.g. "Annex II, fee schedule" or "Art. 3") is required'),
  })
  .strict();
export type Ref = z.infer<typeof Ref>;

const Party = z.enum(['owner', 'operator']);
const StakeMeasure = z.enum(['equity', 'voting', 'board']);

/** The tests a coverage entry combines (all must hold). */
export const Test = z.discriminatedUnion('test', [
  z.object({ test: z.literal('vessel-type'), types: z.array(VesselType).min(1) }).strict(),
  z.object({ test: z.literal('built-in'), countries: z.array(Country).min(1) }).strict(),
  z.object({ test: z.literal('not-built-in'), countries: z.array(Country).min(1) }).strict(),
  z.object({ test: z.literal('flag'), countries: z.array(Country).min(1) }).strict(),
  z
    .object({
      test: z.literal('party-of'),
      parties: z.array(Party).min(1),
      countries: z.array(Country).min(1),
      /** Persons of `countries` together holding at least this percentage of any measure. */
      stakeThreshold: DecimalString.optional(),
      measures: z.array(StakeMeasure).min(1).optional(),
    })
    .strict(),
]);
export type Test = z.infer<typeof Test>;

export const CoverageEntry = z
  .object({
    /** The rule charged when this entry matches; null means "matched, but no fee of this regime". */
    rule: z.string().nullable(),
    when: z.array(Test).min(1),
    reason: z.string().min(1),
    notes: z.array(z.string()).optional(),
    ref: Ref,
  })
  .strict();

export const Unit = z.enum(['net-ton', 'container', 'ceu']);
export const RateStep = z
  .object({
    from: LocalDate,
    bases: z.array(z.object({ unit: Unit, rate: DecimalString }).strict()).min(1),
    ref: Ref,
  })
  .strict();

const SizeThreshold = z
  .object({
    types: z.array(VesselType).min(1).optional(),
    measure: z.enum(['teu', 'dwt']),
    max: param(z.number().positive()),
    label: z.string(),
    ref: Ref,
  })
  .strict();

export const Exemption = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('arrival-cargo'),
      id: z.string(),
      title: z.string(),
      ref: Ref,
      cargo: z.array(z.enum(CARGO_STATES)).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('vessel-size'),
      id: z.string(),
      title: z.string(),
      ref: Ref,
      /** First entry whose `types` include the vessel type wins; an entry without `types` is the default. */
      thresholds: z.array(SizeThreshold).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('short-sea'),
      id: z.string(),
      title: z.string(),
      ref: Ref,
      maxNm: z.number().positive(),
      /** An estimated distance within this fraction of `maxNm` makes the voyage `estimated`, the other outcome its alternative. */
      estimateMargin: z.number().gt(0).lt(1).optional(),
      reading: z.enum(['farthest-foreign-port', 'last-foreign-port']),
    })
    .strict(),
  z
    .object({
      kind: z.literal('party-ownership'),
      id: z.string(),
      title: z.string(),
      ref: Ref,
      party: Party,
      countries: z.array(Country).min(1),
      stakeThreshold: DecimalString,
      measures: z.array(StakeMeasure).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('program'),
      id: z.string(),
      title: z.string(),
      ref: Ref,
      programs: z.array(Program).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('vessel-type'),
      id: z.string(),
      title: z.string(),
      ref: Ref,
      types: z.array(VesselType).min(1),
    })
    .strict(),
  z.object({ kind: z.literal('government-cargo'), id: z.string(), title: z.string(), ref: Ref }).strict(),
  z.object({ kind: z.literal('government-vessel'), id: z.string(), title: z.string(), ref: Ref }).strict(),
  z
    .object({
      kind: z.literal('built-in'),
      id: z.string(),
      title: z.string(),
      ref: Ref,
      countries: z.array(Country).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('call-purpose'),
      id: z.string(),
      title: z.string(),
      ref: Ref,
      purposes: z.array(z.enum(CALL_PURPOSES)).min(1),
      cargo: z.array(z.enum(CARGO_STATES)).min(1),
    })
    .strict(),
]);
export type Exemption = z.infer<typeof Exemption>;

export const Remission = z
  .object({
    kind: z.literal('us-built-order'),
    years: z.number().int().positive(),
    /** When set, the ordered vessel must be of one of these types. */
    orderVesselTypes: z.array(VesselType).min(1).optional(),
    title: z.string(),
    ref: Ref,
  })
  .strict();

export const Rule = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string(),
    /** How the bases combine when there are several: the higher amount is charged. */
    combine: z.enum(['max']).default('max'),
    rates: z.array(RateStep).min(1),
    /** Whose containers a `container` basis counts: discharged at every port of the rotation (default) or at its first port. */
    containersCounted: param(z.enum(['rotation', 'first-port'])).optional(),
    exemptions: z.array(Exemption).default([]),
    remission: Remission.optional(),
    citations: z.array(Citation).min(1),
  })
  .strict();
export type Rule = z.infer<typeof Rule>;

export const CapYearDefinition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('calendar') }).strict(),
  /** Years starting on a fixed month and day, in the tariff zone. */
  z
    .object({
      kind: z.literal('anniversary'),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
    })
    .strict(),
]);
export type CapYearDefinition = z.infer<typeof CapYearDefinition>;

export const StatusWindow = z
  .object({
    from: LocalMoment,
    to: LocalMoment.optional(),
    status: z.enum(['in-force', 'suspended', 'unconfirmed']),
    /** For `unconfirmed`: which assumption decides, and what each of its values means. */
    scenario: z
      .object({ assumption: z.string(), outcomes: z.record(z.string(), z.enum(['in-force', 'suspended'])) })
      .strict()
      .optional(),
    note: z.string(),
    ref: Ref,
  })
  .strict();

export const Assumption = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/),
    title: z.string(),
    options: z.array(z.object({ value: z.string(), description: z.string() }).strict()).min(2),
    default: z.string(),
  })
  .strict();

/** The event that makes a voyage liable: arrival at (entry into) the first port, or berthing there. */
export const Trigger = z
  .object({
    event: z.enum(['arrival', 'berthing']),
    note: z.string().min(1),
    citation: Citation,
  })
  .strict();
export type Trigger = z.infer<typeof Trigger>;

/**
 * A correction made in place to a shipped version: what changed at `path`
 * (a JSON pointer into the file), from what to what, why and on whose word.
 * `before` is absent when the correction adds the field.
 */
export const Erratum = z
  .object({
    date: LocalDate,
    path: z.string().regex(/^(\/([^~/]|~[01])*)+$/, 'a JSON pointer such as /tonnage/rounding'),
    before: z.unknown().optional(),
    after: z.unknown(),
    reason: z.string().min(1),
    source: Citation,
  })
  .strict();
export type Erratum = z.infer<typeof Erratum>;

export const ConditionalNote = z
  .object({
    id: z.string(),
    text: z.string(),
    vesselTypes: z.array(VesselType).optional(),
    rules: z.array(z.string()).optional(),
    arrivalFrom: LocalMoment.optional(),
    arrivalTo: LocalMoment.optional(),
  })
  .strict();

export const TariffVersion = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9-]+\/\d{4}-\d{2}-\d{2}$/, '<regime>/<YYYY-MM-DD>'),
    regime: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string(),
    /** Knowledge date: the version is chosen for any `asOf` on or after this date. */
    published: LocalDate,
    summary: z.string(),
    instruments: z.array(Instrument).min(1),
    currency: z.string().regex(/^[A-Z]{3}$/),
    /** IANA zone in which every date and moment of this file is read. */
    zone: z.string(),
    /** Countries (UN/LOCODE prefixes) whose ports form the regime's territory (may depend on an assumption). */
    territory: param(z.array(Country).min(1)),
    /**
     * Countries whose calls neither belong to a run of territory calls nor end
     * it (a reading of what a voyage is); by default every call outside the
     * territory ends the run.
     */
    continuesThrough: param(z.array(Country)).optional(),
    chargingPoint: z.enum(['first-port']),
    /** What triggers the fee at the charging point; arrival when absent. */
    trigger: Trigger.optional(),
    tonnage: z.object({ rounding: z.enum(['none', 'ceil']), note: z.string() }).strict(),
    amountRounding: z
      .object({ places: z.number().int().min(0).max(4), mode: z.enum(['half-up', 'half-even']) })
      .strict(),
    coverage: z.array(CoverageEntry).min(1),
    rules: z.array(Rule).min(1),
    cap: z
      .object({
        limit: z.number().int().positive(),
        year: param(CapYearDefinition),
        note: z.string(),
        ref: Ref,
      })
      .strict(),
    statusWindows: z.array(StatusWindow).min(1),
    assumptions: z.array(Assumption).default([]),
    notes: z.array(ConditionalNote).default([]),
    /** Corrections made to this version after it shipped, oldest first. */
    errata: z.array(Erratum).default([]),
  })
  .strict();

export type TariffVersionInput = z.input<typeof TariffVersion>;
export type TariffVersion = z.infer<typeof TariffVersion>;
