/**
 * Screening of a quote (docs/rules.md §7.2): every named party of the vessel
 * (owner, operator, manager, charterer and each holder at any depth) against
 * the list versions known at asOf; each voyage gets the listings' status at
 * its arrival, the quote their status at asOf. No amount depends on it.
 */

import { localMomentMillis } from '../lib/time';
import type { ListRegistry } from '../lists/registry';
import { matchParties, namedParties, type ScreeningHit, screeningAt } from '../lists/screen';
import type { Quote, VesselInput, VoyageQuote } from './types';

/** The roles screened, in the order rows are reported. */
export const SCREENED_ROLES = ['owner', 'operator', 'manager', 'charterer'] as const;

export function screenQuote(
  vessel: VesselInput,
  voyages: VoyageQuote[],
  lists: ListRegistry,
  asOf: string,
  assumptions: Readonly<Record<string, string>>,
): Pick<Quote, 'lists' | 'screening'> {
  const versions = lists.pickAll(asOf);
  const parties = SCREENED_ROLES.flatMap((role) => namedParties(role, vessel[role]));
  const matches = parties.length > 0 ? matchParties(parties, versions) : [];
  for (const voyage of voyages) {
    const arrival = Date.parse(voyage.arrival);
    voyage.screening = matches.length > 0 ? screeningAt(matches, () => arrival, assumptions) : [];
  }
  const screening: ScreeningHit[] =
    matches.length > 0 ? screeningAt(matches, (list) => localMomentMillis(asOf, list.data.zone), assumptions) : [];
  return { lists: versions.map((version) => ({ id: version.id, sha256: version.sha256 })), screening };
}
