/**
 * Every operation of /openapi.json shows an example of its request body and
 * of its successful answer (on the media type, or on the schema or its
 * fields), so the reference and the try-it console start from something
 * real; a new operation without an example fails here.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../support/worker';

type Node = unknown;

/** Whether a part of the document carries an example, following `$ref`s into the components. */
function hasExample(node: Node, schemas: Record<string, Node>, seen: ReadonlySet<string> = new Set()): boolean {
  if (Array.isArray(node)) return node.some((item) => hasExample(item, schemas, seen));
  if (typeof node !== 'object' || node === null) return false;
  const record = node as Record<string, Node>;
  if ('example' in record || 'examples' in record) return true;
  const ref = record.$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').at(-1)!;
    return !seen.has(name) && hasExample(schemas[name], schemas, new Set([...seen, name]));
  }
  return Object.values(record).some((value) => hasExample(value, schemas, seen));
}

interface Operation {
  requestBody?: Node;
  responses: Record<string, { content?: Node }>;
}

describe('/openapi.json', () => {
  it('has an example for the request body and the successful answer of every operation', async () => {
    const doc = (await (await call('/openapi.json')).json()) as {
      paths: Record<string, Record<string, Operation>>;
      components?: { schemas?: Record<string, Node> };
    };
    const schemas = doc.components?.schemas ?? {};
    const lacking: string[] = [];
    let parts = 0;
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (operation.requestBody) {
          parts += 1;
          if (!hasExample(operation.requestBody, schemas)) lacking.push(`${name} request`);
        }
        for (const status of ['200', '201', '202']) {
          const content = operation.responses[status]?.content;
          if (!content) continue;
          parts += 1;
          if (!hasExample(content, schemas)) lacking.push(`${name} ${status}`);
        }
      }
    expect(parts).toBeGreaterThan(40);
    expect(lacking).toEqual([]);
  });
});
