/**
 * Reads the form into a quote request and writes a request back into the
 * form, control by control, through each control's `data-path`.
 */
import { getPath, setPath } from './paths';

type Control = HTMLInputElement | HTMLSelectElement;

function controls(root: ParentNode): Control[] {
  return [...root.querySelectorAll<Control>('[data-kind]')].filter((control) => !control.closest('[hidden]'));
}

/** The value a text-like control contributes, or undefined when it is empty. */
function textValue(control: Control): unknown {
  const text = control.value.trim();
  if (text === '') return undefined;
  if (control.dataset.kind === 'upper') return text.toUpperCase();
  if (control.dataset.kind === 'number') {
    // Not a number: sent as typed, so the API names the field in its answer.
    const value = Number(text);
    return Number.isFinite(value) ? value : text;
  }
  return text;
}

/** Every visible control's value at its path; empty controls are left out. */
export function readControls(root: ParentNode): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const control of controls(root)) {
    const path = control.dataset.path!;
    const kind = control.dataset.kind;
    if (kind === 'flag') setPath(request, path, (control as HTMLInputElement).checked);
    else if (kind === 'list') {
      if (!(control as HTMLInputElement).checked) continue;
      const list = getPath(request, path);
      if (Array.isArray(list)) list.push(control.value);
      else setPath(request, path, [control.value]);
    } else {
      const value = textValue(control);
      if (value !== undefined) setPath(request, path, value);
    }
  }
  return request;
}

/** Sets every control from `request`; a missing value empties text controls and restores a checkbox's default. */
export function writeControls(root: ParentNode, request: unknown): void {
  for (const control of root.querySelectorAll<Control>('[data-kind]')) {
    const value = getPath(request, control.dataset.path!);
    const kind = control.dataset.kind;
    if (control instanceof HTMLInputElement && kind === 'flag')
      control.checked = typeof value === 'boolean' ? value : control.defaultChecked;
    else if (control instanceof HTMLInputElement && kind === 'list') {
      const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
      control.checked = list.includes(control.value);
    } else if (control instanceof HTMLSelectElement) {
      if (value !== undefined) control.value = String(value);
      else control.selectedIndex = 0;
    } else control.value = value === undefined || value === null ? '' : String(value);
  }
}
