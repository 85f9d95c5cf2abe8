/**
 * /timeline in Chinese: by ?locale=zh-CN or Accept-Language, every sentence
 * of the page (headings, legend, tables, notes, the charts' own text) comes
 * from the zh-CN catalogue or the shipped translations; codes, ids, numbers
 * and the titles of the tariff versions stay as published.
 */
import { describe, expect, it } from 'vitest';
import { shippedRegistry } from '../../src/tariffs/shipped';
import { latinOnlySentences, pageTexts } from '../support/chinese';
import { call } from '../support/worker';

/** Titles of the shipped tariff versions: source titles, shown as published. */
const versionTitles = () => {
  const registry = shippedRegistry();
  return registry.regimes().flatMap((regime) => registry.versions(regime).map((version) => version.data.title));
};

describe('GET /timeline in Chinese', () => {
  it('writes every sentence in Chinese under ?locale=zh-CN, for every shipped version', async () => {
    const registry = shippedRegistry();
    const versions = registry.regimes().flatMap((regime) => registry.versions(regime));
    expect(versions.length).toBeGreaterThan(3);
    const latin = new Set<string>();
    for (const version of versions) {
      const res = await call(`/timeline?locale=zh-CN&${version.regime}=${version.id}`);
      expect([version.id, res.status]).toEqual([version.id, 200]);
      expect(res.headers.get('content-language')).toBe('zh-CN');
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(pageTexts(html).length).toBeGreaterThan(40);
      for (const sentence of latinOnlySentences(html, versionTitles())) latin.add(sentence);
    }
    expect([...latin]).toEqual([]);
  });

  it('follows Accept-Language, keeps the locale when the form is sent again, and the English page has English words', async () => {
    const chinese = await (await call('/timeline', { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } })).text();
    expect(chinese).toContain('<h1>港口费用历史</h1>');
    expect(chinese).toContain('<input type="hidden" name="locale" value="zh-CN">');
    expect(chinese).toContain('<a href="/?locale=zh-CN">返回计算器</a>');
    const english = await (await call('/timeline')).text();
    expect(english).toContain('<h1>Port fee history</h1>');
    expect(english).not.toContain('name="locale"');
    expect(latinOnlySentences(english).length).toBeGreaterThan(10);
  });

  it('refuses a locale it has no words for', async () => {
    const res = await call('/timeline?locale=fr');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([
      { path: 'locale', message: 'must be one of en, zh-CN' },
    ]);
  });
});
