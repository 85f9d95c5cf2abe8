/**
 * What changed between two tariff versions of one regime: rates, exemptions,
 * coverage, status windows, assumptions, notes and instruments, compared
 * structurally by stable identities rather than by array position:
 * rules by id, rate steps by rule + effective date + unit, exemptions by
 * rule + id, status windows by their start, assumptions by id (their options
 * by value), notes by id, instruments and citations by url.
 *
 * Every entry names its path in the tariff, e.g.
 * `rules[annex-iii].rates[2025-10-14].ceu`, and the instrument of the version
 * that made the change.
 */
import { canonicalJson } from '../lib/canonical';
import type { LoadedTariff } from '../tariffs/registry';
import type { Citation, Erratum, TariffVersion } from '../tariffs/schema';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One difference, before attribution to a version. */
export interface RawChange {
  path: string;
  change: ChangeKind;
  before?: unknown;
  after?: unknown;
  /** The rule the change belongs to, when it belongs to one. */
  rule?: string;
  /** For rate entries: the step's effective date (tariff zone). */
  effective?: string;
}

export interface DiffEntry extends RawChange {
  /** The version whose publication made this change. */
  version: string;
  /** That version's instrument. */
  citation: Citation;
}

/** A correction made in place to one version of the chain after it shipped. */
export interface ErratumEntry extends Erratum {
  version: string;
}

export interface TariffDiff {
  regime: string;
  from: { id: string; published: string; title: string };
  to: { id: string; published: string; title: string };
  counts: Record<ChangeKind, number>;
  changes: DiffEntry[];
  /** Errata of every version in the chain: the diff compares the corrected files, these say what was corrected. */
  errata: ErratumEntry[];
}

/** Fields shown in the diff's header (or, for errata, beside the changes) rather than as changes. */
const HEADER_FIELDS = new Set(['$schema', 'id', 'published', 'title', 'summary', 'errata']);
/** Fields compared with their own identities below. */
const KEYED_FIELDS = new Set(['instruments', 'coverage', 'rules', 'statusWindows', 'assumptions', 'notes']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** Compares two values: objects member by member, anything else (arrays included) as a whole. */
function diffValue(
  path: string,
  before: unknown,
  after: unknown,
  out: RawChange[],
  extra: Partial<RawChange> = {},
): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) out.push({ path, change: 'added', after, ...extra });
  else if (after === undefined) out.push({ path, change: 'removed', before, ...extra });
  else if (isPlainObject(before) && isPlainObject(after) && before.kind === after.kind) {
    // Members are compared one by one unless the object changed kind (a calendar cap year becoming an anniversary year).
    for (const key of unionKeys(Object.keys(before), Object.keys(after)))
      diffValue(`${path}.${key}`, before[key], after[key], out, extra);
  } else if (!same(before, after)) out.push({ path, change: 'changed', before, after, ...extra });
}

/** Keys of both lists, in first-seen order (the older version's order, then what the newer one adds). */
function unionKeys(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])];
}

/** Compares two lists whose items carry an identity; `inner` compares two items with the same identity. */
function diffKeyed<T>(
  path: string,
  before: ReadonlyArray<T>,
  after: ReadonlyArray<T>,
  key: (item: T, list: ReadonlyArray<T>) => string,
  out: RawChange[],
  inner: (itemPath: string, a: T, b: T) => void = (itemPath, a, b) => diffValue(itemPath, a, b, out),
  extra: (id: string) => Partial<RawChange> = () => ({}),
): void {
  const a = new Map(before.map((item) => [key(item, before), item]));
  const b = new Map(after.map((item) => [key(item, after), item]));
  for (const id of unionKeys(a.keys(), b.keys())) {
    const itemPath = `${path}[${id}]`;
    const older = a.get(id);
    const newer = b.get(id);
    if (older === undefined) out.push({ path: itemPath, change: 'added', after: newer, ...extra(id) });
    else if (newer === undefined) out.push({ path: itemPath, change: 'removed', before: older, ...extra(id) });
    else inner(itemPath, older, newer);
  }
}

type RuleData = TariffVersion['rules'][number];
type CoverageData = TariffVersion['coverage'][number];

/** Rate steps flattened to one entry per effective date and unit. */
function rateEntries(rule: RuleData): Map<string, { from: string; unit: string; rate: string }> {
  const entries = new Map<string, { from: string; unit: string; rate: string }>();
  for (const step of rule.rates)
    for (const basis of step.bases)
      entries.set(`${step.from}|${basis.unit}`, { from: step.from, unit: basis.unit, rate: basis.rate });
  return entries;
}

function diffRates(path: string, before: RuleData, after: RuleData, out: RawChange[]): void {
  const a = rateEntries(before);
  const b = rateEntries(after);
  const keys = unionKeys(a.keys(), b.keys()).sort();
  for (const key of keys) {
    const older = a.get(key);
    const newer = b.get(key);
    const { from, unit } = (older ?? newer)!;
    diffValue(`${path}.rates[${from}].${unit}`, older?.rate, newer?.rate, out, { rule: after.id, effective: from });
  }
}

function diffRule(path: string, before: RuleData, after: RuleData, out: RawChange[]): void {
  const extra = { rule: after.id };
  for (const field of ['title', 'combine', 'remission'] as const)
    diffValue(`${path}.${field}`, before[field], after[field], out, extra);
  diffRates(path, before, after, out);
  diffKeyed(
    `${path}.exemptions`,
    before.exemptions,
    after.exemptions,
    (e) => e.id,
    out,
    (p, a, b) => diffValue(p, a, b, out, extra),
    () => extra,
  );
  diffKeyed(
    `${path}.citations`,
    before.citations,
    after.citations,
    (c) => c.url,
    out,
    (p, a, b) => diffValue(p, a, b, out, extra),
    () => extra,
  );
}

/**
 * Coverage entries have no id: they are named by the rule they lead to
 * (`none` for "no fee of this regime"), numbered when a rule has several.
 */
function coverageKey(entry: CoverageData, list: ReadonlyArray<CoverageData>): string {
  const name = entry.rule ?? 'none';
  const sameRule = list.filter((other) => other.rule === entry.rule);
  return sameRule.length > 1 ? `${name}#${sameRule.indexOf(entry) + 1}` : name;
}

/**
 * Every difference between two tariff versions (`before` → `after`), in
 * reading order: other fields, instruments, coverage, rules, status windows,
 * assumptions, notes.
 */
export function diffTariffData(before: TariffVersion, after: TariffVersion): RawChange[] {
  const out: RawChange[] = [];
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  for (const field of unionKeys(Object.keys(a), Object.keys(b))) {
    if (!HEADER_FIELDS.has(field) && !KEYED_FIELDS.has(field)) diffValue(field, a[field], b[field], out);
  }
  diffKeyed('instruments', before.instruments, after.instruments, (c) => c.url, out);
  // Coverage entries that share a rule are numbered; compare them by rule and number.
  diffKeyed('coverage', before.coverage, after.coverage, coverageKey, out, (p, x, y) =>
    diffValue(p, x, y, out, x.rule ? { rule: x.rule } : {}),
  );
  diffKeyed(
    'rules',
    before.rules,
    after.rules,
    (r) => r.id,
    out,
    (p, x, y) => diffRule(p, x, y, out),
    (id) => ({ rule: id }),
  );
  diffKeyed('statusWindows', before.statusWindows, after.statusWindows, (w) => w.from, out);
  diffKeyed(
    'assumptions',
    before.assumptions,
    after.assumptions,
    (x) => x.id,
    out,
    (p, x, y) => {
      diffValue(`${p}.title`, x.title, y.title, out);
      diffValue(`${p}.default`, x.default, y.default, out);
      diffKeyed(`${p}.options`, x.options, y.options, (o) => o.value, out);
    },
  );
  diffKeyed('notes', before.notes, after.notes, (n) => n.id, out);
  return out;
}

/**
 * The instrument a version adds to the one before it (the notice that made
 * it), or its first instrument when it adds none.
 */
export function instrumentOf(newer: TariffVersion, older: TariffVersion): Citation {
  const known = new Set(older.instruments.map((c) => c.url));
  return newer.instruments.find((c) => !known.has(c.url)) ?? newer.instruments[0]!;
}

/** True when one path is the other or lies inside it (`rules[a]` and `rules[a].title`). */
function related(a: string, b: string): boolean {
  const inside = (outer: string, inner: string) =>
    inner.startsWith(outer) &&
    (inner.length === outer.length || inner[outer.length] === '.' || inner[outer.length] === '[');
  return inside(a, b) || inside(b, a);
}

/**
 * The diff from the first to the last version of `chain` (consecutive
 * versions of one regime, see `versionChain`). Each change is attributed to
 * the last step of the chain that touched its path, and cites the
 * instrument of the later-published version of that step.
 * @example diffVersions([v20250417, v20251010]).changes[0].path // 'instruments[https://…]'
 */
export function diffVersions(chain: ReadonlyArray<LoadedTariff>): TariffDiff {
  const first = chain[0]!;
  const last = chain.at(-1)!;
  const steps = chain.slice(1).map((to, i) => {
    const from = chain[i]!;
    const [older, newer] = from.published <= to.published ? [from, to] : [to, from];
    return {
      version: newer.id,
      citation: instrumentOf(newer.data, older.data),
      paths: diffTariffData(from.data, to.data).map((c) => c.path),
    };
  });
  const changes = diffTariffData(first.data, last.data).map((change): DiffEntry => {
    const step =
      [...steps].reverse().find((candidate) => candidate.paths.some((path) => related(path, change.path))) ??
      steps.at(-1);
    const fallback = { version: last.id, citation: last.data.instruments[0]! };
    const { version, citation } = step ?? fallback;
    return { ...change, version, citation };
  });
  const counts: Record<ChangeKind, number> = { added: 0, removed: 0, changed: 0 };
  for (const change of changes) counts[change.change] += 1;
  const header = (t: LoadedTariff) => ({ id: t.id, published: t.published, title: t.data.title });
  const errata = chain.flatMap((tariff) => tariff.data.errata.map((erratum) => ({ version: tariff.id, ...erratum })));
  return { regime: first.regime, from: header(first), to: header(last), counts, changes, errata };
}
