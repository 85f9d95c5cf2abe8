/**
 * Invariants of every quote, over generated valid requests (fast-check).
 * A failure prints its seed; replay it with FC_SEED=<seed> (tests/support/fast-check-setup.ts).
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { quote } from '../../src/engine/quote';
import type { Quote, QuoteInput } from '../../src/engine/types';
import { shippedRegistry } from '../../src/tariffs/shipped';
import { quoteRequest } from '../support/arbitraries';
import { refusingQuoter } from '../support/refusals';
import { postJson } from '../support/worker';

const runs = { numRuns: 250 };
const TODAY = '2026-11-28';
const registry = shippedRegistry();
const quoteOf = (input: QuoteInput): Quote => quote(input, { registry, today: TODAY });
const ZERO_OUTCOMES = new Set(['suspended', 'exempt', 'capped', 'remitted', 'not-covered', 'not-in-force']);

/** The engine may refuse some generated requests (e.g. an Annex III per-CEU version with no CEU): those are 4xx, never crashes. */
const quoter = refusingQuoter(quoteOf);
const { quoteOrRefusal } = quoter;
beforeEach(() => quoter.reset());

describe('quote invariants', () => {
  it('amounts are ≥ 0 with exactly 2 decimals; zero outcomes are 0; one charge per rotation at its first port', () => {
    fc.assert(
      fc.property(quoteRequest, (input) => {
        const result = quoteOrRefusal(input);
        if (!result) return;
        for (const voyage of result.voyages) {
          expect(voyage.fee.amount).toMatch(/^\d+\.\d{2}$/);
          if (ZERO_OUTCOMES.has(voyage.outcome)) expect(voyage.fee.amount).toBe('0.00');
          if (voyage.outcome === 'charged') expect(voyage.chargedAt).toBe(voyage.calls[0]);
          else expect(voyage.chargedAt).toBeNull();
          for (const alternative of voyage.alternatives) expect(alternative.amount).toMatch(/^\d+\.\d{2}$/);
        }
        for (const total of result.totals) expect(total.amount).toMatch(/^\d+\.\d{2}$/);
      }),
      runs,
    );
    quoter.expectQuoted(0.9);
  });

  it('at most 5 charged voyages per regime and cap year, counting prior charges', () => {
    fc.assert(
      fc.property(quoteRequest, (input) => {
        const result = quoteOrRefusal(input);
        if (!result) return;
        for (const voyage of result.voyages.filter((v) => v.outcome === 'charged')) {
          expect(voyage.cap!.count).toBe(voyage.cap!.counted.length + 1);
          expect(voyage.cap!.count).toBeLessThanOrEqual(voyage.cap!.limit);
        }
        const perYear = new Map<string, number>();
        for (const voyage of result.voyages.filter((v) => v.outcome === 'charged')) {
          const key = `${voyage.regime}/${voyage.cap!.year}`;
          perYear.set(key, (perYear.get(key) ?? 0) + 1);
        }
        for (const count of perYear.values()) expect(count).toBeLessThanOrEqual(5);
      }),
      runs,
    );
    quoter.expectQuoted(0.9);
  });

  it('the same input gives the same quoteId and the same body', () => {
    fc.assert(
      fc.property(quoteRequest, (input) => {
        const a = quoteOrRefusal(structuredClone(input));
        const b = quoteOrRefusal(structuredClone(input));
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      }),
      runs,
    );
    quoter.expectQuoted(0.9);
  });

  it('a fee never decreases when net tonnage grows, all else equal', () => {
    fc.assert(
      fc.property(quoteRequest, fc.integer({ min: 1, max: 50_000 }), (input, extra) => {
        const small = quoteOrRefusal(input);
        const large = quoteOrRefusal({
          ...input,
          vessel: { ...input.vessel, netTonnage: input.vessel.netTonnage + extra },
        });
        if (!small || !large) return;
        small.voyages.forEach((voyage, i) => {
          expect(Number(large.voyages[i]!.fee.amount)).toBeGreaterThanOrEqual(Number(voyage.fee.amount));
        });
      }),
      runs,
    );
    quoter.expectQuoted(0.9);
  });

  it('a quote under an explicit version pin equals the quote under the asOf that selects it', () => {
    fc.assert(
      fc.property(quoteRequest, (input) => {
        const byDate = quoteOrRefusal(input);
        if (!byDate) return;
        const pins = Object.fromEntries(byDate.tariffs.map((t) => [t.regime, t.id]));
        const pinned = quoteOf({ ...input, options: { ...input.options, tariffVersions: pins } });
        const strip = (q: Quote) => q.voyages.map(({ explanation: _e, ...rest }) => rest);
        expect(strip(pinned)).toEqual(strip(byDate));
        expect(pinned.totals).toEqual(byDate.totals);
      }),
      runs,
    );
    quoter.expectQuoted(0.9);
  });
});

describe('duplicate payments', () => {
  /** Prior charges with and without a charging port, so repeats are found by regime, date and port. */
  const paidCharges = fc.array(
    fc.record(
      {
        regime: fc.constantFrom('us-301', 'cn-spf'),
        date: fc.constantFrom('2025-10-15', '2025-10-20', '2025-11-02', '2026-01-05', '2026-03-01'),
        port: fc.constantFrom('USLAX', 'USOAK', 'CNSHA'),
      },
      { requiredKeys: ['regime', 'date'] },
    ),
    { maxLength: 8 },
  );
  const payment = (c: { regime: string; date: string; port?: string }) => `${c.regime}|${c.date}|${c.port ?? ''}`;
  const distinct = <T extends { regime: string; date: string; port?: string }>(charges: T[]): T[] =>
    charges.filter((charge, i) => charges.findIndex((other) => payment(other) === payment(charge)) === i);
  const amounts = (result: Quote) => ({
    voyages: result.voyages.map((v) => `${v.regime} ${v.arrival} ${v.outcome} ${v.fee.amount} ${v.cap?.count ?? '-'}`),
    totals: result.totals,
  });

  it('repeating any prior charge, anywhere in the list, never changes an amount vs. the de-duplicated list', () => {
    fc.assert(
      fc.property(
        quoteRequest,
        paidCharges,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }),
        (input, charges, repeats) => {
          if (charges.length === 0) return;
          const repeated = [...charges];
          for (const [which, where] of repeats)
            repeated.splice(where % (repeated.length + 1), 0, { ...charges[which % charges.length]! });
          const once = quoteOrRefusal({ ...input, priorCharges: distinct(repeated) });
          const twice = quoteOrRefusal({ ...input, priorCharges: repeated });
          expect(twice === undefined).toBe(once === undefined);
          if (!once || !twice) return;
          expect(amounts(twice)).toEqual(amounts(once));
          expect(twice.notes.some((note) => note.id === 'cap.repeated-payment')).toBe(true);
        },
      ),
      runs,
    );
    quoter.expectQuoted(0.9);
  }, 120_000);

  it('the same through the Worker: a request listing one payment twice is quoted as listing it once', async () => {
    await fc.assert(
      fc.asyncProperty(quoteRequest, paidCharges, async (input, charges) => {
        if (charges.length === 0) return;
        const once = await postJson('/v1/quotes', { ...input, priorCharges: distinct(charges) });
        const twice = await postJson('/v1/quotes', { ...input, priorCharges: [...charges, ...charges] });
        expect(twice.status).toBe(once.status);
        if (once.status !== 200) return;
        expect(amounts((await twice.json()) as Quote)).toEqual(amounts((await once.json()) as Quote));
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});

describe('through the Worker', () => {
  it('valid requests never answer 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(quoteRequest, async (input) => {
        const res = await postJson('/v1/quotes', input);
        expect(res.status).toBeLessThan(500);
        if (res.status !== 200) expect(res.headers.get('content-type')).toMatch(/problem\+json/);
        await res.body?.cancel();
      }),
      { numRuns: 60 },
    );
  });

  it('mutated (invalid) requests answer 4xx problem+json naming at least one path', async () => {
    const mutation = fc.constantFrom<Array<(r: any) => void>>(
      [
        (r) => {
          r.vessel.imo = '1234568';
        },
      ],
      [
        (r) => {
          r.vessel.netTonnage = -r.vessel.netTonnage;
        },
      ],
      [
        (r) => {
          r.vessel.type = 'spaceship';
        },
      ],
      [
        (r) => {
          r.vessel.flag = 'ZZ';
        },
      ],
      [
        (r) => {
          delete r.vessel.owner;
        },
      ],
      [
        (r) => {
          r.portCalls[0].port = 'L.A.';
        },
      ],
      [
        (r) => {
          r.portCalls[0].arrival = '2025-13-01T00:00:00Z';
        },
      ],
      [
        (r) => {
          r.portCalls[0].cargo = 42;
        },
      ],
      [
        (r) => {
          r.portCalls.push({ port: 'USLAX', arrival: '2020-01-01T00:00:00Z' });
        },
      ],
      [
        (r) => {
          r.vessel.owner.stakes = [{ country: 'US', equity: 150 }];
        },
      ],
      [
        (r) => {
          r.options = { tariffVersions: { 'us-301': 'nope' } };
        },
      ],
      [
        (r) => {
          r.options = { assumptions: { 'us-301.after-suspension': 'perhaps' } };
        },
      ],
      [
        (r) => {
          r.unexpected = true;
        },
      ],
    );
    await fc.assert(
      fc.asyncProperty(quoteRequest, mutation, async (input, [mutate]) => {
        const request = structuredClone(input) as any;
        mutate!(request);
        const res = await postJson('/v1/quotes', request);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toMatch(/problem\+json/);
        const body = (await res.json()) as { errors?: Array<{ path: string }> };
        expect(body.errors?.length ?? 0).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});
