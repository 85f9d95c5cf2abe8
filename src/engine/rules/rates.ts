/**
 * The rate step in force at an arrival and the fee it gives: each basis
 * (net tons, containers discharged, CEU) is quantity × rate, and the rule's
 * `combine` ("max") picks the amount charged.
 */

import { type Decimal, formatAmount, formatQuantity, max } from '../../lib/money';
import type { CompiledRateStep, CompiledRule } from '../../tariffs/registry';
import type { BasisLine } from '../types';

export type Quantities = Partial<Record<'net-ton' | 'container' | 'ceu', Decimal>>;

/** The latest rate step starting at or before the arrival instant. */
export function rateStepAt(rule: CompiledRule, millis: number): CompiledRateStep | undefined {
  let chosen: CompiledRateStep | undefined;
  for (const step of rule.steps) if (step.fromMillis <= millis) chosen = step;
  return chosen;
}

export interface BasisResult {
  lines: BasisLine[];
  amount: Decimal;
  /** A unit the step needs but the vessel did not give. */
  missing?: 'net-ton' | 'container' | 'ceu';
}

export function computeBasis(step: CompiledRateStep, quantities: Quantities, places: number): BasisResult {
  const lines: BasisLine[] = [];
  const amounts: Decimal[] = [];
  for (const basis of step.bases) {
    const quantity = quantities[basis.unit];
    if (quantity === undefined) return { lines, amount: max(amounts), missing: basis.unit };
    const amount = quantity.times(basis.rate);
    amounts.push(amount);
    lines.push({
      quantity: formatQuantity(quantity),
      unit: basis.unit,
      rate: basis.rateText,
      amount: formatAmount(amount, places),
    });
  }
  return { lines, amount: max(amounts) };
}
