/**
 * Loads tariff version files, validates them (shape with zod, then the
 * cross-references zod cannot see), precomputes their instants, and picks a
 * version by knowledge date. Pure: the files come in as parsed JSON.
 */

import { canonicalJson } from '../lib/canonical';
import { DataFileError } from '../lib/data-file-error';
import { type Decimal, decimal } from '../lib/money';
import { sha256Hex } from '../lib/sha256';
import { isValidZone, localMomentMillis } from '../lib/time';
import { VersionShelf } from '../lib/version-shelf';
import { type Ref, type Rule, TariffVersion } from './schema';

export interface CompiledBasis {
  unit: 'net-ton' | 'container' | 'ceu';
  rate: Decimal;
  rateText: string;
}
export interface CompiledRateStep {
  from: string;
  fromMillis: number;
  bases: CompiledBasis[];
  ref: Ref;
}
export interface CompiledRule {
  rule: Rule;
  steps: CompiledRateStep[];
}
export interface CompiledWindow {
  window: TariffVersion['statusWindows'][number];
  fromMillis: number;
  toMillis: number;
}
export interface CompiledNote {
  note: TariffVersion['notes'][number];
  fromMillis: number;
  toMillis: number;
}

/** One validated tariff version, ready for the engine. */
export interface LoadedTariff {
  id: string;
  regime: string;
  published: string;
  /** SHA-256 of the canonical JSON of the file as shipped. */
  sha256: string;
  data: TariffVersion;
  /** The file exactly as shipped (parsed), for `GET /v1/tariffs/{regime}/{version}`. */
  source: unknown;
  rules: Map<string, CompiledRule>;
  windows: CompiledWindow[];
  notes: CompiledNote[];
  /** Every instant at which a status window or a rate step begins or ends, ascending (cap-year starts are the engine's). */
  edges: number[];
}

/** Every assumption a file refers to (in params and window scenarios), with the values it maps. */
function assumptionReferences(data: TariffVersion): Array<{ where: string; id: string; values: string[] }> {
  const refs: Array<{ where: string; id: string; values: string[] }> = [];
  const visit = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, `${where}[${i}]`);
    } else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.assumption === 'string' && record.values && typeof record.values === 'object') {
        refs.push({ where, id: record.assumption, values: Object.keys(record.values) });
      }
      if (typeof record.assumption === 'string' && record.outcomes && typeof record.outcomes === 'object') {
        refs.push({ where, id: record.assumption, values: Object.keys(record.outcomes) });
      }
      for (const [key, value] of Object.entries(record)) visit(value, where ? `${where}.${key}` : key);
    }
  };
  visit(
    {
      territory: data.territory,
      continuesThrough: data.continuesThrough,
      coverage: data.coverage,
      rules: data.rules,
      cap: data.cap,
      statusWindows: data.statusWindows,
    },
    '',
  );
  return refs;
}

/** Every pinpoint reference (`ref`) of a file, with where it is. */
function pinpointRefs(data: TariffVersion): Array<{ where: string; instrument: number }> {
  const refs: Array<{ where: string; instrument: number }> = [];
  const visit = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, `${where}[${i}]`);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const path = where ? `${where}.${key}` : key;
        if (key === 'ref' && value && typeof value === 'object' && 'instrument' in value)
          refs.push({ where: path, instrument: (value as Ref).instrument });
        else visit(value, path);
      }
    }
  };
  visit(data, '');
  return refs;
}

function crossCheck(data: TariffVersion): string[] {
  const problems: string[] = [];
  if (!data.id.startsWith(`${data.regime}/`))
    problems.push(`id ${data.id} does not start with its regime ${data.regime}/`);
  if (!isValidZone(data.zone)) problems.push(`zone ${data.zone} is not a known IANA zone`);
  const ruleIds = new Set(data.rules.map((rule) => rule.id));
  if (ruleIds.size !== data.rules.length) problems.push('rule ids are not unique');
  data.coverage.forEach((entry, i) => {
    if (entry.rule !== null && !ruleIds.has(entry.rule))
      problems.push(`coverage[${i}].rule ${entry.rule} is not a rule of this file`);
  });
  data.rules.forEach((rule, r) => {
    rule.rates.forEach((step, s) => {
      const previous = rule.rates[s - 1];
      if (previous && previous.from >= step.from) problems.push(`rules[${r}].rates must be in increasing date order`);
    });
    const exemptionIds = new Set(rule.exemptions.map((exemption) => exemption.id));
    if (exemptionIds.size !== rule.exemptions.length) problems.push(`rules[${r}].exemptions ids are not unique`);
  });
  data.statusWindows.forEach((window, w) => {
    const next = data.statusWindows[w + 1];
    if (window.to && window.to <= window.from) problems.push(`statusWindows[${w}] ends before it starts`);
    if (next && (!window.to || window.to > next.from)) problems.push(`statusWindows[${w}] overlaps the next window`);
    if (window.status === 'unconfirmed' && !window.scenario)
      problems.push(`statusWindows[${w}] is unconfirmed but names no scenario`);
  });
  const declared = new Map(data.assumptions.map((assumption) => [assumption.id, assumption]));
  for (const assumption of data.assumptions) {
    const values = assumption.options.map((option) => option.value);
    if (!values.includes(assumption.default))
      problems.push(`assumption ${assumption.id} default ${assumption.default} is not one of its options`);
  }
  for (const ref of assumptionReferences(data)) {
    const assumption = declared.get(ref.id);
    if (!assumption) {
      problems.push(`${ref.where} refers to undeclared assumption ${ref.id}`);
      continue;
    }
    const options = assumption.options
      .map((option) => option.value)
      .sort()
      .join(',');
    if ([...ref.values].sort().join(',') !== options)
      problems.push(`${ref.where} must map every option of ${ref.id} (${options})`);
  }
  for (const ref of pinpointRefs(data)) {
    if (ref.instrument >= data.instruments.length)
      problems.push(
        `${ref.where}.instrument ${ref.instrument} is not an index of instruments (0–${data.instruments.length - 1})`,
      );
  }
  return problems;
}

/** The value at a JSON pointer (RFC 6901), or undefined when the path does not exist. */
export function valueAtPointer(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(key)) node = node[Number(key)];
    else if (node && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, key))
      node = (node as Record<string, unknown>)[key];
    else return undefined;
  }
  return node;
}

/** Each erratum must describe the file as shipped: `after` is the value at its path, and differs from `before`. */
function checkErrata(data: TariffVersion, source: unknown): string[] {
  const problems: string[] = [];
  data.errata.forEach((erratum, i) => {
    const raw = (source as { errata?: Array<Record<string, unknown>> }).errata?.[i] ?? {};
    const where = `errata[${i}]`;
    if (!('after' in raw)) problems.push(`${where}.after is required`);
    if (erratum.date < data.published) problems.push(`${where}.date is before the version was published`);
    if (i > 0 && erratum.date < data.errata[i - 1]!.date) problems.push(`${where} is out of date order`);
    const actual = valueAtPointer(source, erratum.path);
    if (actual === undefined) problems.push(`${where}.path ${erratum.path} is not in the file`);
    else if (canonicalJson(actual) !== canonicalJson(erratum.after))
      problems.push(`${where}.after is not the value at ${erratum.path} in the file`);
    if ('before' in raw && canonicalJson(erratum.before) === canonicalJson(erratum.after))
      problems.push(`${where} changes nothing: before equals after`);
  });
  return problems;
}

function compile(source: unknown, file: string): LoadedTariff {
  const parsed = TariffVersion.safeParse(source);
  if (!parsed.success) {
    throw new DataFileError(
      'tariff',
      file,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const data = parsed.data;
  const problems = [...crossCheck(data), ...checkErrata(data, source)];
  if (problems.length > 0) throw new DataFileError('tariff', file, problems);

  const zone = data.zone;
  const rules = new Map<string, CompiledRule>();
  for (const rule of data.rules) {
    rules.set(rule.id, {
      rule,
      steps: rule.rates.map((step) => ({
        from: step.from,
        fromMillis: localMomentMillis(step.from, zone),
        ref: step.ref,
        bases: step.bases.map((basis) => ({ unit: basis.unit, rate: decimal(basis.rate), rateText: basis.rate })),
      })),
    });
  }
  const windows = data.statusWindows.map((window) => ({
    window,
    fromMillis: localMomentMillis(window.from, zone),
    toMillis: window.to ? localMomentMillis(window.to, zone) : Number.POSITIVE_INFINITY,
  }));
  const edges = [
    ...windows.flatMap((window) => [window.fromMillis, window.toMillis]),
    ...[...rules.values()].flatMap((rule) => rule.steps.map((step) => step.fromMillis)),
  ].filter(Number.isFinite);
  return {
    id: data.id,
    regime: data.regime,
    published: data.published,
    sha256: sha256Hex(canonicalJson(source)),
    data,
    source,
    rules,
    windows,
    edges: [...new Set(edges)].sort((a, b) => a - b),
    notes: data.notes.map((note) => ({
      note,
      fromMillis: note.arrivalFrom ? localMomentMillis(note.arrivalFrom, zone) : Number.NEGATIVE_INFINITY,
      toMillis: note.arrivalTo ? localMomentMillis(note.arrivalTo, zone) : Number.POSITIVE_INFINITY,
    })),
  };
}

/**
 * The set of known tariff versions.
 * @example
 * const registry = new TariffRegistry(files);
 * registry.pick('us-301', '2025-10-20')?.id // 'us-301/2025-10-10'
 */
export class TariffRegistry extends VersionShelf<LoadedTariff> {
  constructor(sources: ReadonlyArray<{ file: string; data: unknown }>) {
    super((tariff) => tariff.regime);
    for (const { file, data } of sources) {
      const tariff = compile(data, file);
      if (!this.add(tariff)) throw new DataFileError('tariff', file, [`duplicate tariff id ${tariff.id}`]);
    }
  }

  /** Regime ids, sorted. */
  regimes(): string[] {
    return this.groups();
  }
}
