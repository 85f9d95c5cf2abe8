/** Tiny DOM helpers: the widget builds its shadow tree by hand, with no framework. */

type AttributeValue = string | number | boolean | undefined | null;
type Child = Node | string | null | undefined | false;

/**
 * Creates an element. `text` sets the text content; `true` writes an empty
 * attribute; `false`, `null` and `undefined` leave it out.
 * @example h('label', { for: 'imo', text: 'IMO number' })
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttributeValue> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

let counter = 0;

/** An id unique within the page (and so within every shadow root). */
export function uid(prefix: string): string {
  counter += 1;
  return `pf-${prefix}-${counter}`;
}
