/**
 * Screening (docs/rules.md §7.2): every named party of a request against the
 * list versions known at the knowledge date, with the listing's status at a
 * given instant. A listing changes no amount: screening only reports.
 */
import { type NameMatch, normalizeName, wordsContained } from './names';
import type { IndexedName, LoadedList } from './registry';

export type ListingStatus = 'in-force' | 'suspended' | 'unconfirmed' | 'not-in-force';

/** A party to screen: where it sits in the request (`owner.holders[0]`) and its name. */
export interface ScreenedParty {
  path: string;
  name: string;
}

/** A party with a name and, optionally, the parties that hold it. */
export interface NamedParty {
  name?: string;
  holders?: NamedParty[];
}

/** One party found on one list. */
export interface ListMatch {
  list: LoadedList;
  name: IndexedName;
  party: ScreenedParty;
  match: NameMatch;
}

export interface ScreeningHit {
  list: string;
  version: string;
  /** The entry's name as listed. */
  entry: string;
  entryId: string;
  /** Where the party sits in the request. */
  party: string;
  /** The party's name as given. */
  name: string;
  match: NameMatch;
  /** The listed name or alias the party's name matched. */
  matched: string;
  status: ListingStatus;
  /** For `unconfirmed`: the assumption that decides and what the quote's value of it reads. */
  reading?: { assumption: string; value: string; status: 'in-force' | 'suspended' };
  measure: string;
  effect: string;
  /** Whether the measure itself bears on a port call (false for procurement or trade bans). */
  portMeasure: boolean;
  ref: { instrument: string; url: string; kind: 'primary' | 'secondary'; pinpoint: string };
}

const STRENGTH: Record<NameMatch, number> = { exact: 3, normalized: 2, alias: 2, possible: 0 };

/** Every named party of a role and its holders at any depth, with its path. */
export function namedParties(role: string, party: NamedParty | undefined): ScreenedParty[] {
  if (!party) return [];
  const found: ScreenedParty[] = [];
  const visit = (node: NamedParty, path: string): void => {
    if (node.name && node.name.trim().length > 0) found.push({ path, name: node.name });
    node.holders?.forEach((holder, i) => {
      visit(holder, `${path}.holders[${i}]`);
    });
  };
  visit(party, role);
  return found;
}

/** The strongest match of a name against one listed name or alias, if any. */
function matchOf(given: string, normalized: string, name: IndexedName): NameMatch | undefined {
  if (given.trim() === name.written) return name.via === 'name' ? 'exact' : 'alias';
  if (normalized === name.normalized) return name.via === 'name' ? 'normalized' : 'alias';
  if (wordsContained(normalized, name.normalized)) return 'possible';
  return undefined;
}

/** Each party's strongest match with each entry of each list version. */
export function matchParties(parties: ScreenedParty[], lists: LoadedList[]): ListMatch[] {
  const matches: ListMatch[] = [];
  for (const party of parties) {
    const normalized = normalizeName(party.name);
    for (const list of lists) {
      const best = new Map<string, { name: IndexedName; match: NameMatch }>();
      for (const name of list.names) {
        const match = matchOf(party.name, normalized, name);
        if (!match) continue;
        const kept = best.get(name.entry.id);
        if (!kept || STRENGTH[match] > STRENGTH[kept.match]) best.set(name.entry.id, { name, match });
      }
      // A party matched on this list is not also reported as a possible match of its other entries.
      const matched = [...best.values()].some(({ match }) => match !== 'possible');
      for (const { name, match } of best.values())
        if (!matched || match !== 'possible') matches.push({ list, name, party, match });
    }
  }
  return matches;
}

/** The status of a listing at an instant, and how the quote's assumptions read it when unconfirmed. */
export function statusAt(
  list: LoadedList,
  listedMillis: number,
  millis: number,
  assumptions: Readonly<Record<string, string>>,
): Pick<ScreeningHit, 'status' | 'reading'> {
  if (millis < listedMillis) return { status: 'not-in-force' };
  const window = list.windows.find((w) => millis >= w.fromMillis && millis < w.toMillis)?.window;
  if (!window) return { status: 'not-in-force' };
  const scenario = window.scenario;
  const value = scenario ? assumptions[scenario.assumption] : undefined;
  const read = scenario && value ? scenario.outcomes[value] : undefined;
  return {
    status: window.status,
    ...(scenario && value && read ? { reading: { assumption: scenario.assumption, value, status: read } } : {}),
  };
}

/** The matches as screening rows, with each listing's status at the instant `at` gives for its list; strongest match first. */
export function screeningAt(
  matches: ListMatch[],
  at: (list: LoadedList) => number,
  assumptions: Readonly<Record<string, string>>,
): ScreeningHit[] {
  return matches
    .map(({ list, name, party, match }) => {
      const instrument = list.data.instruments[name.entry.ref.instrument]!;
      return {
        list: list.list,
        version: list.id,
        entry: name.entry.name,
        entryId: name.entry.id,
        party: party.path,
        name: party.name,
        match,
        matched: name.written,
        ...statusAt(list, name.listedMillis, at(list), assumptions),
        measure: list.data.measure.title,
        effect: list.data.measure.effect,
        portMeasure: list.data.measure.portMeasure,
        ref: {
          instrument: instrument.title,
          url: instrument.url,
          kind: instrument.kind,
          pinpoint: name.entry.ref.pinpoint,
        },
      };
    })
    .sort(
      (a, b) => STRENGTH[b.match] - STRENGTH[a.match] || a.list.localeCompare(b.list) || a.party.localeCompare(b.party),
    );
}

/** True when a row counts as a match: `possible` never does. */
export function isMatch(hit: Pick<ScreeningHit, 'match'>): boolean {
  return hit.match !== 'possible';
}

/**
 * What changed between two screenings of the same quote, for the change
 * decision: rows that appeared, rows that went, and rows whose status changed
 * (keyed by list, entry and party; the version alone changing is no change).
 */
export function screeningChanges(
  before: readonly ScreeningHit[],
  after: readonly ScreeningHit[],
): {
  added: ScreeningHit[];
  removed: ScreeningHit[];
  changed: Array<{ before: ScreeningHit; after: ScreeningHit }>;
} {
  const key = (hit: ScreeningHit) => `${hit.list}\u0000${hit.entryId}\u0000${hit.party}`;
  const old = new Map(before.map((hit) => [key(hit), hit]));
  const now = new Map(after.map((hit) => [key(hit), hit]));
  const added = after.filter((hit) => !old.has(key(hit)));
  const removed = before.filter((hit) => !now.has(key(hit)));
  const changed = after.flatMap((hit) => {
    const previous = old.get(key(hit));
    if (!previous) return [];
    const same =
      previous.status === hit.status &&
      previous.match === hit.match &&
      previous.reading?.status === hit.reading?.status &&
      previous.effect === hit.effect;
    return same ? [] : [{ before: previous, after: hit }];
  });
  return { added, removed, changed };
}
