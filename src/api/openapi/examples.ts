/**
 * Helpers for the examples of /openapi.json. The examples themselves sit beside their routes; those that show
 * shipped data (tariff and list versions, their hashes, a diff) are computed from the shipped registries when
 * the document is generated, never written out in code, so no rate, date or citation is copied out of
 * tariffs/ or lists/ and no example drifts from the files.
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

/** A shipped tariff version as a quote names it: id, regime and the SHA-256 of the file. */
export function shippedTariffRef(id: string): { id: string; regime: string; sha256: string } {
  const { regime, sha256 } = shippedTariff(id);
  return { id, regime, sha256 };
}
