/**
 * Ownership look-through (docs/rules.md §7.1): the share of a party held,
 * directly or indirectly, by persons of a set of countries. Flat `stakes` are
 * the caller's own sums and add as given; `holders` are walked to any depth.
 *
 * - `multiply` (default): a holder's stake counts in full when the holder is a
 *   person of the countries, else times the holder's own share of them.
 * - `control`: as `multiply`, except that a holder controlled by persons of
 *   the countries (more than 50% of its equity or voting) counts in full.
 *
 * Board seats do not pass through a holding: only seats held directly by a
 * person of the countries (or, under `control`, by a controlled holder) count.
 */
import { type Decimal, decimal, ZERO } from '../../lib/money';
import { codeMessage, type Message, type MessageParam, message } from '../../messages/message';
import type { HolderInput, PartyInput } from '../types';

export type Measure = 'equity' | 'voting' | 'board';
export type LookThrough = 'multiply' | 'control';
export const LOOK_THROUGH_DEFAULT: LookThrough = 'multiply';

const HUNDRED = decimal(100);
const CONTROL = decimal(50);

/** One holding of a chain: a holder, its share of the measure, and whether it counts in full as controlled. */
export interface HoldingStep {
  name: string;
  country: string;
  share: Decimal;
  measure: Measure;
  /** Counted in full under `control`: persons of the countries control this holder. */
  controlled?: boolean;
}

/** One chain of holdings that contributes to the share, for the explanation. */
export interface HoldingPath {
  /** The party's role (`owner`), where the chain starts. */
  role: string;
  /** The holdings from the party upward; empty for a flat stake. */
  steps: HoldingStep[];
  /** A flat stake of the party (`stakes`): the country of its persons. */
  stake?: { country: string; measure: Measure };
  share: Decimal;
}

export interface HeldShare {
  held: Decimal;
  /** The chains that contribute, largest first. */
  paths: HoldingPath[];
}

/** True when the party's graph has holders to look through (the assumption is read only then). */
export function hasHolders(party: PartyInput | undefined): boolean {
  return (party?.holders?.length ?? 0) > 0;
}

/** The share of `measure` that persons of `countries` hold in a party through its holders, with each chain. */
function throughHolders(
  holders: ReadonlyArray<HolderInput>,
  countries: ReadonlyArray<string>,
  measure: Measure,
  reading: LookThrough,
  prefix: ReadonlyArray<HoldingStep>,
  role: string,
): HeldShare {
  let held = ZERO;
  const paths: HoldingPath[] = [];
  for (const holder of holders) {
    const stake = decimal(holder[measure] ?? 0);
    if (stake.isZero()) continue;
    const step: HoldingStep = { name: holder.name ?? 'holder', country: holder.country, share: stake, measure };
    const of = countries.includes(holder.country);
    if (of || (reading === 'control' && controlled(holder, countries))) {
      held = held.plus(stake);
      paths.push({ role, steps: [...prefix, of ? step : { ...step, controlled: true }], share: stake });
      continue;
    }
    // Board seats do not pass through a holding.
    if (measure === 'board' || !holder.holders?.length) continue;
    const inner = throughHolders(holder.holders, countries, measure, reading, [...prefix, step], role);
    for (const chain of inner.paths) {
      const share = stake.times(chain.share).dividedBy(HUNDRED);
      held = held.plus(share);
      paths.push({ ...chain, share });
    }
  }
  return { held, paths };
}

/** More than 50% of a holder's equity or voting held, directly or indirectly, by persons of `countries`. */
function controlled(holder: HolderInput, countries: ReadonlyArray<string>): boolean {
  if (!holder.holders?.length) return false;
  return (['equity', 'voting'] as const).some((measure) =>
    throughHolders(holder.holders!, countries, measure, 'control', [], '').held.greaterThan(CONTROL),
  );
}

/**
 * Share of `measure` held together by persons of `countries` in `party`: its flat stakes plus its holders looked
 * through under `reading`.
 * @example heldThrough(greekOwner, ['US'], 'equity', 'multiply').held.toFixed() // '24'
 */
export function heldThrough(
  party: PartyInput,
  role: string,
  countries: ReadonlyArray<string>,
  measure: Measure,
  reading: LookThrough,
): HeldShare {
  const paths: HoldingPath[] = [];
  let held = ZERO;
  for (const stake of party.stakes ?? []) {
    if (!countries.includes(stake.country) || !stake[measure]) continue;
    const share = decimal(stake[measure]!);
    held = held.plus(share);
    paths.push({ role, steps: [], stake: { country: stake.country, measure }, share });
  }
  if (party.holders?.length) {
    const through = throughHolders(party.holders, countries, measure, reading, [], role);
    held = held.plus(through.held);
    paths.push(...through.paths);
  }
  paths.sort((a, b) => b.share.comparedTo(a.share));
  return { held, paths };
}

const percent = (value: Decimal): MessageParam => ({ amount: value.toDecimalPlaces(4).toFixed() });

function stepMessage(step: HoldingStep, countries: ReadonlyArray<string>): Message {
  const params = {
    name: step.name,
    country: step.country,
    share: percent(step.share),
    measure: codeMessage(step.measure),
  };
  return step.controlled
    ? message('holdings.step-controlled', { ...params, countries: countries.join('/') })
    : message('holdings.step', params);
}

/**
 * The chains that decide a share, in parentheses, when the party has holders and some chain counts (else nothing):
 * each chain its party, its holdings upward and the share it adds, e.g.
 * ` (owner ← A (MH) 40% equity ← holder (US) 60% equity = 24%)`. Names, countries and numbers stay as given.
 */
export function decidingPaths(party: PartyInput, share: HeldShare, countries: ReadonlyArray<string>): MessageParam {
  if (!hasHolders(party) || share.paths.length === 0) return '';
  const chains = share.paths.map((chain) =>
    message('holdings.path', {
      party: codeMessage(chain.role),
      steps: {
        list: chain.stake
          ? [
              message('holdings.stake', {
                country: chain.stake.country,
                share: percent(chain.share),
                measure: codeMessage(chain.stake.measure),
              }),
            ]
          : chain.steps.map((step) => stepMessage(step, countries)),
        join: 'chain',
      },
      share: percent(chain.share),
    }),
  );
  return message('holdings.through', { paths: { list: chains, join: 'steps' } });
}
