// Writes tariffs/tariff.schema.json (JSON Schema of one tariff file) from the
// zod schema in src/tariffs/schema.ts, for editors. `--check` fails when the
// committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from '@hono/zod-openapi';
import { TariffVersion } from '../src/tariffs/schema';

export function tariffJsonSchema(): string {
  const schema = z.toJSONSchema(TariffVersion, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'portfees tariff version' }, null, 2)}\n`;
}

const target = new URL('../tariffs/tariff.schema.json', import.meta.url);
const text = tariffJsonSchema();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing */
  }
  if (current !== text) {
    console.error('tariffs/tariff.schema.json is stale: run `npm run tariff-schema`');
    process.exit(1);
  }
  console.log('tariff JSON Schema is up to date');
} else {
  writeFileSync(target, text);
  console.log('wrote tariffs/tariff.schema.json');
}
