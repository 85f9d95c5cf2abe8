/**
 * Request paths as the API writes them in problem+json (`portCalls[2].arrival`).
 * Every form control carries the path of the request field it edits, so the
 * form reads into a request and API errors find their way back to the field.
 */

/** `vessel.owner.stakes[0].equity` → `['vessel', 'owner', 'stakes', 0, 'equity']`. */
export function pathSegments(path: string): Array<string | number> {
  return (path.match(/[^.[\]]+/g) ?? []).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Writes `value` at `path`, creating objects and arrays on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = pathSegments(path);
  let node: Record<string | number, unknown> = target;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const next = parts[i + 1];
    node[part] ??= typeof next === 'number' ? [] : {};
    node = node[part] as Record<string | number, unknown>;
  });
}

/** Reads the value at `path`, or undefined. */
export function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const part of pathSegments(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** The path and its ancestors, longest first: `a.b[1].c`, `a.b[1]`, `a.b`, `a`. */
export function pathAncestors(path: string): string[] {
  const result: string[] = [];
  let current = path;
  while (current) {
    result.push(current);
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    current = cut > 0 ? current.slice(0, cut) : '';
  }
  return result;
}
