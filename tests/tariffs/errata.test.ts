/**
 * Errata (docs/tariffs.md, "Errata"): a correction to a shipped version is
 * made in place with an entry (date, JSON pointer, before, after, reason,
 * source) that the schema checks against the file, and that the tariff route,
 * the diff and the timeline show. Saved quotes keep their bytes.
 */

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../src/analysis/diff';
import { timelineOf } from '../../src/analysis/timeline';
import { createApp } from '../../src/api/app';
import { DataFileError } from '../../src/lib/data-file-error';
import { shippedTariffFiles } from '../../src/tariffs/bundle.generated';
import { TariffRegistry, valueAtPointer } from '../../src/tariffs/registry';
import { shippedRegistry } from '../../src/tariffs/shipped';
import { bearer, createKey, getJson } from '../support/accounts';
import { thrown } from '../support/errors';
import { vessel } from '../support/requests';
import { call, postJson } from '../support/worker';

const FILE = 'tariffs/cn-spf/2025-10-10.json';
const shipped = () =>
  structuredClone(shippedTariffFiles.find((entry) => entry.file === FILE)!.data) as Record<string, unknown> & {
    errata: Array<Record<string, unknown>>;
  };

/** The file as it shipped before its errata: each `before` put back at its path (absent when the erratum added it). */
function beforeErrata(): Record<string, unknown> {
  const data = shipped();
  for (const erratum of [...data.errata].reverse()) {
    const tokens = (erratum.path as string).split('/').slice(1);
    const parent = valueAtPointer(data, `/${tokens.slice(0, -1).join('/')}`.replace(/\/$/, '')) as Record<
      string,
      unknown
    >;
    const key = tokens.at(-1)!;
    if ('before' in erratum) parent[key] = erratum.before;
    else delete parent[key];
  }
  delete (data as Record<string, unknown>).errata;
  return data;
}

const problemsOf = (data: unknown) =>
  (thrown(() => new TariffRegistry([{ file: FILE, data }])) as DataFileError).problems;

describe('errata in the tariff schema', () => {
  it('cn-spf/2025-10-10 rounds net tonnage up, with an erratum dated 2026-12-01 citing Announcement No. 54 item 1', () => {
    const tariff = shippedRegistry().get('cn-spf/2025-10-10')!;
    expect(tariff.data.tonnage.rounding).toBe('ceil');
    expect(tariff.data.errata[0]).toMatchObject({
      date: '2026-12-01',
      path: '/tonnage/rounding',
      before: 'none',
      after: 'ceil',
      source: { reference: 'MOT Announcement 2025 No. 54, item 1' },
    });
    expect(tariff.data.errata[0]!.reason).toContain('不足1净吨的按1净吨计');
  });

  it('refuses an erratum whose after is not the value in the file, whose path is missing, or that changes nothing', () => {
    const wrongAfter = shipped();
    wrongAfter.errata[0]!.after = 'none';
    expect(problemsOf(wrongAfter)).toContain('errata[0].after is not the value at /tonnage/rounding in the file');
    const missingPath = shipped();
    missingPath.errata[0]!.path = '/tonnage/roundng';
    expect(problemsOf(missingPath)).toContain('errata[0].path /tonnage/roundng is not in the file');
    const noChange = shipped();
    noChange.errata[0]!.before = 'ceil';
    expect(problemsOf(noChange)).toContain('errata[0] changes nothing: before equals after');
    const early = shipped();
    early.errata[0]!.date = '2025-01-01';
    expect(problemsOf(early)).toContain('errata[0].date is before the version was published');
    const noAfter = shipped();
    delete noAfter.errata[0]!.after;
    expect(problemsOf(noAfter).join('; ')).toMatch(/errata(\[0\]|\.0)\.after/);
    const badPointer = shipped();
    badPointer.errata[0]!.path = 'tonnage.rounding';
    expect(thrown(() => new TariffRegistry([{ file: FILE, data: badPointer }]))).toBeInstanceOf(DataFileError);
  });

  it('the file before its errata still validates and rounds nothing: the correction is the only change', () => {
    const old = new TariffRegistry([{ file: FILE, data: beforeErrata() }]).get('cn-spf/2025-10-10')!;
    expect(old.data.tonnage.rounding).toBe('none');
    expect(old.data.errata).toEqual([]);
    expect(old.sha256).not.toBe(shippedRegistry().get('cn-spf/2025-10-10')!.sha256);
  });
});

describe('errata are shown', () => {
  it('GET /v1/tariffs/cn-spf/2025-10-10 returns the version with its errata', async () => {
    const res = await call('/v1/tariffs/cn-spf/2025-10-10');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { tonnage: { rounding: string }; errata: Array<{ path: string }> };
    expect(body.tonnage.rounding).toBe('ceil');
    expect(body.errata.map((erratum) => erratum.path)).toEqual([
      '/tonnage/rounding',
      '/tonnage/note',
      '/trigger',
      '/instruments/0/kind',
    ]);
    // An aggregator's copy of Announcement No. 54 is a secondary source (no page of mot.gov.cn was found).
    expect((body as unknown as { instruments: Array<{ url: string; kind: string }> }).instruments[0]).toMatchObject({
      url: 'http://oj.789fw.cn/html/6c8399910.html',
      kind: 'secondary',
    });
  });

  it('the diff lists the errata of every version compared, and no longer reports rounding as a change', async () => {
    const registry = shippedRegistry();
    const diff = diffVersions([registry.get('cn-spf/2025-10-10')!, registry.get('cn-spf/2025-10-14')!]);
    expect(diff.changes.some((change) => change.path.startsWith('tonnage.rounding'))).toBe(false);
    expect(diff.errata).toContainEqual(
      expect.objectContaining({ version: 'cn-spf/2025-10-10', path: '/tonnage/rounding', after: 'ceil' }),
    );
    const res = await call('/v1/tariffs/cn-spf/diff?from=2025-10-10&to=2025-10-14');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { errata: Array<{ version: string; path: string }> };
    expect(body.errata.filter((e) => e.version === 'cn-spf/2025-10-10').map((e) => e.path)).toEqual([
      '/tonnage/rounding',
      '/tonnage/note',
      '/trigger',
      '/instruments/0/kind',
    ]);
  });

  it('the timeline (JSON and page) shows the errata of the version', async () => {
    expect(timelineOf(shippedRegistry().get('cn-spf/2025-10-10')!).errata[0]).toMatchObject({ after: 'ceil' });
    const json = await call('/v1/tariffs/cn-spf/timeline?version=2025-10-10');
    expect(((await json.json()) as { errata: unknown[] }).errata).toHaveLength(4);
    const page = await (await call('/timeline?cn-spf=cn-spf/2025-10-10')).text();
    expect(page).toContain('Errata: 4 corrections made to this version after it shipped');
    expect(page).toContain('<code>/tonnage/rounding</code>');
  });
});

describe('saved quotes keep their bytes', () => {
  it('a quote saved before the erratum (30,000.4 NT × 400 = 12,000,160.00) returns identical bytes; quoting again rounds up', async () => {
    const { key } = await createKey();
    const request = {
      vessel: vessel({ flag: 'US', netTonnage: 30000.4 }),
      portCalls: [{ port: 'CNSHA', arrival: '2025-10-21T09:00:00+08:00' }],
      options: { tariffVersions: { 'cn-spf': 'cn-spf/2025-10-10' } },
    };
    const before = createApp({
      registry: new TariffRegistry([
        ...shippedTariffFiles.filter((entry) => entry.file !== FILE),
        { file: FILE, data: beforeErrata() },
      ]),
    });
    const savedRes = await before.fetch(
      new Request('http://portfees.test/v1/quotes?save=true', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(key) },
        body: JSON.stringify(request),
      }),
      env,
    );
    const savedText = await savedRes.text();
    const saved = JSON.parse(savedText) as { quoteId: string; tariffs: Array<{ id: string; sha256: string }> };
    expect(savedText).toContain('"12000160.00"');

    const again = await getJson(`/v1/quotes/${saved.quoteId}`, key);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(savedText);

    const now = (await (await postJson('/v1/quotes', request)).json()) as typeof saved & {
      totals: Array<{ amount: string }>;
    };
    expect(now.totals.find((total) => total.amount !== '0.00')?.amount).toBe('12000400.00');
    const hash = (quote: typeof saved) => quote.tariffs.find((tariff) => tariff.id === 'cn-spf/2025-10-10')!.sha256;
    expect(hash(now)).not.toBe(hash(saved));
    expect(now.quoteId).not.toBe(saved.quoteId);
  });
});
