/** Stands in for `ajv-formats` in the Worker bundle (wrangler.toml `[alias]`); see ./ajv.ts. */
export default function excludedAddFormats(): never {
  throw new Error('ajv-formats is not bundled in the portfees Worker');
}
