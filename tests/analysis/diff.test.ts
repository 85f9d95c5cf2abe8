import { describe, expect, it } from 'vitest';
import { type DiffEntry, diffTariffData, diffVersions, type TariffDiff } from '../../src/analysis/diff';
import { findVersion, versionChain } from '../../src/analysis/versions';
import { shippedRegistry } from '../../src/tariffs/shipped';
import { call } from '../support/worker';

const registry = shippedRegistry();

function diff(regime: string, from: string, to: string): TariffDiff {
  return diffVersions(versionChain(registry, findVersion(registry, regime, from)!, findVersion(registry, regime, to)!));
}

const at = (result: TariffDiff, path: string): DiffEntry | undefined =>
  result.changes.find((change) => change.path === path);

describe('us-301 2025-04-17 → 2025-10-10 (Notice of Modification)', () => {
  const result = diff('us-301', '2025-04-17', '2025-10-10');

  it('shows Annex III moving from 150 USD per CEU to 46 USD per net ton, effective 2025-10-14', () => {
    expect(at(result, 'rules[annex-iii].rates[2025-10-14].ceu')).toMatchObject({
      change: 'removed',
      before: '150',
      rule: 'annex-iii',
      effective: '2025-10-14',
    });
    expect(at(result, 'rules[annex-iii].rates[2025-10-14].net-ton')).toMatchObject({
      change: 'added',
      after: '46',
      rule: 'annex-iii',
      effective: '2025-10-14',
    });
  });

  it('shows the three new Annex III exemptions', () => {
    const added = result.changes
      .filter((c) => c.change === 'added' && /^rules\[annex-iii\]\.exemptions\[[^\]]+\]$/.test(c.path))
      .map((c) => c.path);
    expect(added).toEqual([
      'rules[annex-iii].exemptions[us-program]',
      'rules[annex-iii].exemptions[us-government]',
      'rules[annex-iii].exemptions[us-government-cargo]',
    ]);
    expect(at(result, 'rules[annex-iii].exemptions[us-program]')?.after).toMatchObject({
      kind: 'program',
      programs: ['MSP'],
    });
  });

  it('shows re-parameterised Annex II exemptions and RoRo coverage', () => {
    expect(at(result, 'rules[annex-ii].exemptions[short-sea].reading')).toMatchObject({
      change: 'changed',
      before: 'last-foreign-port',
      after: 'farthest-foreign-port',
    });
    expect(at(result, 'rules[annex-ii].exemptions[small-vessel].thresholds')?.change).toBe('changed');
    expect(at(result, 'coverage[annex-iii].when')?.after).toContainEqual({
      test: 'vessel-type',
      types: ['vehicle_carrier', 'roro'],
    });
    expect(at(result, 'assumptions[us-301.tanker-threshold]')?.change).toBe('added');
  });

  it('leaves unchanged rates out: Annex I keeps 50, 80, 110, 140 USD/NT', () => {
    expect(result.changes.filter((c) => c.path.startsWith('rules[annex-i].'))).toEqual([]);
  });

  it('cites the Notice of Modification on every entry', () => {
    for (const change of result.changes) {
      expect(change.version).toBe('us-301/2025-10-10');
      expect(change.citation.url).toBe(
        'https://shippingtelegraph.com/port-news/ustr-modifies-vessel-fee-plan-and-proposes-further-changes',
      );
    }
    expect(result.from.id).toBe('us-301/2025-04-17');
    expect(result.to.id).toBe('us-301/2025-10-10');
  });
});

describe('cn-spf 2025-10-10 → 2025-10-14 (Implementation Measures)', () => {
  const result = diff('cn-spf', '2025-10-10', 'cn-spf/2025-10-14');

  it('shows the two new exemptions, china-built and repair-only', () => {
    const exemptions = result.changes.filter((c) => c.path.startsWith('rules[cn-spf].exemptions'));
    expect(exemptions.map((c) => [c.path, c.change])).toEqual([
      ['rules[cn-spf].exemptions[china-built]', 'added'],
      ['rules[cn-spf].exemptions[repair-only]', 'added'],
    ]);
    expect(exemptions[1]!.after).toMatchObject({ kind: 'call-purpose', purposes: ['repair'] });
  });

  it('shows the 17 April billing year, citing the Measures; rounding up is an erratum of 10-10, not a change', () => {
    // Announcement No. 54 already rounds up (erratum 2026-12-01), so both versions round up.
    expect(at(result, 'tonnage.rounding')).toBeUndefined();
    expect(result.errata).toContainEqual(
      expect.objectContaining({
        version: 'cn-spf/2025-10-10',
        path: '/tonnage/rounding',
        before: 'none',
        after: 'ceil',
      }),
    );
    // The cap year changed kind, so it is one entry, not three.
    expect(at(result, 'cap.year')).toMatchObject({
      change: 'changed',
      before: { kind: 'calendar' },
      after: { kind: 'anniversary', month: 4, day: 17 },
    });
    expect(at(result, 'cap.year')?.citation.reference).toBe('交办水〔2025〕59号');
  });

  it('leaves the rates alone: 400, 640, 880 and 1,120 CNY/NT in both', () => {
    expect(result.changes.filter((c) => c.path.includes('.rates['))).toEqual([]);
  });
});

describe('attribution across several versions', () => {
  it('cites the version that made each change: Annex III from the modification, the suspension window from the suspension', () => {
    const result = diff('us-301', '2025-04-17', '2025-11-10');
    expect(at(result, 'rules[annex-iii].rates[2025-10-14].net-ton')?.version).toBe('us-301/2025-10-10');
    expect(at(result, 'statusWindows[2025-11-10T00:01]')).toMatchObject({
      change: 'added',
      version: 'us-301/2025-11-10',
    });
    expect(at(result, 'statusWindows[2025-11-10T00:01]')?.citation.url).toBe(
      'https://www.thompsonhinesmartrade.com/?p=8715',
    );
    expect(at(result, 'statusWindows[2025-10-14].to')).toMatchObject({ change: 'added', after: '2025-11-10T00:01' });
    expect(at(result, 'assumptions[us-301.after-suspension]')?.version).toBe('us-301/2025-11-10');
  });

  it('reads backwards as the reverse change, and a version against itself as no change', () => {
    const back = diff('us-301', '2025-10-10', '2025-04-17');
    expect(at(back, 'rules[annex-iii].rates[2025-10-14].ceu')).toMatchObject({ change: 'added', after: '150' });
    expect(diff('cn-spf', '2025-10-14', '2025-10-14').changes).toEqual([]);
  });

  it('compares by identity, not position: a reordered list is no change', () => {
    const data = registry.get('us-301/2025-10-10')!.data;
    const reordered = { ...data, rules: [...data.rules].reverse(), instruments: [...data.instruments].reverse() };
    expect(diffTariffData(data, reordered)).toEqual([]);
  });
});

describe('GET /v1/tariffs/{regime}/diff', () => {
  it('answers the diff, not the version route', async () => {
    const res = await call('/v1/tariffs/cn-spf/diff?from=2025-10-10&to=2025-10-14');
    expect(res.status).toBe(200);
    const body = (await res.json()) as TariffDiff;
    expect(body.changes.filter((c) => c.path.startsWith('rules[cn-spf].exemptions[')).map((c) => c.path)).toEqual([
      'rules[cn-spf].exemptions[china-built]',
      'rules[cn-spf].exemptions[repair-only]',
    ]);
  });

  it('refuses an unknown version with 400, listing the valid ones', async () => {
    const res = await call('/v1/tariffs/us-301/diff?from=2025-04-18&to=2025-10-10');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.path).toBe('from');
    expect(body.errors[0]!.message).toContain('us-301/2025-04-17');
    expect(body.errors[0]!.message).toContain('us-301/2025-11-10');
  });

  it('names a missing query field, and answers 404 for an unknown regime', async () => {
    const missing = await call('/v1/tariffs/us-301/diff?from=2025-04-17');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['to']);
    const unknown = await call('/v1/tariffs/eu-ets/diff?from=2025-04-17&to=2025-10-10');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toContain('cn-spf, us-301');
  });

  it('refuses a version of another regime', async () => {
    const res = await call('/v1/tariffs/us-301/diff?from=cn-spf/2025-10-10&to=2025-10-10');
    expect(res.status).toBe(400);
  });

  it('keeps the version route working', async () => {
    const res = await call('/v1/tariffs/us-301/2025-10-10');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe('us-301/2025-10-10');
  });
});
