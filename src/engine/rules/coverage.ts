/**
 * Which rule of a regime applies to a vessel: the tariff's coverage entries
 * are tried in order and the first whose tests all hold wins (annex
 * precedence, the 25% ownership tests).
 */
import { decimal } from '../../lib/money';
import type { Ref, TariffVersion, Test } from '../../tariffs/schema';
import type { PartyInput, VesselInput } from '../types';
import {
  decidingPaths,
  type HeldShare,
  hasHolders,
  heldThrough,
  LOOK_THROUGH_DEFAULT,
  type LookThrough,
  type Measure,
} from './holdings';

export interface CoverageMatch {
  rule: string | null;
  reason: string;
  notes: string[];
  /** Why each test held, for the explanation. */
  because: string[];
  ref: Ref;
}

/** How a party's holders are looked through; read (and recorded) only for a party that has holders. */
export type HoldingsReading = () => LookThrough;

/**
 * Share of `measure` held together by persons of `countries`, as a decimal percentage: flat stakes plus the
 * holders looked through (docs/rules.md §7.1).
 */
export function heldBy(
  party: PartyInput,
  role: string,
  countries: ReadonlyArray<string>,
  measure: Measure,
  reading: HoldingsReading,
): HeldShare {
  return heldThrough(party, role, countries, measure, hasHolders(party) ? reading() : LOOK_THROUGH_DEFAULT);
}

/** The deciding chains of holdings, when a party has holders: the explanation names them. */
function through(party: PartyInput, share: HeldShare): string {
  return hasHolders(party) && share.paths.length > 0 ? ` (${decidingPaths(share)})` : '';
}

/**
 * Is the party "of" one of `countries`: its own country is one of them, or
 * persons of those countries together hold at least `threshold` percent of
 * any one of `measures`.
 */
export function partyOf(
  party: PartyInput,
  role: string,
  countries: ReadonlyArray<string>,
  threshold: string | undefined,
  measures: ReadonlyArray<Measure>,
  reading: HoldingsReading,
): { holds: boolean; why: string } {
  if (countries.includes(party.country)) return { holds: true, why: `its country is ${party.country}` };
  if (threshold !== undefined) {
    const limit = decimal(threshold);
    for (const measure of measures) {
      const share = heldBy(party, role, countries, measure, reading);
      if (share.held.greaterThanOrEqualTo(limit)) {
        return {
          holds: true,
          why: `persons of ${countries.join('/')} hold ${share.held.toFixed()}% of its ${measure} (threshold ${threshold}%)${through(party, share)}`,
        };
      }
    }
  }
  const largest = hasHolders(party) ? heldBy(party, role, countries, measures[0] ?? 'equity', reading) : undefined;
  return {
    holds: false,
    why: largest
      ? `its country is ${party.country} and persons of ${countries.join('/')} hold ${largest.held.toFixed()}% of its ${measures[0] ?? 'equity'}, less than ${threshold ?? '—'}%${through(party, largest)}`
      : `its country is ${party.country} and persons of ${countries.join('/')} hold less than ${threshold ?? '—'}% of it`,
  };
}

function testHolds(test: Test, vessel: VesselInput, reading: HoldingsReading): { holds: boolean; why: string } {
  switch (test.test) {
    case 'vessel-type':
      return { holds: test.types.includes(vessel.type), why: `vessel type ${vessel.type}` };
    case 'built-in':
      return { holds: test.countries.includes(vessel.buildCountry), why: `built in ${vessel.buildCountry}` };
    case 'not-built-in':
      return {
        holds: !test.countries.includes(vessel.buildCountry),
        why: `built in ${vessel.buildCountry}, not in ${test.countries.join('/')}`,
      };
    case 'flag':
      return { holds: test.countries.includes(vessel.flag), why: `flag ${vessel.flag}` };
    case 'party-of': {
      for (const role of test.parties) {
        const result = partyOf(
          vessel[role],
          role,
          test.countries,
          test.stakeThreshold,
          test.measures ?? ['equity'],
          reading,
        );
        if (result.holds) return { holds: true, why: `${role}: ${result.why}` };
      }
      return { holds: false, why: `${test.parties.join(' and ')} not of ${test.countries.join('/')}` };
    }
  }
}

/** The first coverage entry whose tests all hold, or undefined (not covered). */
export function matchCoverage(
  coverage: TariffVersion['coverage'],
  vessel: VesselInput,
  reading: HoldingsReading,
): CoverageMatch | undefined {
  for (const entry of coverage) {
    const because: string[] = [];
    let all = true;
    for (const test of entry.when) {
      const result = testHolds(test, vessel, reading);
      if (!result.holds) {
        all = false;
        break;
      }
      because.push(result.why);
    }
    if (all) return { rule: entry.rule, reason: entry.reason, notes: entry.notes ?? [], because, ref: entry.ref };
  }
  return undefined;
}

/**
 * For a vessel no coverage entry matches: how far each party with holders falls short of each ownership test,
 * naming the chains of holdings read, so the explanation shows the path that decided.
 */
export function holdingsShortOf(
  coverage: TariffVersion['coverage'],
  vessel: VesselInput,
  reading: HoldingsReading,
): string[] {
  const lines = new Set<string>();
  for (const entry of coverage)
    for (const test of entry.when) {
      if (test.test !== 'party-of' || test.stakeThreshold === undefined) continue;
      for (const role of test.parties) {
        if (!hasHolders(vessel[role])) continue;
        const result = partyOf(
          vessel[role],
          role,
          test.countries,
          test.stakeThreshold,
          test.measures ?? ['equity'],
          reading,
        );
        lines.add(`${role}: ${result.why}.`);
      }
    }
  return [...lines];
}
