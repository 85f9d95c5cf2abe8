/**
 * One regime over one vessel's calls: every rotation/voyage in the regime's
 * territory, evaluated in the order coverage → status window → exemptions →
 * remission → cap → charged, each step explained.
 */

import { ceilWhole, type Decimal, decimal, formatAmount, formatQuantity, ZERO } from '../lib/money';
import { type Arrival, localDate } from '../lib/time';
import { codeMessage, dataText, type Message, message } from '../messages/message';
import type { CompiledRateStep, LoadedTariff } from '../tariffs/registry';
import type { Rule } from '../tariffs/schema';
import { CapCounter, capYearOf } from './rules/cap';
import { cite } from './rules/citing';
import { type CoverageMatch, type HoldingsReading, holdingsShortOf, matchCoverage } from './rules/coverage';
import { evaluateExemptions } from './rules/exemptions';
import { evaluateGrants } from './rules/granted';
import { LOOK_THROUGH_DEFAULT, type LookThrough } from './rules/holdings';
import { type AssumptionReader, type Param, paramValues, readerOf, resolveParam } from './rules/params';
import { computeBasis, type Quantities, rateStepAt } from './rules/rates';
import { evaluateRemission } from './rules/remission';
import { type StatusAtArrival, statusAt } from './rules/status';
import {
  type BasisLine,
  type CapState,
  type ExemptionResult,
  type GrantedExemption,
  type Outcome,
  type PriorCharge,
  QuoteInputError,
  type VesselInput,
  type VoyageQuote,
} from './types';
import { type ResolvedCall, type Rotation, rotations } from './voyages';

export interface RegimeContext {
  tariff: LoadedTariff;
  /** How the version was chosen, for the explanation. */
  choice: Message;
  vessel: VesselInput;
  calls: ResolvedCall[];
  priorCharges: ReadonlyArray<PriorCharge>;
  assumptions: Readonly<Record<string, string>>;
  /** Exemptions the caller asserts were granted case by case. */
  granted?: ReadonlyArray<GrantedExemption>;
  /** The `distance` reading: estimated distances within their margin of a limit read on its other side. */
  distanceOtherSide?: boolean;
  /** Calls (by index) whose date-only trigger is read at the end of its local day instead of 00:00. */
  endOfDay?: ReadonlySet<number>;
}

/** A regime context as the steps read it, with what evaluateRegime derives once: assumptions only through the readers. */
interface Evaluation extends Omit<RegimeContext, 'assumptions'> {
  /** Reads an assumption and records the read: every step reads assumptions through it. */
  assumption: AssumptionReader;
  /**
   * Reads an assumption without recording it: for a value that only labels the result,
   * such as the cap year while fewer charges are known than the cap allows.
   */
  labelAssumption: AssumptionReader;
  /** Net tonnage as this tariff charges it. */
  netTonnage: Decimal;
  /** First calls (by index) whose voyage an estimate decided within its margin. */
  nearLimit: Set<number>;
}

export interface RegimeResult {
  voyages: VoyageQuote[];
  /** The index of each voyage's first call, parallel to `voyages`: how a voyage is matched across readings. */
  firstCalls: number[];
  notes: Message[];
  /** Every assumption the evaluation consulted: no other assumption can change its result. */
  assumptionsRead: ReadonlySet<string>;
  /** First calls of voyages an estimated input decided within its margin (the `distance` reading may move them). */
  nearLimit?: ReadonlySet<number>;
}

/** The event that makes a voyage liable, at its first call, as the tariff defines it. */
export interface Trigger {
  event: 'arrival' | 'berthing';
  /** The arrival or berthing, as given. */
  given: Arrival;
  /** The tariff triggers on berthing but none was given: the arrival stands in. */
  fallback: boolean;
}

const MINUTE = 60_000;

export function triggerOf(tariff: LoadedTariff, call: ResolvedCall): Trigger {
  if (tariff.data.trigger?.event !== 'berthing') return { event: 'arrival', given: call.arrival, fallback: false };
  return call.berthing
    ? { event: 'berthing', given: call.berthing, fallback: false }
    : { event: 'berthing', given: call.arrival, fallback: true };
}

/** The trigger's instant: a date-only trigger is 00:00 local, or 23:59 local when the reading asks for the end of the day. */
function triggerMillis(ctx: Evaluation, call: ResolvedCall, trigger: Trigger): number {
  const { given } = trigger;
  return given.dateOnly && ctx.endOfDay?.has(call.index) ? given.latestMillis + 1 - MINUTE : given.millis;
}

/** The word for a basis unit (`net-ton`, `container`, `ceu`). */
const unitMessage = (unit: string): Message => codeMessage(unit, 'unit');

const money = (amount: Decimal, tariff: LoadedTariff) => ({
  amount: formatAmount(amount, tariff.data.amountRounding.places, tariff.data.amountRounding.mode),
  currency: tariff.data.currency,
});

/** The net tonnage a tariff charges on, rounded by its rule. */
function chargedNetTonnage(tariff: LoadedTariff, vessel: VesselInput): Decimal {
  const given = decimal(vessel.netTonnage);
  return tariff.data.tonnage.rounding === 'ceil' ? ceilWhole(given) : given;
}

function quantities(
  netTonnage: Decimal,
  vessel: VesselInput,
  rotation: Rotation,
  containersCounted: 'rotation' | 'first-port',
): Quantities {
  const counted = containersCounted === 'first-port' ? rotation.calls.slice(0, 1) : rotation.calls;
  const containers = counted.reduce((total, call) => total + (call.input.containersDischarged ?? 0), 0);
  return {
    'net-ton': netTonnage,
    container: decimal(containers),
    ceu: vessel.ceuCapacity === undefined ? undefined : decimal(vessel.ceuCapacity),
  };
}

function statusLine(tariff: LoadedTariff, status: StatusAtArrival): Message {
  const window = status.window?.window;
  return message('status.line', {
    status: codeMessage(status.status),
    unconfirmed: status.certainty === 'unconfirmed' ? message('status.unconfirmed', {}) : '',
    note: window
      ? message('data.cited', { text: { text: window.note }, cite: cite(tariff, window.ref) })
      : message('status.not-in-force-note', {}),
    scenario: status.scenario
      ? message('status.assumed', { assumption: status.scenario.assumption, value: status.scenario.value })
      : '',
  });
}

function conditionalNotes(tariff: LoadedTariff, vessel: VesselInput, rule: string | null, millis: number): Message[] {
  return tariff.notes
    .filter(
      ({ note, fromMillis, toMillis }) =>
        millis >= fromMillis &&
        millis < toMillis &&
        (!note.vesselTypes || note.vesselTypes.includes(vessel.type)) &&
        (!note.rules || (rule !== null && note.rules.includes(rule))),
    )
    .map(({ note }) => dataText(note.text));
}

interface Draft {
  outcome: Outcome;
  amount: Decimal;
  basis: BasisLine[];
  exemptions: ExemptionResult[];
  cap: CapState | null;
}

/** One rotation on its way through the steps after coverage. */
interface Steps {
  ctx: Evaluation;
  rotation: Rotation;
  first: ResolvedCall;
  /** The trigger instant at the first call (arrival, or berthing where the tariff charges on berthing). */
  at: number;
  netTonnage: Decimal;
  explanation: Message[];
}

/** The rate step at arrival and the basis lines it gives (empty before the first step). */
function price(
  steps: Steps,
  ruleId: string,
): { step: CompiledRateStep | undefined; basis: BasisLine[]; amount: Decimal } {
  const {
    ctx: { tariff, vessel },
    rotation,
    at,
    netTonnage,
    explanation,
  } = steps;
  const step = rateStepAt(tariff.rules.get(ruleId)!, at);
  if (!step) return { step, basis: [], amount: ZERO };
  const { rule } = tariff.rules.get(ruleId)!;
  // Whose containers count is read (and may be an alternative) only when boxes beyond the first port could be counted.
  const countsContainers =
    step.bases.some((basis) => basis.unit === 'container') &&
    rotation.calls.slice(1).some((call) => (call.input.containersDischarged ?? 0) > 0);
  const containersCounted = countsContainers
    ? resolveParam(rule.containersCounted ?? 'rotation', steps.ctx.assumption)
    : 'rotation';
  const computed = computeBasis(
    step,
    quantities(netTonnage, vessel, rotation, containersCounted),
    tariff.data.amountRounding.places,
  );
  if (computed.missing) {
    throw new QuoteInputError([
      {
        path: `vessel.${computed.missing === 'ceu' ? 'ceuCapacity' : 'netTonnage'}`,
        message: `${tariff.id} ${ruleId} charges per ${computed.missing}; give it`,
      },
    ]);
  }
  const { currency } = tariff.data;
  const rates = step.bases.map((b) =>
    message('rate.per-unit', { rate: { amount: b.rateText }, currency, unit: unitMessage(b.unit) }),
  );
  explanation.push(
    message('rate.step', {
      from: { date: step.from },
      rates: { list: rates, join: 'or' },
      higher: step.bases.length > 1 ? message('rate.higher-charged', {}) : '',
      cite: cite(tariff, step.ref),
    }),
  );
  for (const line of computed.lines)
    explanation.push(
      message('rate.line', {
        quantity: { amount: line.quantity },
        unit: unitMessage(line.unit),
        rate: { amount: line.rate },
        amount: { amount: line.amount, currency },
      }),
    );
  if (tariff.data.tonnage.rounding === 'ceil' && !decimal(vessel.netTonnage).equals(netTonnage)) {
    explanation.push(
      message('tonnage.rounded-up', {
        given: { amount: formatQuantity(decimal(vessel.netTonnage)) },
        charged: { amount: formatQuantity(netTonnage) },
        note: { text: tariff.data.tonnage.note },
      }),
    );
  }
  return { step, basis: computed.lines, amount: computed.amount };
}

/** Whether the fee is remitted for a US-built order (explained either way when an order is given). */
function remitted(steps: Steps, rule: Rule): boolean {
  const {
    ctx: { tariff, vessel },
    at,
    netTonnage,
    explanation,
  } = steps;
  if (!rule.remission) return false;
  const remission = evaluateRemission(rule.remission, vessel, netTonnage, localDate(at, tariff.data.zone));
  if (remission.applies)
    explanation.push(
      message('remission.applies', { reason: remission.reason, cite: cite(tariff, rule.remission.ref) }),
    );
  else if (vessel.usBuiltOrder) explanation.push(message('remission.none', { reason: remission.reason }));
  return remission.applies;
}

/** The cap year's count; records this charge unless the cap is reached. */
function applyCap(steps: Steps, counter: CapCounter): { capped: boolean; cap: CapState } {
  const {
    ctx: { tariff, assumption, labelAssumption },
    first,
    at,
    explanation,
  } = steps;
  const limit = tariff.data.cap.limit;
  // With fewer charges known in all than the cap allows, the cap year's definition only names the year.
  const reading = counter.size < limit ? labelAssumption : assumption;
  const year = capYearOf(resolveParam(tariff.data.cap.year, reading), at, tariff.data.zone);
  const arrivalDate = localDate(at, tariff.data.zone);
  const own = counter.ownPayment(first.port, arrivalDate);
  const counted = counter.countedFor(year, at, own);
  if (own) {
    const which =
      own.source === 'ledger' ? message('cap.ledger-charge', { id: own.id ?? '' }) : message('cap.prior-charge', {});
    explanation.push(message('cap.own-payment', { which, date: { date: own.date }, port: first.port }));
  }
  if (counted.length >= limit) {
    explanation.push(
      message('cap.reached', {
        count: counted.length,
        year: year.label,
        limit,
        cite: cite(tariff, tariff.data.cap.ref),
      }),
    );
    return { capped: true, cap: { year: year.label, count: counted.length, limit, counted } };
  }
  // A voyage already in the ledger is counted there for the voyages after it.
  if (!own) counter.record({ source: 'quote', date: arrivalDate, port: first.port }, at);
  explanation.push(
    message('cap.counted', {
      year: year.label,
      count: counted.length + 1,
      limit,
      cite: cite(tariff, tariff.data.cap.ref),
    }),
  );
  return { capped: false, cap: { year: year.label, count: counted.length + 1, limit, counted } };
}

/** Steps after coverage, in order: status, exemptions, remission, cap. */
function decide(steps: Steps, ruleId: string, status: StatusAtArrival, counter: CapCounter, notes: Message[]): Draft {
  const { ctx, rotation, explanation } = steps;
  const rule = ctx.tariff.rules.get(ruleId)!.rule;
  const evaluated = [
    ...evaluateExemptions(rule.exemptions, {
      vessel: ctx.vessel,
      rotation,
      assumption: ctx.assumption,
      holdings: holdingsReading(ctx),
      distanceOtherSide: ctx.distanceOtherSide,
    }),
    ...evaluateGrants(ctx.granted ?? [], ctx.tariff.regime, localDate(steps.at, ctx.tariff.data.zone)),
  ];
  for (const result of evaluated) if (result.note) notes.push(result.note);
  if (evaluated.some((result) => result.nearLimit)) ctx.nearLimit.add(steps.first.index);
  const exemptions = evaluated.map(({ id, applies, reason }) => ({ id, applies, reason }));
  const { step, basis, amount } = price(steps, ruleId);
  const zero = (outcome: Outcome): Draft => ({ outcome, amount: ZERO, basis, exemptions, cap: null });

  if (status.status !== 'in-force') {
    explanation.push(
      status.status === 'suspended' ? message('status.suspended-zero', {}) : message('status.not-in-force-zero', {}),
    );
    return zero(status.status);
  }
  if (!step) {
    explanation.push(message('rate.none', {}));
    return zero('not-in-force');
  }
  const applying = evaluated.filter((result) => result.applies);
  if (applying.length > 0) {
    const items = applying.map((result) =>
      message('exemption.item', {
        id: result.id,
        reason: result.reason,
        cite: result.ref ? ` ${cite(ctx.tariff, result.ref)}` : '',
      }),
    );
    explanation.push(message('exemption.applies', { exemptions: { list: items, join: 'steps' } }));
    return zero('exempt');
  }
  if (exemptions.length > 0) explanation.push(message('exemption.none', {}));
  if (remitted(steps, rule)) return zero('remitted');
  const { capped, cap } = applyCap(steps, counter);
  return capped ? { ...zero('capped'), cap } : { outcome: 'charged', amount, basis, exemptions, cap };
}

function evaluateRotation(
  ctx: Evaluation,
  rotation: Rotation,
  match: CoverageMatch | undefined,
  counter: CapCounter,
  notes: Message[],
): VoyageQuote {
  const { tariff, vessel } = ctx;
  const first = rotation.calls[0]!;
  const zone = tariff.data.zone;
  const trigger = triggerOf(tariff, first);
  const at = triggerMillis(ctx, first, trigger);
  const explanation: Message[] = [
    message('voyage.charging-point', {
      calls: rotation.calls.map((call) => call.port).join(' → '),
      port: first.port,
      portName: first.portName ? message('voyage.port-name', { name: first.portName }) : '',
      arrival: { instant: first.arrival.millis, zone },
      dateOnly: first.arrival.dateOnly ? message('voyage.date-only', {}) : '',
    }),
    message('voyage.tariff', { tariff: tariff.id, choice: ctx.choice }),
  ];
  const calls = rotation.calls.map((call) => call.port);

  if (!match || match.rule === null) {
    explanation.push(
      match
        ? message('coverage.none-because', { reason: { text: match.reason }, cite: cite(tariff, match.ref) })
        : message('coverage.none', {}),
    );
    if (!match) explanation.push(...holdingsShortOf(tariff.data.coverage, ctx.vessel, holdingsReading(ctx)));
    for (const text of match?.notes ?? []) {
      explanation.push(dataText(text));
      notes.push(dataText(text));
    }
    return {
      regime: tariff.regime,
      tariff: tariff.id,
      calls,
      chargedAt: null,
      arrival: first.arrival.iso,
      rule: null,
      outcome: 'not-covered',
      certainty: 'confirmed',
      fee: money(ZERO, tariff),
      basis: [],
      exemptions: [],
      cap: null,
      alternatives: [],
      explanation,
      citations: tariff.data.instruments.slice(0, 2).map(({ title, url }) => ({ title, url })),
    };
  }
  const rule = tariff.rules.get(match.rule)!.rule;
  explanation.push(
    message('coverage.covered', {
      rule: { text: rule.title },
      reason: { text: match.reason },
      because: { list: match.because, join: 'steps' },
      cite: cite(tariff, match.ref),
    }),
  );
  explanation.push(...triggerLines(tariff, first, trigger, at, notes));
  const status = statusAt(tariff, at, ctx.assumption);
  explanation.push(statusLine(tariff, status));
  for (const note of conditionalNotes(tariff, vessel, match.rule, at)) {
    explanation.push(note);
    notes.push(note);
  }
  const steps: Steps = {
    ctx,
    rotation,
    first,
    at,
    netTonnage: ctx.netTonnage,
    explanation,
  };
  const draft = decide(steps, match.rule, status, counter, notes);
  const charged = draft.outcome === 'charged';
  if (charged)
    explanation.push(
      message('voyage.charged', {
        amount: { amount: formatAmount(draft.amount), currency: tariff.data.currency },
        port: first.port,
      }),
    );
  return {
    regime: tariff.regime,
    tariff: tariff.id,
    calls,
    chargedAt: charged ? first.port : null,
    arrival: first.arrival.iso,
    rule: match.rule,
    outcome: draft.outcome,
    certainty: status.certainty,
    fee: money(draft.amount, tariff),
    basis: draft.basis,
    exemptions: draft.exemptions,
    cap: draft.cap,
    alternatives: [],
    explanation,
    citations: rule.citations.map(({ title, url }) => ({ title, url })),
  };
}

/** The trigger explained: the berthing that decides, or the arrival standing in for a missing berthing (also a note). */
function triggerLines(
  tariff: LoadedTariff,
  first: ResolvedCall,
  trigger: Trigger,
  at: number,
  notes: Message[],
): Message[] {
  const definition = tariff.data.trigger;
  if (!definition || trigger.event === 'arrival') return [];
  if (trigger.fallback) {
    const line = message('trigger.fallback', {
      regime: tariff.regime,
      event: codeMessage(definition.event),
      note: { text: definition.note },
      port: first.port,
    });
    notes.push(line);
    return [line];
  }
  return [
    message('trigger.berthed', {
      note: { text: definition.note },
      at: { instant: at, zone: tariff.data.zone },
      dateOnly: trigger.given.dateOnly ? message('trigger.date-only', {}) : '',
    }),
  ];
}

/**
 * A list of countries that may depend on an assumption: the assumption counts
 * as read only when its values place one of the calls differently.
 */
function countriesFor(param: Param<string[]>, ctx: Evaluation): string[] {
  const values = paramValues(param);
  const first = values[0]!;
  const differ = values.some(
    (countries) =>
      countries !== first &&
      ctx.calls.some((call) => countries.includes(call.country) !== first.includes(call.country)),
  );
  return resolveParam(param, differ ? ctx.assumption : ctx.labelAssumption);
}

/** The regime's `<regime>.indirect-holdings` assumption (docs/rules.md §7.1), `multiply` when a version declares none. */
function holdingsReading(ctx: Pick<Evaluation, 'tariff' | 'assumption'>): HoldingsReading {
  return () =>
    (ctx.assumption(`${ctx.tariff.regime}.indirect-holdings`) as LookThrough | undefined) ?? LOOK_THROUGH_DEFAULT;
}

/** A type's every field, optional ones included (possibly undefined): building it must name them all. */
type EveryField<T> = { [K in keyof Required<T>]: T[K] };

/** Every rotation of the regime's territory, with the cap walked in order. */
export function evaluateRegime(ctx: RegimeContext): RegimeResult {
  const notes: Message[] = [];
  const assumptionsRead = new Set<string>();
  const counter = new CapCounter(
    ctx.priorCharges.filter((charge) => charge.regime === ctx.tariff.regime),
    ctx.tariff.data.zone,
  );
  const { assumptions } = ctx;
  // Every field named, in one order, rather than a spread: the steps read this object throughout, and one
  // shape keeps those reads fast whatever shape the caller's context has.
  const tracked: EveryField<Evaluation> = {
    tariff: ctx.tariff,
    choice: ctx.choice,
    vessel: ctx.vessel,
    calls: ctx.calls,
    priorCharges: ctx.priorCharges,
    assumption: (id) => {
      assumptionsRead.add(id);
      return assumptions[id];
    },
    labelAssumption: readerOf(assumptions),
    granted: ctx.granted,
    distanceOtherSide: ctx.distanceOtherSide,
    endOfDay: ctx.endOfDay,
    netTonnage: chargedNetTonnage(ctx.tariff, ctx.vessel),
    nearLimit: new Set<number>(),
  };
  const { data } = tracked.tariff;
  const runs = rotations(
    tracked.calls,
    countriesFor(data.territory, tracked),
    countriesFor(data.continuesThrough ?? [], tracked),
  );
  // The vessel is the same on every rotation: which rule covers it is decided once.
  const match = matchCoverage(data.coverage, ctx.vessel, holdingsReading(tracked));
  const voyages = runs.map((rotation) => evaluateRotation(tracked, rotation, match, counter, notes));
  const firstCalls = runs.map((rotation) => rotation.calls[0]!.index);
  return { voyages, firstCalls, notes, assumptionsRead, nearLimit: tracked.nearLimit };
}
