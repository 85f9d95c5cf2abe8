/**
 * Stands in for `ajv` in the Worker bundle (wrangler.toml `[alias]`). The
 * MCP SDK imports it for its default JSON Schema validator, which compiles
 * with `new Function` (refused by Workers); the portfees server is given the
 * SDK's Workers validator (@cfworker/json-schema) instead, so this is never
 * constructed. If it ever were, it says so rather than validating nothing.
 */
export default class ExcludedAjv {
  constructor() {
    throw new Error('ajv is not bundled in the portfees Worker; pass the MCP server a jsonSchemaValidator');
  }
}
