/**
 * Limits enforced inside the write itself (docs/accounts.md): concurrent
 * webhook creations stop at the cap of 20, concurrent identical vessel PUTs
 * add one version, and a 1,000-row vessel import is one D1 batch of 20
 * statements (2 per 100 rows), not 2 queries per row.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PROFILES_PER_WRITE, putProfiles } from '../../src/accounts/vessel-profiles';
import { bearer, createKey, getJson } from '../support/accounts';
import { vessel } from '../support/requests';
import { IMO } from '../support/vessels';
import { call, postJson } from '../support/worker';

/** A valid IMO number from a 6-digit stem: the check digit is Σ(digit × 7..2) mod 10. */
function imoFromStem(stem: number): string {
  const digits = String(stem).padStart(6, '0');
  let total = 0;
  for (let i = 0; i < 6; i++) total += Number(digits[i]) * (7 - i);
  return `${digits}${total % 10}`;
}

describe('limits raced by concurrent requests', () => {
  it('40 concurrent POST /v1/webhooks create exactly 20 endpoints; the other 20 are 409', async () => {
    const { key } = await createKey();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        postJson('/v1/webhooks', { url: `https://hooks.example.com/${i}`, events: ['tariff.published'] }, bearer(key)),
      ),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(20);
    expect(statuses.filter((status) => status === 409)).toHaveLength(20);
    expect((await (await getJson('/v1/webhooks', key)).json()) as unknown[]).toHaveLength(20);
  });

  it('10 concurrent identical PUT /v1/vessels/{imo} add one version', async () => {
    const { key } = await createKey();
    const body = JSON.stringify(vessel({ imo: IMO, operator: { country: 'CN' } }));
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(`/v1/vessels/${IMO}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', ...bearer(key) },
          body,
        }),
      ),
    );
    for (const res of answers) expect([200, 201]).toContain(res.status);
    const versions = await Promise.all(answers.map(async (res) => ((await res.json()) as { version: number }).version));
    expect(new Set(versions)).toEqual(new Set([1]));
    const history = (await (await getJson(`/v1/vessels/${IMO}/history`, key)).json()) as { versions: unknown[] };
    expect(history.versions).toHaveLength(1);
  });
});

describe('vessel import in D1 batches', () => {
  it('stores 1,000 vessels with one batch of 20 statements, and the same file again adds no version', async () => {
    const { accountId } = await createKey();
    const fleet = Array.from({ length: 1000 }, (_, i) => {
      const imo = imoFromStem(100000 + i);
      return { imo, vessel: { ...vessel({ imo }) } as Record<string, unknown> };
    });
    const counted = { batches: 0, statements: 0, single: 0 };
    const db = env.DB;
    // The real database, counting what reaches it.
    const counting = {
      prepare: (sql: string) => {
        counted.statements++;
        return db.prepare(sql);
      },
      batch: (statements: D1PreparedStatement[]) => {
        counted.batches++;
        return db.batch(statements);
      },
      exec: () => {
        counted.single++;
        throw new Error('not expected');
      },
    } as unknown as D1Database;
    expect(PROFILES_PER_WRITE).toBe(100);
    const first = await putProfiles(counting, accountId, fleet, '2026-01-05T00:00:00Z');
    expect(counted).toEqual({ batches: 1, statements: 20, single: 0 });
    expect(first.every((result) => result.created && result.changed && result.profile.version === 1)).toBe(true);
    expect(first[999]!.profile.imo).toBe(imoFromStem(100999));

    const again = await putProfiles(counting, accountId, fleet, '2026-01-06T00:00:00Z');
    expect(again.every((result) => !result.created && !result.changed && result.profile.version === 1)).toBe(true);
    const changed = await putProfiles(
      counting,
      accountId,
      [{ imo: fleet[3]!.imo, vessel: { ...fleet[3]!.vessel, netTonnage: 12345 } }, fleet[4]!],
      '2026-01-07T00:00:00Z',
    );
    expect(changed.map((result) => [result.profile.version, result.changed])).toEqual([
      [2, true],
      [1, false],
    ]);
  });
});
