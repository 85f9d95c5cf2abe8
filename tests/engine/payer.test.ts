// Who pays under the BIMCO 2025 clauses (docs/rules.md, Who pays), through the engine's
// one entry point with the shipped tariffs and clauses.

import { describe, expect, it } from 'vitest';
import { CharterClause } from '../../src/charter/schema';
import { shippedClauses } from '../../src/charter/shipped';
import { quote } from '../../src/engine/quote';
import { decidePayer } from '../../src/engine/rules/payer';
import { type QuoteInput, QuoteInputError, type VesselInput, type VoyageQuote } from '../../src/engine/types';
import { shippedRegistry } from '../../src/tariffs/shipped';
import { thrown } from '../support/errors';
import { annexIVessel, english, englishLine } from '../support/requests';

const env = { registry: shippedRegistry(), clauses: shippedClauses(), today: '2026-11-28' };

/** docs/rules.md, Worked checks, first check: CN-operated container ship, 60,000 NT. */
const cnOperated = annexIVessel();
const toLosAngeles = [{ port: 'USLAX', arrival: '2025-10-20T06:00:00-07:00' }];

function voyage(input: QuoteInput, regime: string): VoyageQuote {
  const found = quote(input, env).voyages.find((candidate) => candidate.regime === regime);
  if (!found) throw new Error(`no ${regime} voyage`);
  return found;
}

describe('payer under the BIMCO USTR Clause 2025', () => {
  it('charterers pay an Annex I fee by default', () => {
    const us = voyage(
      { vessel: cnOperated, portCalls: toLosAngeles, charterParty: { clause: 'bimco-ustr-2025' } },
      'us-301',
    );
    // 60,000 NT × 50 USD = 3,000,000.00 USD, charged at USLAX
    expect([us.rule, us.outcome, us.fee.amount]).toEqual(['annex-i', 'charged', '3000000.00']);
    expect(us.payer).toBe('charterers');
    expect(englishLine(us.payerReason)).toMatch(/orders to call at a US port/);
    expect(us.clause).toEqual({
      id: 'bimco-ustr-2025',
      title: 'BIMCO USTR Clause for Time Charter Parties 2025',
      url: 'https://www.bimco.org/contractual-affairs/bimco-clauses/current-clauses/ustr-clause',
    });
    expect(english(us.explanation).at(-1)).toMatch(
      /^Payer under the BIMCO USTR Clause for Time Charter Parties 2025: charterers/,
    );
  });

  it('owners pay when their declaration was inaccurate', () => {
    const us = voyage(
      {
        vessel: cnOperated,
        portCalls: toLosAngeles,
        charterParty: { clause: 'bimco-ustr-2025', ownersDeclarationAccurate: false },
      },
      'us-301',
    );
    expect(us.payer).toBe('owners');
    expect(englishLine(us.payerReason)).toMatch(/declaration .* was wrong or incomplete/);
  });

  it('owners pay when they changed owner or operator after the fixture', () => {
    const us = voyage(
      {
        vessel: cnOperated,
        portCalls: toLosAngeles,
        charterParty: { clause: 'bimco-ustr-2025', ownerChangeAfterFixture: true },
      },
      'us-301',
    );
    expect(us.payer).toBe('owners');
    expect(englishLine(us.payerReason)).toMatch(
      /changing the registered owner, bareboat charterer, disponent owner, manager or operator after the charter party was fixed/,
    );
  });

  it('gives both grounds when both hold', () => {
    const us = voyage(
      {
        vessel: cnOperated,
        portCalls: toLosAngeles,
        charterParty: { clause: 'bimco-ustr-2025', ownersDeclarationAccurate: false, ownerChangeAfterFixture: true },
      },
      'us-301',
    );
    expect(us.payer).toBe('owners');
    expect((us.payerReason?.params.text as { list: unknown[] }).list).toHaveLength(2);
  });

  it('allocates Annex II fees too (charterers by default)', () => {
    // docs/rules.md, Worked checks: China-built, non-Chinese operator, 50,000 NT, 2,000 boxes: max(900,000; 240,000) = 900,000.00 USD
    const us = voyage(
      {
        vessel: {
          ...cnOperated,
          buildCountry: 'CN',
          netTonnage: 50000,
          deadweight: 110000,
          operator: { country: 'DK' },
        },
        portCalls: [
          { port: 'CNSHA', arrival: '2025-09-20T08:00:00+08:00' },
          { port: 'USLAX', arrival: '2025-10-20T06:00:00-07:00', containersDischarged: 2000 },
        ],
        charterParty: { clause: 'bimco-ustr-2025' },
      },
      'us-301',
    );
    expect([us.rule, us.fee.amount, us.payer]).toEqual(['annex-ii', '900000.00', 'charterers']);
  });

  it('reports Annex III fees as outside the clause, with the clause reference', () => {
    // docs/rules.md, Worked checks: non-US-built PCTC, 20,000 NT, 2025-10-20 under us-301/2025-10-10: 20,000 × 46 = 920,000.00 USD
    const us = voyage(
      {
        vessel: {
          ...cnOperated,
          type: 'vehicle_carrier',
          buildCountry: 'JP',
          netTonnage: 20000,
          operator: { country: 'NO' },
        },
        portCalls: toLosAngeles,
        options: { tariffVersions: { 'us-301': 'us-301/2025-10-10' } },
        charterParty: { clause: 'bimco-ustr-2025', ownersDeclarationAccurate: false },
      },
      'us-301',
    );
    expect([us.rule, us.outcome, us.fee.amount]).toEqual(['annex-iii', 'charged', '920000.00']);
    expect(us.payer).toBeNull();
    expect(englishLine(us.payerReason)).toMatch(/^outside the clause/);
    expect(us.clause?.id).toBe('bimco-ustr-2025');
  });

  it('allocates nothing when nothing is charged', () => {
    // docs/rules.md, Worked checks: same ship, first US call 2025-11-12: suspended, 0
    const us = voyage(
      {
        vessel: cnOperated,
        portCalls: [{ port: 'USLAX', arrival: '2025-11-12' }],
        charterParty: { clause: 'bimco-ustr-2025' },
      },
      'us-301',
    );
    expect([us.outcome, us.fee.amount, us.payer]).toEqual(['suspended', '0.00', null]);
    expect(englishLine(us.payerReason)).toBe('nothing to allocate: no fee is charged (suspended)');
  });

  it('adds no payer fields without a charter party', () => {
    const us = voyage({ vessel: cnOperated, portCalls: toLosAngeles }, 'us-301');
    expect('payer' in us).toBe(false);
    expect('clause' in us).toBe(false);
  });
});

describe('payer under the BIMCO Chinese Special Port Fee Clause 2025', () => {
  // docs/rules.md, Worked checks: US-flag ship, 30,224 NT, Shanghai 2025-10-14 18:00 +08:00: 30,224 × 400 = 12,089,600.00 CNY
  const usFlag: VesselInput = {
    ...cnOperated,
    flag: 'US',
    netTonnage: 30224,
    owner: { country: 'GR' },
    operator: { country: 'GR' },
  };
  const toShanghai = [{ port: 'CNSHA', arrival: '2025-10-14T18:00:00+08:00' }];

  it('charterers pay a charged cn-spf fee by default', () => {
    const cn = voyage(
      { vessel: usFlag, portCalls: toShanghai, charterParty: { clause: 'bimco-cn-spf-2025' } },
      'cn-spf',
    );
    expect([cn.rule, cn.fee.amount, cn.fee.currency]).toEqual(['cn-spf', '12089600.00', 'CNY']);
    expect(cn.payer).toBe('charterers');
    expect(cn.clause?.url).toBe(
      'https://www.bimco.org/contractual-affairs/bimco-clauses/current-clauses/chinese-special-port-fee-clause-for-time-charter-parties-2025',
    );
  });

  it('shifts to owners on an inaccurate declaration', () => {
    const cn = voyage(
      {
        vessel: usFlag,
        portCalls: toShanghai,
        charterParty: { clause: ['bimco-ustr-2025', 'bimco-cn-spf-2025'], ownersDeclarationAccurate: false },
      },
      'cn-spf',
    );
    expect(cn.payer).toBe('owners');
    expect(cn.clause?.id).toBe('bimco-cn-spf-2025');
  });

  it('names no payer when the charter carries only the USTR clause', () => {
    const cn = voyage({ vessel: usFlag, portCalls: toShanghai, charterParty: { clause: 'bimco-ustr-2025' } }, 'cn-spf');
    expect([cn.payer, cn.clause, englishLine(cn.payerReason)]).toEqual([
      null,
      null,
      'no charter-party clause given for cn-spf fees',
    ]);
  });
});

describe('clause selection', () => {
  it('refuses an unknown clause, naming the valid ones', () => {
    const run = () =>
      quote({ vessel: cnOperated, portCalls: toLosAngeles, charterParty: { clause: 'bimco-gencon-1994' } }, env);
    const error = thrown(run);
    expect(error).toBeInstanceOf(QuoteInputError);
    expect((error as QuoteInputError).issues).toEqual([
      {
        path: 'charterParty.clause',
        message: 'unknown clause bimco-gencon-1994; valid clauses: bimco-cn-spf-2025, bimco-ustr-2025',
      },
    ]);
  });

  it('refuses two clauses for one regime, at the second', () => {
    const error = thrown(() =>
      quote(
        {
          vessel: cnOperated,
          portCalls: toLosAngeles,
          charterParty: { clause: ['bimco-ustr-2025', 'bimco-ustr-2025'] },
        },
        env,
      ),
    );
    expect(error).toBeInstanceOf(QuoteInputError);
    expect((error as QuoteInputError).issues[0]?.path).toBe('charterParty.clause[1]');
  });
});

describe('decidePayer reads the clause data, not fixed rules', () => {
  // A made-up clause where owners pay by default and charterers pay when the owners changed hands.
  const clause = CharterClause.parse({
    id: 'example-owners-pay',
    title: 'Example clause',
    published: '2025-01-01',
    summary: 'test',
    regime: 'us-301',
    citations: [{ title: 'Example', url: 'https://example.com/clause' }],
    covers: { rules: ['annex-iii'], outsideReason: 'outside the example clause' },
    allocation: { payer: 'owners', reason: 'owners pay by default' },
    shifts: [
      {
        id: 'change',
        when: { fact: 'ownerChangeAfterFixture', equals: true },
        payer: 'charterers',
        reason: 'charterers pay after a change',
      },
    ],
  });
  const facts = { ownersDeclarationAccurate: true, ownerChangeAfterFixture: false };

  it('uses the default payer, the shift and the covered rules of the data', () => {
    expect(decidePayer({ regime: 'us-301', rule: 'annex-iii', outcome: 'charged' }, [clause], facts).payer).toBe(
      'owners',
    );
    expect(
      decidePayer({ regime: 'us-301', rule: 'annex-iii', outcome: 'charged' }, [clause], {
        ...facts,
        ownerChangeAfterFixture: true,
      }).payer,
    ).toBe('charterers');
    expect(decidePayer({ regime: 'us-301', rule: 'annex-i', outcome: 'charged' }, [clause], facts)).toEqual({
      payer: null,
      payerReason: { id: 'data.text', params: { text: { text: 'outside the example clause' } } },
      clause: { id: 'example-owners-pay', title: 'Example clause', url: 'https://example.com/clause' },
    });
  });
});
