/**
 * Which rule of a regime applies to a vessel: the tariff's coverage entries
 * are tried in order and the first whose tests all hold wins (annex
 * precedence, the 25% ownership tests).
 */
import { decimal } from '../../lib/money';
import { codeMessage, type Message, message, messageKey } from '../../messages/message';
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
  because: Message[];
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
): { holds: boolean; why: Message } {
  if (countries.includes(party.country))
    return { holds: true, why: message('party.country-is', { country: party.country }) };
  if (threshold !== undefined) {
    const limit = decimal(threshold);
    for (const measure of measures) {
      const share = heldBy(party, role, countries, measure, reading);
      if (share.held.greaterThanOrEqualTo(limit)) {
        const params = {
          countries: countries.join('/'),
          share: { amount: share.held.toFixed() },
          measure: codeMessage(measure),
          threshold,
        };
        return {
          holds: true,
          why: hasHolders(party)
            ? message('party.persons-hold-via', { ...params, through: decidingPaths(party, share, countries) })
            : message('party.persons-hold', params),
        };
      }
    }
  }
  const measure = measures[0] ?? 'equity';
  const largest = hasHolders(party) ? heldBy(party, role, countries, measure, reading) : undefined;
  return {
    holds: false,
    why: largest
      ? message('party.persons-hold-less-via', {
          country: party.country,
          countries: countries.join('/'),
          share: { amount: largest.held.toFixed() },
          measure: codeMessage(measure),
          threshold: threshold ?? '—',
          through: decidingPaths(party, largest, countries),
        })
      : message('party.persons-hold-less', {
          country: party.country,
          countries: countries.join('/'),
          threshold: threshold ?? '—',
        }),
  };
}

function testHolds(test: Test, vessel: VesselInput, reading: HoldingsReading): { holds: boolean; why: Message } {
  switch (test.test) {
    case 'vessel-type':
      return {
        holds: test.types.includes(vessel.type),
        why: message('coverage.vessel-type', { type: codeMessage(vessel.type) }),
      };
    case 'built-in':
      return {
        holds: test.countries.includes(vessel.buildCountry),
        why: message('coverage.built-in', { country: vessel.buildCountry }),
      };
    case 'not-built-in':
      return {
        holds: !test.countries.includes(vessel.buildCountry),
        why: message('coverage.not-built-in', { country: vessel.buildCountry, countries: test.countries.join('/') }),
      };
    case 'flag':
      return { holds: test.countries.includes(vessel.flag), why: message('coverage.flag', { country: vessel.flag }) };
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
        if (result.holds)
          return { holds: true, why: message('coverage.party', { party: codeMessage(role), why: result.why }) };
      }
      return {
        holds: false,
        why: message('coverage.parties-not-of', {
          parties: { list: test.parties.map((role) => codeMessage(role)), join: 'and' },
          countries: test.countries.join('/'),
        }),
      };
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
    const because: Message[] = [];
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
): Message[] {
  const lines = new Map<string, Message>();
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
        const line = message('party.short-of', { party: codeMessage(role), why: result.why });
        lines.set(messageKey(line), line);
      }
    }
  return [...lines.values()];
}
