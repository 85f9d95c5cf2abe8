#!/usr/bin/env node
// Writes src/tariffs/scenarios.generated.ts: one import per joint scenario
// file scenarios/<id>.json. Run by scripts/build.mjs, so `npm start`,
// `npm test` and wrangler's build step rebuild it too.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, writeJsonIndex } from './lib/json-index.mjs';

const files = readdirSync(join(root, 'scenarios'))
  .filter((name) => /^[a-z0-9-]+\.json$/.test(name))
  .sort();
writeJsonIndex({
  script: 'scripts/build-scenarios.mjs',
  folder: 'scenarios',
  files,
  out: 'src/tariffs/scenarios.generated.ts',
  exportName: 'shippedScenarioFiles',
});
console.log(`scenario index: ${files.length} scenarios`);
