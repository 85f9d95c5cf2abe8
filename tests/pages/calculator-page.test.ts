// GET /: the calculator page, its same-origin assets, and its examples quoting for real.
import { describe, expect, it } from 'vitest';
import calculatorExamples from '../../examples/calculator.json';
import { call, postJson } from '../support/worker';

const attribute = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((match) => match[1]!);

/** What an HTML attribute value reads as once the browser decodes its entities. */
const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('GET /', () => {
  it('serves the calculator under a strict policy: no inline script or style, this origin only, never framed', async () => {
    const res = await call('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = res.headers.get('content-security-policy')!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const html = await res.text();
    // Every script is a same-origin file; no inline script, style or handler.
    expect(attribute(html, 'src').sort()).toEqual(['/calculator.js', '/widget.js']);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain('<portfees-quote locale="en" heading-level="2"></portfees-quote>');
    expect(html).toContain('<html lang="en">');
    // The header links to the API reference and the timeline.
    expect(attribute(html, 'href')).toEqual(expect.arrayContaining(['/docs', '/timeline', '/calculator.css']));
  });

  it('offers the three examples, each a request the form is filled with', async () => {
    const html = await (await call('/')).text();
    expect(html).toMatch(/role="group" aria-labelledby="examples-title"/);
    expect(html).toContain('<h2 id="examples-title">Try an example</h2>');
    const requests = attribute(html, 'data-request').map((text) => JSON.parse(decode(text)));
    expect(requests).toEqual(calculatorExamples.examples.map((example) => example.request));
    expect(attribute(html, 'data-example')).toEqual([
      'cn-operated-container-los-angeles',
      'us-flag-shanghai',
      'car-carrier-baltimore',
    ]);
  });

  it('escapes the JSON it writes into an attribute', async () => {
    const html = await (await call('/')).text();
    const raw = attribute(html, 'data-request')[0]!;
    expect(raw).not.toContain('"');
    expect(raw).toContain('&quot;vessel&quot;');
  });

  it('reads Chinese with ?locale=zh-CN and refuses a locale that is not a language tag', async () => {
    const zh = await call('/?locale=zh-CN');
    expect(zh.status).toBe(200);
    const html = await zh.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<portfees-quote locale="zh-CN" heading-level="2"></portfees-quote>');
    expect(html).toContain('试用示例');
    expect(html).toContain('中国经营的集装箱船靠泊洛杉矶');

    const bad = await call('/?locale=%3Cscript%3E');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await bad.json<{ errors: Array<{ path: string }> }>()).errors.map((e) => e.path)).toEqual(['locale']);
  });

  it('serves its script and styles from this origin', async () => {
    const script = await call('/calculator.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain("querySelectorAll('button[data-request]')");
    const styles = await call('/calculator.css');
    expect(styles.status).toBe(200);
    expect(styles.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await styles.text()).toContain('@media print');
  });

  it('answers 405 for another method on /', async () => {
    const res = await call('/', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('GET');
  });
});

describe('the examples', () => {
  it('each quote with an amount', async () => {
    for (const example of calculatorExamples.examples) {
      const res = await postJson('/v1/quotes', example.request);
      expect(res.status, example.id).toBe(200);
      const quote = await res.json<{ voyages: Array<{ fee: { amount: string } }> }>();
      expect(
        quote.voyages.some((voyage) => Number(voyage.fee.amount) > 0),
        example.id,
      ).toBe(true);
    }
  });

  it('the Chinese-operated container ship pays Annex I at Los Angeles', async () => {
    const example = calculatorExamples.examples[0]!;
    const quote = await (await postJson('/v1/quotes', example.request)).json<{
      voyages: Array<{ regime: string; rule: string; chargedAt: string; fee: { amount: string } }>;
    }>();
    const us = quote.voyages.find((voyage) => voyage.regime === 'us-301')!;
    // 60,000 NT at the Annex I rate in force from 2026-04-17 (80 USD), fees resumed by default.
    expect([us.rule, us.chargedAt, us.fee.amount]).toEqual(['annex-i', 'USLAX', '4800000.00']);
  });
});

describe('GET /embed from its own origin', () => {
  it('opens for the origin it is served from without any configuration', async () => {
    const res = await call(`/embed?origin=${encodeURIComponent('http://portfees.test')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors http://portfees.test');
  });
});
