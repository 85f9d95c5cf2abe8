import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { nowMillis } from '../../src/lib/clock';
import { bearer, createKey, getJson, paidCharge, recordCharge } from '../support/accounts';
import { annexOneQuote, IMO } from '../support/vessels';
import { call, postJson } from '../support/worker';

interface ChargeBody {
  id: string;
  imo: string;
  regime: string;
  date: string;
  port: string;
  amount: string;
  currency: string;
  reference: string;
  capYear: string | null;
  recordedAt: string;
  voidedAt: string | null;
  voidReason: string | null;
}

interface QuoteBody {
  voyages: Array<{
    outcome: string;
    fee: { amount: string };
    cap: {
      count: number;
      limit: number;
      counted: Array<{ source: string; date: string; port?: string; id?: string }>;
    } | null;
  }>;
  notes: Array<{ id: string; text: string }>;
}

/** Five charged US rotations of 2025, all before the quoted arrival of 2025-11-05. */
const FIVE_DATES = ['2025-10-14', '2025-10-18', '2025-10-22', '2025-10-27', '2025-10-31'];
const NOV_5 = '2025-11-05T06:00:00-08:00';

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describe('recording charges', () => {
  it('records a charge with its cap year and lists it', async () => {
    const { key } = await createKey();
    const res = await recordCharge(key, IMO, paidCharge('2025-10-20'));
    expect(res.status).toBe(201);
    const charge = await json<ChargeBody>(res);
    expect(charge).toMatchObject({
      imo: IMO,
      regime: 'us-301',
      date: '2025-10-20',
      port: 'USLAX',
      amount: '3000000.00',
      currency: 'USD',
      reference: 'PAYGOV-2025-10-20',
      capYear: '2025',
      voidedAt: null,
    });
    expect(charge.id).toMatch(/^chg_[0-9a-f]{20}$/);

    const list = await json<{ imo: string; charges: ChargeBody[] }>(await getJson(`/v1/vessels/${IMO}/charges`, key));
    expect(list.imo).toBe(IMO);
    expect(list.charges).toEqual([charge]);
  });

  it('stores the amount as exact decimal text', async () => {
    const { key } = await createKey();
    const charge = await json<ChargeBody>(
      await recordCharge(key, IMO, { ...paidCharge('2025-10-20'), amount: '1234567.8901' }),
    );
    const row = await env.DB.prepare('SELECT amount, typeof(amount) AS kind FROM charges WHERE id = ?')
      .bind(charge.id)
      .first<{ amount: string; kind: string }>();
    expect(row).toEqual({ amount: '1234567.8901', kind: 'text' });
  });

  it('lists by cap year: calendar years for us-301, billing years from 17 April for cn-spf', async () => {
    const { key } = await createKey();
    await recordCharge(key, IMO, paidCharge('2025-10-20'));
    await recordCharge(key, IMO, paidCharge('2026-01-05', 'USOAK'));
    await recordCharge(key, IMO, {
      regime: 'cn-spf',
      date: '2026-04-16',
      port: 'CNSHA',
      amount: '12089600.00',
      currency: 'CNY',
      reference: 'MOT-1',
    });
    await recordCharge(key, IMO, {
      regime: 'cn-spf',
      date: '2026-04-17',
      port: 'CNNGB',
      amount: '12089600.00',
      currency: 'CNY',
      reference: 'MOT-2',
    });

    const of = async (query: string) =>
      (await json<{ charges: ChargeBody[] }>(await getJson(`/v1/vessels/${IMO}/charges${query}`, key))).charges.map(
        (c) => `${c.regime} ${c.date} ${c.capYear}`,
      );
    expect(await of('?capYear=2025')).toEqual(['us-301 2025-10-20 2025']);
    expect(await of('?capYear=2026&regime=us-301')).toEqual(['us-301 2026-01-05 2026']);
    // 2026-04-16 is the last day of the billing year that started 2025-04-17; 2026-04-17 starts the next one.
    expect(await of('?capYear=2025-26')).toEqual(['cn-spf 2026-04-16 2025-26']);
    expect(await of('?capYear=2026-27')).toEqual(['cn-spf 2026-04-17 2026-27']);
  });

  it.each([
    [
      { ...paidCharge('2025-10-20'), regime: 'eu-ets' },
      'regime',
      'unknown regime eu-ets; valid regimes: cn-spf, us-301',
    ],
    [
      { ...paidCharge('2025-10-20'), port: 'CNSHA' },
      'port',
      'CNSHA is in CN, outside the us-301 territory (US, PR, GU, VI, AS, MP)',
    ],
    [{ ...paidCharge('2025-10-20'), amount: 3000000 }, 'amount', undefined],
    [{ ...paidCharge('2025-10-20'), amount: '3,000,000.00' }, 'amount', undefined],
    [{ ...paidCharge('2025-10-20'), amount: '-5.00' }, 'amount', undefined],
    [{ ...paidCharge('2025-10-20'), date: '2025-02-30' }, 'date', 'must be a calendar date YYYY-MM-DD'],
    [{ ...paidCharge('2025-10-20'), currency: 'usd' }, 'currency', undefined],
    [{ ...paidCharge('2025-10-20'), reference: '   ' }, 'reference', 'give the payment reference'],
    [{ ...paidCharge('2025-10-20'), currency: 'CNY' }, 'currency', 'must be USD, the currency of us-301'],
    [{ ...paidCharge('2025-10-20'), currency: 'XXX' }, 'currency', 'must be USD, the currency of us-301'],
    [
      { ...paidCharge('2025-10-20'), regime: 'cn-spf', port: 'CNSHA' },
      'currency',
      'must be CNY, the currency of cn-spf',
    ],
    [{ ...paidCharge('2025-10-20'), amount: '0' }, 'amount', 'must be greater than 0'],
    [{ ...paidCharge('2025-10-20'), amount: '0.0000' }, 'amount', 'must be greater than 0'],
    [paidCharge('2000-01-01'), 'date', 'must be on or after 2025-10-14, the first day us-301 was in force'],
    [paidCharge('2025-10-13'), 'date', 'must be on or after 2025-10-14, the first day us-301 was in force'],
    [paidCharge('2099-12-31'), 'date', undefined],
    [{ ...paidCharge('2025-10-20'), fee: '1' }, 'fee', 'unknown field fee'],
  ])('refuses %j naming the field', async (body, path, message) => {
    const { key } = await createKey();
    const res = await recordCharge(key, IMO, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const errors = (await json<{ errors: Array<{ path: string; message: string }> }>(res)).errors;
    expect(errors.map((e) => e.path)).toEqual([path]);
    if (message) expect(errors[0]?.message).toBe(message);
  });

  it('refuses a bad IMO in the path and a malformed Idempotency-Key', async () => {
    const { key } = await createKey();
    const badImo = await recordCharge(key, '9310007', paidCharge('2025-10-20'));
    expect(badImo.status).toBe(400);
    expect((await json<{ errors: Array<{ path: string }> }>(badImo)).errors[0]?.path).toBe('imo');
    const badKey = await recordCharge(key, IMO, paidCharge('2025-10-20'), 'has spaces in it');
    expect(badKey.status).toBe(400);
    expect((await json<{ errors: Array<{ path: string }> }>(badKey)).errors[0]?.path).toBe('idempotency-key');
  });

  it('needs a secret key', async () => {
    const res = await postJson(`/v1/vessels/${IMO}/charges`, paidCharge('2025-10-20'));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="portfees"');
  });
});

describe('Idempotency-Key', () => {
  it('replays the first result for the same key and body', async () => {
    const { key, accountId } = await createKey();
    const first = await recordCharge(key, IMO, paidCharge('2025-10-20'), 'pay-7781');
    const second = await recordCharge(key, IMO, paidCharge('2025-10-20'), 'pay-7781');
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM charges WHERE account_id = ?')
      .bind(accountId)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it('refuses the same key with a different body (409) and records nothing', async () => {
    const { key, accountId } = await createKey();
    const first = await json<ChargeBody>(await recordCharge(key, IMO, paidCharge('2025-10-20'), 'pay-7782'));
    const reused = await recordCharge(key, IMO, { ...paidCharge('2025-10-20'), amount: '3000001.00' }, 'pay-7782');
    expect(reused.status).toBe(409);
    const problem = await json<{ type: string; detail: string; errors: Array<{ path: string; message: string }> }>(
      reused,
    );
    expect(problem.type).toBe('urn:portfees:problem:idempotency-key-reused');
    expect(problem.detail).toContain(first.id);
    expect(problem.errors).toEqual([{ path: 'Idempotency-Key', message: 'already used for a different request' }]);
    // The same key for another vessel is another request too.
    expect((await recordCharge(key, '9321483', paidCharge('2025-10-20'), 'pay-7782')).status).toBe(409);
    // And the same key for another payment of the same vessel.
    expect((await recordCharge(key, IMO, paidCharge('2025-10-21'), 'pay-7782')).status).toBe(409);
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM charges WHERE account_id = ?')
      .bind(accountId)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it('creates one charge from concurrent duplicate writes', async () => {
    const { key, accountId } = await createKey();
    const responses = await Promise.all(
      Array.from({ length: 16 }, () => recordCharge(key, IMO, paidCharge('2025-10-24'), 'pay-race-1')),
    );
    expect(responses.filter((res) => res.status === 201)).toHaveLength(1);
    expect(responses.filter((res) => res.status === 200)).toHaveLength(15);
    const bodies = await Promise.all(responses.map((res) => json<ChargeBody>(res)));
    expect(new Set(bodies.map((body) => body.id)).size).toBe(1);
    expect(responses.filter((res) => res.headers.get('idempotent-replayed') === 'true')).toHaveLength(15);
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM charges WHERE account_id = ?')
      .bind(accountId)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });
});

describe('one row per payment', () => {
  const rows = async (accountId: string) =>
    (
      await env.DB.prepare('SELECT id, voided_at FROM charges WHERE account_id = ? ORDER BY rowid')
        .bind(accountId)
        .all<{ id: string; voided_at: string | null }>()
    ).results;

  it('answers a second write of the same payment with the first, without a key or with another key', async () => {
    const { key, accountId } = await createKey();
    const first = await recordCharge(key, IMO, paidCharge('2025-10-20'));
    expect(first.status).toBe(201);
    const firstBody = await json<ChargeBody>(first);
    for (const idempotencyKey of [undefined, 'pay-a', 'pay-b']) {
      const again = await recordCharge(key, IMO, paidCharge('2025-10-20'), idempotencyKey);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await json<ChargeBody>(again)).toEqual(firstBody);
    }
    // Another reference, the same amount written another way: still the same payment, still the first record.
    const reworded = await recordCharge(key, IMO, {
      ...paidCharge('2025-10-20', 'USLAX', 'RECEIPT-9'),
      amount: '3000000',
    });
    expect(reworded.status).toBe(200);
    expect((await json<ChargeBody>(reworded)).reference).toBe('PAYGOV-2025-10-20');
    expect(await rows(accountId)).toHaveLength(1);
  });

  it('gives exactly one row for 20 simultaneous identical payments without a key', async () => {
    const { key, accountId } = await createKey();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => recordCharge(key, IMO, paidCharge('2025-10-24'))),
    );
    expect(responses.map((res) => res.status).sort()).toEqual([...Array(19).fill(200), 201]);
    const bodies = await Promise.all(responses.map((res) => json<ChargeBody>(res)));
    expect(new Set(bodies.map((body) => body.id)).size).toBe(1);
    expect(await rows(accountId)).toHaveLength(1);
  });

  it('gives exactly one row for 20 simultaneous identical payments, each with its own key', async () => {
    const { key, accountId } = await createKey();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordCharge(key, IMO, paidCharge('2025-10-24'), `pay-${i}`)),
    );
    expect(responses.map((res) => res.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(await rows(accountId)).toHaveLength(1);
  });

  it('refuses another amount for a recorded payment with 409 naming the charge, and records nothing', async () => {
    const { key, accountId } = await createKey();
    const first = await json<ChargeBody>(await recordCharge(key, IMO, paidCharge('2025-10-20')));
    const other = await recordCharge(key, IMO, { ...paidCharge('2025-10-20'), amount: '1500000.00' }, 'pay-new');
    expect(other.status).toBe(409);
    const problem = await json<{ type: string; detail: string; chargeId: string; errors: Array<{ path: string }> }>(
      other,
    );
    expect(problem.type).toBe('urn:portfees:problem:payment-conflict');
    expect(problem.detail).toContain(first.id);
    expect(problem.chargeId).toBe(first.id);
    expect(problem.errors.map((e) => e.path)).toEqual(['amount']);
    expect(await rows(accountId)).toHaveLength(1);
  });

  it('counts a payment written five times once in the cap', async () => {
    const { key } = await createKey();
    for (let i = 0; i < 5; i++) await recordCharge(key, IMO, paidCharge('2025-10-20'));
    const quote = await json<QuoteBody>(await postJson('/v1/quotes', annexOneQuote(NOV_5), bearer(key)));
    expect(quote.voyages[0]).toMatchObject({ outcome: 'charged', cap: { count: 2 } });
  });

  it('keeps other ports, dates, vessels and accounts apart', async () => {
    const { key, accountId } = await createKey();
    const other = await createKey();
    for (const res of [
      await recordCharge(key, IMO, paidCharge('2025-10-20')),
      await recordCharge(key, IMO, paidCharge('2025-10-20', 'USOAK')),
      await recordCharge(key, IMO, paidCharge('2025-10-21')),
      await recordCharge(key, '9321483', paidCharge('2025-10-20')),
      await recordCharge(other.key, IMO, paidCharge('2025-10-20')),
    ])
      expect(res.status).toBe(201);
    expect(await rows(accountId)).toHaveLength(4);
  });

  it('answers a repeated write with its own payment when another port has a live charge that day', async () => {
    const { key, accountId } = await createKey();
    // USOAK is paid first (another amount), then USLAX on the same day: two payments, two rows.
    const oakland = await json<ChargeBody>(
      await recordCharge(key, IMO, { ...paidCharge('2025-10-20', 'USOAK', 'OAK-1'), amount: '1500000.00' }),
    );
    const losAngeles = await json<ChargeBody>(await recordCharge(key, IMO, paidCharge('2025-10-20')));
    expect(losAngeles.id).not.toBe(oakland.id);
    // The USLAX payment written again is a replay of the USLAX row, not of Oakland's, and not a conflict.
    const again = await recordCharge(key, IMO, paidCharge('2025-10-20'), 'pay-again');
    expect(again.status).toBe(200);
    expect(await json<ChargeBody>(again)).toMatchObject({ id: losAngeles.id, port: 'USLAX', amount: '3000000.00' });
    // The same for Oakland's, with Los Angeles now live beside it.
    const oaklandAgain = await recordCharge(key, IMO, {
      ...paidCharge('2025-10-20', 'USOAK', 'OAK-2'),
      amount: '1500000',
    });
    expect(oaklandAgain.status).toBe(200);
    expect(await json<ChargeBody>(oaklandAgain)).toMatchObject({ id: oakland.id, port: 'USOAK' });
    // A USLAX payment of the next day is its own row.
    expect((await recordCharge(key, IMO, paidCharge('2025-10-21'))).status).toBe(201);
    expect(await rows(accountId)).toHaveLength(3);
  });

  it('records a payment again once its row was voided (a correction)', async () => {
    const { key, accountId } = await createKey();
    const first = await json<ChargeBody>(await recordCharge(key, IMO, paidCharge('2025-10-20')));
    await call(`/v1/vessels/${IMO}/charges/${first.id}`, { method: 'DELETE', headers: bearer(key) });
    const corrected = await recordCharge(key, IMO, { ...paidCharge('2025-10-20'), amount: '2999999.00' });
    expect(corrected.status).toBe(201);
    expect((await json<ChargeBody>(corrected)).id).not.toBe(first.id);
    expect((await rows(accountId)).map((row) => row.voided_at === null)).toEqual([false, true]);
  });

  it('refuses a second live row for a payment in the database itself', async () => {
    const { key, accountId } = await createKey();
    const first = await json<ChargeBody>(await recordCharge(key, IMO, paidCharge('2025-10-20')));
    const insert = env.DB.prepare(
      `INSERT INTO charges (id, account_id, imo, regime, date, port, amount, currency, reference, created_at, request_hash)
       VALUES ('chg_ffffffffffffffffffff', ?, ?, 'us-301', '2025-10-20', 'USLAX', '1.00', 'USD', 'R', '2025-10-21T00:00:00.000Z', 'h')`,
    ).bind(accountId, IMO);
    await expect(insert.run()).rejects.toThrow(/UNIQUE/);
    expect((await rows(accountId)).map((row) => row.id)).toEqual([first.id]);
  });

  it('refuses dates more than 60 days ahead of today in the regime zone', async () => {
    const { key } = await createKey();
    // Today by the Worker's own clock (the real date, or PORTFEES_NOW when the suite runs with the clock set).
    const ahead = (days: number) => new Date(nowMillis(env) + days * 86_400_000).toISOString().slice(0, 10);
    expect((await recordCharge(key, IMO, paidCharge(ahead(58)))).status).toBe(201);
    const far = await recordCharge(key, IMO, paidCharge(ahead(62)));
    expect(far.status).toBe(400);
    const errors = (await json<{ errors: Array<{ path: string; message: string }> }>(far)).errors;
    expect(errors).toEqual([{ path: 'date', message: expect.stringMatching(/^must be at most 60 days after today/) }]);
  });
});

describe('voiding charges', () => {
  it('keeps the charge, marked void, and voiding again changes nothing', async () => {
    const { key } = await createKey();
    const charge = await json<ChargeBody>(await recordCharge(key, IMO, paidCharge('2025-10-20')));
    const voided = await call(`/v1/vessels/${IMO}/charges/${charge.id}`, { method: 'DELETE', headers: bearer(key) });
    expect(voided.status).toBe(200);
    const body = await json<ChargeBody>(voided);
    expect(body.id).toBe(charge.id);
    expect(body.voidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const again = await json<ChargeBody>(
      await call(`/v1/vessels/${IMO}/charges/${charge.id}`, { method: 'DELETE', headers: bearer(key) }),
    );
    expect(again.voidedAt).toBe(body.voidedAt);
    const list = await json<{ charges: ChargeBody[] }>(await getJson(`/v1/vessels/${IMO}/charges`, key));
    expect(list.charges).toEqual([body]);
  });

  it('answers 404 for an unknown charge or the wrong vessel', async () => {
    const { key } = await createKey();
    const charge = await json<ChargeBody>(await recordCharge(key, IMO, paidCharge('2025-10-20')));
    expect(
      (await call(`/v1/vessels/9321483/charges/${charge.id}`, { method: 'DELETE', headers: bearer(key) })).status,
    ).toBe(404);
    expect(
      (await call(`/v1/vessels/${IMO}/charges/chg_00000000000000000000`, { method: 'DELETE', headers: bearer(key) }))
        .status,
    ).toBe(404);
  });
});

describe('the ledger in quotes', () => {
  it('drives a quote to capped after five recorded charges, naming each', async () => {
    const { key } = await createKey();
    const ids: string[] = [];
    for (const date of FIVE_DATES.slice(0, 4))
      ids.push((await json<ChargeBody>(await recordCharge(key, IMO, paidCharge(date)))).id);

    // Four charges in 2025: this rotation is charge 5 of 5, 60,000 NT × 50 USD = 3,000,000.00 USD.
    const fifth = await json<QuoteBody>(await postJson('/v1/quotes', annexOneQuote(NOV_5), bearer(key)));
    expect(fifth.voyages[0]).toMatchObject({
      outcome: 'charged',
      fee: { amount: '3000000.00' },
      cap: { count: 5, limit: 5 },
    });

    ids.push((await json<ChargeBody>(await recordCharge(key, IMO, paidCharge(FIVE_DATES[4]!)))).id);
    const sixth = await json<QuoteBody>(await postJson('/v1/quotes', annexOneQuote(NOV_5), bearer(key)));
    expect(sixth.voyages[0]).toMatchObject({ outcome: 'capped', fee: { amount: '0.00' }, cap: { count: 5, limit: 5 } });
    expect(sixth.voyages[0]?.cap?.counted).toEqual(
      FIVE_DATES.map((date, i) => ({ source: 'ledger', date, port: 'USLAX', id: ids[i] })),
    );
  });

  it('stops counting a voided charge', async () => {
    const { key } = await createKey();
    const ids: string[] = [];
    for (const date of FIVE_DATES)
      ids.push((await json<ChargeBody>(await recordCharge(key, IMO, paidCharge(date)))).id);
    expect(
      (await json<QuoteBody>(await postJson('/v1/quotes', annexOneQuote(NOV_5), bearer(key)))).voyages[0]?.outcome,
    ).toBe('capped');
    await call(`/v1/vessels/${IMO}/charges/${ids[2]}`, { method: 'DELETE', headers: bearer(key) });
    const after = await json<QuoteBody>(await postJson('/v1/quotes', annexOneQuote(NOV_5), bearer(key)));
    // Four charges left: charge 5 of 5 again.
    expect(after.voyages[0]).toMatchObject({ outcome: 'charged', fee: { amount: '3000000.00' }, cap: { count: 5 } });
    expect(after.voyages[0]?.cap?.counted.map((c) => c.id)).not.toContain(ids[2]);
  });

  it('counts request charges beside ledger charges, each with its source, and a charge sent twice once', async () => {
    const { key } = await createKey();
    const ledgerIds: string[] = [];
    for (const date of FIVE_DATES.slice(0, 3))
      ledgerIds.push((await json<ChargeBody>(await recordCharge(key, IMO, paidCharge(date)))).id);
    const priorCharges = [
      { regime: 'us-301', date: '2025-10-15', port: 'USSEA' },
      // The same payment as the ledger's first charge: counted once, as the ledger's.
      { regime: 'us-301', date: FIVE_DATES[0], port: 'USLAX' },
    ];
    const quote = await json<QuoteBody>(
      await postJson('/v1/quotes', annexOneQuote(NOV_5, { priorCharges }), bearer(key)),
    );
    // 1 request charge + 3 ledger charges = 4 counted; this rotation is charge 5.
    expect(quote.voyages[0]?.cap?.count).toBe(5);
    expect(quote.voyages[0]?.cap?.counted).toEqual([
      { source: 'request', date: '2025-10-15', port: 'USSEA' },
      ...FIVE_DATES.slice(0, 3).map((date, i) => ({ source: 'ledger', date, port: 'USLAX', id: ledgerIds[i] })),
    ]);
    expect(quote.notes.map((note) => note.text)).toContain(
      `priorCharges[1] is ledger charge ${ledgerIds[0]} (same regime, date and port); it is counted once.`,
    );
  });

  it("does not count a voyage's own recorded payment as an earlier charge when the voyage is quoted again", async () => {
    const { key } = await createKey();
    // Four earlier charges, then the payment for the 2025-11-05 call at Los Angeles itself (the fifth of the year).
    for (const date of FIVE_DATES.slice(0, 4)) await recordCharge(key, IMO, paidCharge(date));
    const own = await json<ChargeBody>(await recordCharge(key, IMO, paidCharge('2025-11-05')));
    const again = await json<QuoteBody & { voyages: Array<{ explanation: Array<{ text: string }> }> }>(
      await postJson('/v1/quotes', annexOneQuote(NOV_5), bearer(key)),
    );
    // 4 earlier charges: still charge 5 of 5, 60,000 NT × 50 USD = 3,000,000.00 USD, not capped.
    expect(again.voyages[0]).toMatchObject({ outcome: 'charged', fee: { amount: '3000000.00' }, cap: { count: 5 } });
    expect(again.voyages[0]?.cap?.counted.map((c) => c.id)).not.toContain(own.id);
    expect(again.voyages[0]?.explanation.map((line) => line.text)).toContain(
      `Already paid: ledger charge ${own.id} (2025-11-05, USLAX) is this voyage's own payment, not an earlier charge.`,
    );
  });

  it('is not read for anonymous quotes', async () => {
    const { key } = await createKey();
    for (const date of FIVE_DATES) await recordCharge(key, IMO, paidCharge(date));
    const anonymous = await json<QuoteBody>(await postJson('/v1/quotes', annexOneQuote(NOV_5)));
    expect(anonymous.voyages[0]).toMatchObject({ outcome: 'charged', cap: { count: 1, counted: [] } });
  });
});
