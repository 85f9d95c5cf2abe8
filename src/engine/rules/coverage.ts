/**
 * Which rule of a regime applies to a vessel: the tariff's coverage entries
 * are tried in order and the first whose tests all hold wins (annex
 * precedence, the 25% ownership tests).
 */
import { type Decimal, decimal, sum } from '../../lib/money';
import { codeMessage, type Message, message } from '../../messages/message';
import type { Ref, TariffVersion, Test } from '../../tariffs/schema';
import type { PartyInput, VesselInput } from '../types';

export interface CoverageMatch {
  rule: string | null;
  reason: string;
  notes: string[];
  /** Why each test held, for the explanation. */
  because: Message[];
  ref: Ref;
}

type Measure = 'equity' | 'voting' | 'board';

/** Share of `measure` held together by persons of `countries`, as a decimal percentage. */
export function heldBy(party: PartyInput, countries: ReadonlyArray<string>, measure: Measure): Decimal {
  return sum(
    (party.stakes ?? [])
      .filter((stake) => countries.includes(stake.country))
      .map((stake) => decimal(stake[measure] ?? 0)),
  );
}

/**
 * Is the party "of" one of `countries`: its own country is one of them, or
 * persons of those countries together hold at least `threshold` percent of
 * any one of `measures`.
 */
export function partyOf(
  party: PartyInput,
  countries: ReadonlyArray<string>,
  threshold: string | undefined,
  measures: ReadonlyArray<Measure>,
): { holds: boolean; why: Message } {
  if (countries.includes(party.country))
    return { holds: true, why: message('party.country-is', { country: party.country }) };
  if (threshold !== undefined) {
    const limit = decimal(threshold);
    for (const measure of measures) {
      const held = heldBy(party, countries, measure);
      if (held.greaterThanOrEqualTo(limit)) {
        return {
          holds: true,
          why: message('party.persons-hold', {
            countries: countries.join('/'),
            share: { amount: held.toFixed() },
            measure: codeMessage(measure),
            threshold: threshold ?? '—',
          }),
        };
      }
    }
  }
  return {
    holds: false,
    why: message('party.persons-hold-less', {
      country: party.country,
      countries: countries.join('/'),
      threshold: threshold ?? '—',
    }),
  };
}

function testHolds(test: Test, vessel: VesselInput): { holds: boolean; why: Message } {
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
        const result = partyOf(vessel[role], test.countries, test.stakeThreshold, test.measures ?? ['equity']);
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
export function matchCoverage(coverage: TariffVersion['coverage'], vessel: VesselInput): CoverageMatch | undefined {
  for (const entry of coverage) {
    const because: Message[] = [];
    let all = true;
    for (const test of entry.when) {
      const result = testHolds(test, vessel);
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
