#!/usr/bin/env node
// Writes src/lists/bundle.generated.ts: one import per countermeasure list
// version lists/<list>/<date>.json. Run by scripts/build.mjs, so `npm start`,
// `npm test` and wrangler's build step rebuild it too. Shipping a new list
// version is adding a file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root, writeJsonIndex } from './lib/json-index.mjs';

const files = [];
const folder = join(root, 'lists');
for (const list of existsSync(folder) ? readdirSync(folder).sort() : []) {
  const dir = join(folder, list);
  if (!statSync(dir).isDirectory()) continue;
  for (const name of readdirSync(dir).sort()) {
    if (/^\d{4}-\d{2}-\d{2}\.json$/.test(name)) files.push(`${list}/${name}`);
  }
}
writeJsonIndex({
  script: 'scripts/build-lists.mjs',
  folder: 'lists',
  files,
  out: 'src/lists/bundle.generated.ts',
  exportName: 'shippedListFiles',
});
console.log(`list index: ${files.length} versions`);
