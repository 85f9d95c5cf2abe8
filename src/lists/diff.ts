/**
 * What changed between two versions of one countermeasure list: entries
 * added, removed or changed (by their stable id), status windows, the measure
 * and instruments. Each change names its path in the newer (or older) file.
 */
import { canonicalJson } from '../lib/canonical';
import type { LoadedList } from './registry';
import type { ListEntry } from './schema';

export interface ListChange {
  kind: 'added' | 'removed' | 'changed';
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface ListDiff {
  list: string;
  from: { id: string; published: string };
  to: { id: string; published: string };
  changes: ListChange[];
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function entryChanges(before: ListEntry[], after: ListEntry[]): ListChange[] {
  const old = new Map(before.map((entry) => [entry.id, entry]));
  const now = new Map(after.map((entry) => [entry.id, entry]));
  const changes: ListChange[] = [];
  for (const entry of after) {
    const previous = old.get(entry.id);
    if (!previous) changes.push({ kind: 'added', path: `entries.${entry.id}`, after: entry });
    else
      for (const field of ['name', 'aliases', 'country', 'listed', 'ref', 'note'] as const)
        if (!same(previous[field] ?? null, entry[field] ?? null))
          changes.push({
            kind: 'changed',
            path: `entries.${entry.id}.${field}`,
            before: previous[field],
            after: entry[field],
          });
  }
  for (const entry of before)
    if (!now.has(entry.id)) changes.push({ kind: 'removed', path: `entries.${entry.id}`, before: entry });
  return changes;
}

/**
 * The changes from version `from` to version `to` of the same list.
 * @example diffLists(registry.get('cn-countermeasures/2025-10-14')!, registry.get('cn-countermeasures/2025-11-10')!)
 */
export function diffLists(from: LoadedList, to: LoadedList): ListDiff {
  const changes: ListChange[] = [];
  for (const field of ['title', 'authority', 'summary', 'zone', 'measure'] as const)
    if (!same(from.data[field], to.data[field]))
      changes.push({ kind: 'changed', path: field, before: from.data[field], after: to.data[field] });
  const windowKey = (window: LoadedList['data']['statusWindows'][number]) => canonicalJson(window);
  const oldWindows = new Set(from.data.statusWindows.map(windowKey));
  const newWindows = new Set(to.data.statusWindows.map(windowKey));
  to.data.statusWindows.forEach((window, i) => {
    if (!oldWindows.has(windowKey(window))) changes.push({ kind: 'added', path: `statusWindows[${i}]`, after: window });
  });
  from.data.statusWindows.forEach((window, i) => {
    if (!newWindows.has(windowKey(window)))
      changes.push({ kind: 'removed', path: `statusWindows[${i}]`, before: window });
  });
  const oldUrls = new Set(from.data.instruments.map((instrument) => instrument.url));
  to.data.instruments.forEach((instrument, i) => {
    if (!oldUrls.has(instrument.url)) changes.push({ kind: 'added', path: `instruments[${i}]`, after: instrument });
  });
  changes.push(...entryChanges(from.data.entries, to.data.entries));
  return {
    list: to.list,
    from: { id: from.id, published: from.published },
    to: { id: to.id, published: to.published },
    changes,
  };
}
