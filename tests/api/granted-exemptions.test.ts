/**
 * Granted exemptions (docs/tariffs.md and docs/api.md, "Granted exemptions"): a
 * waiver or ruling the caller asserts makes the regime's voyages inside its
 * window `exempt` with exemption id `granted`, through the real Worker.
 */
import { describe, expect, it } from 'vitest';
import { vessel } from '../support/requests';
import { postJson } from '../support/worker';

/** A US-flag vessel of 30,224 NT berthing at Shanghai on 2025-10-20: 30,224 × 400 = 12,089,600.00 CNY. */
const usFlagAtShanghai = (extra: Record<string, unknown> = {}) => ({
  vessel: vessel({ flag: 'US', netTonnage: 30224 }),
  portCalls: [{ port: 'CNSHA', arrival: '2025-10-20T08:00:00+08:00' }],
  options: { asOf: '2025-10-20' },
  ...extra,
});

async function quoteOf(body: unknown) {
  const res = await postJson('/v1/quotes', body);
  return { status: res.status, body: (await res.json()) as any };
}
const cnVoyage = (body: any) => body.voyages.find((voyage: any) => voyage.regime === 'cn-spf');

describe('grantedExemptions', () => {
  it('without a grant the voyage is charged 12,089,600.00 CNY', async () => {
    const { status, body } = await quoteOf(usFlagAtShanghai());
    expect(status).toBe(200);
    expect(cnVoyage(body)).toMatchObject({ outcome: 'charged', fee: { amount: '12089600.00', currency: 'CNY' } });
  });

  it('inside its window the voyage is exempt `granted`, the reference in the reason, asserted by the caller', async () => {
    const grant = { regime: 'cn-spf', reference: 'MSA decision 2025-117', from: '2025-10-14', to: '2025-10-31' };
    const { status, body } = await quoteOf(usFlagAtShanghai({ grantedExemptions: [grant] }));
    expect(status).toBe(200);
    const voyage = cnVoyage(body);
    expect(voyage).toMatchObject({ outcome: 'exempt', fee: { amount: '0.00', currency: 'CNY' }, chargedAt: null });
    const granted = voyage.exemptions.find((exemption: any) => exemption.id === 'granted');
    expect(granted).toMatchObject({ applies: true });
    expect(granted.reason.text).toContain('MSA decision 2025-117');
    expect(voyage.explanation.map((line: any) => line.text).join('\n')).toMatch(
      /Exempt: granted \(granted by MSA decision 2025-117.*asserted by the caller/,
    );
  });

  it('the window is read in the regime zone: 2025-10-20 08:00 in Shanghai is outside a grant ending 2025-10-19', async () => {
    const grant = { regime: 'cn-spf', reference: 'MSA decision 2025-117', to: '2025-10-19' };
    const voyage = cnVoyage((await quoteOf(usFlagAtShanghai({ grantedExemptions: [grant] }))).body);
    expect(voyage.outcome).toBe('charged');
    expect(voyage.exemptions.find((exemption: any) => exemption.id === 'granted')).toMatchObject({
      applies: false,
      reason: { id: 'exemption.granted-outside', text: expect.stringContaining('arrival 2025-10-20 is outside it') },
    });
  });

  it("a grant of the other regime leaves this one's voyage alone", async () => {
    const grant = { regime: 'us-301', reference: 'USTR waiver' };
    const voyage = cnVoyage((await quoteOf(usFlagAtShanghai({ grantedExemptions: [grant] }))).body);
    expect(voyage.outcome).toBe('charged');
    expect(voyage.exemptions.some((exemption: any) => exemption.id === 'granted')).toBe(false);
  });

  it('refuses an unknown regime and a window that ends before it starts, naming the paths', async () => {
    const { status, body } = await quoteOf(
      usFlagAtShanghai({
        grantedExemptions: [
          { regime: 'eu-ets', reference: 'x' },
          { regime: 'cn-spf', reference: 'y', from: '2025-11-01', to: '2025-10-01' },
        ],
      }),
    );
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { path: 'grantedExemptions[0].regime', message: expect.stringContaining('unknown regime eu-ets') },
      { path: 'grantedExemptions[1].to', message: 'ends (2025-10-01) before it starts (2025-11-01)' },
    ]);
  });

  it('refuses a grant without a reference', async () => {
    const { status, body } = await quoteOf(usFlagAtShanghai({ grantedExemptions: [{ regime: 'cn-spf' }] }));
    expect(status).toBe(400);
    expect(body.errors.map((error: any) => error.path)).toEqual(['grantedExemptions[0].reference']);
  });
});
