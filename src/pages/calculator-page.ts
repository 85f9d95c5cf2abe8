/**
 * GET /: the calculator. A short header (API reference, fee timeline), three
 * one-click examples and `<portfees-quote>` served from this origin. Markup
 * through hono/html, so every value is escaped by construction; the page's
 * script and styles are same-origin files (calculator-assets.ts), so its
 * policy needs no inline allowance.
 */

import { html } from 'hono/html';
import calculatorExamples from '../../examples/calculator.json';
import { faviconLink } from './favicon';

export type PageLanguage = 'en' | 'zh-CN';

interface Example {
  id: string;
  label: Record<PageLanguage, string>;
  detail: Record<PageLanguage, string>;
  request: unknown;
}

/** The examples shipped in `examples/calculator.json`. */
export const EXAMPLES: readonly Example[] = calculatorExamples.examples;

const WORDS = {
  en: {
    title: 'portfees: port fee calculator',
    site: 'Site',
    docs: 'API reference',
    timeline: 'Fee timeline',
    openapi: 'OpenAPI document',
    other: '中文',
    heading: 'Port fee calculator',
    lede: 'US Section 301 service fees and Chinese special port fees for a vessel and its port calls, computed from versioned, cited tariff tables. Every amount says which tariff version, which assumptions and how certain it is.',
    examples: 'Try an example',
    examplesHint: 'Fills the form and quotes it.',
    footer: 'The same quote is one POST /v1/quotes away: see the API reference.',
  },
  'zh-CN': {
    title: 'portfees：港口费用计算器',
    site: '网站',
    docs: 'API 参考',
    timeline: '费率时间线',
    openapi: 'OpenAPI 文档',
    other: 'English',
    heading: '港口费用计算器',
    lede: '根据带版本和出处的费率表，计算船舶及其挂港的美国 301 条款服务费和中国特别港务费。每个金额都注明费率版本、所用假设及其确定性。',
    examples: '试用示例',
    examplesHint: '填写表单并报价。',
    footer: '同样的报价只需一次 POST /v1/quotes 调用：见 API 参考。',
  },
} as const;

/** The page language a `locale` asks for: Chinese for zh*, else English. */
export function pageLanguage(locale: string): PageLanguage {
  return /^zh\b/i.test(locale) ? 'zh-CN' : 'en';
}

/** The calculator page in `language`. */
export function calculatorPage(language: PageLanguage): string {
  const w = WORDS[language];
  const otherLocale = language === 'en' ? 'zh-CN' : 'en';
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${w.title}</title>
${faviconLink}
<link rel="stylesheet" href="/calculator.css">
<script type="module" src="/widget.js"></script>
<script type="module" src="/calculator.js"></script>
</head>
<body>
<header class="top">
<a class="brand" href="/">portfees</a>
<nav aria-label="${w.site}"><ul>
<li><a href="/docs">${w.docs}</a></li>
<li><a href="/timeline">${w.timeline}</a></li>
<li><a href="/openapi.json">${w.openapi}</a></li>
<li><a href="/?locale=${otherLocale}" lang="${otherLocale}" hreflang="${otherLocale}">${w.other}</a></li>
</ul></nav>
</header>
<main>
<h1>${w.heading}</h1>
<p class="lede">${w.lede}</p>
<section class="examples" aria-labelledby="examples-title">
<h2 id="examples-title">${w.examples}</h2>
<div role="group" aria-labelledby="examples-title" aria-describedby="examples-hint">
${EXAMPLES.map(
  (example) =>
    html`<button type="button" data-example="${example.id}" data-request="${JSON.stringify(example.request)}">${example.label[language]}<span class="detail">${example.detail[language]}</span></button>`,
)}
</div>
<p class="hint" id="examples-hint">${w.examplesHint}</p>
</section>
<portfees-quote locale="${language}" heading-level="2"></portfees-quote>
</main>
<footer><p><a href="/docs">${w.footer}</a></p></footer>
</body>
</html>`.toString();
}
