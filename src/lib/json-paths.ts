/** Paths in JSON values, as problems write them (the keys no body may use are in ./json-scan.ts). */

/**
 * A field path as problems write it: `portCalls[2].arrival`.
 * @example formatPath(['portCalls', 2, 'arrival']) // 'portCalls[2].arrival'
 */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    const name = String(part);
    return acc ? `${acc}.${name}` : name;
  }, '');
}
