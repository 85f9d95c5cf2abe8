/**
 * The only module that touches decimal.js. Amounts and tonnages are exact
 * decimals; rounding happens once, at the edge, by the tariff's own rule.
 */
import DecimalJs from 'decimal.js';

/** An independent constructor, so global decimal.js settings never leak in or out. */
const Dec = DecimalJs.clone({ precision: 50, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Dec>;

export const ZERO: Decimal = new Dec(0);

/** Parsed values by their text or number: decimals are immutable, and quotes parse the same few again and again. */
const parsed = new Map<number | string, Decimal>();
const PARSED_KEPT = 4096;

/** Parses a finite number or a decimal string. */
export function decimal(value: number | string): Decimal {
  let found = parsed.get(value);
  if (found === undefined) {
    found = new Dec(value);
    // -0 and 0 are one key in a Map, but not one decimal.
    if (!Object.is(value, -0)) {
      if (parsed.size >= PARSED_KEPT) parsed.clear();
      parsed.set(value, found);
    }
  }
  return found;
}

export function isDecimalText(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value);
}

/** The text of a zero amount (`0`, `0.00`): most voyages of a fleet are charged nothing. */
const ZERO_TEXT = /^0(?:\.0+)?$/;

/**
 * `total` plus the decimal written in `text`; a zero is neither parsed nor added (it changes no sum).
 * @example addAmount(ZERO, '12.50') // 12.5
 */
export function addAmount(total: Decimal, text: string): Decimal {
  return ZERO_TEXT.test(text) ? total : total.plus(decimal(text));
}

export function sum(values: Decimal[]): Decimal {
  return values.reduce((acc, value) => acc.plus(value), ZERO);
}

export function ceilWhole(value: Decimal): Decimal {
  return value.ceil();
}

export type RoundingMode = 'half-up' | 'half-even';

/** Rounds to `places` decimals and writes them all out: `"900000.00"`. */
export function formatAmount(value: Decimal, places = 2, mode: RoundingMode = 'half-up'): string {
  return value.toFixed(places, mode === 'half-even' ? Dec.ROUND_HALF_EVEN : Dec.ROUND_HALF_UP);
}

/** Plain decimal text with no exponent and no trailing zeros: `"30000.4"`. */
export function formatQuantity(value: Decimal): string {
  return value.toFixed();
}

export function max(values: Decimal[]): Decimal {
  return values.reduce((best, value) => (value.greaterThan(best) ? value : best), values[0] ?? ZERO);
}
