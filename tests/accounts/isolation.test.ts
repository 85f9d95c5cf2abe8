import { describe, expect, it } from 'vitest';
import { bearer, createKey, getJson, paidCharge, recordCharge } from '../support/accounts';
import { annexOneQuote, IMO } from '../support/vessels';
import { call, postJson } from '../support/worker';

const FIVE_DATES = ['2025-10-14', '2025-10-18', '2025-10-22', '2025-10-27', '2025-10-31'];
const NOV_5 = '2025-11-05T06:00:00-08:00';

describe('tenant isolation', () => {
  it("keeps each account's saved quotes to itself", async () => {
    const a = await createKey({ name: 'Line A' });
    const b = await createKey({ name: 'Line B' });
    const saved = (await (
      await postJson('/v1/quotes?save=true', annexOneQuote('2025-10-20T06:00:00-07:00'), bearer(a.key))
    ).json()) as { quoteId: string };

    const asB = await getJson(`/v1/quotes/${saved.quoteId}`, b.key);
    expect(asB.status).toBe(404);
    // The same answer as for an id nobody saved: nothing says the quote exists.
    const neverSaved = await getJson('/v1/quotes/q_000000000000000000000000', b.key);
    expect((await asB.json()) as object).toMatchObject({ status: 404, title: 'Not found' });
    expect(neverSaved.status).toBe(404);

    const listB = (await (await getJson('/v1/quotes', b.key)).json()) as { quotes: unknown[] };
    expect(listB.quotes).toEqual([]);
    const listA = (await (await getJson('/v1/quotes', a.key)).json()) as { quotes: Array<{ quoteId: string }> };
    expect(listA.quotes.map((q) => q.quoteId)).toEqual([saved.quoteId]);
  });

  it("never lists, counts or voids another account's charges", async () => {
    const a = await createKey({ name: 'Line A' });
    const b = await createKey({ name: 'Line B' });
    const ids: string[] = [];
    for (const date of FIVE_DATES)
      ids.push(((await (await recordCharge(a.key, IMO, paidCharge(date))).json()) as { id: string }).id);

    const listB = (await (await getJson(`/v1/vessels/${IMO}/charges`, b.key)).json()) as { charges: unknown[] };
    expect(listB.charges).toEqual([]);

    // A's five charges cap A's quote; B's quote of the same vessel counts nothing of A's.
    const quoteA = (await (await postJson('/v1/quotes', annexOneQuote(NOV_5), bearer(a.key))).json()) as {
      voyages: Array<{ outcome: string }>;
    };
    expect(quoteA.voyages[0]?.outcome).toBe('capped');
    const quoteB = (await (await postJson('/v1/quotes', annexOneQuote(NOV_5), bearer(b.key))).json()) as {
      voyages: Array<{ outcome: string; fee: { amount: string }; cap: { count: number; counted: unknown[] } }>;
    };
    // 60,000 NT × 50 USD = 3,000,000.00 USD, the first charge of B's cap year.
    expect(quoteB.voyages[0]).toMatchObject({
      outcome: 'charged',
      fee: { amount: '3000000.00' },
      cap: { count: 1, counted: [] },
    });

    const voidByB = await call(`/v1/vessels/${IMO}/charges/${ids[0]}`, { method: 'DELETE', headers: bearer(b.key) });
    expect(voidByB.status).toBe(404);
    const listA = (await (await getJson(`/v1/vessels/${IMO}/charges`, a.key)).json()) as {
      charges: Array<{ voidedAt: string | null }>;
    };
    expect(listA.charges.map((c) => c.voidedAt)).toEqual(Array(5).fill(null));
  });

  it('scopes Idempotency-Keys to their account', async () => {
    const a = await createKey({ name: 'Line A' });
    const b = await createKey({ name: 'Line B' });
    const first = await recordCharge(a.key, IMO, paidCharge('2025-10-20'), 'shared-key-1');
    // Another account, another body, the same key text: a new charge, not a conflict or a replay of A's.
    const other = await recordCharge(b.key, IMO, { ...paidCharge('2025-10-21') }, 'shared-key-1');
    expect(first.status).toBe(201);
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(((await other.json()) as { id: string }).id).not.toBe(((await first.json()) as { id: string }).id);
  });

  it('gives a second key of the same account the same ledger', async () => {
    const first = await createKey({ name: 'Line C' });
    const second = await createKey({ name: 'Line C, backup server', accountId: first.accountId });
    await recordCharge(first.key, IMO, paidCharge('2025-10-20'));
    const list = (await (await getJson(`/v1/vessels/${IMO}/charges`, second.key)).json()) as {
      charges: Array<{ date: string }>;
    };
    expect(list.charges.map((c) => c.date)).toEqual(['2025-10-20']);
  });
});
