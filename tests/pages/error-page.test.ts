/**
 * Browsers get pages, the API gets problems: a GET outside /v1 whose Accept
 * ranks text/html first answers an HTML page in the asked locale, with the
 * problem's own words beside it and a link back to the calculator; the same
 * address asked for JSON (or for anything, under /v1) stays problem+json.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../support/worker';

/** What Chromium sends for a page it navigates to. */
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const page = (path: string, language = 'en-US,en;q=0.9') =>
  call(path, { headers: { accept: BROWSER, 'accept-language': language } });

/** The text of one element, tags stripped. */
const textOf = (html: string, tag: string) =>
  (new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '');

describe('the error page', () => {
  it('answers a browser’s bad /timeline address with a page naming the parameter, in English', async () => {
    const res = await page('/timeline?colour=red');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("style-src 'unsafe-inline'");
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(textOf(html, 'h1')).toBe('This address cannot be shown as it is');
    expect(html).toContain('<code>colour</code>: unknown parameter');
    expect(html).toContain('<a href="/">Back to the calculator</a>');
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
  });

  it('speaks Chinese to a browser that asks for it, by Accept-Language or ?locale', async () => {
    for (const res of [await page('/timeline?colour=red', 'zh-CN,zh;q=0.9'), await page('/nowhere?locale=zh-CN')]) {
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(res.headers.get('content-language')).toBe('zh-CN');
      expect(html).toContain('<a href="/?locale=zh-CN">返回计算器</a>');
    }
    expect(textOf(await (await page('/nowhere', 'zh-CN')).text(), 'h1')).toBe('此地址没有页面');
  });

  it('keeps problem+json for clients that do not rank HTML first, and for every API path', async () => {
    for (const [path, accept] of [
      ['/timeline?colour=red', 'application/json'],
      ['/timeline?colour=red', '*/*'],
      ['/timeline?colour=red', 'application/json, text/html;q=0.5'],
      ['/v1/tariffs/us-301/1999-01-01', BROWSER],
      ['/v1/nowhere', BROWSER],
    ] as const) {
      const res = await call(path, { headers: { accept } });
      expect([path, accept, res.headers.get('content-type')]).toEqual([
        path,
        accept,
        'application/problem+json; charset=utf-8',
      ]);
    }
  });

  it('tells a browser opening /embed without an origin how to give one', async () => {
    const res = await page('/embed');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html, 'p')).toContain(
      'Give the origin of the page that frames it, as in /embed?origin=https://desk.example.com',
    );
    expect(html).toContain('<code>origin</code>: give the origin of the page that frames this one');
  });

  it('tells a browser opening a job page without its token where its link comes from', async () => {
    const res = await page('/jobs/job_0123456789');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(textOf(html, 'h1')).toBe('Nothing at this address');
    expect(textOf(html, 'p')).toContain('Ask GET /v1/jobs/job_0123456789 with the account’s secret key');
    const chinese = await (await page('/jobs/job_0123456789', 'zh-CN')).text();
    expect(textOf(chinese, 'p')).toContain('请用账户的私密密钥请求 GET /v1/jobs/job_0123456789');
  });

  it('answers an unknown address with a page naming it', async () => {
    const res = await page('/no/such/page');
    expect(res.status).toBe(404);
    expect(textOf(await res.text(), 'p')).toBe(
      'The address /no/such/page names no page. Check it, or start again from the calculator.',
    );
  });
});

describe('pages a shared link opens', () => {
  it('ignore campaign tags and click ids', async () => {
    const tags = 'utm_source=newsletter&utm_medium=email&fbclid=abc&gclid=def&msclkid=ghi';
    for (const path of [`/?${tags}`, `/timeline?${tags}`, `/embed?origin=http://portfees.test&${tags}`]) {
      const res = await page(path);
      expect([path, res.status]).toEqual([path, 200]);
    }
  });
});

describe('the icon', () => {
  it('is served at /favicon.svg and /favicon.ico, and linked from every page', async () => {
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const res = await call(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      expect(await res.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
    for (const path of ['/', '/timeline', '/embed?origin=http://portfees.test', '/nowhere']) {
      const html = await (await page(path)).text();
      expect([path, html.includes('<link rel="icon" href="/favicon.svg"')]).toEqual([path, true]);
    }
  });
});
