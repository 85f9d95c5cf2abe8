import { describe, expect, it } from 'vitest';
import { defaultRange, type Timeline, timelineOf } from '../../src/analysis/timeline';
import { shippedRegistry } from '../../src/tariffs/shipped';
import { call } from '../support/worker';

const registry = shippedRegistry();
const us = registry.get('us-301/2025-11-10')!;
const cn = registry.get('cn-spf/2025-11-10')!;

const rates = (timeline: Timeline, rule: string, unit: string) =>
  timeline.series.find((s) => s.rule === rule && s.unit === unit)!.steps.map((step) => [step.from, step.to, step.rate]);

describe('timelineOf', () => {
  it('gives every rule and basis its steps, clipped to the range', () => {
    const timeline = timelineOf(us, { from: '2025-10-01', to: '2027-01-01' });
    expect(timeline.series.map((s) => `${s.rule}/${s.unit}`)).toEqual([
      'annex-i/net-ton',
      'annex-ii/net-ton',
      'annex-ii/container',
      'annex-iii/net-ton',
    ]);
    // docs/rules.md, US rates: Annex I 50 from 2025-10-14, 80 from 2026-04-17; 110 only from 2027-04-17, after the range.
    expect(rates(timeline, 'annex-i', 'net-ton')).toEqual([
      ['2025-10-14', '2026-04-17', '50'],
      ['2026-04-17', '2027-01-01', '80'],
    ]);
    expect(rates(timeline, 'annex-ii', 'container')).toEqual([
      ['2025-10-14', '2026-04-17', '120'],
      ['2026-04-17', '2027-01-01', '153'],
    ]);
  });

  it('lists every assumption the version declares, with its values and default', () => {
    const timeline = timelineOf(cn, { from: '2025-10-01', to: '2027-01-01' });
    expect(timeline.assumptions.map((a) => [a.id, a.default, a.options.map((o) => o.value)])).toEqual(
      cn.data.assumptions.map((a) => [a.id, a.default, a.options.map((o) => o.value)]),
    );
    expect(timeline.assumptions.map((a) => a.id)).toContain('cn-spf.voyage-split');
    expect(timelineOf(us).assumptions.map((a) => a.id)).toEqual(us.data.assumptions.map((a) => a.id));
  });

  it('gives the status windows, gaps as not in force, with instants in the regime zone', () => {
    const timeline = timelineOf(us, { from: '2025-10-01', to: '2027-01-01' });
    expect(timeline.statusWindows.map((w) => [w.status, w.from, w.to])).toEqual([
      ['not-in-force', '2025-10-01', '2025-10-14'],
      ['in-force', '2025-10-14', '2025-11-10 00:01'],
      ['suspended', '2025-11-10 00:01', '2026-11-10'],
      ['unconfirmed', '2026-11-10', '2027-01-01'],
    ]);
    // 00:01 on 2025-11-10 in New York is EST (UTC−5); 2025-10-14 is still EDT (UTC−4).
    expect(timeline.statusWindows[1]!.fromInstant).toBe('2025-10-14T00:00:00-04:00');
    expect(timeline.statusWindows[2]!.fromInstant).toBe('2025-11-10T00:01:00-05:00');
    expect(timeline.statusWindows[3]!.scenario).toEqual({
      assumption: 'us-301.after-suspension',
      default: 'resumed',
      outcomes: { resumed: 'in-force', extended: 'suspended' },
    });
  });

  it('reads cn-spf dates in Asia/Shanghai: the suspension starts 13:01 +08:00', () => {
    const timeline = timelineOf(cn, { from: '2025-10-01', to: '2027-01-01' });
    const suspended = timeline.statusWindows.find((w) => w.status === 'suspended')!;
    expect(suspended.fromInstant).toBe('2025-11-10T13:01:00+08:00');
    expect(suspended.toInstant).toBe('2026-11-10T13:01:00+08:00');
    expect(rates(timeline, 'cn-spf', 'net-ton').map(([, , rate]) => rate)).toEqual(['400', '640']);
  });

  it('shows the per-CEU Annex III of the 2025-04-17 version, always in force from 2025-10-14', () => {
    const timeline = timelineOf(registry.get('us-301/2025-04-17')!);
    expect(rates(timeline, 'annex-iii', 'ceu')).toEqual([['2025-10-14', '2029-04-17', '150']]);
    expect(timeline.statusWindows.map((w) => w.status)).toEqual(['in-force']);
  });

  it('defaults to the version’s own dates: earliest date to a year after the last step', () => {
    // Last date of the file: the 2028-04-17 step; one year later is 2029-04-17.
    expect(defaultRange(us)).toEqual({ from: '2025-10-14', to: '2029-04-17' });
    expect(() => timelineOf(us, { from: '2026-01-01', to: '2026-01-01' })).toThrow(RangeError);
  });
});

describe('GET /v1/tariffs/{regime}/timeline', () => {
  it('answers the latest version by default', async () => {
    const res = await call('/v1/tariffs/cn-spf/timeline?from=2026-01-01&to=2028-01-01');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Timeline;
    expect(body.version.id).toBe('cn-spf/2025-11-10');
    expect(body.zone).toBe('Asia/Shanghai');
    expect(body.series[0]!.steps.map((s) => s.rate)).toEqual(['400', '640', '880']);
    expect(body.statusWindows.map((w) => w.status)).toEqual(['suspended', 'unconfirmed']);
  });

  it('takes a version by date', async () => {
    const res = await call('/v1/tariffs/cn-spf/timeline?version=2025-10-10');
    expect(((await res.json()) as Timeline).statusWindows.map((w) => w.status)).toEqual(['in-force']);
  });

  it('refuses bad dates, an empty range and unknown versions, naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['/v1/tariffs/us-301/timeline?from=2026-02-30', 'from'],
      ['/v1/tariffs/us-301/timeline?from=2027-01-01&to=2026-01-01', 'to'],
      ['/v1/tariffs/us-301/timeline?version=2024-01-01', 'version'],
      ['/v1/tariffs/us-301/timeline?to=2020-01-01', 'to'],
      ['/v1/tariffs/us-301/timeline?zoom=2', 'zoom'],
    ];
    for (const [path, field] of cases) {
      const res = await call(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { errors: Array<{ path: string }> };
      expect(
        body.errors.map((e) => e.path),
        path,
      ).toContain(field);
    }
  });
});
