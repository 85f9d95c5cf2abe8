/**
 * docs/widget.md states the widget's size; this holds it to the bundle the
 * Worker serves: every "about N KB raw" and "N KB gzipped" within 10% of the
 * measured size (gzip here is CompressionStream's, a little larger than
 * scripts/widget-size.mjs's level 9), and the budget it names is the one
 * scripts/widget-size.mjs enforces.
 */
import { describe, expect, it } from 'vitest';
import doc from '../../docs/widget.md?raw';
import sizeScript from '../../scripts/widget-size.mjs?raw';
import { widgetModule } from '../../src/widget/bundle.generated';

async function gzipLength(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** The KB figures of the doc, each with the words after it. */
const statedSizes = (text: string) =>
  [...text.replace(/\s+/g, ' ').matchAll(/(about |under |above )?(\d+(?:\.\d+)?) KB( raw| gzipped)?/g)].map((m) => ({
    qualifier: (m[1] ?? '').trim(),
    kb: Number(m[2]),
    kind: (m[3] ?? ' raw').trim(),
    text: m[0],
  }));

describe('docs/widget.md', () => {
  it('states the widget’s raw and gzipped sizes as measured, and the budget the size script enforces', async () => {
    const raw = new TextEncoder().encode(widgetModule).byteLength / 1024;
    const gzipped = (await gzipLength(widgetModule)) / 1024;
    const budget = Number(/LIMIT_GZIP = (\d+) \* 1024/.exec(sizeScript)?.[1]);
    expect(budget).toBe(30);
    expect(gzipped).toBeLessThanOrEqual(budget);
    const sizes = statedSizes(doc);
    expect(sizes.length).toBeGreaterThanOrEqual(4);
    for (const size of sizes) {
      const measured = size.kind === 'gzipped' ? gzipped : raw;
      if (size.qualifier === 'above' || size.text.startsWith(`${budget} KB`))
        expect([size.text, size.kb]).toEqual([size.text, budget]);
      else if (size.qualifier === 'under') expect([size.text, measured < size.kb]).toEqual([size.text, true]);
      else expect([size.text, Math.abs(measured - size.kb) / measured <= 0.1]).toEqual([size.text, true]);
    }
  });
});
