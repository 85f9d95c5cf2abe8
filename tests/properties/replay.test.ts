// Property tests replay: every fc.assert takes the run's seed (tests/support/fast-check-setup.ts), so the same
// seed generates the same values, and a failure names the seed to replay it with.
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';

describe('the fast-check seed', () => {
  it('is the run’s one seed, so two runs of a property see the same values', () => {
    const seen: number[][] = [[], []];
    for (const values of seen)
      fc.assert(
        fc.property(fc.integer(), (n) => void values.push(n)),
        { numRuns: 20 },
      );
    expect(seen[0]).toHaveLength(20);
    expect(seen[1]).toEqual(seen[0]);
    expect(fc.readConfigureGlobal().seed).toBe(inject('fcSeed'));
  });
  it('is printed when a property fails, as the FC_SEED to replay it with', () => {
    expect(() => fc.assert(fc.property(fc.nat(), (n) => n < 0))).toThrow(`Replay with FC_SEED=${inject('fcSeed')}.`);
  });
  it('is printed for an asynchronous property too', async () => {
    await expect(fc.assert(fc.asyncProperty(fc.nat(), async (n) => n < 0))).rejects.toThrow(
      `Replay with FC_SEED=${inject('fcSeed')}.`,
    );
  });
});
