/**
 * Loads countermeasure list versions, validates them (shape with zod, then
 * what zod cannot see), precomputes their instants and a name index, and picks
 * a version by knowledge date. Pure: the files come in as parsed JSON.
 */

import { canonicalJson } from '../lib/canonical';
import { DataFileError } from '../lib/data-file-error';
import { sha256Hex } from '../lib/sha256';
import { isValidZone, localMomentMillis } from '../lib/time';
import { VersionShelf } from '../lib/version-shelf';
import type { TariffRegistry } from '../tariffs/registry';
import { normalizeName } from './names';
import { type ListEntry, ListVersion } from './schema';

export interface CompiledListWindow {
  window: ListVersion['statusWindows'][number];
  fromMillis: number;
  toMillis: number;
}

export interface IndexedName {
  entry: ListEntry;
  listedMillis: number;
  /** The listed name or the alias this key was made from. */
  written: string;
  via: 'name' | 'alias';
  normalized: string;
}

/** One validated list version, ready for screening. */
export interface LoadedList {
  id: string;
  list: string;
  published: string;
  /** SHA-256 of the canonical JSON of the file as shipped. */
  sha256: string;
  data: ListVersion;
  /** The file exactly as shipped (parsed), for `GET /v1/lists/{list}/{version}`. */
  source: unknown;
  windows: CompiledListWindow[];
  /** Every listed name and alias, normalised. */
  names: IndexedName[];
  byNormalized: Map<string, IndexedName[]>;
}

/** The values of every assumption the tariff versions declare. */
function declaredAssumptions(tariffs: TariffRegistry | undefined): Map<string, Set<string>> | undefined {
  if (!tariffs) return undefined;
  const declared = new Map<string, Set<string>>();
  for (const tariff of tariffs.versions())
    for (const assumption of tariff.data.assumptions) {
      const values = declared.get(assumption.id) ?? new Set<string>();
      for (const option of assumption.options) values.add(option.value);
      declared.set(assumption.id, values);
    }
  return declared;
}

function crossCheck(data: ListVersion, file: string, declared: Map<string, Set<string>> | undefined): string[] {
  const problems: string[] = [];
  if (data.id !== `${data.list}/${data.published}`) problems.push(`id must be ${data.list}/${data.published}`);
  if (!file.endsWith(`${data.list}/${data.published}.json`))
    problems.push(`the file must be lists/${data.list}/${data.published}.json`);
  if (!isValidZone(data.zone)) problems.push(`zone ${data.zone} is not a known IANA zone`);
  const ids = new Set(data.entries.map((entry) => entry.id));
  if (ids.size !== data.entries.length) problems.push('entry ids are not unique');
  const refs = [
    { where: 'measure.ref', instrument: data.measure.ref.instrument },
    ...data.statusWindows.map((window, i) => ({ where: `statusWindows[${i}].ref`, instrument: window.ref.instrument })),
    ...data.entries.map((entry, i) => ({ where: `entries[${i}].ref`, instrument: entry.ref.instrument })),
  ];
  for (const ref of refs)
    if (ref.instrument >= data.instruments.length)
      problems.push(`${ref.where}.instrument ${ref.instrument} is not an index of instruments`);
  data.statusWindows.forEach((window, w) => {
    const next = data.statusWindows[w + 1];
    if (window.to && window.to <= window.from) problems.push(`statusWindows[${w}] ends before it starts`);
    if (next && (!window.to || window.to > next.from)) problems.push(`statusWindows[${w}] overlaps the next window`);
    if (window.status === 'unconfirmed' && !window.scenario)
      problems.push(`statusWindows[${w}] is unconfirmed but names no scenario`);
    if (window.scenario && declared) {
      const values = declared.get(window.scenario.assumption);
      if (!values)
        problems.push(`statusWindows[${w}].scenario: ${window.scenario.assumption} is declared by no tariff`);
      else if ([...values].sort().join(',') !== Object.keys(window.scenario.outcomes).sort().join(','))
        problems.push(`statusWindows[${w}].scenario must map every value of ${window.scenario.assumption}`);
    }
  });
  return problems;
}

function compile(source: unknown, file: string, declared: Map<string, Set<string>> | undefined): LoadedList {
  const parsed = ListVersion.safeParse(source);
  if (!parsed.success)
    throw new DataFileError(
      'list',
      file,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  const data = parsed.data;
  const problems = crossCheck(data, file, declared);
  if (problems.length > 0) throw new DataFileError('list', file, problems);
  const names: IndexedName[] = data.entries.flatMap((entry) => {
    const listedMillis = localMomentMillis(entry.listed, data.zone);
    return [
      { entry, listedMillis, written: entry.name, via: 'name' as const, normalized: normalizeName(entry.name) },
      ...entry.aliases.map((alias) => ({
        entry,
        listedMillis,
        written: alias,
        via: 'alias' as const,
        normalized: normalizeName(alias),
      })),
    ];
  });
  const byNormalized = new Map<string, IndexedName[]>();
  for (const name of names) byNormalized.set(name.normalized, [...(byNormalized.get(name.normalized) ?? []), name]);
  return {
    id: data.id,
    list: data.list,
    published: data.published,
    sha256: sha256Hex(canonicalJson(source)),
    data,
    source,
    windows: data.statusWindows.map((window) => ({
      window,
      fromMillis: localMomentMillis(window.from, data.zone),
      toMillis: window.to ? localMomentMillis(window.to, data.zone) : Number.POSITIVE_INFINITY,
    })),
    names,
    byNormalized,
  };
}

/**
 * The set of known list versions.
 * @example new ListRegistry(files, tariffs).pick('cn-mofcom-countermeasures', '2025-10-20')?.id
 */
export class ListRegistry extends VersionShelf<LoadedList> {
  /** With `tariffs`, every assumption an unconfirmed window names must be declared by a tariff version. */
  constructor(sources: ReadonlyArray<{ file: string; data: unknown }>, tariffs?: TariffRegistry) {
    super((version) => version.list);
    const declared = declaredAssumptions(tariffs);
    for (const { file, data } of sources) {
      const version = compile(data, file, declared);
      if (!this.add(version)) throw new DataFileError('list', file, [`duplicate list id ${version.id}`]);
    }
  }

  /** List ids, sorted. */
  lists(): string[] {
    return this.groups();
  }

  /** The version of every list known at `asOf`. */
  pickAll(asOf: string): LoadedList[] {
    return this.lists().flatMap((list) => this.pick(list, asOf) ?? []);
  }
}
