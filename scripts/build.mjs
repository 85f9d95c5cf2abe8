#!/usr/bin/env node
// Writes src/tariffs/bundle.generated.ts: one import per tariff file found
// under tariffs/<regime>/<date>.json. Shipping a new version is adding a file;
// this index is rebuilt by `npm start`, `npm test` and wrangler's build step.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root, writeJsonIndex } from './lib/json-index.mjs';

const files = [];
for (const regime of readdirSync(join(root, 'tariffs')).sort()) {
  const dir = join(root, 'tariffs', regime);
  if (!statSync(dir).isDirectory()) continue;
  for (const name of readdirSync(dir).sort()) {
    if (/^\d{4}-\d{2}-\d{2}\.json$/.test(name)) files.push(`${regime}/${name}`);
  }
}
writeJsonIndex({
  script: 'scripts/build.mjs',
  folder: 'tariffs',
  files,
  out: 'src/tariffs/bundle.generated.ts',
  exportName: 'shippedTariffFiles',
});
console.log(`tariff index: ${files.length} versions`);

// The other generated files (charter-party clauses, joint scenarios, countermeasure lists, the widget bundle,
// the /docs reference copied from swagger-ui-dist) are
// built here too, so every entry point that runs this script stays one command.
await import('./build-clauses.mjs');
await import('./build-scenarios.mjs');
await import('./build-lists.mjs');
// The sea-distance table is committed; this rebuilds it only when ports.json,
// the marine network or its script changed.
(await import('./build-sea-distances.mjs')).buildSeaDistances();
await import('./build-widget.mjs');
await import('./build-docs-ui.mjs');
