/**
 * Re-quotes: a fixture tariff version that confirms the resumption of the
 * us-301 fees (tests/fixtures/tariffs/us-301-2026-11-20.json) changes exactly
 * the saved quotes whose totals it moves.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app';
import { shippedTariffFiles } from '../../src/tariffs/bundle.generated';
import { TariffRegistry } from '../../src/tariffs/registry';
import resumptionConfirmed from '../fixtures/tariffs/us-301-2026-11-20.json';
import { bearer, createKey } from '../support/accounts';
import { annexOneQuote } from '../support/vessels';
import { postJson } from '../support/worker';

const withFixture = createApp({
  registry: new TariffRegistry([
    ...shippedTariffFiles,
    { file: 'tests/fixtures/tariffs/us-301-2026-11-20.json', data: resumptionConfirmed },
  ]),
});
const shipped = createApp();

const AFTER_SUSPENSION = '2026-12-01T06:00:00-08:00';
/** 60,000 NT × 80 USD = 4,800,000.00 when the fees resume; 0.00 under the `extended` reading. */
const afterSuspension = (assumptions?: Record<string, string>) =>
  annexOneQuote(AFTER_SUSPENSION, { options: { asOf: '2026-11-28', ...(assumptions ? { assumptions } : {}) } });

async function save(key: string, body: Record<string, unknown>): Promise<{ quoteId: string; totals: unknown }> {
  const res = await postJson('/v1/quotes?save=true', body, bearer(key));
  expect(res.status).toBe(200);
  return (await res.json()) as { quoteId: string; totals: unknown };
}

/** After the fixture's publication (2026-11-20), whatever the real date: today's versions include it. */
const clocked = { ...env, NOW: '2026-12-01T00:00:00Z' };
const get = (app: typeof shipped, path: string, key: string) =>
  app.fetch(new Request(`http://portfees.test${path}`, { headers: bearer(key) }), clocked);
const post = (app: typeof shipped, path: string, key: string) =>
  app.fetch(new Request(`http://portfees.test${path}`, { method: 'POST', headers: bearer(key) }), clocked);

interface Changes {
  versions: string[];
  quotes: Array<{ quoteId: string; totals: Array<Record<string, unknown>>; changed: string[]; voyages: number }>;
  failed: Array<{ quoteId: string; reason: string }>;
  examined: number;
  next: string | null;
}

describe('re-quotes under a newly shipped version', () => {
  it('lists exactly the saved quotes whose total, certainty or range changes, with what changed', async () => {
    const { key } = await createKey();
    const extended = await save(key, afterSuspension({ 'us-301.after-suspension': 'extended' }));
    const resumed = await save(key, afterSuspension());
    const in2025 = await save(key, annexOneQuote('2025-10-20T06:00:00-07:00'));
    // Both are unconfirmed (the other after-suspension reading gives the other amount), so the totals carry a range.
    expect(extended.totals).toEqual([{ currency: 'USD', amount: '0.00', low: '0.00', high: '4800000.00' }]);
    expect(resumed.totals).toEqual([{ currency: 'USD', amount: '4800000.00', low: '0.00', high: '4800000.00' }]);
    expect(in2025.totals).toEqual([{ currency: 'USD', amount: '3000000.00' }]);
    // Another account's quote is never listed.
    const other = await createKey();
    await save(other.key, afterSuspension({ 'us-301.after-suspension': 'extended' }));

    const changes = (await (await get(withFixture, '/v1/quotes/changes?since=2026-11-20', key)).json()) as Changes;
    expect(changes.versions).toEqual(['us-301/2026-11-20']);
    expect(changes.examined).toBe(3);
    // The fixture confirms the resumption: the range 0.00–4,800,000.00 closes on 4,800,000.00.
    const confirmed = { before: { low: '0.00', high: '4800000.00' }, after: null };
    // Saved in the same instant when the clock is fixed: listed in saving order, then by id.
    const byQuoteId = <T extends { quoteId: string }>(list: T[]) =>
      [...list].sort((a, b) => a.quoteId.localeCompare(b.quoteId));
    expect(byQuoteId(changes.quotes)).toEqual(
      byQuoteId([
        {
          quoteId: extended.quoteId,
          imo: '9310006',
          savedAt: expect.any(String),
          href: `/v1/quotes/${extended.quoteId}`,
          totals: [{ currency: 'USD', before: '0.00', after: '4800000.00', delta: '4800000.00', range: confirmed }],
          screening: { added: [], removed: [], changed: [] },
          changed: ['totals', 'certainty', 'range'],
          settled: ['us-301.after-suspension'],
          voyages: 1,
        },
        {
          // The same amount, now confirmed: the news a desk waits for.
          quoteId: resumed.quoteId,
          imo: '9310006',
          savedAt: expect.any(String),
          href: `/v1/quotes/${resumed.quoteId}`,
          totals: [{ currency: 'USD', before: '4800000.00', after: '4800000.00', delta: '0.00', range: confirmed }],
          screening: { added: [], removed: [], changed: [] },
          changed: ['certainty', 'range'],
          settled: [],
          voyages: 1,
        },
      ]),
    );
    expect(changes.failed).toEqual([]);

    // Since the version before it: the same answer. Since a later date: no version, nothing listed.
    const byId = (await (await get(withFixture, '/v1/quotes/changes?since=us-301/2025-11-10', key)).json()) as Changes;
    expect(byId.quotes.map((q) => q.quoteId).sort()).toEqual([extended.quoteId, resumed.quoteId].sort());
    const later = (await (await get(withFixture, '/v1/quotes/changes?since=2026-11-21', key)).json()) as Changes;
    expect(later).toMatchObject({ versions: [], quotes: [] });
    // Without the fixture nothing has shipped since 2026-11-20.
    const none = (await (await get(shipped, '/v1/quotes/changes?since=2026-11-20', key)).json()) as Changes;
    expect(none).toMatchObject({ versions: [], quotes: [] });

    // Pages: one saved quote examined per page.
    const page1 = (await (
      await get(withFixture, '/v1/quotes/changes?since=2026-11-20&limit=1', key)
    ).json()) as Changes;
    expect(page1.examined).toBe(1);
    expect(page1.next).not.toBeNull();
  });

  it('answers the diff per voyage and in totals', async () => {
    const { key } = await createKey();
    const resumed = await save(key, afterSuspension());
    const extended = await save(key, afterSuspension({ 'us-301.after-suspension': 'extended' }));

    const same = await post(withFixture, `/v1/quotes/${resumed.quoteId}/requote`, key);
    expect(same.status).toBe(200);
    const sameDiff = (await same.json()) as Record<string, any>;
    expect(sameDiff).toMatchObject({
      quoteId: resumed.quoteId,
      totalsChanged: false,
      voyagesChanged: true,
      changed: ['certainty', 'range'],
      totals: [{ currency: 'USD', before: '4800000.00', after: '4800000.00', delta: '0.00' }],
    });
    // The amount stays; the version and the certainty change.
    expect(sameDiff.voyages).toEqual([
      expect.objectContaining({
        regime: 'us-301',
        change: 'changed',
        fields: ['certainty', 'tariff'],
        before: {
          outcome: 'charged',
          amount: '4800000.00',
          currency: 'USD',
          certainty: 'unconfirmed',
          tariff: 'us-301/2025-11-10',
        },
        after: {
          outcome: 'charged',
          amount: '4800000.00',
          currency: 'USD',
          certainty: 'confirmed',
          tariff: 'us-301/2026-11-20',
        },
        delta: '0.00',
      }),
    ]);

    const moved = (await (await post(withFixture, `/v1/quotes/${extended.quoteId}/requote`, key)).json()) as Record<
      string,
      any
    >;
    expect(moved.totalsChanged).toBe(true);
    expect(moved.voyages[0]).toMatchObject({
      fields: ['outcome', 'amount', 'certainty', 'tariff'],
      before: { outcome: 'suspended', amount: '0.00' },
      after: { outcome: 'charged', amount: '4800000.00' },
      delta: '4800000.00',
    });
    // The fixture no longer declares the reading the saved request chose: the law settled it.
    expect(moved.settled).toEqual(['us-301.after-suspension']);
    expect(moved.notes).toContain(
      'settled: `us-301.after-suspension` is no longer open; the pinned reading no longer applies',
    );

    // The saved quote itself is unchanged; an unknown id is 404; no key is 401.
    expect((await post(withFixture, '/v1/quotes/q_000000000000000000000000/requote', key)).status).toBe(404);
    const anonymous = await withFixture.fetch(
      new Request(`http://portfees.test/v1/quotes/${extended.quoteId}/requote`, { method: 'POST' }),
      env,
    );
    expect(anonymous.status).toBe(401);
  });

  it('refuses a since that is neither a date nor a known version', async () => {
    const { key } = await createKey();
    const res = await get(withFixture, '/v1/quotes/changes?since=us-301/1999-01-01', key);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['since']);
  });
});
