/**
 * A voyage is `confirmed` only if every alternative reading gives the same
 * amount: checked here from outside the engine, by quoting the request again
 * under every other value of every declared assumption (one at a time) and
 * with every date-only arrival read at 23:59 local. Amounts that do change
 * must be listed in the voyage's alternatives.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { quote } from '../../src/engine/quote';
import type { PortCallInput, Quote, QuoteInput } from '../../src/engine/types';
import { zoneFor } from '../../src/ports/index';
import { shippedRegistry } from '../../src/tariffs/shipped';
import { quoteRequest } from '../support/arbitraries';
import { refusingQuoter } from '../support/refusals';

const runs = { numRuns: 120 };
const registry = shippedRegistry();

const quoter = refusingQuoter((input) => quote(input, { registry, today: '2026-11-28' }));
const { quoteOrRefusal } = quoter;
beforeEach(() => quoter.reset());

/** Dates on and around every edge of the shipped tariffs. */
const EDGE_DATES = [
  '2025-10-13',
  '2025-10-14',
  '2025-11-09',
  '2025-11-10',
  '2025-12-31',
  '2026-01-01',
  '2026-04-16',
  '2026-04-17',
  '2026-11-10',
  '2026-11-11',
  '2027-04-17',
];
const PORTS = ['USLAX', 'USNYC', 'USHOU', 'PRSJU', 'CNSHA', 'CNNGB', 'HKHKG', 'JPTYO', 'SGSIN'];

/** Requests whose calls are date-only arrivals on edge days, one call per day at most. */
const dateOnlyRequest = fc
  .record({
    base: quoteRequest,
    days: fc.uniqueArray(fc.constantFrom(...EDGE_DATES), { minLength: 1, maxLength: 4 }),
    ports: fc.array(fc.constantFrom(...PORTS), { minLength: 4, maxLength: 4 }),
  })
  .map(({ base, days, ports }): QuoteInput => {
    const portCalls = [...days].sort().map((day, i): PortCallInput => ({ port: ports[i]!, arrival: day }));
    return { ...base, portCalls };
  });

/** Every quote under one other reading: each other value of each declared assumption, and date-only arrivals at 23:59. */
function otherReadings(input: QuoteInput, result: Quote): Quote[] {
  const others: Quote[] = [];
  const chosen = result.tariffs.map((tariff) => registry.get(tariff.id)!);
  for (const assumption of chosen.flatMap((tariff) => tariff.data.assumptions)) {
    for (const { value } of assumption.options) {
      if (value === result.assumptions[assumption.id]) continue;
      const options = { ...input.options, assumptions: { ...input.options?.assumptions, [assumption.id]: value } };
      const other = quoteOrRefusal({ ...input, options });
      if (other) others.push(other);
    }
  }
  if (input.portCalls.some((call) => /^\d{4}-\d{2}-\d{2}$/.test(call.arrival))) {
    const portCalls = input.portCalls.map((call) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(call.arrival)) return call;
      const endOfDay = DateTime.fromISO(call.arrival, { zone: zoneFor(call.port) }).set({ hour: 23, minute: 59 });
      return { ...call, arrival: endOfDay.toISO({ suppressMilliseconds: true })! };
    });
    const other = quoteOrRefusal({ ...input, portCalls });
    if (other) others.push(other);
  }
  return others;
}

/**
 * Voyages keyed by their charging point: regime, first port and the local date of its arrival (a date-only
 * arrival read at 23:59 keeps its date), counted when several share them. Not by the calls a voyage groups: a
 * reading may group the same calls into other voyages (Chinese calls on either side of Macau as one voyage or
 * two), and the voyage charged at the same first call then keeps its amount under both.
 */
function keyed(result: Quote): Map<string, { amount: string }> {
  const seen = new Map<string, number>();
  const map = new Map<string, { amount: string }>();
  for (const voyage of result.voyages) {
    const point = `${voyage.regime}|${voyage.calls[0]}|${voyage.arrival.slice(0, 10)}`;
    const n = seen.get(point) ?? 0;
    seen.set(point, n + 1);
    map.set(`${point}|${n}`, { amount: voyage.fee.amount });
  }
  return map;
}

/** How often the properties met their interesting cases, so a run that met none fails rather than passing. */
const checked = { movedAmounts: 0, confirmed: 0 };
beforeEach(() => Object.assign(checked, { movedAmounts: 0, confirmed: 0 }));

/** Every request quoted, and both sides of the property met: an amount another reading moves, and a confirmed voyage. */
function expectBothSidesMet() {
  quoter.expectQuoted(1);
  expect(checked.movedAmounts, 'amounts another reading moves').toBeGreaterThan(0);
  expect(checked.confirmed, 'confirmed voyages').toBeGreaterThan(0);
}

function checkConfirmed(input: QuoteInput): void {
  const result = quoteOrRefusal(input);
  if (!result) return;
  const base = keyed(result);
  const voyages = [...base.keys()].map((key, i) => [key, result.voyages[i]!] as const);
  for (const other of otherReadings(input, result)) {
    const under = keyed(other);
    for (const [key, voyage] of voyages) {
      const amount = under.get(key)?.amount ?? '0.00';
      if (amount === voyage.fee.amount) continue;
      checked.movedAmounts += 1;
      expect(voyage.certainty, `${key}: ${voyage.fee.amount} here, ${amount} under another reading`).not.toBe(
        'confirmed',
      );
      expect(voyage.alternatives.map((alternative) => alternative.amount)).toContain(amount);
    }
  }
  for (const voyage of result.voyages) {
    if (voyage.certainty === 'confirmed') {
      checked.confirmed += 1;
      expect(voyage.alternatives).toEqual([]);
    }
    for (const alternative of voyage.alternatives)
      expect(alternative.amount !== voyage.fee.amount || alternative.outcome !== voyage.outcome).toBe(true);
  }
}

describe('certainty property', () => {
  it('a voyage is confirmed only if every other reading gives the same amount (generated requests)', () => {
    fc.assert(fc.property(quoteRequest, checkConfirmed), runs);
    expectBothSidesMet();
  });

  it('a voyage is confirmed only if every other reading gives the same amount (date-only arrivals on edge days)', () => {
    fc.assert(fc.property(dateOnlyRequest, checkConfirmed), runs);
    expectBothSidesMet();
  });
});
