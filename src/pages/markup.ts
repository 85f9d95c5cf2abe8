/**
 * Server-rendered HTML and SVG through `hono/html`: every interpolated value is
 * escaped unless it is itself markup, so nothing is escaped by hand.
 * @example markup`<p>${'a < b'}</p>`.toString() // '<p>a &lt; b</p>'
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Markup = HtmlEscapedString;

/** `html` from hono/html, for templates with no asynchronous part (all of ours). */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  return html(strings, ...values) as Markup;
}

/**
 * A table in a box of its own that scrolls sideways on a narrow screen, so the
 * page never does: a group named by `labelledBy`, reachable by keyboard to scroll.
 * @example tableBox('summary-h', markup`<table>…</table>`)
 */
export function tableBox(labelledBy: string, table: unknown): Markup {
  return markup`<div class="table-box" role="group" aria-labelledby="${labelledBy}" tabindex="0">${table}</div>`;
}
