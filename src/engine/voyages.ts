/**
 * Port calls → rotations (US) / voyages (China): maximal runs of consecutive
 * calls at ports of a regime's territory. The charging point is the first
 * port of each run.
 */

import { type Arrival, parseArrival } from '../lib/time';
import { countryOfLocode, findPort, nearestPorts, zoneFor } from '../ports/index';
import { type PortCallInput, QuoteInputError } from './types';

export interface ResolvedCall {
  index: number;
  port: string;
  country: string;
  position?: { lat: number; lon: number };
  portName?: string;
  arrival: Arrival;
  /** When the vessel berthed, if given (never before the arrival). */
  berthing?: Arrival;
  input: PortCallInput;
}

export interface Rotation {
  calls: ResolvedCall[];
  /** Calls outside the territory since the previous rotation (the voyage that leads here). */
  precedingForeign: ResolvedCall[];
}

/** Reads every call's port and arrival; refuses unknowable zones and calls out of order. */
export function resolveCalls(calls: PortCallInput[]): ResolvedCall[] {
  const issues: Array<{ path: string; message: string }> = [];
  const resolved: ResolvedCall[] = [];
  calls.forEach((input, index) => {
    const port = input.port.toUpperCase();
    const known = findPort(port);
    if (!known) {
      const nearest = nearestPorts(port);
      issues.push({
        path: `portCalls[${index}].port`,
        message: `${port} is not in the port table${nearest.length > 0 ? `; did you mean ${nearest.join(', ')}?` : '; search GET /v1/ports?q= for its code'}`,
      });
      return;
    }
    const arrival = parseArrival(input.arrival, zoneFor(port));
    const noZone = zoneFor(port)
      ? 'not a calendar date or a date-time with an offset, in the year 100 or later'
      : `a date without a time needs the port's time zone, which is not known for ${port}; give a date-time with an offset`;
    if (!arrival) {
      issues.push({ path: `portCalls[${index}].arrival`, message: noZone });
      return;
    }
    const berthing = input.berthing === undefined ? undefined : parseArrival(input.berthing, zoneFor(port));
    if (input.berthing !== undefined && !berthing) {
      issues.push({ path: `portCalls[${index}].berthing`, message: noZone });
      return;
    }
    // A date-only side stands for its whole day: only a berthing surely before the arrival is refused.
    if (berthing && berthing.latestMillis < arrival.millis) {
      issues.push({
        path: `portCalls[${index}].berthing`,
        message: `must not be before the arrival: ${berthing.iso} is before ${arrival.iso}`,
      });
      return;
    }
    resolved.push({
      berthing,
      index,
      port,
      country: countryOfLocode(port),
      position: known ? { lat: known.lat, lon: known.lon } : undefined,
      portName: known?.name,
      arrival,
      input,
    });
  });
  for (let i = 1; i < resolved.length; i++) {
    const previous = resolved[i - 1]!;
    const current = resolved[i]!;
    if (current.arrival.latestMillis < previous.arrival.millis) {
      issues.push({
        path: `portCalls[${current.index}].arrival`,
        message: `calls must be in chronological order: ${current.arrival.iso} is before the previous call's arrival ${previous.arrival.iso}`,
      });
    }
  }
  if (issues.length > 0) throw new QuoteInputError(issues);
  return resolved;
}

/**
 * Groups calls into the maximal runs inside `territory` (country codes). A call
 * in a `continuesThrough` country inside a run is passed over: it neither
 * joins the run nor ends it.
 */
export function rotations(
  calls: ResolvedCall[],
  territory: ReadonlyArray<string>,
  continuesThrough: ReadonlyArray<string> = [],
): Rotation[] {
  const result: Rotation[] = [];
  let current: ResolvedCall[] | undefined;
  let foreign: ResolvedCall[] = [];
  for (const call of calls) {
    if (current && continuesThrough.includes(call.country)) continue;
    if (territory.includes(call.country)) {
      if (!current) {
        current = [];
        result.push({ calls: current, precedingForeign: foreign });
        foreign = [];
      }
      current.push(call);
    } else {
      current = undefined;
      foreign.push(call);
    }
  }
  return result;
}
