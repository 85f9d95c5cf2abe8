/**
 * `createRoute` of @hono/zod-openapi, with request schemas that validate synchronously.
 *
 * The route validators call a schema's `safeParseAsync`, and zod's asynchronous path awaits every
 * object, array and refinement: about twice the cost of `safeParse`. Each request schema's
 * `safeParseAsync` answers with `safeParse` instead; a schema with an asynchronous refinement
 * (`safeParse` throws `$ZodAsyncError`) still takes zod's asynchronous path.
 */
import { createRoute as createOpenApiRoute, z } from '@hono/zod-openapi';
import { $ZodAsyncError } from 'zod/v4/core';

function parseSynchronously(schema: unknown): void {
  if (typeof (schema as z.ZodType | undefined)?.safeParse !== 'function') return;
  const typed = schema as z.ZodType;
  typed.safeParseAsync = async (data, params) => {
    try {
      return typed.safeParse(data, params);
    } catch (error) {
      if (error instanceof $ZodAsyncError) return z.safeParseAsync(typed, data, params);
      throw error;
    }
  };
}

/** `createRoute` whose request schemas (query, path, headers, cookies, bodies) validate synchronously. */
export const createRoute: typeof createOpenApiRoute = (route) => {
  const { query, params, headers, cookies, body } = route.request ?? {};
  for (const schema of [query, params, headers, cookies]) parseSynchronously(schema);
  for (const media of Object.values(body?.content ?? {})) parseSynchronously((media as { schema?: unknown }).schema);
  return createOpenApiRoute(route);
};
