/**
 * Stands in for `zod-to-json-schema` in the Worker bundle (wrangler.toml
 * `[alias]`). The MCP SDK converts only zod 3 schemas with it (zod 4 has its
 * own `toJSONSchema`); every portfees schema is zod 4, so this is never called.
 */
export function zodToJsonSchema(): never {
  throw new Error('zod-to-json-schema is not bundled in the portfees Worker; MCP schemas are zod 4');
}
