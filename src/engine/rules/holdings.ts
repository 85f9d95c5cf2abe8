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
import type { HolderInput, PartyInput } from '../types';

export type Measure = 'equity' | 'voting' | 'board';
export type LookThrough = 'multiply' | 'control';
export const LOOK_THROUGH_DEFAULT: LookThrough = 'multiply';

const HUNDRED = decimal(100);
const CONTROL = decimal(50);

/** One chain of holdings that contributes to the share, for the explanation. */
export interface HoldingPath {
  /** `owner ← Aegean Holdings (MH) 40% ← persons of US 60%`. */
  path: string;
  share: Decimal;
}

export interface HeldShare {
  held: Decimal;
  /** The chains that contribute, largest first. */
  paths: HoldingPath[];
}

const percent = (value: Decimal) => `${value.toDecimalPlaces(4).toFixed()}%`;
const label = (holder: HolderInput) => `${holder.name ?? 'holder'} (${holder.country})`;

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
  prefix: string,
): HeldShare {
  let held = ZERO;
  const paths: HoldingPath[] = [];
  for (const holder of holders) {
    const stake = decimal(holder[measure] ?? 0);
    if (stake.isZero()) continue;
    const here = `${prefix} ← ${label(holder)} ${percent(stake)} ${measure}`;
    if (countries.includes(holder.country) || (reading === 'control' && controlled(holder, countries))) {
      held = held.plus(stake);
      paths.push({
        path: countries.includes(holder.country) ? here : `${here}, controlled by persons of ${countries.join('/')}`,
        share: stake,
      });
      continue;
    }
    // Board seats do not pass through a holding.
    if (measure === 'board' || !holder.holders?.length) continue;
    const inner = throughHolders(holder.holders, countries, measure, reading, here);
    for (const chain of inner.paths) {
      const share = stake.times(chain.share).dividedBy(HUNDRED);
      held = held.plus(share);
      paths.push({ path: chain.path, share });
    }
  }
  return { held, paths };
}

/** More than 50% of a holder's equity or voting held, directly or indirectly, by persons of `countries`. */
function controlled(holder: HolderInput, countries: ReadonlyArray<string>): boolean {
  if (!holder.holders?.length) return false;
  return (['equity', 'voting'] as const).some((measure) =>
    throughHolders(holder.holders!, countries, measure, 'control', '').held.greaterThan(CONTROL),
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
    paths.push({ path: `${role} ← persons of ${stake.country} ${percent(share)} ${measure} (stake)`, share });
  }
  if (party.holders?.length) {
    const through = throughHolders(party.holders, countries, measure, reading, role);
    held = held.plus(through.held);
    paths.push(...through.paths);
  }
  paths.sort((a, b) => b.share.comparedTo(a.share));
  return { held, paths };
}

/** The chains that decide a share, as text: `owner ← A (MH) 40% equity ← persons of US = 24%`. */
export function decidingPaths(share: HeldShare): string {
  return share.paths.map((chain) => `${chain.path} = ${percent(chain.share)}`).join('; ');
}
