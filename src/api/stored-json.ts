/** Sends JSON text kept in the store byte for byte, typed as the JSON response it already is. */
import type { Context, TypedResponse } from 'hono';

export function storedJson<T>(c: Context, text: string): Response & TypedResponse<T, 200, 'json'> {
  // The text was produced by JSON.stringify of a T when it was stored; re-serializing could change bytes.
  return c.body(text, 200, { 'content-type': 'application/json' }) as unknown as Response &
    TypedResponse<T, 200, 'json'>;
}
