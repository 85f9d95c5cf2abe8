import { describe, expect, it } from 'vitest';
import { annexIRequest, portCall } from '../support/requests';
import { call, postJson } from '../support/worker';

const request = annexIRequest([portCall('USLAX', '2025-10-20T06:00:00-07:00')]);

interface Problem {
  status: number;
  errors: Array<{ path: string; message: string }>;
}

describe('POST /v1/quotes with charterParty', () => {
  it('says who pays each voyage', async () => {
    const res = await postJson('/v1/quotes', {
      ...request,
      charterParty: { clause: 'bimco-ustr-2025', ownerChangeAfterFixture: true },
    });
    expect(res.status).toBe(200);
    const quote = (await res.json()) as {
      voyages: Array<{ regime: string; fee: { amount: string }; payer: string; clause: { id: string } }>;
    };
    const us = quote.voyages.find((voyage) => voyage.regime === 'us-301')!;
    // 60,000 NT × 50 USD = 3,000,000.00 USD; the owners changed hands after the fixture, so owners pay
    expect([us.fee.amount, us.payer, us.clause.id]).toEqual(['3000000.00', 'owners', 'bimco-ustr-2025']);
  });

  it.each([
    [
      { clause: 'bimco-gencon' },
      'charterParty.clause',
      /unknown clause bimco-gencon; valid clauses: bimco-cn-spf-2025, bimco-ustr-2025/,
    ],
    [{ clause: [] }, 'charterParty.clause', /name at least one clause/],
    [{ clause: 'Not An Id' }, 'charterParty.clause', /clause id/],
    [{ ownersDeclarationAccurate: false }, 'charterParty.clause', /./],
    [
      { clause: 'bimco-ustr-2025', ownersDeclarationAccurate: 'yes' },
      'charterParty.ownersDeclarationAccurate',
      /boolean/,
    ],
    [{ clause: 'bimco-ustr-2025', laytime: 3 }, 'charterParty.laytime', /unknown field laytime/],
  ])('%j is a 400 problem at %s', async (charterParty, path, message) => {
    const res = await postJson('/v1/quotes', { ...request, charterParty });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors.map((error) => error.path)).toEqual([path]);
    expect(problem.errors[0]!.message).toMatch(message);
  });
});

describe('GET /v1/clauses', () => {
  it('lists each clause with its regime, covered rules and citations', async () => {
    const res = await call('/v1/clauses');
    expect(res.status).toBe(200);
    const { clauses } = (await res.json()) as {
      clauses: Array<{ id: string; regime: string; rules: string[]; citations: Array<{ url: string }> }>;
    };
    expect(clauses.map((clause) => [clause.id, clause.regime, clause.rules])).toEqual([
      ['bimco-cn-spf-2025', 'cn-spf', ['cn-spf']],
      ['bimco-ustr-2025', 'us-301', ['annex-i', 'annex-ii']],
    ]);
    expect(clauses.every((clause) => clause.citations[0]!.url.startsWith('https://www.bimco.org/'))).toBe(true);
  });
});
