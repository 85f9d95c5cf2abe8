/**
 * Countermeasure lists and screening (docs/rules.md §7.2): the shipped list
 * versions, names written differently found, a similar name not matched, the
 * listing's status at each arrival, and a data-only list version changing the
 * answer with nothing changed in src/.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app';
import { shippedListFiles } from '../../src/lists/bundle.generated';
import { normalizeName } from '../../src/lists/names';
import { ListRegistry } from '../../src/lists/registry';
import { type ScreeningHit, screeningChanges } from '../../src/lists/screen';
import { shippedRegistry } from '../../src/tariffs/shipped';
import extended from '../fixtures/lists/cn-countermeasures/2026-11-12.json';
import { vessel } from '../support/requests';
import { call, postJson } from '../support/worker';

interface Screened {
  asOf: string;
  at: string;
  lists: Array<{ id: string }>;
  screening: ScreeningHit[];
}

async function screen(body: Record<string, unknown>): Promise<Screened> {
  const res = await postJson('/v1/screen', body);
  expect(res.status).toBe(200);
  return (await res.json()) as Screened;
}

const one = (name: string, at = '2025-10-20') => screen({ parties: [{ name, country: 'US' }], asOf: at, at });

describe('GET /v1/lists', () => {
  it('lists every shipped version, oldest first per list', async () => {
    const body = (await (await call('/v1/lists')).json()) as { lists: Array<{ id: string; entries: number }> };
    expect(body.lists.map((l) => `${l.id}:${l.entries}`)).toEqual([
      'cn-countermeasures/2025-10-14:5',
      'cn-countermeasures/2025-11-10:5',
      'cn-export-control/2025-09-25:3',
      'cn-unreliable-entities/2025-03-04:10',
      'cn-unreliable-entities/2025-09-25:13',
      'us-dod-1260h/2025-01-07:6',
    ]);
  });

  it('returns one version as shipped, and 404 for an unknown one', async () => {
    const res = await call('/v1/lists/cn-countermeasures/2025-10-14');
    expect(res.status).toBe(200);
    const file = (await res.json()) as { entries: Array<{ name: string }> };
    expect(file.entries.map((e) => e.name)).toContain('HS USA Holdings Corp.');
    const missing = await call('/v1/lists/cn-countermeasures/2024-01-01');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('diffs two versions: the suspension windows added, the three entries of September added', async () => {
    const hanwha = (await (await call('/v1/lists/cn-countermeasures/diff?from=2025-10-14&to=2025-11-10')).json()) as {
      changes: Array<{ kind: string; path: string; after?: { status?: string } }>;
    };
    const windows = hanwha.changes.filter((c) => c.path.startsWith('statusWindows') && c.kind === 'added');
    expect(windows.map((c) => c.after?.status)).toEqual(['in-force', 'suspended', 'unconfirmed']);
    const uel = (await (await call('/v1/lists/cn-unreliable-entities/diff?from=2025-03-04&to=2025-09-25')).json()) as {
      changes: Array<{ kind: string; path: string }>;
    };
    expect(uel.changes.filter((c) => c.kind === 'added' && c.path.startsWith('entries.')).map((c) => c.path)).toEqual([
      'entries.saronic-technologies',
      'entries.aerkomm',
      'entries.oceaneering-international',
    ]);
    const bad = await call('/v1/lists/cn-countermeasures/diff?from=2025-10-14&to=2030-01-01');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('to');
  });
});

describe('matching names', () => {
  it('normalises case, punctuation, spacing and legal-form words', () => {
    expect(normalizeName('Hanwha Shipping, L.L.C.')).toBe('hanwha shipping');
    expect(normalizeName('  HS USA  HOLDINGS CORPORATION ')).toBe('hs usa holdings');
  });

  // Each shipped name written differently: case, punctuation, legal form.
  const variants: Array<[string, string, string]> = [
    ['hanwha shipping l.l.c.', 'Hanwha Shipping LLC', 'normalized'],
    ['HANWHA PHILLY SHIPYARD, INC', 'Hanwha Philly Shipyard Inc.', 'normalized'],
    ['Hanwha Ocean U.S.A. International', 'Hanwha Ocean USA International LLC', 'normalized'],
    ['Hanwha Shipping Holdings, LLC', 'Hanwha Shipping Holdings LLC', 'normalized'],
    ['HS USA Holdings Corporation', 'HS USA Holdings Corp.', 'normalized'],
    ['Hanwha Shipping LLC', 'Hanwha Shipping LLC', 'exact'],
  ];
  for (const [written, listed, match] of variants) {
    it(`finds ${listed} written "${written}" (${match})`, async () => {
      const { screening } = await one(written);
      const rows = screening.filter((row) => row.list === 'cn-countermeasures');
      expect(rows.map((row) => [row.entry, row.match])).toEqual([[listed, match]]);
    });
  }

  it('finds every listed name of every list written in upper case without punctuation', async () => {
    const registry = new ListRegistry(shippedListFiles);
    for (const version of registry.pickAll('2025-12-31')) {
      const parties = version.data.entries.map((entry) => ({
        name: entry.name.toUpperCase().replace(/[.,]/g, ''),
        country: entry.country,
      }));
      const { screening } = await screen({ parties, asOf: '2025-12-31' });
      for (const entry of version.data.entries)
        expect(
          screening.some((row) => row.list === version.list && row.entryId === entry.id && row.match === 'normalized'),
          `${version.list}: ${entry.name}`,
        ).toBe(true);
    }
  });

  it('matches an alias (CSSC) and says the 1260H list is no port measure', async () => {
    const { screening } = await one('CSSC');
    expect(screening).toHaveLength(1);
    expect(screening[0]).toMatchObject({
      list: 'us-dod-1260h',
      entry: 'China State Shipbuilding Corporation',
      match: 'alias',
      status: 'in-force',
      portMeasure: false,
    });
  });

  it('does not match Hanwha Solutions Corporation to Hanwha Shipping LLC, not even as possible', async () => {
    const { screening } = await one('Hanwha Solutions Corporation');
    expect(screening).toEqual([]);
  });

  it('reports a looser name only as possible', async () => {
    const { screening } = await one('Hanwha Shipping Holdings Korea');
    // Every word of "hanwha shipping" and of "hanwha shipping holdings" is in the given name: both possible, neither a match.
    expect(screening.map((row) => [row.entry, row.match])).toEqual([
      ['Hanwha Shipping LLC', 'possible'],
      ['Hanwha Shipping Holdings LLC', 'possible'],
    ]);
  });

  it('screens holders at any depth, naming the path', async () => {
    const { screening } = await screen({
      parties: [
        {
          name: 'Aegean Bulk SA',
          country: 'GR',
          holders: [{ country: 'MH', holders: [{ name: 'Oceaneering International', country: 'US', equity: 10 }] }],
        },
      ],
      asOf: '2025-10-01',
    });
    expect(screening.map((row) => [row.party, row.entry, row.match])).toEqual([
      ['parties[0].holders[0].holders[0]', 'Oceaneering International, Inc.', 'normalized'],
    ]);
  });
});

describe('status of a listing', () => {
  const hanwhaStatus = async (asOf: string, at: string, scenario?: string) =>
    (
      await screen({
        parties: [{ name: 'Hanwha Shipping LLC', country: 'US' }],
        asOf,
        at,
        ...(scenario ? { scenario } : {}),
      })
    ).screening[0];

  it('is not known before the order (knowledge date 2025-10-13), in force on 2025-10-20', async () => {
    expect(
      (await screen({ parties: [{ name: 'Hanwha Shipping LLC', country: 'US' }], asOf: '2025-10-13' })).screening,
    ).toEqual([]);
    expect(await hanwhaStatus('2025-10-20', '2025-10-20')).toMatchObject({
      status: 'in-force',
      version: 'cn-countermeasures/2025-10-14',
    });
  });

  it('is suspended on 2026-03-01 (MOFCOM decision of 2025-11-10)', async () => {
    expect(await hanwhaStatus('2026-03-01', '2026-03-01')).toMatchObject({
      status: 'suspended',
      version: 'cn-countermeasures/2025-11-10',
    });
  });

  it('is unconfirmed after 2026-11-10, read by the joint scenario', async () => {
    expect(await hanwhaStatus('2026-11-28', '2026-12-01')).toMatchObject({
      status: 'unconfirmed',
      reading: { assumption: 'cn-spf.after-suspension', value: 'resumed', status: 'in-force' },
    });
    expect(await hanwhaStatus('2026-11-28', '2026-12-01', 'suspension-extended')).toMatchObject({
      status: 'unconfirmed',
      reading: { assumption: 'cn-spf.after-suspension', value: 'extended', status: 'suspended' },
    });
  });
});

describe('screening in a quote', () => {
  /** A Hanwha-operated vessel calling Shanghai in force, suspended and after the suspension year. */
  const body = (asOf: string) => ({
    vessel: vessel({
      owner: { name: 'Aegean Container Carriers S.A.', country: 'GR' },
      operator: { name: 'HANWHA SHIPPING, L.L.C.', country: 'US' },
    }),
    portCalls: [
      { port: 'CNSHA', arrival: '2025-10-20T08:00:00+08:00' },
      { port: 'KRPUS', arrival: '2025-10-25T08:00:00+09:00' },
      { port: 'CNSHA', arrival: '2026-03-01T08:00:00+08:00' },
      { port: 'KRPUS', arrival: '2026-03-05T08:00:00+09:00' },
      { port: 'CNSHA', arrival: '2026-12-01T08:00:00+08:00' },
    ],
    options: { asOf },
  });

  it('gives each voyage the listing status at its arrival and changes no amount', async () => {
    const res = await postJson('/v1/quotes', body('2026-11-28'));
    expect(res.status).toBe(200);
    const quote = (await res.json()) as {
      voyages: Array<{ regime: string; arrival: string; fee: { amount: string }; screening: ScreeningHit[] }>;
      screening: ScreeningHit[];
      lists: Array<{ id: string }>;
    };
    const cn = quote.voyages.filter((v) => v.regime === 'cn-spf');
    expect(cn.map((v) => v.screening.map((row) => `${row.party}:${row.match}:${row.status}`))).toEqual([
      ['operator:normalized:in-force'],
      ['operator:normalized:suspended'],
      ['operator:normalized:unconfirmed'],
    ]);
    expect(quote.screening.map((row) => `${row.entry}:${row.status}`)).toEqual(['Hanwha Shipping LLC:unconfirmed']);
    expect(quote.lists.map((l) => l.id)).toContain('cn-countermeasures/2025-11-10');

    // The same vessel with an unlisted operator: every amount equal.
    const unlisted = body('2026-11-28');
    unlisted.vessel.operator = { name: 'Nordic Liner A/S', country: 'US' };
    const plain = (await (await postJson('/v1/quotes', unlisted)).json()) as typeof quote;
    expect(plain.voyages.map((v) => v.fee.amount)).toEqual(quote.voyages.map((v) => v.fee.amount));
    expect(plain.screening).toEqual([]);
  });

  it('a data-only list version (a fixture file) changes the answer, nothing in src/ changed', async () => {
    const withFixture = createApp({
      lists: new ListRegistry(
        [...shippedListFiles, { file: 'tests/fixtures/lists/cn-countermeasures/2026-11-12.json', data: extended }],
        shippedRegistry(),
      ),
    });
    const res = await withFixture.fetch(
      new Request('http://portfees.test/v1/quotes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body('2026-11-20')),
      }),
      env,
    );
    const quote = (await res.json()) as { voyages: Array<{ regime: string; screening: ScreeningHit[] }> };
    const last = quote.voyages.filter((v) => v.regime === 'cn-spf').at(-1)!;
    expect(last.screening.map((row) => `${row.version}:${row.status}`)).toEqual([
      'cn-countermeasures/2026-11-12:suspended',
    ]);
  });
});

describe('screeningChanges', () => {
  const row = (status: ScreeningHit['status']): ScreeningHit =>
    ({
      list: 'cn-countermeasures',
      entryId: 'hanwha-shipping',
      party: 'operator',
      match: 'exact',
      status,
      effect: 'e',
    }) as ScreeningHit;

  it('reports a status change, an added and a removed row, and nothing for equal screenings', () => {
    expect(screeningChanges([row('in-force')], [row('in-force')])).toEqual({ added: [], removed: [], changed: [] });
    expect(screeningChanges([row('in-force')], [row('suspended')]).changed).toHaveLength(1);
    expect(screeningChanges([], [row('in-force')]).added).toHaveLength(1);
    expect(screeningChanges([row('in-force')], []).removed).toHaveLength(1);
  });
});
