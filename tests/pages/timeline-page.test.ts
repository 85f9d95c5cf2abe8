import { describe, expect, it } from 'vitest';
import { timelineOf } from '../../src/analysis/timeline';
import { markup } from '../../src/pages/markup';
import { shortRuleName, stepChartSvg } from '../../src/pages/step-chart';
import { shippedRegistry } from '../../src/tariffs/shipped';
import { call } from '../support/worker';

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

/** The `<section id="…">` of one regime. */
function sectionOf(html: string, regime: string): string {
  const start = html.indexOf(`<section id="${regime}"`);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('stepChartSvg', () => {
  const registry = shippedRegistry();

  it('draws one step line per rule and basis, with a marker per step', () => {
    const svg = stepChartSvg(
      timelineOf(registry.get('us-301/2025-11-10')!, { from: '2025-07-01', to: '2029-01-01' }),
      'us',
    ).toString();
    expect(count(svg, /<path class="series"/g)).toBe(4);
    // Annex I, Annex II net ton and container have 4 steps each in the range, Annex III one: 13 markers.
    expect(count(svg, /<circle /g)).toBe(13);
    expect(svg).toContain('data-rule="annex-ii" data-unit="container"');
    // Bands: not in force, in force, suspended (shaded), unconfirmed (hatched with the chart's own pattern).
    expect([...svg.matchAll(/data-status="([a-z-]+)"/g)].map((m) => m[1])).toEqual([
      'not-in-force',
      'in-force',
      'suspended',
      'unconfirmed',
    ]);
    expect(svg).toContain('<pattern id="us-hatch"');
    expect(svg).toMatch(/data-status="unconfirmed"[^>]*fill="url\(#us-hatch\)"/);
    // Year ticks at 1 January in New York: 2026, 2027, 2028.
    expect([...svg.matchAll(/<text class="tick"[^>]*>(\d+)</g)].map((m) => m[1])).toEqual(['2026', '2027', '2028']);
  });

  it('scales the rate axis to a round top above the highest rate', () => {
    // Highest cn-spf rate 1,120 × 1.08 = 1,209.6 → 1,250; ticks every 250.
    const svg = stepChartSvg(timelineOf(registry.get('cn-spf/2025-11-10')!), 'cn').toString();
    expect([...svg.matchAll(/text-anchor="end" fill="#3d4656">(\d+)</g)].map((m) => m[1])).toEqual([
      '0',
      '250',
      '500',
      '750',
      '1000',
      '1250',
    ]);
  });

  it('names rules shortly and escapes text', () => {
    expect(shortRuleName('Annex II: operators of China-built vessels (higher of …)')).toBe('Annex II');
    expect(shortRuleName('Special port fee on US-linked vessels (CNY per net ton)')).toBe(
      'Special port fee on US-linked vessels',
    );
    const text = `<a href="x">'&'</a>`;
    expect(markup`<p title="${text}">${text}</p>`.toString()).toBe(
      '<p title="&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;">&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;</p>',
    );
  });
});

describe('GET /timeline', () => {
  it('draws both regimes as server-rendered SVG with a legend and a version picker, under a CSP allowing inline styles only', async () => {
    const res = await call('/timeline');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    const html = await res.text();
    expect(html).not.toContain('<script');
    // Nothing from another origin: fragments and this origin's own paths (the icon) only.
    expect(html.match(/(?:src|href)="(?!#|\/(?!\/))/g)).toBeNull();
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    expect(count(html, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="chart"/g)).toBe(2);
    const us = sectionOf(html, 'us-301');
    expect(count(us, /<path class="series"/g)).toBe(4);
    expect([...us.matchAll(/<li data-series="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'annex-i/net-ton',
      'annex-ii/net-ton',
      'annex-ii/container',
      'annex-iii/net-ton',
    ]);
    expect(us).toContain('Annex II · USD per container');
    expect(us).toContain('every date is read in America/New_York');
    expect(sectionOf(html, 'cn-spf')).toContain('every date is read in Asia/Shanghai');
    expect(html).toContain('<select name="us-301"><option value="us-301/2025-04-17">');
    expect(html).toContain('<option value="us-301/2025-11-10" selected>');
  });

  it('ignores the tracking parameters a shared link picks up, and still refuses an unknown one', async () => {
    const tagged = await call('/timeline?utm_source=newsletter&utm_medium=email&fbclid=abc&gclid=xyz');
    expect(tagged.status).toBe(200);
    expect(tagged.headers.get('content-type')).toMatch(/text\/html/);
    const unknown = await call('/timeline?colour=red');
    expect(unknown.status).toBe(400);
  });

  it('shows the chosen version: Annex III per CEU under 2025-04-17, with no suspension', async () => {
    const html = await (await call('/timeline?us-301=2025-04-17&from=2025-07-01&to=2027-01-01')).text();
    const us = sectionOf(html, 'us-301');
    expect(us).toContain('data-rule="annex-iii" data-unit="ceu"');
    expect(us).not.toContain('data-status="suspended"');
    expect(html).toContain('<input type="date" name="from" value="2025-07-01">');
  });

  it('lists the readings each version leaves open, the default marked, new readings like the old', async () => {
    const html = await (await call('/timeline')).text();
    const us = sectionOf(html, 'us-301');
    const cn = sectionOf(html, 'cn-spf');
    for (const id of ['us-301.cap-year', 'us-301.tanker-threshold', 'us-301.territories', 'us-301.container-basis'])
      expect(us).toContain(`<code>${id}</code>`);
    expect(us).toMatch(/<code>calendar<\/code> \(default\)/);
    expect(us).not.toMatch(/<code>april-17<\/code> \(default\)/);
    expect(cn).toContain('<code>cn-spf.voyage-split</code>');
    expect(cn).not.toContain('us-301.territories');
  });

  it('shows each countermeasure list version known today with its status windows, as a band and as dates', async () => {
    const res = await call('/timeline?from=2025-07-01&to=2027-07-01');
    expect(res.status).toBe(200);
    const lists = sectionOf(await res.text(), 'lists');
    // One block per list: cn-countermeasures, cn-export-control, cn-unreliable-entities, us-dod-1260h.
    expect([...lists.matchAll(/data-list="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'cn-countermeasures/2025-11-10',
      'cn-export-control/2025-09-25',
      'cn-unreliable-entities/2025-09-25',
      'us-dod-1260h/2025-01-07',
    ]);
    const mofcom = lists.slice(
      lists.indexOf('data-list="cn-countermeasures/2025-11-10"'),
      lists.indexOf('data-list="cn-export-control'),
    );
    expect(mofcom).toContain('5 listed entries; dates in Asia/Shanghai');
    // In force 2025-10-14, suspended for a year from 2025-11-10, unconfirmed from 2026-11-10 (hatched).
    expect([...mofcom.matchAll(/<rect data-status="([a-z-]+)"/g)].map((m) => m[1])).toEqual([
      'in-force',
      'suspended',
      'unconfirmed',
    ]);
    expect(mofcom).toMatch(/data-status="unconfirmed"[^>]*fill="url\(#list-0-hatch\)"/);
    expect(mofcom).toContain('<td>suspended</td><td>2025-11-10</td><td>2026-11-10</td>');
    expect(mofcom).toContain('Scenario cn-spf.after-suspension: resumed → in force, extended → suspended.');
  });

  it('answers a problem for a bad choice', async () => {
    const res = await call('/timeline?us-301=2024-01-01&from=2025-13-01&zoom=1');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ path: string }> };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['from', 'us-301', 'zoom']);
  });
});
