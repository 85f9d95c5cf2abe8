/**
 * The ledger counts toward the cap in every quoting route a secret key calls:
 * the single quote, the scenario comparison and the fleet batch.
 */
import { describe, expect, it } from 'vitest';
import { bearer, createKey, paidCharge, recordCharge } from '../support/accounts';
import { annexOneQuote, IMO } from '../support/vessels';
import { postJson } from '../support/worker';

/** Five fees paid in October 2025 (60,000 NT × 50 USD each); the quoted arrival of 2025-11-05 is the sixth. */
const FIVE_DATES = ['2025-10-14', '2025-10-18', '2025-10-22', '2025-10-27', '2025-10-31'];
const NOV_5 = '2025-11-05T06:00:00-08:00';

async function keyWithFivePaidCharges(): Promise<string> {
  const { key } = await createKey();
  for (const date of FIVE_DATES) expect((await recordCharge(key, IMO, paidCharge(date), `k-${date}`)).status).toBe(201);
  return key;
}

describe('ledger charges in comparisons and batches', () => {
  it('POST /v1/quotes/compare caps the sixth rotation in every variant', async () => {
    const key = await keyWithFivePaidCharges();
    const res = await postJson(
      '/v1/quotes/compare',
      {
        request: annexOneQuote(NOV_5),
        variants: [
          { label: 'as known', asOf: '2025-11-01' },
          { label: 'pinned', tariffVersions: { 'us-301': 'us-301/2025-10-10' } },
        ],
      },
      bearer(key),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: Array<{ cells: Array<{ outcome: string; amount: string } | null> }> };
    const us = body.rows.find((row) => row.cells.some((cell) => cell?.outcome === 'capped'));
    expect(us?.cells.map((cell) => [cell?.outcome, cell?.amount])).toEqual([
      ['capped', '0.00'],
      ['capped', '0.00'],
    ]);
  });

  it('POST /v1/quotes/batch counts each vessel’s own ledger; anonymous batches do not see it', async () => {
    const key = await keyWithFivePaidCharges();
    const fleet = [annexOneQuote(NOV_5, { options: { asOf: '2025-11-01' } })];
    const outcome = async (headers: Record<string, string>) => {
      const res = await postJson('/v1/quotes/batch', fleet, headers);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: Array<{ quote?: { voyages: Array<{ outcome: string }> } }> };
      return body.results[0]!.quote!.voyages[0]!.outcome;
    };
    expect(await outcome(bearer(key))).toBe('capped');
    expect(await outcome({})).toBe('charged');
  });

  it('a charter-party clause works in a comparison too', async () => {
    const request = {
      ...annexOneQuote('2025-10-20T06:00:00-07:00'),
      charterParty: { clause: 'bimco-ustr-2025', ownersDeclarationAccurate: true, ownerChangeAfterFixture: false },
    };
    const res = await postJson('/v1/quotes/compare', { request, variants: [{ label: 'base' }] });
    expect(res.status).toBe(200);
  });
});
