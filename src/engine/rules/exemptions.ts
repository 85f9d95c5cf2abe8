/**
 * Exemptions ("targeted coverage"): every exemption of the applicable rule is
 * evaluated and reported with `applies` and a reason, whatever the outcome.
 * One small evaluator per kind; the tariff file supplies the parameters.
 */

import { decimal } from '../../lib/money';
import { greatCircleNm, SEA_ROUTE_METHOD, seaRouteNm } from '../../ports/index';
import type { Exemption, Ref } from '../../tariffs/schema';
import type { ExemptionResult, VesselInput } from '../types';
import type { ResolvedCall, Rotation } from '../voyages';
import { type HoldingsReading, heldBy } from './coverage';
import { decidingPaths, type HeldShare, hasHolders } from './holdings';
import { type AssumptionReader, resolveParam } from './params';

export interface ExemptionContext {
  vessel: VesselInput;
  rotation: Rotation;
  /** Reads an assumption (and records the read). */
  assumption: AssumptionReader;
  /** How holders are looked through (the regime's `indirect-holdings` assumption), read only for a party with holders. */
  holdings: HoldingsReading;
  /** Read estimated distances within their margin of a limit on the other side of it (the `distance` reading). */
  distanceOtherSide?: boolean;
}

export interface ExemptionEvaluation extends ExemptionResult {
  /** A remark for the quote's notes (estimated distances, tests not evaluated). */
  note?: string;
  /** The exemption's pinpoint reference in the tariff (none for a granted exemption). */
  ref?: Ref;
  /** An estimated input decided it within its margin: another reading of that input may change the outcome. */
  nearLimit?: boolean;
}

type Evaluation = { applies: boolean; reason: string; note?: string; nearLimit?: boolean };
type KindOf<K extends Exemption['kind']> = Extract<Exemption, { kind: K }>;

const nm = (value: number): string => `${Math.round(value).toLocaleString('en-US')} nm`;

function arrivalCargo(exemption: KindOf<'arrival-cargo'>, ctx: ExemptionContext): Evaluation {
  const first = ctx.rotation.calls[0]!;
  const cargo = first.input.cargo ?? 'laden';
  const applies = exemption.cargo.includes(cargo);
  return { applies, reason: `arrives ${cargo} at ${first.port}, the first port of the rotation` };
}

function vesselSize(exemption: KindOf<'vessel-size'>, ctx: ExemptionContext): Evaluation {
  const { vessel } = ctx;
  const threshold =
    exemption.thresholds.find((t) => t.types?.includes(vessel.type)) ?? exemption.thresholds.find((t) => !t.types);
  if (!threshold) return { applies: false, reason: `no size threshold is set for ${vessel.type} vessels` };
  const limit = resolveParam(threshold.max, ctx.assumption);
  const field = threshold.measure === 'teu' ? 'teuCapacity' : 'deadweight';
  const unit = threshold.measure === 'teu' ? 'TEU' : 'DWT';
  const value = vessel[field];
  if (value === undefined) {
    return {
      applies: false,
      reason: `not evaluated: vessel.${field} is not given (limit for ${threshold.label}: ${limit.toLocaleString('en-US')} ${unit})`,
      note: `The small-vessel exemption was not evaluated: give vessel.${field}.`,
    };
  }
  const applies = value <= limit;
  return {
    applies,
    reason: `${value.toLocaleString('en-US')} ${unit} ${applies ? '≤' : '>'} ${limit.toLocaleString('en-US')} ${unit}, the limit for ${threshold.label}`,
  };
}

/** An estimated distance and how it was measured. */
interface Measured {
  call: ResolvedCall;
  distance: number;
  /** "by sea route (…network…)" or the great-circle fallback. */
  method: string;
}

/** By sea route when both ports are on the network; else great circle, which may cross land. */
function distanceFrom(call: ResolvedCall, to: ResolvedCall): Measured | undefined {
  const bySea = seaRouteNm(call.port, to.port);
  if (bySea !== undefined) return { call, distance: bySea, method: `by ${SEA_ROUTE_METHOD}` };
  if (!call.position || !to.position) return undefined;
  return {
    call,
    distance: greatCircleNm(call.position, to.position),
    method: 'by great circle (not on the sea-route network: the line may cross land)',
  };
}

function shortSea(exemption: KindOf<'short-sea'>, ctx: ExemptionContext): Evaluation {
  const first = ctx.rotation.calls[0]!;
  const limit = exemption.maxNm;
  const given = first.input.distanceNm;
  if (given !== undefined) {
    const applies = given < limit;
    return {
      applies,
      reason: `sea distance given: ${nm(given)} from the farthest foreign port to ${first.port} (${applies ? 'less than' : 'not less than'} ${nm(limit)})`,
    };
  }
  const foreign =
    exemption.reading === 'last-foreign-port' ? ctx.rotation.precedingForeign.slice(-1) : ctx.rotation.precedingForeign;
  if (foreign.length === 0) {
    const reason = `not evaluated: no foreign call before ${first.port} and no distanceNm given`;
    return {
      applies: false,
      reason,
      note: `The short-sea exemption at ${first.port} was not evaluated: no foreign call before the rotation and no distanceNm.`,
    };
  }
  let farthest: Measured | undefined;
  const unknown: string[] = [];
  for (const call of foreign) {
    const measured = distanceFrom(call, first);
    if (measured === undefined) unknown.push(call.port);
    else if (!farthest || measured.distance > farthest.distance) farthest = measured;
  }
  const readingText = exemption.reading === 'last-foreign-port' ? 'last foreign port' : 'farthest foreign port';
  const estimate = (measured: Measured) =>
    `${readingText} ${measured.call.port} is about ${nm(measured.distance)} ${measured.method} from ${first.port} (estimated)`;
  const note = (measured: Measured) =>
    `Distance from ${measured.call.port} to ${first.port} estimated ${measured.method}; give distanceNm to replace the estimate.`;
  if (farthest && farthest.distance >= limit)
    return estimated(exemption, ctx, farthest, estimate(farthest), note(farthest));
  if (!farthest || unknown.length > 0) {
    const reason = `not evaluated: no coordinates for ${[...unknown, ...(first.position ? [] : [first.port])].join(', ')}; give distanceNm`;
    return {
      applies: false,
      reason,
      note: `The short-sea exemption at ${first.port} was not evaluated: unknown port coordinates; give distanceNm.`,
    };
  }
  return estimated(exemption, ctx, farthest, estimate(farthest), note(farthest));
}

/** The short-sea test on an estimated distance; within the tariff's margin of the limit it may be read either way. */
function estimated(
  exemption: KindOf<'short-sea'>,
  ctx: ExemptionContext,
  farthest: Measured,
  estimate: string,
  note: string,
): Evaluation {
  const limit = exemption.maxNm;
  const margin = exemption.estimateMargin;
  const nearLimit = margin !== undefined && Math.abs(farthest.distance - limit) <= limit * margin;
  const otherSide = nearLimit && ctx.distanceOtherSide === true;
  const applies = farthest.distance < limit !== otherSide;
  const side = applies ? `less than ${nm(limit)}` : `not less than ${nm(limit)}`;
  const within = nearLimit ? `, within ${Math.round(margin! * 100)}% of the limit` : '';
  return {
    applies,
    reason: `${estimate}${within}: ${otherSide ? `read on the other side of the limit, ${side}` : side}`,
    note,
    ...(nearLimit ? { nearLimit } : {}),
  };
}

function partyOwnership(exemption: KindOf<'party-ownership'>, ctx: ExemptionContext): Evaluation {
  const role = exemption.party;
  const party = ctx.vessel[role];
  if (exemption.countries.includes(party.country))
    return { applies: true, reason: `the ${role}'s country is ${party.country}` };
  const limit = decimal(exemption.stakeThreshold);
  const chains = (share: HeldShare) =>
    hasHolders(party) && share.paths.length > 0 ? ` (${decidingPaths(share)})` : '';
  for (const measure of exemption.measures) {
    const share = heldBy(party, role, exemption.countries, measure, ctx.holdings);
    if (share.held.greaterThanOrEqualTo(limit)) {
      return {
        applies: true,
        reason: `persons of ${exemption.countries.join('/')} hold ${share.held.toFixed()}% of the ${role}'s ${measure} (≥ ${exemption.stakeThreshold}%)${chains(share)}`,
      };
    }
  }
  const share = heldBy(party, role, exemption.countries, exemption.measures[0]!, ctx.holdings);
  return {
    applies: false,
    reason: `the ${role}'s country is ${party.country} and persons of ${exemption.countries.join('/')} hold ${share.held.toFixed()}% (< ${exemption.stakeThreshold}%)${chains(share)}`,
  };
}

function program(exemption: KindOf<'program'>, ctx: ExemptionContext): Evaluation {
  const enrolled = (ctx.vessel.programs ?? []).filter((p) => exemption.programs.includes(p));
  return enrolled.length > 0
    ? { applies: true, reason: `enrolled in ${enrolled.join(', ')}` }
    : { applies: false, reason: `not enrolled in ${exemption.programs.join(', ')}` };
}

function governmentCargo(ctx: ExemptionContext): Evaluation {
  const carrying = ctx.rotation.calls.filter((call) => call.input.usGovernmentCargo === true).map((call) => call.port);
  return carrying.length > 0
    ? { applies: true, reason: `US government cargo at ${carrying.join(', ')}` }
    : { applies: false, reason: 'no call of the rotation is marked usGovernmentCargo' };
}

function callPurpose(exemption: KindOf<'call-purpose'>, ctx: ExemptionContext): Evaluation {
  const first = ctx.rotation.calls[0]!;
  const cargo = first.input.cargo ?? 'laden';
  const purposes = ctx.rotation.calls.map((call) => call.input.purpose ?? 'cargo');
  const solely = purposes.every((purpose) => exemption.purposes.includes(purpose as never));
  const unladen = exemption.cargo.includes(cargo);
  return {
    applies: solely && unladen,
    reason: `arrives ${cargo} at ${first.port}; call purposes: ${purposes.join(', ')} (needs ${exemption.cargo.join(' or ')} and only ${exemption.purposes.join('/')})`,
  };
}

function evaluateOne(exemption: Exemption, ctx: ExemptionContext): Evaluation {
  switch (exemption.kind) {
    case 'arrival-cargo':
      return arrivalCargo(exemption, ctx);
    case 'vessel-size':
      return vesselSize(exemption, ctx);
    case 'short-sea':
      return shortSea(exemption, ctx);
    case 'party-ownership':
      return partyOwnership(exemption, ctx);
    case 'program':
      return program(exemption, ctx);
    case 'vessel-type': {
      const applies = exemption.types.includes(ctx.vessel.type);
      return {
        applies,
        reason: `vessel type ${ctx.vessel.type}${applies ? '' : `, not ${exemption.types.join('/')}`}`,
      };
    }
    case 'government-cargo':
      return governmentCargo(ctx);
    case 'government-vessel':
      return ctx.vessel.usGovernment
        ? { applies: true, reason: 'owned or chartered by the US government' }
        : { applies: false, reason: 'not marked usGovernment' };
    case 'built-in': {
      const applies = exemption.countries.includes(ctx.vessel.buildCountry);
      return { applies, reason: `built in ${ctx.vessel.buildCountry}` };
    }
    case 'call-purpose':
      return callPurpose(exemption, ctx);
  }
}

/** Evaluates every exemption of a rule, in the tariff's order. */
export function evaluateExemptions(exemptions: ReadonlyArray<Exemption>, ctx: ExemptionContext): ExemptionEvaluation[] {
  return exemptions.map((exemption) => ({ id: exemption.id, ref: exemption.ref, ...evaluateOne(exemption, ctx) }));
}
