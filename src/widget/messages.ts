/**
 * Inline messages from the API's problem+json `errors` (and the widget's own
 * checks): each is placed at the control whose `data-path` matches, else at
 * the nearest enclosing group, and all are listed in a summary whose entries
 * move focus to the field.
 */
import { h, uid } from './dom';
import { pathAncestors } from './paths';

export interface FieldError {
  path: string;
  message: string;
}

/** zod's wording for a missing field, said plainly (`required` in the reader's words). */
export function friendlyMessage(message: string, required = 'required'): string {
  return /received undefined/.test(message) ? required : message;
}

/** The element that shows messages for `path`: its control, or the nearest group around it. */
export function targetFor(root: ParentNode, path: string): HTMLElement | undefined {
  const byPath = new Map<string, HTMLElement>();
  for (const element of root.querySelectorAll<HTMLElement>('[data-path]')) {
    if (element.closest('[hidden]')) continue;
    if (!byPath.has(element.dataset.path!)) byPath.set(element.dataset.path!, element);
  }
  for (const candidate of pathAncestors(path)) {
    const element = byPath.get(candidate);
    if (element) return element;
  }
  return undefined;
}

/** Removes every message and invalid mark. */
export function clearMessages(root: ParentNode, summary: HTMLElement): void {
  for (const message of root.querySelectorAll('.msg[data-for]')) message.remove();
  for (const control of root.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    const describedBy = (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => !id.startsWith('pf-msg-'))
      .join(' ');
    if (describedBy) control.setAttribute('aria-describedby', describedBy);
    else control.removeAttribute('aria-describedby');
  }
  summary.replaceChildren();
  summary.hidden = true;
}

function isControl(element: HTMLElement): element is HTMLInputElement | HTMLSelectElement {
  return element instanceof HTMLInputElement || element instanceof HTMLSelectElement;
}

function nameOf(target: HTMLElement | undefined, path: string, requestWord: string): string {
  if (!target) return path || requestWord;
  const label = isControl(target) ? target.labels?.[0]?.textContent : target.querySelector('legend')?.textContent;
  return (label ?? path).replace(/\s*\*$/, '');
}

/** The words messages are written with: the form's name for the whole request, "required", and "Call {n}". */
export interface MessageWords {
  request: string;
  required: string;
  call: (n: number) => string;
}

const ENGLISH: MessageWords = { request: 'Request', required: 'required', call: (n) => `Call ${n}` };

/** The call a path is about (`Call 2` for `portCalls[1].port`), or undefined. */
function callOf(path: string, words: MessageWords): string | undefined {
  const call = /^portCalls\[(\d+)\]/.exec(path);
  return call ? words.call(Number(call[1]) + 1) : undefined;
}

/** A message about a port call names the call (`Call 2: …`): a rotation repeats every label. */
export function messageText(error: FieldError, words: MessageWords = ENGLISH): string {
  const text = friendlyMessage(error.message, words.required);
  const call = callOf(error.path, words);
  return call ? `${call}: ${text}` : text;
}

/** Shows each distinct error once inline and once in `summary` (a live region), and focuses the summary. */
export function showMessages(
  root: ParentNode,
  summary: HTMLElement,
  errors: FieldError[],
  title: string,
  words: MessageWords = ENGLISH,
): void {
  const items: HTMLLIElement[] = [];
  const distinct = new Map(errors.map((error) => [`${error.path}\n${error.message}`, error]));
  for (const error of distinct.values()) {
    const target = targetFor(root, error.path);
    const text = messageText(error, words);
    const plain = friendlyMessage(error.message, words.required);
    if (target) {
      const id = uid('msg');
      const message = h('p', { class: 'msg', id, 'data-for': error.path, text });
      if (isControl(target)) {
        target.closest('.field, .check')?.append(message);
        target.setAttribute('aria-invalid', 'true');
        target.setAttribute('aria-describedby', `${target.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
      } else {
        const legend = target.querySelector(':scope > legend');
        if (legend) legend.after(message);
        else target.prepend(message);
      }
    }
    const focusable =
      target && (isControl(target) ? target : target.querySelector<HTMLElement>('input, select, button'));
    const entry = h('button', {
      type: 'button',
      class: 'link',
      text: [callOf(error.path, words), `${nameOf(target, error.path, words.request)}: ${plain}`]
        .filter(Boolean)
        .join(', '),
    });
    entry.addEventListener('click', () => focusable?.focus());
    items.push(h('li', {}, entry));
  }
  summary.replaceChildren(h('p', { class: 'summary-title', text: title }), h('ul', {}, ...items));
  summary.hidden = false;
}
