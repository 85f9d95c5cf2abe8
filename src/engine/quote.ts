/**
 * The one entry point of the engine: a vessel and its port calls in, the
 * quote of every applicable regime out. Pure and synchronous.
 */

import type { ClauseRegistry } from '../charter/registry';
import { canonicalJson } from '../lib/canonical';
import { type Decimal, decimal, formatAmount, sum } from '../lib/money';
import { sha256Hex } from '../lib/sha256';
import type { ListRegistry } from '../lists/registry';
import { type Message, message, messageKey } from '../messages/message';
import type { LoadedTariff, TariffRegistry } from '../tariffs/registry';
import type { ScenarioRegistry } from '../tariffs/scenarios';
import { evaluateRegime, type RegimeContext } from './evaluate';
import { withAlternatives } from './readings';
import { distinctPayments } from './rules/cap';
import { grantIssues } from './rules/granted';
import { allocatePayers } from './rules/payer';
import { screenQuote } from './screening';
import { type Quote, type QuoteInput, QuoteInputError, type Total, type VoyageQuote } from './types';
import { resolveCalls } from './voyages';

interface Selection {
  regime: string;
  tariff: LoadedTariff | undefined;
  choice: Message;
}

/** The version of each regime: an explicit pin wins, else the latest published on or before `asOf`. */
export function selectVersions(
  registry: TariffRegistry,
  asOf: string,
  pins: Readonly<Record<string, string>> = {},
): Selection[] {
  const regimes = registry.regimes();
  const issues: Array<{ path: string; message: string }> = [];
  for (const [regime, id] of Object.entries(pins)) {
    const path = `options.tariffVersions.${regime}`;
    if (!regimes.includes(regime))
      issues.push({ path, message: `unknown regime ${regime}; valid regimes: ${regimes.join(', ')}` });
    else if (registry.get(id)?.regime !== regime) {
      issues.push({
        path,
        message: `unknown version ${id}; valid versions: ${registry
          .versions(regime)
          .map((t) => t.id)
          .join(', ')}`,
      });
    }
  }
  if (issues.length > 0) throw new QuoteInputError(issues);
  return regimes.map((regime) => {
    const pinned = pins[regime];
    if (pinned) return { regime, tariff: registry.get(pinned), choice: message('version.pinned', {}) };
    const picked = registry.pick(regime, asOf);
    return { regime, tariff: picked, choice: message('version.latest', { asOf: { date: asOf } }) };
  });
}

/** Defaults of every assumption the chosen versions declare, overridden by the request; unknown ids or values are refused. */
export function resolveAssumptions(
  tariffs: LoadedTariff[],
  given: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const declared = new Map(
    tariffs.flatMap((tariff) => tariff.data.assumptions.map((assumption) => [assumption.id, assumption] as const)),
  );
  const resolved: Record<string, string> = {};
  for (const [id, assumption] of [...declared].sort(([a], [b]) => a.localeCompare(b)))
    resolved[id] = assumption.default;
  const issues: Array<{ path: string; message: string }> = [];
  for (const [id, value] of Object.entries(given)) {
    const assumption = declared.get(id);
    const path = `options.assumptions.${id}`;
    if (!assumption) {
      issues.push({
        path,
        message: `unknown assumption ${id} for the chosen tariff versions; valid assumptions: ${[...declared.keys()].sort().join(', ') || 'none'}`,
      });
      continue;
    }
    const values = assumption.options.map((option) => option.value);
    if (!values.includes(value))
      issues.push({ path, message: `unknown value ${value}; valid values: ${values.join(', ')}` });
    else resolved[id] = value;
  }
  if (issues.length > 0) throw new QuoteInputError(issues);
  return resolved;
}

/** A voyage's lowest and highest amount over its own reading and its alternatives. */
export function amountRange(voyage: VoyageQuote): { low: Decimal; high: Decimal } {
  let low = decimal(voyage.fee.amount);
  let high = low;
  for (const alternative of voyage.alternatives) {
    const amount = decimal(alternative.amount);
    if (amount.lessThan(low)) low = amount;
    if (amount.greaterThan(high)) high = amount;
  }
  return { low, high };
}

/**
 * One total per currency; when any voyage is not confirmed, `low` and `high`
 * sum each voyage's lowest and highest amount over its own and its alternatives.
 */
function totalsOf(voyages: VoyageQuote[]): Total[] {
  const ranged = voyages.some((voyage) => voyage.certainty !== 'confirmed');
  const byCurrency = new Map<string, { amounts: Decimal[]; lows: Decimal[]; highs: Decimal[] }>();
  for (const voyage of voyages) {
    const entry = byCurrency.get(voyage.fee.currency) ?? { amounts: [], lows: [], highs: [] };
    const amount = decimal(voyage.fee.amount);
    entry.amounts.push(amount);
    if (ranged) {
      const { low, high } = amountRange(voyage);
      entry.lows.push(low);
      entry.highs.push(high);
    }
    byCurrency.set(voyage.fee.currency, entry);
  }
  return [...byCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, { amounts, lows, highs }]) => ({
      currency,
      amount: formatAmount(sum(amounts)),
      ...(ranged ? { low: formatAmount(sum(lows)), high: formatAmount(sum(highs)) } : {}),
    }));
}

/** Converts every total into the base currency of the first FX pair (`USD/CNY` = CNY per USD). */
function convert(totals: Total[], fx: Readonly<Record<string, string>>): Quote['converted'] {
  const pairs = Object.keys(fx);
  if (pairs.length === 0) return undefined;
  const target = pairs[0]!.slice(0, 3);
  const parts: Decimal[] = [];
  const issues: Array<{ path: string; message: string }> = [];
  for (const total of totals) {
    if (total.currency === target) parts.push(decimal(total.amount));
    else if (fx[`${target}/${total.currency}`])
      parts.push(decimal(total.amount).dividedBy(decimal(fx[`${target}/${total.currency}`]!)));
    else if (fx[`${total.currency}/${target}`])
      parts.push(decimal(total.amount).times(decimal(fx[`${total.currency}/${target}`]!)));
    else
      issues.push({
        path: 'options.fx',
        message: `no rate converts ${total.currency} to ${target}; give ${target}/${total.currency}`,
      });
  }
  if (issues.length > 0) throw new QuoteInputError(issues);
  return { currency: target, amount: formatAmount(sum(parts)), rates: { ...fx } };
}

/** The assumptions a request asks for: its scenario's (default or named), overridden by explicit ones, with a note when mixed. */
export function scenarioAssumptions(
  scenarios: ScenarioRegistry | undefined,
  tariffs: LoadedTariff[],
  options: { scenario?: string; assumptions?: Readonly<Record<string, string>> },
): { scenario?: string; assumptions: Record<string, string>; notes: Message[] } {
  const explicit = { ...options.assumptions };
  if (!scenarios) {
    if (options.scenario !== undefined)
      throw new QuoteInputError([{ path: 'options.scenario', message: 'no scenarios are known here' }]);
    return { assumptions: explicit, notes: [] };
  }
  const scenario = options.scenario === undefined ? scenarios.defaultScenario : scenarios.get(options.scenario);
  if (!scenario) {
    const valid = scenarios.list().map((candidate) => candidate.id);
    throw new QuoteInputError([
      {
        path: 'options.scenario',
        message: `unknown scenario ${options.scenario}; valid scenarios: ${valid.join(', ')}`,
      },
    ]);
  }
  const declared = new Set(tariffs.flatMap((tariff) => tariff.data.assumptions.map((assumption) => assumption.id)));
  const set = Object.entries(scenario.assumptions).filter(([id]) => declared.has(id));
  const overridden = set.filter(([id, value]) => id in explicit && explicit[id] !== value);
  const notes: Message[] = [];
  if (overridden.length > 0) {
    const changes = overridden.map(([id, value]) =>
      message('scenario.override', { assumption: id, value: explicit[id]!, scenarioValue: value }),
    );
    const kept = set
      .filter(([id]) => !(id in explicit))
      .map(([id, value]) => message('scenario.setting', { assumption: id, value }));
    notes.push(
      message('scenario.mixed', {
        scenario: scenario.id,
        changes: { list: changes, join: 'codes' },
        kept: kept.length > 0 ? message('scenario.kept', { settings: { list: kept, join: 'codes' } }) : '',
      }),
    );
  }
  return { scenario: scenario.id, assumptions: { ...Object.fromEntries(set), ...explicit }, notes };
}

/** What a quote's options settle before any call is read: the versions, the scenario, the assumptions. */
interface Plan {
  readonly selections: ReadonlyArray<Readonly<Selection>>;
  readonly chosen: ReadonlyArray<LoadedTariff>;
  readonly requested: Readonly<{ scenario?: string; notes: ReadonlyArray<Message> }>;
  readonly assumptions: Readonly<Record<string, string>>;
  readonly tariffs: ReadonlyArray<Readonly<Quote['tariffs'][number]>>;
}

const NO_SCENARIOS = {};
/** Plans by registry, scenarios and options: most requests share a handful. */
const plans = new WeakMap<TariffRegistry, WeakMap<object, Map<string, Plan>>>();
const PLANS_KEPT = 256;

/** The plan of a request's options, made once per registry, scenarios and options (refusals are not kept). */
function planFor(env: QuoteEnvironment, asOf: string, options: NonNullable<QuoteInput['options']>): Plan {
  let byScenarios = plans.get(env.registry);
  if (!byScenarios) {
    byScenarios = new WeakMap();
    plans.set(env.registry, byScenarios);
  }
  const scenariosKey = env.scenarios ?? NO_SCENARIOS;
  let kept = byScenarios.get(scenariosKey);
  if (!kept) {
    kept = new Map();
    byScenarios.set(scenariosKey, kept);
  }
  const key = JSON.stringify([
    asOf,
    options.tariffVersions ?? null,
    options.scenario ?? null,
    options.assumptions ?? null,
  ]);
  const found = kept.get(key);
  if (found) return found;
  const selections = selectVersions(env.registry, asOf, options.tariffVersions);
  const chosen = selections.flatMap((selection) => (selection.tariff ? [selection.tariff] : []));
  const requested = scenarioAssumptions(env.scenarios, chosen, options);
  // Frozen: every quote with these options shares the plan, and the quote hands its assumptions and tariffs out.
  const plan: Plan = Object.freeze({
    selections: Object.freeze(selections.map((selection) => Object.freeze(selection))),
    chosen: Object.freeze(chosen),
    requested: Object.freeze({ scenario: requested.scenario, notes: Object.freeze(requested.notes) }),
    assumptions: Object.freeze(resolveAssumptions(chosen, requested.assumptions)),
    tariffs: Object.freeze(
      chosen.map((tariff) => Object.freeze({ id: tariff.id, regime: tariff.regime, sha256: tariff.sha256 })),
    ),
  });
  if (kept.size >= PLANS_KEPT) kept.clear();
  kept.set(key, plan);
  return plan;
}

/** The request without `options.locale`: the language of the words never changes a quote's id. */
function withoutLocale(input: QuoteInput): QuoteInput {
  if (input.options?.locale === undefined) return input;
  const { locale: _locale, ...options } = input.options;
  if (Object.keys(options).length > 0) return { ...input, options };
  const { options: _options, ...rest } = input;
  return rest;
}

/** Each note once, in the order first given. */
function distinctMessages(notes: ReadonlyArray<Message>): Message[] {
  const seen = new Map<string, Message>();
  for (const note of notes) if (!seen.has(messageKey(note))) seen.set(messageKey(note), note);
  return [...seen.values()];
}

export interface QuoteEnvironment {
  registry: TariffRegistry;
  /** Today's date (`YYYY-MM-DD`), the default knowledge date. */
  today: string;
  /** SHA-256 hex of UTF-8 text, for quote ids; the portable implementation when not given. */
  digest?: (text: string) => string;
  /** The charter-party clauses a request may name in `charterParty`. */
  clauses?: ClauseRegistry;
  /** The named joint scenarios (`options.scenario`); without them, only explicit assumptions apply. */
  scenarios?: ScenarioRegistry;
  /** The countermeasure lists every named party is screened against; without them, nothing is screened. */
  lists?: ListRegistry;
}

/**
 * Quotes every US Section 301 and Chinese special port fee of a voyage.
 * @throws QuoteInputError for input only the engine can judge (ports, versions, assumptions).
 * @example quote({ vessel, portCalls }, { registry: shippedRegistry(), today: '2026-11-28' }).totals
 */
export function quote(input: QuoteInput, env: QuoteEnvironment): Quote {
  const options = input.options ?? {};
  const asOf = options.asOf ?? env.today;
  const { selections, requested, assumptions, tariffs } = planFor(env, asOf, options);
  const regimes = env.registry.regimes();
  const badCharges = (input.priorCharges ?? []).flatMap((charge, i) =>
    regimes.includes(charge.regime)
      ? []
      : [
          {
            path: `priorCharges[${i}].regime`,
            message: `unknown regime ${charge.regime}; valid regimes: ${regimes.join(', ')}`,
          },
        ],
  );
  const grants = input.grantedExemptions ?? [];
  const badInput = [...badCharges, ...grantIssues(grants, regimes)];
  if (badInput.length > 0) throw new QuoteInputError(badInput);
  const calls = resolveCalls(input.portCalls);
  // A payment listed twice (in the request, or in the request and the ledger) counts once.
  const { charges: priorCharges, notes: repeatedPayments } = distinctPayments(input.priorCharges ?? []);

  const voyages: VoyageQuote[] = [];
  const notes: Message[] = [...requested.notes, ...repeatedPayments];
  for (const selection of selections) {
    if (!selection.tariff) {
      notes.push(message('version.none', { regime: selection.regime, asOf: { date: asOf } }));
      continue;
    }
    const ctx: RegimeContext = {
      tariff: selection.tariff,
      choice: selection.choice,
      vessel: input.vessel,
      calls,
      priorCharges,
      assumptions,
      granted: grants,
    };
    const result = evaluateRegime(ctx);
    voyages.push(...withAlternatives(ctx, result));
    notes.push(...result.notes);
  }
  const byArrival = voyages
    .map((voyage) => ({ voyage, millis: Date.parse(voyage.arrival) }))
    .sort((a, b) => a.millis - b.millis);
  for (let i = 0; i < byArrival.length; i++) voyages[i] = byArrival[i]!.voyage;
  if (input.charterParty) allocatePayers(voyages, env.clauses, input.charterParty);
  const screening = env.lists ? screenQuote(input.vessel, voyages, env.lists, asOf, assumptions) : undefined;
  const totals = totalsOf(voyages);
  const converted = options.fx ? convert(totals, options.fx) : undefined;
  const quoteId = `q_${(env.digest ?? sha256Hex)(canonicalJson({ input: withoutLocale(input), asOf, tariffs, assumptions })).slice(0, 24)}`;
  return {
    quoteId,
    asOf,
    tariffs: [...tariffs],
    assumptions,
    ...(requested.scenario ? { scenario: requested.scenario } : {}),
    voyages,
    totals,
    ...(converted ? { converted } : {}),
    ...(screening ?? {}),
    notes: distinctMessages(notes),
  };
}
