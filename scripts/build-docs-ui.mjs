// Copies Swagger UI (swagger-ui-dist, pinned in package.json) into public/docs/,
// served as static assets at /docs: the reference works offline. index.html
// and reference.js beside them are kept in git; the copies are not. A copy that is
// already current is left alone: a running `wrangler dev` reloads on every write to
// its assets, and a second `npm start` (a test file's own Worker) runs this too.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/json-index.mjs';

const from = join(root, 'node_modules', 'swagger-ui-dist');
const to = join(root, 'public', 'docs');
mkdirSync(to, { recursive: true });
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
  const source = join(from, file);
  const target = join(to, file);
  if (!existsSync(target) || !readFileSync(source).equals(readFileSync(target))) copyFileSync(source, target);
}
console.log('docs reference: swagger-ui copied to public/docs');
