// Copies Swagger UI (swagger-ui-dist, pinned in package.json) into public/docs/,
// served as static assets at /docs: the reference works offline. index.html
// and reference.js beside them are kept in git; the copies are not.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/json-index.mjs';

const from = join(root, 'node_modules', 'swagger-ui-dist');
const to = join(root, 'public', 'docs');
mkdirSync(to, { recursive: true });
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) copyFileSync(join(from, file), join(to, file));
console.log('docs reference: swagger-ui copied to public/docs');
