#!/usr/bin/env node
// Code and tests cite only documents inside the repository (docs/rules.md and
// the other docs/*.md). Fails, naming file and line, when a file in src/ or
// tests/ mentions a document kept elsewhere.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Names of documents that are not in the repository. */
const OUTSIDE = [/DOMAIN\.md/, /\.\.\/shared/, /(^|[^\w-])shared\//];

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const offences = [];
for (const top of ['src', 'tests']) {
  for (const file of files(join(root, top))) {
    if (file.endsWith('.generated.ts')) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (OUTSIDE.some((pattern) => pattern.test(line)))
          offences.push(`${relative(root, file)}:${index + 1}: ${line.trim()}`);
      });
  }
}
if (offences.length > 0) {
  console.error('citations: these lines cite a document outside the repository (cite docs/rules.md instead):');
  for (const offence of offences) console.error(`  ${offence}`);
  process.exit(1);
}
console.log('citations: src/ and tests/ cite only documents inside the repository');
