// Bundles the <portfees-quote> widget (src/widget/index.ts) into one minified
// ES module with esbuild. Shared by build-widget.mjs and widget-size.mjs.
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The widget's ES module text and its SHA-256 (hex). */
export async function bundleWidget() {
  const result = await build({
    entryPoints: [join(root, 'src', 'widget', 'index.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0].text;
  return { text, sha256: createHash('sha256').update(text).digest('hex') };
}
