/**
 * Stands in for `zod/v3` in the Worker bundle (wrangler.toml `[alias]`). The
 * MCP SDK reaches for it only to build an object from zod 3 schemas; every
 * portfees schema is zod 4, so this is never called.
 */
export function object(): never {
  throw new Error('zod 3 is not bundled in the portfees Worker; MCP schemas are zod 4');
}
