/**
 * "Every line a person reads is Chinese under zh-CN", as a check: a line or
 * a page's text with Latin words and no Chinese character is reported.
 * Codes, ids, numbers and cited sources are not sentences and pass.
 */

const HAN = /[\u4e00-\u9fff]/;

/** Lines with no Chinese character, bracketed citations aside (a quote's explanation lines, notes, reasons). */
export function latinOnlyLines(lines: ReadonlyArray<string>): string[] {
  return lines.filter((line) => !HAN.test(line.replace(/\[[^\]]*\]/g, '')));
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * Every piece of text a person reads on a page: each text node and each
 * aria-label, alt and placeholder, outside `<style>`, `<script>`, `<code>`
 * (codes and ids) and `<cite>` (source titles).
 */
export function pageTexts(html: string): string[] {
  const body = html.replace(/<(style|script|code|cite)\b[^>]*>[\s\S]*?<\/\1>/g, ' ').replace(/<!doctype[^>]*>/i, '');
  const attributes = [...body.matchAll(/\s(?:aria-label|alt|placeholder)="([^"]*)"/g)].map((m) => m[1]!);
  const nodes = body.split(/<[^>]*>/);
  return [...nodes, ...attributes].map((text) => decode(text).trim()).filter((text) => text !== '');
}

/**
 * Texts of a page written in Latin words alone: two words of letters in a row
 * (`per unit`, `Top operators`) and no Chinese character. A code (`us-301`,
 * `USD`, `Asia/Shanghai`), a number or a date is one token and passes; so
 * does any text of `asGiven`: titles of cited documents and names of parties,
 * shown as published or as the caller wrote them.
 */
export function latinOnlySentences(html: string, asGiven: ReadonlyArray<string> = []): string[] {
  return pageTexts(html).filter((text) => {
    const rest = asGiven.reduce((left, title) => left.split(title).join(' '), text);
    return !HAN.test(rest) && /[A-Za-z]{2,}[\s,;:]+[A-Za-z]{2,}/.test(rest);
  });
}
