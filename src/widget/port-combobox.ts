/**
 * A port field with suggestions from GET /v1/ports?q= (UN/LOCODE or name),
 * following the ARIA combobox pattern: arrows move through the list, Enter
 * picks, Escape closes. The chosen port's time zone is kept on the input
 * (`data-zone`) so port-local arrival times can be sent with their offset.
 */
import { h, uid } from './dom';
import type { Translate } from './i18n';

export interface PortSuggestion {
  code: string;
  name: string;
  country: string;
  zone: string;
}

/** Fetches suggestions; the element passes its own, which knows the API base. */
export type PortSearch = (query: string, signal: AbortSignal) => Promise<PortSuggestion[]>;

const DEBOUNCE_MS = 150;

/** The field; `path` is the request path of the port (`portCalls[0].port`). */
export function portCombobox(path: string, search: PortSearch, t: Translate): HTMLDivElement {
  const id = uid('port');
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const input = h('input', {
    id,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-required': 'true',
    'aria-describedby': hintId,
    'data-path': path,
    'data-kind': 'upper',
    maxlength: 40,
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'options', 'aria-label': t('ports'), hidden: true });
  const hint = h('span', { class: 'hint', id: hintId, text: t('portHint') });
  let suggestions: PortSuggestion[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: AbortController | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index: number) => {
    active = index;
    for (const [i, option] of [...list.children].entries()) option.setAttribute('aria-selected', String(i === index));
    if (index >= 0) input.setAttribute('aria-activedescendant', `${listId}-${index}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const choose = (port: PortSuggestion) => {
    input.value = port.code;
    setPort(input, port);
    close();
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const show = (ports: PortSuggestion[]) => {
    suggestions = ports;
    list.replaceChildren(
      ...ports.map((port, i) => {
        const option = h(
          'li',
          { id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false' },
          h('b', { text: port.code }),
          ` ${port.name}, ${port.country}`,
        );
        option.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the input
        option.addEventListener('click', () => choose(port));
        return option;
      }),
    );
    if (ports.length === 0) return close();
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(-1);
  };

  input.addEventListener('input', () => {
    delete input.dataset.zone;
    hint.textContent = t('portHint');
    clearTimeout(timer);
    pending?.abort();
    const query = input.value.trim();
    if (query.length < 2) return close();
    timer = setTimeout(() => {
      pending = new AbortController();
      search(query, pending.signal).then(show, () => close());
    }, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    const open = !list.hidden;
    if (event.key === 'ArrowDown' && open) highlight(Math.min(active + 1, suggestions.length - 1));
    else if (event.key === 'ArrowUp' && open) highlight(Math.max(active - 1, 0));
    else if (event.key === 'Enter' && open && active >= 0) choose(suggestions[active]!);
    else if (event.key === 'Escape' && open) close();
    else return;
    event.preventDefault();
  });
  input.addEventListener('blur', close);

  return h(
    'div',
    { class: 'field combo' },
    h('label', { for: id }, t('port'), h('span', { class: 'req', 'aria-hidden': 'true', text: ' *' })),
    input,
    list,
    hint,
  );
}

/** Records a known port on its input: its zone (for local times) and its name in the hint. */
export function setPort(input: HTMLInputElement, port: PortSuggestion): void {
  input.dataset.zone = port.zone;
  const hint = input.parentElement?.querySelector('.hint');
  if (hint) hint.textContent = `${port.name}, ${port.country} (${port.zone})`;
}
