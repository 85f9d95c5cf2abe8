/**
 * Whether a regime is in force at an arrival instant: the tariff's status
 * windows, with unconfirmed windows settled by their scenario assumption.
 */
import type { CompiledWindow, LoadedTariff } from '../../tariffs/registry';
import type { Certainty } from '../types';
import type { AssumptionReader } from './params';

export interface StatusAtArrival {
  status: 'not-in-force' | 'in-force' | 'suspended';
  certainty: Certainty;
  window?: CompiledWindow;
  /** For an unconfirmed window: the assumption that decided and its value. */
  scenario?: { assumption: string; value: string };
}

export function statusAt(tariff: LoadedTariff, millis: number, assumption: AssumptionReader): StatusAtArrival {
  const window = tariff.windows.find((candidate) => candidate.fromMillis <= millis && millis < candidate.toMillis);
  if (!window) return { status: 'not-in-force', certainty: 'confirmed' };
  const { status, scenario } = window.window;
  if (status !== 'unconfirmed') return { status, certainty: 'confirmed', window };
  const value = scenario ? assumption(scenario.assumption) : undefined;
  const decided = scenario && value !== undefined ? scenario.outcomes[value] : undefined;
  return {
    status: decided ?? 'suspended',
    certainty: 'unconfirmed',
    window,
    scenario: scenario && value !== undefined ? { assumption: scenario.assumption, value } : undefined,
  };
}
