#!/usr/bin/env node
// `npm run deps`: the layer rules of .dependency-cruiser.cjs. First proves each
// rule still fires (tests/fixtures/layers breaks every one exactly once), then
// checks src/. Exits non-zero on any violation in src/ or any silent rule.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
const config = join(root, '.dependency-cruiser.cjs');

/** The violations the fixture must produce: one per rule. */
const EXPECTED = [
  'engine-imports-only-lower-layers src/engine/reaches-up.ts -> src/batch/run.ts',
  'engine-through-its-index src/analysis/skips-index.ts -> src/engine/quote.ts',
  'lower-layers-import-no-engine src/lib/uses-engine.ts -> src/engine/index.ts',
  'messages-import-only-lib src/messages/reaches-up.ts -> src/batch/run.ts',
  'no-circular src/lib/cycle-a.ts -> src/lib/cycle-b.ts',
  'only-the-entry-imports-api src/batch/run.ts -> src/api/app.ts',
  'widget-is-an-island src/widget/leaves-island.ts -> src/lib/money.ts',
];

const fixture = spawnSync(depcruise, ['src', '--config', config, '--output-type', 'json'], {
  cwd: join(root, 'tests', 'fixtures', 'layers'),
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const found = JSON.parse(fixture.stdout)
  .summary.violations.map((v) => `${v.rule.name} ${v.from} -> ${v.to}`)
  .sort();
const missing = EXPECTED.filter((line) => !found.includes(line));
const unexpected = found.filter((line) => !EXPECTED.includes(line));
if (missing.length > 0 || unexpected.length > 0) {
  console.error('layer rules: the fixture tests/fixtures/layers did not give the expected violations');
  for (const line of missing) console.error(`  missing:    ${line}`);
  for (const line of unexpected) console.error(`  unexpected: ${line}`);
  process.exit(1);
}
console.log(`layer rules: all ${EXPECTED.length} rules fire on tests/fixtures/layers`);

const real = spawnSync(depcruise, ['src', '--config', config], { cwd: root, stdio: 'inherit' });
process.exit(real.status ?? 1);
