/**
 * The one entry point of the engine: a vessel and its port calls in, the
 * quote of every applicable regime out. Pure and synchronous.
 */

import type { ClauseRegistry } from '../charter/registry';
import { canonicalJson } from '../lib/canonical';
import { type Decimal, decimal, formatAmount, sum } from '../lib/money';
import { sha256Hex } from '../lib/sha256';
import type { LoadedTariff, TariffRegistry } from '../tariffs/registry';
import { evaluateRegime, type RegimeContext } from './evaluate';
import { grantIssues } from './rules/granted';
import { allocatePayers } from './rules/payer';
import { type Money, type Quote, type QuoteInput, QuoteInputError, type VoyageQuote } from './types';
import { resolveCalls } from './voyages';

interface Selection {
  regime: string;
  tariff: LoadedTariff | undefined;
  choice: string;
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
    if (pinned) return { regime, tariff: registry.get(pinned), choice: 'pinned by options.tariffVersions' };
    const picked = registry.pick(regime, asOf);
    return { regime, tariff: picked, choice: `the latest version published on or before asOf ${asOf}` };
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

function totalsOf(voyages: VoyageQuote[]): Money[] {
  const byCurrency = new Map<string, Decimal[]>();
  for (const voyage of voyages) {
    const list = byCurrency.get(voyage.fee.currency) ?? [];
    list.push(decimal(voyage.fee.amount));
    byCurrency.set(voyage.fee.currency, list);
  }
  return [...byCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amounts]) => ({ currency, amount: formatAmount(sum(amounts)) }));
}

/** Converts every total into the base currency of the first FX pair (`USD/CNY` = CNY per USD). */
function convert(totals: Money[], fx: Readonly<Record<string, string>>): Quote['converted'] {
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

/** For each unconfirmed voyage, its amount under every other value of the deciding assumption. */
function addAlternatives(ctx: RegimeContext, voyages: VoyageQuote[]): void {
  if (!voyages.some((voyage) => voyage.certainty === 'unconfirmed')) return;
  const scenarios = new Set(
    ctx.tariff.data.statusWindows.flatMap((window) => (window.scenario ? [window.scenario.assumption] : [])),
  );
  for (const assumption of scenarios) {
    const options = ctx.tariff.data.assumptions.find((candidate) => candidate.id === assumption)?.options ?? [];
    for (const { value } of options) {
      if (value === ctx.assumptions[assumption]) continue;
      const other = evaluateRegime({ ...ctx, assumptions: { ...ctx.assumptions, [assumption]: value } }).voyages;
      voyages.forEach((voyage, i) => {
        const alternative = other[i];
        if (voyage.certainty === 'unconfirmed' && alternative) {
          voyage.alternatives.push({ assumption, value, amount: alternative.fee.amount, outcome: alternative.outcome });
        }
      });
    }
  }
}

export interface QuoteEnvironment {
  registry: TariffRegistry;
  /** Today's date (`YYYY-MM-DD`), the default knowledge date. */
  today: string;
  /** SHA-256 hex of UTF-8 text, for quote ids; the portable implementation when not given. */
  digest?: (text: string) => string;
  /** The charter-party clauses a request may name in `charterParty`. */
  clauses?: ClauseRegistry;
}

/**
 * Quotes every US Section 301 and Chinese special port fee of a voyage.
 * @throws QuoteInputError for input only the engine can judge (ports, versions, assumptions).
 * @example quote({ vessel, portCalls }, { registry: shippedRegistry(), today: '2026-11-28' }).totals
 */
export function quote(input: QuoteInput, env: QuoteEnvironment): Quote {
  const options = input.options ?? {};
  const asOf = options.asOf ?? env.today;
  const selections = selectVersions(env.registry, asOf, options.tariffVersions);
  const chosen = selections.flatMap((selection) => (selection.tariff ? [selection.tariff] : []));
  const assumptions = resolveAssumptions(chosen, options.assumptions);
  const priorCharges = input.priorCharges ?? [];
  const regimes = env.registry.regimes();
  const badCharges = priorCharges.flatMap((charge, i) =>
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

  const voyages: VoyageQuote[] = [];
  const notes: string[] = [];
  for (const selection of selections) {
    if (!selection.tariff) {
      notes.push(
        `No ${selection.regime} tariff version was published on or before asOf ${asOf}; that regime is not quoted.`,
      );
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
    addAlternatives(ctx, result.voyages);
    voyages.push(...result.voyages);
    notes.push(...result.notes);
  }
  voyages.sort((a, b) => Date.parse(a.arrival) - Date.parse(b.arrival));
  if (input.charterParty) allocatePayers(voyages, env.clauses, input.charterParty);
  const totals = totalsOf(voyages);
  const converted = options.fx ? convert(totals, options.fx) : undefined;
  const tariffs = chosen.map((tariff) => ({ id: tariff.id, regime: tariff.regime, sha256: tariff.sha256 }));
  const quoteId = `q_${(env.digest ?? sha256Hex)(canonicalJson({ input, asOf, tariffs, assumptions })).slice(0, 24)}`;
  return {
    quoteId,
    asOf,
    tariffs,
    assumptions,
    voyages,
    totals,
    ...(converted ? { converted } : {}),
    notes: [...new Set(notes)],
  };
}
