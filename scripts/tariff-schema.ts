// Writes tariffs/tariff.schema.json (JSON Schema of one tariff file) and
// lists/list.schema.json (one countermeasure list version) from the zod
// schemas in src/tariffs/schema.ts and src/lists/schema.ts, for editors.
// `--check` fails when a committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from '@hono/zod-openapi';
import { ListVersion } from '../src/lists/schema';
import { TariffVersion } from '../src/tariffs/schema';

function jsonSchema(schema: z.ZodType, title: string): string {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}

export function tariffJsonSchema(): string {
  return jsonSchema(TariffVersion, 'portfees tariff version');
}

const targets = [
  { file: 'tariffs/tariff.schema.json', text: tariffJsonSchema() },
  { file: 'lists/list.schema.json', text: jsonSchema(ListVersion, 'portfees countermeasure list version') },
];
let stale = false;
for (const { file, text } of targets) {
  const target = new URL(`../${file}`, import.meta.url);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      /* missing */
    }
    if (current !== text) {
      console.error(`${file} is stale: run \`npm run tariff-schema\``);
      stale = true;
    } else console.log(`${file} is up to date`);
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${file}`);
  }
}
if (stale) process.exit(1);
