#!/usr/bin/env node
// Writes src/charter/clauses.generated.ts: one import per charter-party clause
// file clauses/<id>.json. Run by scripts/build.mjs, so `npm start`,
// `npm test` and wrangler's build step rebuild it too.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, writeJsonIndex } from './lib/json-index.mjs';

const files = readdirSync(join(root, 'clauses'))
  .filter((name) => /^[a-z0-9-]+\.json$/.test(name))
  .sort();
writeJsonIndex({
  script: 'scripts/build-clauses.mjs',
  folder: 'clauses',
  files,
  out: 'src/charter/clauses.generated.ts',
  exportName: 'shippedClauseFiles',
});
console.log(`clause index: ${files.length} clauses`);
