/**
 * Helpers for the examples of /openapi.json. The examples sit beside their routes; those that show shipped
 * data are either computed from the shipped registries when the document is generated (tariff and list
 * versions, their hashes, a diff) or kept as data in examples/openapi/*.json and replayed by a test (answers
 * whose amounts and quote ids the tariffs decide), so no rate, date or citation is written in code.
 */
import type { z } from '@hono/zod-openapi';
import type { LoadedTariff } from '../../tariffs/registry';
import { shippedRegistry } from '../../tariffs/shipped';

/** A JSON answer and its example, which the compiler checks against the schema. */
export function jsonWithExample<S extends z.ZodType>(description: string, schema: S, example: z.input<S>) {
  return { description, content: { 'application/json': { schema, example } } };
}

/**
 * A media type whose example is built on first reading, when GET /openapi.json generates the document, and
 * kept: building the registries it reads must not be added to every start of the Worker.
 * @example content: { 'application/json': computedExample(TariffList, () => ({ tariffs: … })) }
 */
export function computedExample<S extends z.ZodType>(
  schema: S,
  build: () => z.input<S>,
): { schema: S; readonly example: z.input<S> };
export function computedExample<S extends { type: 'string' }>(
  schema: S,
  build: () => string,
): { schema: S; readonly example: string };
export function computedExample(schema: unknown, build: () => unknown) {
  let example: unknown;
  return {
    schema,
    get example() {
      example ??= build();
      return example;
    },
  };
}

/** The shipped tariff version `id`, for an example. */
export function shippedTariff(id: string): LoadedTariff {
  const tariff = shippedRegistry().get(id);
  if (!tariff) throw new Error(`example names ${id}, which is not a shipped tariff version`);
  return tariff;
}
