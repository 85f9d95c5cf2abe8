/**
 * Labelled form controls. Each control carries `data-path` (the request field
 * it edits) and `data-kind` (how its value is read: text, upper, number, flag,
 * list); see form-state.ts.
 */
import { h, uid } from './dom';

export interface FieldOptions {
  label: string;
  path: string;
  kind?: 'text' | 'upper' | 'number';
  type?: string;
  required?: boolean;
  hint?: string;
  attrs?: Record<string, string | number | boolean>;
}

/** A label, an input and room for a hint and an inline message. */
export function inputField(options: FieldOptions): HTMLDivElement {
  const id = uid('in');
  const hintId = options.hint ? `${id}-hint` : undefined;
  const input = h('input', {
    id,
    type: options.type ?? 'text',
    'data-path': options.path,
    'data-kind': options.kind ?? 'text',
    'aria-required': options.required ? 'true' : undefined,
    'aria-describedby': hintId,
    ...(options.kind === 'number' ? { inputmode: 'decimal', step: 'any', min: 0 } : {}),
    ...options.attrs,
  });
  return h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id },
      options.label,
      options.required ? h('span', { class: 'req', 'aria-hidden': 'true', text: ' *' }) : null,
    ),
    input,
    hintId ? h('span', { class: 'hint', id: hintId, text: options.hint }) : null,
  );
}

/** A select of fixed options; `blank` adds an empty first choice. */
export function selectField(
  label: string,
  path: string,
  choices: ReadonlyArray<readonly [string, string]>,
  blank?: string,
): HTMLDivElement {
  const id = uid('sel');
  const select = h('select', { id, 'data-path': path, 'data-kind': 'text' });
  if (blank !== undefined) select.append(h('option', { value: '', text: blank }));
  for (const [value, text] of choices) select.append(h('option', { value, text }));
  return h('div', { class: 'field' }, h('label', { for: id, text: label }), select);
}

/** A checkbox: `flag` sends true/false at `path`; `list` adds `value` to the array at `path` when checked. */
export function checkboxField(
  label: string,
  path: string,
  kind: 'flag' | 'list',
  value = '',
  checked = false,
): HTMLDivElement {
  const id = uid('cb');
  const input = h('input', {
    id,
    type: 'checkbox',
    'data-path': path,
    'data-kind': kind,
    value: value || undefined,
    checked,
  });
  return h('div', { class: 'check' }, input, h('label', { for: id, text: label }));
}

/** A fieldset with a legend; `path` lets messages about the whole group land here. */
export function group(legend: string, path: string | undefined, ...children: Array<Node | null>): HTMLFieldSetElement {
  return h('fieldset', { 'data-path': path }, h('legend', { text: legend }), ...children);
}
