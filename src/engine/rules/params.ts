/** Tariff parameters that may depend on an assumption (see `param()` in the tariff schema). */
export type Param<T> = T | { assumption: string; values: Record<string, T> };

function isAssumptionParam<T>(value: Param<T>): value is { assumption: string; values: Record<string, T> } {
  return typeof value === 'object' && value !== null && 'assumption' in value && 'values' in value;
}

/** Every value the parameter can take, under any reading. */
export function paramValues<T>(value: Param<T>): T[] {
  return isAssumptionParam(value) ? Object.values(value.values) : [value];
}

/** Reads one assumption's value by id (an evaluation's reader also records the read). */
export type AssumptionReader = (id: string) => string | undefined;

/** A reader of plain assumption values that records nothing. */
export const readerOf =
  (assumptions: Readonly<Record<string, string>>): AssumptionReader =>
  (id) =>
    assumptions[id];

/** The parameter's value under the quote's assumptions (registry validation guarantees every option is mapped). */
export function resolveParam<T>(value: Param<T>, assumption: AssumptionReader): T {
  if (!isAssumptionParam(value)) return value;
  const chosen = assumption(value.assumption);
  const resolved = chosen === undefined ? undefined : value.values[chosen];
  if (resolved === undefined) throw new Error(`assumption ${value.assumption} has no value ${String(chosen)}`);
  return resolved;
}
