/// <reference types="vite/client" />
/**
 * The worked checks as data: each tests/cases/*.json file is one check of docs/rules.md, with the section it
 * cites (`rules`), the arithmetic by hand (`arithmetic`), the vessel as fields over tests/support/requests.ts's
 * `vessel()`, the port calls, and the fields the regime's only voyage must have (`voyage`). Quoted with the
 * shipped tariffs on the suite's fixed knowledge date.
 */
import { describe, expect, it } from 'vitest';
import type { PortCallInput, VesselInput } from '../../src/engine/types';
import { onlyVoyage, vessel } from '../support/requests';

interface WorkedCase {
  title: string;
  rules: string;
  arithmetic: string;
  vessel: Partial<VesselInput>;
  portCalls: PortCallInput[];
  regime: 'us-301' | 'cn-spf';
  voyage: Record<string, unknown>;
}

const files = import.meta.glob<WorkedCase>('../cases/*.json', { eager: true, import: 'default' });

describe('docs/rules.md, Worked checks (tests/cases)', () => {
  it('has cases, each citing docs/rules.md and showing its arithmetic', () => {
    expect(Object.keys(files).length).toBeGreaterThan(0);
    for (const [file, check] of Object.entries(files)) {
      expect(check.rules, file).toMatch(/^docs\/rules\.md, /);
      expect(check.arithmetic.length, file).toBeGreaterThan(0);
    }
  });
  it.each(Object.entries(files).map(([file, check]) => [check.title, file, check] as const))('%s', (_, file, check) => {
    const voyage = onlyVoyage({ vessel: vessel(check.vessel), portCalls: check.portCalls }, check.regime);
    expect(voyage, file).toMatchObject(check.voyage);
  });
});
