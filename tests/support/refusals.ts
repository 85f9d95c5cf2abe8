/**
 * Quoting generated requests that the engine may refuse (a QuoteInputError, which the API answers with a 4xx).
 * Each property counts the requests it quoted, so it can show that it checked quotes and not only refusals:
 * a generator that drifted into producing only refused requests would otherwise pass every property.
 */
import { expect } from 'vitest';
import type { Quote, QuoteInput } from '../../src/engine/types';

export function refusingQuoter(quoteOf: (input: QuoteInput) => Quote) {
  const tally = { quoted: 0, refused: 0 };
  return {
    /** The quote, or undefined when the engine refuses the request. */
    quoteOrRefusal(input: QuoteInput): Quote | undefined {
      try {
        const result = quoteOf(input);
        tally.quoted += 1;
        return result;
      } catch (error) {
        if ((error as Error).name !== 'QuoteInputError') throw error;
        tally.refused += 1;
        return undefined;
      }
    },
    /** Starts the count again (before each test). */
    reset() {
      tally.quoted = 0;
      tally.refused = 0;
    },
    /** Fails unless at least `share` of the requests since the last reset were quoted. */
    expectQuoted(share: number) {
      const total = tally.quoted + tally.refused;
      expect(total, 'requests generated').toBeGreaterThan(0);
      expect(tally.quoted / total, `${tally.quoted} of ${total} requests quoted`).toBeGreaterThanOrEqual(share);
    },
    tally,
  };
}
