/** The English titles a quote's codes have in the data files: rules of a version, assumptions, scenarios. */
import type { QuoteEnvironment } from './quote';

export interface TitleSource {
  rule(tariff: string, rule: string): string | undefined;
  assumption(id: string): string | undefined;
  scenario(id: string): string | undefined;
}

/**
 * Titles looked up in the environment's tariff versions and scenarios.
 * @example quoteTitles(env).rule('us-301/2025-04-17', 'annex-i') // 'Annex I: vessels with an owner or operator of China'
 */
export function quoteTitles(env: Pick<QuoteEnvironment, 'registry' | 'scenarios'>): TitleSource {
  let assumptions: Map<string, string> | undefined;
  return {
    rule: (tariff, rule) => env.registry.get(tariff)?.rules.get(rule)?.rule.title,
    assumption: (id) => {
      // Read once per quote: each assumption's title in the latest version that declares it.
      if (!assumptions) {
        assumptions = new Map();
        for (const tariff of env.registry.versions())
          for (const assumption of tariff.data.assumptions) assumptions.set(assumption.id, assumption.title);
      }
      return assumptions.get(id);
    },
    scenario: (id) => env.scenarios?.get(id)?.title,
  };
}
