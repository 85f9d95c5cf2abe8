/**
 * Exemptions ("targeted coverage"): every exemption of the applicable rule is
 * evaluated and reported with `applies` and a reason, whatever the outcome.
 * One small evaluator per kind; the tariff file supplies the parameters.
 */

import { decimal } from '../../lib/money';
import { codeMessage, type Message, message } from '../../messages/message';
import { greatCircleNm, SEA_ROUTE_METHOD, seaRouteNm } from '../../ports/index';
import type { Exemption, Ref } from '../../tariffs/schema';
import type { ExemptionResult, VesselInput } from '../types';
import type { ResolvedCall, Rotation } from '../voyages';
import { type HoldingsReading, heldBy } from './coverage';
import { decidingPaths, hasHolders } from './holdings';
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
  note?: Message;
  /** The exemption's pinpoint reference in the tariff (none for a granted exemption). */
  ref?: Ref;
  /** An estimated input decided it within its margin: another reading of that input may change the outcome. */
  nearLimit?: boolean;
}

type Evaluation = { applies: boolean; reason: Message; note?: Message; nearLimit?: boolean };
type KindOf<K extends Exemption['kind']> = Extract<Exemption, { kind: K }>;

/** A distance in whole nautical miles. */
const nm = (value: number): number => Math.round(value);

const codes = (values: ReadonlyArray<string>) => ({ list: [...values], join: 'codes' as const });

function arrivalCargo(exemption: KindOf<'arrival-cargo'>, ctx: ExemptionContext): Evaluation {
  const first = ctx.rotation.calls[0]!;
  const cargo = first.input.cargo ?? 'laden';
  const applies = exemption.cargo.includes(cargo);
  return { applies, reason: message('exemption.arrives', { cargo: codeMessage(cargo), port: first.port }) };
}

function vesselSize(exemption: KindOf<'vessel-size'>, ctx: ExemptionContext): Evaluation {
  const { vessel } = ctx;
  const threshold =
    exemption.thresholds.find((t) => t.types?.includes(vessel.type)) ?? exemption.thresholds.find((t) => !t.types);
  if (!threshold)
    return { applies: false, reason: message('exemption.no-size-threshold', { type: codeMessage(vessel.type) }) };
  const limit = resolveParam(threshold.max, ctx.assumption);
  const field = threshold.measure === 'teu' ? 'teuCapacity' : 'deadweight';
  const unit = threshold.measure === 'teu' ? 'TEU' : 'DWT';
  const value = vessel[field];
  if (value === undefined) {
    return {
      applies: false,
      reason: message('exemption.size-not-given', { field, label: { text: threshold.label }, limit, unit }),
      note: message('exemption.size-not-given-note', { field }),
    };
  }
  const applies = value <= limit;
  return {
    applies,
    reason: message(applies ? 'exemption.size-within' : 'exemption.size-over', {
      value,
      unit,
      limit,
      label: { text: threshold.label },
    }),
  };
}

/** An estimated distance and how it was measured. */
interface Measured {
  call: ResolvedCall;
  distance: number;
  /** "by sea route (…network…)" or the great-circle fallback. */
  method: Message;
}

/** By sea route when both ports are on the network; else great circle, which may cross land. */
function distanceFrom(call: ResolvedCall, to: ResolvedCall): Measured | undefined {
  const bySea = seaRouteNm(call.port, to.port);
  if (bySea !== undefined)
    return { call, distance: bySea, method: message('exemption.by-sea-route', { method: { text: SEA_ROUTE_METHOD } }) };
  if (!call.position || !to.position) return undefined;
  return {
    call,
    distance: greatCircleNm(call.position, to.position),
    method: message('exemption.by-great-circle', {}),
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
      reason: message(applies ? 'exemption.distance-given-less' : 'exemption.distance-given-not-less', {
        given: nm(given),
        port: first.port,
        limit: nm(limit),
      }),
    };
  }
  const foreign =
    exemption.reading === 'last-foreign-port' ? ctx.rotation.precedingForeign.slice(-1) : ctx.rotation.precedingForeign;
  if (foreign.length === 0) {
    return {
      applies: false,
      reason: message('exemption.no-foreign-call', { port: first.port }),
      note: message('exemption.no-foreign-call-note', { port: first.port }),
    };
  }
  let farthest: Measured | undefined;
  const unknown: string[] = [];
  for (const call of foreign) {
    const measured = distanceFrom(call, first);
    if (measured === undefined) unknown.push(call.port);
    else if (!farthest || measured.distance > farthest.distance) farthest = measured;
  }
  const which =
    exemption.reading === 'last-foreign-port'
      ? message('exemption.last-foreign-port', {})
      : message('exemption.farthest-foreign-port', {});
  const estimate = (measured: Measured) =>
    message('exemption.distance-estimate', {
      which,
      from: measured.call.port,
      distance: nm(measured.distance),
      method: measured.method,
      port: first.port,
    });
  const note = (measured: Measured) =>
    message('exemption.distance-estimate-note', {
      from: measured.call.port,
      port: first.port,
      method: measured.method,
    });
  if (farthest && farthest.distance >= limit)
    return estimated(exemption, ctx, farthest, estimate(farthest), note(farthest));
  if (!farthest || unknown.length > 0) {
    return {
      applies: false,
      reason: message('exemption.no-coordinates', {
        ports: codes([...unknown, ...(first.position ? [] : [first.port])]),
      }),
      note: message('exemption.no-coordinates-note', { port: first.port }),
    };
  }
  return estimated(exemption, ctx, farthest, estimate(farthest), note(farthest));
}

/** The short-sea test on an estimated distance; within the tariff's margin of the limit it may be read either way. */
function estimated(
  exemption: KindOf<'short-sea'>,
  ctx: ExemptionContext,
  farthest: Measured,
  estimate: Message,
  note: Message,
): Evaluation {
  const limit = exemption.maxNm;
  const margin = exemption.estimateMargin;
  const nearLimit = margin !== undefined && Math.abs(farthest.distance - limit) <= limit * margin;
  const otherSide = nearLimit && ctx.distanceOtherSide === true;
  const applies = farthest.distance < limit !== otherSide;
  const side = message(applies ? 'exemption.less-than' : 'exemption.not-less-than', { limit: nm(limit) });
  const within = nearLimit ? message('exemption.within-margin', { margin: Math.round(margin! * 100) }) : '';
  return {
    applies,
    reason: message(otherSide ? 'exemption.distance-other-side' : 'exemption.distance-reason', {
      estimate,
      within,
      side,
    }),
    note,
    ...(nearLimit ? { nearLimit } : {}),
  };
}

function partyOwnership(exemption: KindOf<'party-ownership'>, ctx: ExemptionContext): Evaluation {
  const role = exemption.party;
  const party = ctx.vessel[role];
  if (exemption.countries.includes(party.country))
    return {
      applies: true,
      reason: message('exemption.party-country', { party: codeMessage(role), country: party.country }),
    };
  const limit = decimal(exemption.stakeThreshold);
  const countries = exemption.countries.join('/');
  for (const measure of exemption.measures) {
    const share = heldBy(party, role, exemption.countries, measure, ctx.holdings);
    if (share.held.greaterThanOrEqualTo(limit)) {
      const params = {
        countries,
        share: { amount: share.held.toFixed() },
        party: codeMessage(role),
        measure: codeMessage(measure),
        threshold: exemption.stakeThreshold,
      };
      return {
        applies: true,
        reason: hasHolders(party)
          ? message('exemption.party-persons-hold-via', {
              ...params,
              through: decidingPaths(party, share, exemption.countries),
            })
          : message('exemption.party-persons-hold', params),
      };
    }
  }
  const share = heldBy(party, role, exemption.countries, exemption.measures[0]!, ctx.holdings);
  const params = {
    party: codeMessage(role),
    country: party.country,
    countries,
    share: { amount: share.held.toFixed() },
    threshold: exemption.stakeThreshold,
  };
  return {
    applies: false,
    reason: hasHolders(party)
      ? message('exemption.party-persons-hold-less-via', {
          ...params,
          through: decidingPaths(party, share, exemption.countries),
        })
      : message('exemption.party-persons-hold-less', params),
  };
}

function program(exemption: KindOf<'program'>, ctx: ExemptionContext): Evaluation {
  const enrolled = (ctx.vessel.programs ?? []).filter((p) => exemption.programs.includes(p));
  return enrolled.length > 0
    ? { applies: true, reason: message('exemption.enrolled', { programs: codes(enrolled) }) }
    : { applies: false, reason: message('exemption.not-enrolled', { programs: codes(exemption.programs) }) };
}

function governmentCargo(ctx: ExemptionContext): Evaluation {
  const carrying = ctx.rotation.calls.filter((call) => call.input.usGovernmentCargo === true).map((call) => call.port);
  return carrying.length > 0
    ? { applies: true, reason: message('exemption.government-cargo', { ports: codes(carrying) }) }
    : { applies: false, reason: message('exemption.no-government-cargo', {}) };
}

function callPurpose(exemption: KindOf<'call-purpose'>, ctx: ExemptionContext): Evaluation {
  const first = ctx.rotation.calls[0]!;
  const cargo = first.input.cargo ?? 'laden';
  const purposes = ctx.rotation.calls.map((call) => call.input.purpose ?? 'cargo');
  const solely = purposes.every((purpose) => exemption.purposes.includes(purpose as never));
  const unladen = exemption.cargo.includes(cargo);
  return {
    applies: solely && unladen,
    reason: message('exemption.call-purpose', {
      cargo: codeMessage(cargo),
      port: first.port,
      purposes: codes(purposes),
      cargoes: { list: exemption.cargo.map((value) => codeMessage(value)), join: 'or' },
      allowed: exemption.purposes.join('/'),
    }),
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
        reason: applies
          ? message('exemption.vessel-type', { type: codeMessage(ctx.vessel.type) })
          : message('exemption.vessel-type-not', {
              type: codeMessage(ctx.vessel.type),
              types: exemption.types.join('/'),
            }),
      };
    }
    case 'government-cargo':
      return governmentCargo(ctx);
    case 'government-vessel':
      return ctx.vessel.usGovernment
        ? { applies: true, reason: message('exemption.government-vessel', {}) }
        : { applies: false, reason: message('exemption.not-government-vessel', {}) };
    case 'built-in': {
      const applies = exemption.countries.includes(ctx.vessel.buildCountry);
      return { applies, reason: message('exemption.built-in', { country: ctx.vessel.buildCountry }) };
    }
    case 'call-purpose':
      return callPurpose(exemption, ctx);
  }
}

/** Evaluates every exemption of a rule, in the tariff's order. */
export function evaluateExemptions(exemptions: ReadonlyArray<Exemption>, ctx: ExemptionContext): ExemptionEvaluation[] {
  return exemptions.map((exemption) => ({ id: exemption.id, ref: exemption.ref, ...evaluateOne(exemption, ctx) }));
}
