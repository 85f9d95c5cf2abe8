/**
 * The quote route speaks the request's language: `options.locale`, else
 * `Accept-Language`. Words change; amounts, ids and the quote id do not.
 */
import { describe, expect, it } from 'vitest';
import { annexIVessel } from '../support/requests';
import { postJson } from '../support/worker';

// An Annex I vessel at Los Angeles while the fees were in force: 60,000 NT × 50 USD = 3,000,000.00 USD.
const request = (options: Record<string, unknown> = {}) => ({
  vessel: annexIVessel({ imo: '9321483' }),
  portCalls: [{ port: 'USLAX', arrival: '2025-10-20T06:00:00-07:00' }],
  options: { asOf: '2026-11-28', ...options },
});

interface Line {
  id: string;
  text: string;
}
interface Answer {
  quoteId: string;
  totals: unknown;
  voyages: Array<{ fee: { amount: string }; explanation: Line[]; exemptions: Array<{ reason: Line }> }>;
  notes: Line[];
  titles: { regimes: Record<string, string>; rules: Record<string, string>; outcomes: Record<string, string> };
}

async function answer(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await postJson('/v1/quotes', body, headers);
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

describe('the words of a quote', () => {
  it('are English by default, each line { id, params, text }', async () => {
    const english = await answer(request());
    const charged = english.voyages[0]!.explanation.at(-1)!;
    expect(charged).toEqual({
      id: 'voyage.charged',
      params: { amount: { amount: '3000000.00', currency: 'USD' }, port: 'USLAX' },
      text: 'Charged 3,000,000.00 USD at USLAX.',
    });
    expect(english.titles.regimes).toEqual({ 'us-301': 'US Section 301 port fees' });
    expect(english.titles.rules['annex-i']).toBe('Annex I: vessels with an owner or operator of China');
  });

  it('are Chinese with options.locale zh-CN, the amounts, ids and quote id unchanged', async () => {
    const english = await answer(request());
    const chinese = await answer(request({ locale: 'zh-CN' }));
    expect(chinese.quoteId).toBe(english.quoteId);
    expect(chinese.totals).toEqual(english.totals);
    expect(chinese.voyages[0]!.explanation.map((line) => line.id)).toEqual(
      english.voyages[0]!.explanation.map((line) => line.id),
    );
    expect(chinese.voyages[0]!.explanation.at(-1)!.text).toBe('在 USLAX 收取 3,000,000.00 USD。');
    expect(chinese.titles.regimes).toEqual({ 'us-301': '美国 301 条款港口费' });
    expect(chinese.titles.rules['annex-i']).toBe('附件一：所有人或经营人属中国的船舶');
    expect(chinese.titles.outcomes).toEqual({ charged: '收费' });
  });

  it('follow Accept-Language when the option is absent, and the option when both are given', async () => {
    const byHeader = await answer(request(), { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' });
    expect(byHeader.voyages[0]!.explanation.at(-1)!.text).toBe('在 USLAX 收取 3,000,000.00 USD。');
    const byOption = await answer(request({ locale: 'en' }), { 'accept-language': 'zh-CN' });
    expect(byOption.voyages[0]!.explanation.at(-1)!.text).toBe('Charged 3,000,000.00 USD at USLAX.');
  });

  it("give a listed party's measure and effect in Chinese in titles.listed, the screening row as listed", async () => {
    const body = request({ locale: 'zh-CN' });
    const listed = { ...body, vessel: { ...body.vessel, operator: { name: 'Hanwha Shipping LLC', country: 'US' } } };
    const res = await postJson('/v1/quotes', listed);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      screening: Array<{ entry: string; measure: string }>;
      titles: { listed?: Record<string, string> };
    };
    const [row] = answer.screening;
    expect(row).toMatchObject({
      entry: 'Hanwha Shipping LLC',
      measure: 'Countermeasure list (Anti-Foreign Sanctions Law)',
    });
    expect(answer.titles.listed?.[row!.measure]).toBe('反制清单（《反外国制裁法》）');
    // Without a listed party there is nothing to name.
    const plain = (await (await postJson('/v1/quotes', body)).json()) as { titles: { listed?: unknown } };
    expect(plain.titles.listed).toBeUndefined();
  });

  it('refuses a locale without a catalogue, naming the field', async () => {
    const res = await postJson('/v1/quotes', request({ locale: 'fr' }));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ path: string }> };
    expect(problem.errors.map((error) => error.path)).toEqual(['options.locale']);
  });
});
