/**
 * Ownership look-through (docs/rules.md §7.1): holders at any depth, the two
 * readings `multiply` and `control`, paths that add up, HK, MO and CN
 * together, the `us-owned` exemption through a chain, and the limits.
 */
import { describe, expect, it } from 'vitest';
import { vessel } from '../support/requests';
import { postJson } from '../support/worker';

interface Voyage {
  regime: string;
  outcome: string;
  certainty: string;
  fee: { amount: string; currency: string };
  alternatives: Array<{ assumption: string; value: string; amount: string; outcome?: string }>;
  exemptions: Array<{ id: string; applies: boolean; reason: { id: string; text: string } }>;
  explanation: Array<{ id: string; params: Record<string, unknown>; text: string }>;
}

/** The explanation's words, one line each. */
const lines = (voyage: Voyage) => voyage.explanation.map((line) => line.text).join('\n');

type Holder = { name?: string; country: string; equity?: number; voting?: number; board?: number; holders?: Holder[] };

/** A Panama-flagged, Korean-built 60,000 NT container ship, Danish-operated, with the given owner. */
function request(owner: Record<string, unknown>, port: string, arrival: string, extra: Record<string, unknown> = {}) {
  return {
    vessel: { ...vessel({ owner: owner as never }), deadweight: undefined, ...extra },
    portCalls: [{ port, arrival }],
    options: { asOf: '2025-10-20' },
  };
}

async function voyageOf(
  body: ReturnType<typeof request>,
  regime: string,
  assumptions?: Record<string, string>,
  locale?: string,
) {
  const options = { ...body.options, ...(assumptions ? { assumptions } : {}), ...(locale ? { locale } : {}) };
  const res = await postJson('/v1/quotes', { ...body, options });
  expect(res.status).toBe(200);
  const quote = (await res.json()) as { voyages: Voyage[] };
  return quote.voyages.find((voyage) => voyage.regime === regime)!;
}

/** DOMAIN §7.1: a Greek owner 40% held by a Marshall Islands company that is 60% US-held. */
const greekOwner = {
  name: 'Aegean Carriers SA',
  country: 'GR',
  holders: [
    { name: 'Majuro Holdings', country: 'MH', equity: 40, holders: [{ name: 'US Fund', country: 'US', equity: 60 }] },
  ],
};
const CHINA = ['CNSHA', '2025-10-20T08:00:00+08:00'] as const;
const US = ['USLAX', '2025-10-20T08:00:00-07:00'] as const;

describe('DOMAIN §7.1 example: both readings', () => {
  // cn-spf: 400 CNY per net ton from 2025-10-14 × 60,000 NT = 24,000,000.00 CNY when covered.
  it('multiply (default): 40% × 60% = 24% US-held, under 25%: not covered, assumed, control as alternative', async () => {
    const voyage = await voyageOf(request(greekOwner, ...CHINA), 'cn-spf');
    expect(voyage.outcome).toBe('not-covered');
    expect(voyage.fee.amount).toBe('0.00');
    expect(voyage.certainty).toBe('assumed');
    expect(voyage.alternatives).toEqual([
      { assumption: 'cn-spf.indirect-holdings', value: 'control', amount: '24000000.00', outcome: 'charged' },
    ]);
    expect(lines(voyage)).toContain('owner ← Majuro Holdings (MH) 40% equity ← US Fund (US) 60% equity = 24%');
  });

  it('control: the Marshall Islands company is US-controlled, so its whole 40% counts: covered', async () => {
    const voyage = await voyageOf(request(greekOwner, ...CHINA), 'cn-spf', { 'cn-spf.indirect-holdings': 'control' });
    expect(voyage.outcome).toBe('charged');
    expect(voyage.fee).toEqual({ amount: '24000000.00', currency: 'CNY' });
    expect(voyage.certainty).toBe('assumed');
    expect(voyage.alternatives).toEqual([
      { assumption: 'cn-spf.indirect-holdings', value: 'multiply', amount: '0.00', outcome: 'not-covered' },
    ]);
    expect(lines(voyage)).toContain('owner ← Majuro Holdings (MH) 40% equity, controlled by persons of US = 40%');
  });

  it('in Chinese the deciding path reads as a chain of holdings, names and numbers as given', async () => {
    const voyage = await voyageOf(request(greekOwner, ...CHINA), 'cn-spf', undefined, 'zh-CN');
    const line = voyage.explanation.find((entry) => entry.id === 'party.short-of')!;
    expect(line.text).toBe(
      '船舶所有人：其国家为 GR，US 人士持有其 股权 的 24%，低于 25%' +
        '（船舶所有人 ← Majuro Holdings（MH）股权 40% ← US Fund（US）股权 60% = 24%）。',
    );
  });

  it('flat stakes alone stay confirmed: the assumption is read only for a party with holders', async () => {
    const voyage = await voyageOf(
      request({ country: 'GR', stakes: [{ country: 'US', equity: 24 }] }, ...CHINA),
      'cn-spf',
    );
    expect(voyage).toMatchObject({ outcome: 'not-covered', certainty: 'confirmed', alternatives: [] });
  });
});

describe('paths that add up', () => {
  // 20% × 60% + 20% × 80% = 12% + 16% = 28% ≥ 25%: covered under either reading.
  it('two chains, each under 25%, together cover the owner', async () => {
    const owner = {
      country: 'GR',
      holders: [
        { name: 'A', country: 'MH', equity: 20, holders: [{ country: 'US', equity: 60 }] },
        { name: 'B', country: 'LR', equity: 20, holders: [{ country: 'US', equity: 80 }] },
      ],
    };
    const voyage = await voyageOf(request(owner, ...CHINA), 'cn-spf');
    expect(voyage).toMatchObject({ outcome: 'charged', fee: { amount: '24000000.00' }, certainty: 'confirmed' });
    const text = lines(voyage);
    expect(text).toContain('hold 28% of its equity');
    expect(text).toContain('owner ← B (LR) 20% equity ← holder (US) 80% equity = 16%');
    expect(text).toContain('owner ← A (MH) 20% equity ← holder (US) 60% equity = 12%');
  });

  // US-301 Annex I: 50 USD per net ton from 2025-10-14 × 60,000 NT = 3,000,000.00 USD.
  it('HK, MO and CN persons add up through holdings: 30% × 50% HK + 20% × (30% MO + 20% CN) = 15% + 10% = 25%', async () => {
    const owner = {
      country: 'GR',
      holders: [
        { name: 'Lion Rock', country: 'SG', equity: 30, holders: [{ country: 'HK', equity: 50 }] },
        {
          name: 'Pearl',
          country: 'VG',
          equity: 20,
          holders: [
            { country: 'MO', equity: 30 },
            { country: 'CN', equity: 20 },
          ],
        },
      ],
    };
    const voyage = await voyageOf(request(owner, ...US), 'us-301');
    expect(voyage).toMatchObject({ outcome: 'charged', fee: { amount: '3000000.00', currency: 'USD' } });
    expect(lines(voyage)).toContain('hold 25% of its equity');
  });
});

describe('the us-owned exemption through a chain', () => {
  // Annex II (China-built): exempt when persons of the US hold ≥ 75% of the owner's equity.
  // 100% × 80% = 80% under multiply; 100% under control (the holding company is US-controlled): exempt either way.
  it('a Greek owner wholly held by a company 80% US-held is us-owned', async () => {
    const owner = {
      country: 'GR',
      holders: [{ name: 'Delaware HoldCo', country: 'MH', equity: 100, holders: [{ country: 'US', equity: 80 }] }],
    };
    const voyage = await voyageOf(request(owner, ...US, { buildCountry: 'CN' }), 'us-301');
    const usOwned = voyage.exemptions.find((exemption) => exemption.id === 'us-owned')!;
    expect(usOwned.applies).toBe(true);
    expect(usOwned.reason.text).toContain('hold 80% of the owner');
    expect(usOwned.reason.text).toContain('owner ← Delaware HoldCo (MH) 100% equity ← holder (US) 80% equity = 80%');
    expect(voyage).toMatchObject({ outcome: 'exempt', fee: { amount: '0.00' }, certainty: 'confirmed' });
  });
});

describe('limits', () => {
  const chain = (levels: number): Holder[] => {
    let holders: Holder[] = [{ country: 'US', equity: 100 }];
    for (let i = 1; i < levels; i++) holders = [{ country: 'MH', equity: 100, holders }];
    return holders;
  };

  it('accepts holders 10 levels deep and refuses 11, naming the party', async () => {
    const ok = await postJson('/v1/quotes', request({ country: 'GR', holders: chain(10) }, ...CHINA));
    expect(ok.status).toBe(200);
    const deep = await postJson('/v1/quotes', request({ country: 'GR', holders: chain(11) }, ...CHINA));
    expect(deep.status).toBe(400);
    const problem = (await deep.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors).toEqual([
      {
        path: `vessel.owner${'.holders[0]'.repeat(10)}.holders`,
        message: 'holders nest at most 10 levels deep',
      },
    ]);
  });

  it('refuses holders of one party over 100% of a measure, naming the party', async () => {
    const res = await postJson(
      '/v1/quotes',
      request(
        {
          country: 'GR',
          holders: [
            {
              country: 'MH',
              equity: 40,
              holders: [
                { country: 'US', equity: 70 },
                { country: 'CN', equity: 40 },
              ],
            },
          ],
        },
        ...CHINA,
      ),
    );
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors).toEqual([
      { path: 'vessel.owner.holders[0].holders', message: 'holders add up to 110% of equity, more than 100%' },
    ]);
  });

  it('refuses more than 200 parties, naming where the limit is passed', async () => {
    const many = Array.from({ length: 100 }, () => ({ country: 'MH', equity: 0.5 }));
    const res = await postJson(
      '/v1/quotes',
      request({ country: 'GR', holders: many }, ...CHINA, { operator: { country: 'DK', holders: many } }),
    );
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors.map((error) => error.path)).toEqual(['vessel.operator.holders']);
    expect(problem.errors[0]!.message).toContain('more than 200 parties (202)');
  });
});
