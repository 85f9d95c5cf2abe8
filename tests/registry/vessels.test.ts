/** The vessel registry: life cycle and history, listing, CSV import, and quoting a stored vessel by IMO. */
import { describe, expect, it } from 'vitest';
import { bearer, createKey, getJson } from '../support/accounts';
import { vessel } from '../support/requests';
import { annexOneQuote, IMO, OTHER_IMO } from '../support/vessels';
import { call, postJson } from '../support/worker';

interface Profile {
  imo: string;
  version: number;
  vessel: Record<string, unknown> | null;
  deleted: boolean;
}
interface Problem {
  status: number;
  errors: Array<{ path: string; message: string; row?: number; column?: string | null }>;
  stored?: Array<{ row: number; imo: string; status: string }>;
}

const putVessel = (key: string, imo: string, body: unknown) =>
  call(`/v1/vessels/${imo}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...bearer(key) },
    body: JSON.stringify(body),
  });

/** A Chinese-operated Annex I container ship, 60,000 NT. */
const chineseOperated = (imo = IMO) => vessel({ imo, operator: { country: 'CN' } });

describe('vessel profiles', () => {
  it('PUT stores (201), replaces (200, new version), keeps history, and DELETE stops using it', async () => {
    const { key } = await createKey();
    const first = await putVessel(key, IMO, chineseOperated());
    expect(first.status).toBe(201);
    expect(((await first.json()) as Profile).version).toBe(1);

    const same = await putVessel(key, IMO, chineseOperated());
    expect(same.status).toBe(200);
    expect(((await same.json()) as Profile).version).toBe(1); // nothing changed: no new version

    const heavier = await putVessel(key, IMO, { ...chineseOperated(), netTonnage: 70000 });
    expect(heavier.status).toBe(200);
    expect(((await heavier.json()) as Profile).version).toBe(2);

    const current = (await (await getJson(`/v1/vessels/${IMO}`, key)).json()) as Profile;
    expect(current).toMatchObject({ imo: IMO, version: 2, deleted: false, vessel: { netTonnage: 70000 } });

    const removed = await call(`/v1/vessels/${IMO}`, { method: 'DELETE', headers: bearer(key) });
    expect(removed.status).toBe(200);
    expect((await getJson(`/v1/vessels/${IMO}`, key)).status).toBe(404);
    expect((await call(`/v1/vessels/${IMO}`, { method: 'DELETE', headers: bearer(key) })).status).toBe(404);

    const history = (await (await getJson(`/v1/vessels/${IMO}/history`, key)).json()) as {
      versions: Profile[];
    };
    expect(history.versions.map((v) => [v.version, v.deleted, v.vessel?.netTonnage ?? null])).toEqual([
      [1, false, 60000],
      [2, false, 70000],
      [3, true, null],
    ]);
    const viaQuery = (await (await getJson(`/v1/vessels/${IMO}?history=true`, key)).json()) as {
      versions: Profile[];
    };
    expect(viaQuery.versions).toEqual(history.versions);

    // Stored again after the deletion: 201, version 4.
    const again = await putVessel(key, IMO, chineseOperated());
    expect(again.status).toBe(201);
    expect(((await again.json()) as Profile).version).toBe(4);
  });

  it('keeps the ownership graph with history, and a quote by IMO looks through it', async () => {
    const { key } = await createKey();
    // DOMAIN §7.1: a Greek owner 40% held by a Marshall Islands company that is 60% US-held.
    const graph = [{ name: 'Majuro Holdings', country: 'MH', equity: 40, holders: [{ country: 'US', equity: 60 }] }];
    const held = vessel({ owner: { country: 'GR', holders: graph } });
    expect((await putVessel(key, IMO, held)).status).toBe(201);
    const deeper = structuredClone(graph);
    deeper[0]!.holders[0]!.equity = 80;
    expect((await putVessel(key, IMO, vessel({ owner: { country: 'GR', holders: deeper } }))).status).toBe(200);
    const history = (await (await getJson(`/v1/vessels/${IMO}/history`, key)).json()) as { versions: Profile[] };
    expect(
      history.versions.map(
        (v) => (v.vessel as { owner: { holders: typeof graph } }).owner.holders[0]!.holders[0]!.equity,
      ),
    ).toEqual([60, 80]);
    // 40% × 80% = 32% US-held: covered by cn-spf's 25% test under either reading (400 CNY × 60,000 NT).
    const res = await postJson(
      '/v1/quotes',
      {
        vessel: { imo: IMO },
        portCalls: [{ port: 'CNSHA', arrival: '2025-10-20T08:00:00+08:00' }],
        options: { asOf: '2025-10-20' },
      },
      bearer(key),
    );
    const quote = (await res.json()) as {
      voyages: Array<{ regime: string; fee: { amount: string }; certainty: string }>;
    };
    expect(quote.voyages.find((v) => v.regime === 'cn-spf')).toMatchObject({
      fee: { amount: '24000000.00' },
      certainty: 'confirmed',
    });
  });

  it('lists current profiles by IMO with a cursor, and never another account’s', async () => {
    const { key } = await createKey();
    const other = await createKey();
    await putVessel(other.key, '9074729', vessel({ imo: '9074729' }));
    for (const imo of [OTHER_IMO, IMO, '9074729'])
      expect((await putVessel(key, imo, vessel({ imo }))).status).toBe(201);
    await call(`/v1/vessels/${OTHER_IMO}`, { method: 'DELETE', headers: bearer(key) });
    const page1 = (await (await getJson('/v1/vessels?limit=1', key)).json()) as {
      vessels: Profile[];
      next: string | null;
    };
    expect(page1.vessels.map((v) => v.imo)).toEqual(['9074729']);
    const page2 = (await (await getJson(`/v1/vessels?limit=1&cursor=${page1.next}`, key)).json()) as {
      vessels: Profile[];
      next: string | null;
    };
    expect(page2.vessels.map((v) => v.imo)).toEqual([IMO]);
    expect(page2.next).toBeNull();
    expect((await getJson(`/v1/vessels/${IMO}`, other.key)).status).toBe(404);
  });

  it('refuses a body IMO that differs from the path, an invalid vessel, and callers without a secret key', async () => {
    const { key } = await createKey();
    const differs = (await (await putVessel(key, IMO, chineseOperated(OTHER_IMO))).json()) as Problem;
    expect(differs.errors.map((e) => e.path)).toEqual(['imo']);
    const invalid = (await (await putVessel(key, IMO, { ...chineseOperated(), netTonnage: 0 })).json()) as Problem;
    expect(invalid.errors.map((e) => e.path)).toEqual(['netTonnage']);
    expect((await call(`/v1/vessels/${IMO}`)).status).toBe(401);
  });
});

describe('CSV import', () => {
  it('stores the good rows and names the bad row and column', async () => {
    const { key } = await createKey();
    const csv = [
      'imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,operatorStakes',
      `${IMO},container,PA,KR,60000,GR,CN,`,
      `${OTHER_IMO},container,PA,KR,-5,GR,DK,`,
      '9074729,dry_bulk,LR,CN,30000.5,GR,DK,HK:30/0/0',
    ].join('\n');
    const res = await call('/v1/vessels', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...bearer(key) },
      body: csv,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as Problem;
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'vessel.netTonnage', row: 3, column: 'netTonnage' }),
    ]);
    expect(problem.stored?.map((s) => [s.row, s.imo, s.status])).toEqual([
      [2, IMO, 'created'],
      [4, '9074729', 'created'],
    ]);
    const bulk = (await (await getJson('/v1/vessels/9074729', key)).json()) as Profile;
    expect(bulk.vessel).toMatchObject({
      type: 'dry_bulk',
      netTonnage: 30000.5,
      operator: { country: 'DK', stakes: [{ country: 'HK', equity: 30 }] },
    });
    expect((await getJson(`/v1/vessels/${OTHER_IMO}`, key)).status).toBe(404);

    // All rows good: 200, and an unchanged row adds no version.
    const ok = await call('/v1/vessels', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...bearer(key) },
      body: csv
        .split('\n')
        .filter((_, i) => i !== 2)
        .join('\n'),
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { stored: Array<{ status: string }> }).stored.map((s) => s.status)).toEqual([
      'unchanged',
      'unchanged',
    ]);
  });

  it('refuses an unknown column in the header', async () => {
    const { key } = await createKey();
    const res = await call('/v1/vessels', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...bearer(key) },
      body: `imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,colour\n${IMO},container,PA,KR,1,GR,DK,red\n`,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors[0]).toMatchObject({ row: 1, column: 'colour' });
  });
});

describe('quoting a stored vessel by IMO', () => {
  const arrival = '2025-10-20T06:00:00-07:00';

  it('gives the same quote as the full vessel, says which profile version it used, and lets fields override', async () => {
    const { key } = await createKey();
    await putVessel(key, IMO, chineseOperated());
    const full = (await (await postJson('/v1/quotes', annexOneQuote(arrival), bearer(key))).json()) as Record<
      string,
      unknown
    >;
    const byImoRes = await postJson('/v1/quotes', { ...annexOneQuote(arrival), vessel: { imo: IMO } }, bearer(key));
    expect(byImoRes.status).toBe(200);
    const byImo = (await byImoRes.json()) as Record<string, unknown>;
    expect(byImo.vesselProfile).toEqual({ imo: IMO, version: 1 });
    const { vesselProfile: _used, ...rest } = byImo;
    expect(rest).toEqual(full);
    expect(full.vesselProfile).toBeUndefined();

    // A field beside the IMO overrides the stored one for this quote only: 70,000 NT × 50 = 3,500,000.00.
    const override = (await (
      await postJson('/v1/quotes', { ...annexOneQuote(arrival), vessel: { imo: IMO, netTonnage: 70000 } }, bearer(key))
    ).json()) as { voyages: Array<{ fee: { amount: string } }> };
    expect(override.voyages[0]?.fee.amount).toBe('3500000.00');

    // A bad override is named like any vessel field.
    const bad = (await (
      await postJson('/v1/quotes', { ...annexOneQuote(arrival), vessel: { imo: IMO, netTonnage: -1 } }, bearer(key))
    ).json()) as Problem;
    expect(bad.errors.map((e) => e.path)).toEqual(['vessel.netTonnage']);
  });

  it('works in compare and in the JSON batch', async () => {
    const { key } = await createKey();
    await putVessel(key, IMO, chineseOperated());
    const variants = [{ label: 'a' }, { label: 'b', asOf: '2025-10-13' }];
    const full = (await (
      await postJson('/v1/quotes/compare', { request: annexOneQuote(arrival), variants }, bearer(key))
    ).json()) as Record<string, unknown>;
    const byImo = (await (
      await postJson(
        '/v1/quotes/compare',
        { request: { ...annexOneQuote(arrival), vessel: { imo: IMO } }, variants },
        bearer(key),
      )
    ).json()) as Record<string, unknown>;
    expect(byImo).toEqual({ ...full, vesselProfile: { imo: IMO, version: 1 } });

    const batch = (await (
      await postJson(
        '/v1/quotes/batch',
        [{ ...annexOneQuote(arrival), vessel: { imo: IMO } }, annexOneQuote(arrival)],
        bearer(key),
      )
    ).json()) as { results: Array<{ quote?: { quoteId: string; totals: unknown } }> };
    const single = (await (await postJson('/v1/quotes', annexOneQuote(arrival), bearer(key))).json()) as {
      quoteId: string;
    };
    expect(batch.results[0]?.quote?.quoteId).toBe(single.quoteId);
    expect(batch.results[0]?.quote?.totals).toEqual([{ currency: 'USD', amount: '3000000.00' }]);
  });

  it('answers 400 naming vessel without a key and for an IMO the account has not stored', async () => {
    const { key } = await createKey();
    const anonymous = await postJson('/v1/quotes', { ...annexOneQuote(arrival), vessel: { imo: IMO } });
    expect(anonymous.status).toBe(400);
    expect(((await anonymous.json()) as Problem).errors[0]?.path).toBe('vessel');
    const unknown = await postJson('/v1/quotes', { ...annexOneQuote(arrival), vessel: { imo: IMO } }, bearer(key));
    expect(unknown.status).toBe(400);
    const problem = (await unknown.json()) as Problem;
    // One message naming the IMO and how to store it, not one per field the stored vessel would have given.
    expect(problem.errors).toEqual([
      {
        path: 'vessel',
        message: `this account's registry has no vessel ${IMO}: store it with PUT /v1/vessels/${IMO}, or give the whole vessel (it lacks type, flag, buildCountry, netTonnage, owner, operator)`,
      },
    ]);
    const batch = (await (
      await postJson('/v1/quotes/batch', [{ ...annexOneQuote(arrival), vessel: { imo: IMO } }])
    ).json()) as { results: Array<{ problem?: { errors: Array<{ path: string }> } }> };
    // A vessel's errors are written once, with its result.
    expect(batch.results[0]!.problem!.errors.map((e) => e.path)[0]).toBe('vessel');
  });

  it('a publishable key quotes by IMO only when the account allows it, and never reads the profile', async () => {
    const origin = 'https://desk.imo-quotes.example';
    const secret = await createKey();
    const publishable = await createKey({ kind: 'publishable', origins: [origin], accountId: secret.accountId });
    await putVessel(secret.key, IMO, chineseOperated());
    const widget = { 'x-portfees-key': publishable.key, origin };
    const body = { ...annexOneQuote(arrival), vessel: { imo: IMO } };

    const refused = await postJson('/v1/quotes', body, widget);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Problem).errors[0]?.path).toBe('vessel');

    const settings = await call('/v1/account', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...bearer(secret.key) },
      body: JSON.stringify({ publishableImoQuotes: true }),
    });
    expect(await settings.json()).toEqual({ publishableImoQuotes: true });
    const allowed = await postJson('/v1/quotes', body, widget);
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { vesselProfile: unknown }).vesselProfile).toEqual({ imo: IMO, version: 1 });

    for (const path of [`/v1/vessels/${IMO}`, '/v1/vessels', `/v1/vessels/${IMO}/history`])
      expect((await call(path, { headers: widget })).status).toBe(403);
  });
});
