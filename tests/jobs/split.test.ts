import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/batch/fleet-csv';
import { csvChunkFile, csvItems, jsonItems, ndjsonItems } from '../../src/jobs/chunk';
import { splitCsv, splitJson, splitNdjson } from '../../src/jobs/split';

/** A stream that hands the bytes over in pieces of `size`, so records straddle pieces. */
function streamOf(text: string, size = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else {
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      }
    },
  });
}

const slice = (text: string, start: number, end: number) =>
  new TextDecoder().decode(new TextEncoder().encode(text).slice(start, end));

describe('splitting a fleet CSV into ranges of whole vessels', () => {
  const rest = 'container,PA,KR,60000,GR,CN';
  const csv =
    '\uFEFFname,imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,port,arrival\r\n' +
    `"A, one",9310006,${rest},USLAX,2025-10-20\r\n` +
    `"A ""two""",9310006,${rest},USOAK,2025-10-21\r\n` +
    '\r\n' +
    `"B\nsecond line",9321483,${rest},CNSHA,2025-10-22\r\n` +
    `C,9074729,${rest},CNNGB,2025-10-23\r\n` +
    `C,9074729,${rest},USLAX,2025-10-24`;

  for (const piece of [1, 5, 64 * 1024])
    it(`cuts between vessels, never inside one, keeping file lines (pieces of ${piece} bytes)`, async () => {
      const result = await splitCsv(streamOf(csv, piece), 1);
      expect(result.vessels).toBe(3);
      expect(result.chunks.map(({ first, vessels }) => ({ first, vessels }))).toEqual([
        { first: 2, vessels: 1 },
        { first: 5, vessels: 1 },
        { first: 7, vessels: 1 },
      ]);
      expect(result.csv!.bodyLine).toBe(2);
      const header = slice(csv, 0, result.csv!.headerEnd);
      // Each range read back as its own file gives the rows (and row numbers) the whole file gives.
      const whole = fromCsv({ calls: csv }, (raw) => ({ request: raw as never }), { vessels: 10, calls: 10 });
      const parts = result.chunks.flatMap(
        (chunk) =>
          fromCsv(
            csvChunkFile(header, slice(csv, chunk.start, chunk.end), chunk.first, result.csv!.bodyLine),
            (raw) => ({ request: raw as never }),
            { vessels: 10, calls: 10 },
          ).items,
      );
      expect(parts.map((item) => [item.imo, item.rows, item.request])).toEqual(
        whole.items.map((item) => [item.imo, item.rows, item.request]),
      );
    });

  it('a vessel whose rows lie in two ranges is reported once, with all its rows, and never quoted from part of them', async () => {
    const head = 'imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,port,arrival\n';
    const v = 'container,PA,KR,60000,GR,CN';
    const scattered = `${head}9310006,${v},USLAX,2025-10-20\n9321483,${v},CNSHA,2025-10-21\n9310006,${v},USOAK,2025-10-22\n`;
    const result = await splitCsv(streamOf(scattered), 1);
    expect(result.vessels).toBe(2);
    expect(result.chunks.map((chunk) => chunk.notes)).toEqual([
      { scattered: { '9310006': [4] } },
      { elsewhere: ['9310006'] },
    ]);
    const header = head;
    const items = result.chunks.map((chunk) =>
      csvItems(
        fromCsv(
          csvChunkFile(header, slice(scattered, chunk.start, chunk.end), chunk.first, 2),
          (raw) => ({ request: raw as never }),
          { vessels: 10, calls: 10 },
        ).items,
        chunk.notes,
      ),
    );
    expect(items[0]!.map((item) => [item.imo, item.rows, item.request, item.errors[0]?.message])).toEqual([
      [
        '9310006',
        [2, 4],
        undefined,
        "vessel 9310006 also has rows 4 after other vessels' rows; a fleet job needs each vessel's rows together (sort the file by imo)",
      ],
    ]);
    expect(items[1]!.map((item) => item.imo)).toEqual(['9321483']);
  });

  it('refuses a file without an imo column or without rows', async () => {
    await expect(splitCsv(streamOf('port,arrival\nUSLAX,2025-10-20\n'), 10)).rejects.toThrow(
      'missing required column imo',
    );
    await expect(splitCsv(streamOf('imo,port\n'), 10)).rejects.toThrow('header but no rows');
  });
});

describe('splitting NDJSON', () => {
  it('counts requests by line, skipping blank lines, and marks a vessel repeated in a later range', async () => {
    const lines = [
      JSON.stringify({ vessel: { imo: '9310006' } }),
      '',
      JSON.stringify({ vessel: { imo: '9321483' } }),
      '{not json',
      JSON.stringify({ vessel: { imo: '9310006' } }),
    ].join('\n');
    const result = await splitNdjson(streamOf(lines, 3), 2);
    expect(result.vessels).toBe(4);
    expect(result.chunks.map(({ first, vessels, notes }) => ({ first, vessels, notes }))).toEqual([
      { first: 0, vessels: 2, notes: undefined },
      { first: 2, vessels: 2, notes: { repeated: { '3': 0 } } },
    ]);
  });
});

describe('splitting JSON', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  /** Accepts every object as it is: what is checked here is which text each item was read from. */
  const asIs = (raw: unknown) =>
    typeof raw === 'object' && raw !== null
      ? { request: raw as never }
      : { issues: [{ path: '', message: `not a request: ${JSON.stringify(raw)}` }] };
  const job = { options: { defaults: {}, scenarios: [], chunkVessels: 2 } };
  // Strings holding commas, brackets, braces, escaped quotes and characters of 2 to 4 bytes.
  const requests = [
    { vessel: { imo: '9310006', name: 'A, "one" [x]' } },
    0,
    { vessel: { imo: '9321483', name: 'Ω}{],\\' } },
    '[not a request]',
    { vessel: { imo: '9310006', name: '船 🚢' } },
  ];

  for (const [shape, text] of [
    ['an array', `\uFEFF [\n ${requests.map((r) => JSON.stringify(r)).join(' ,\n ')}\n]\n`],
    ['{ "requests": [...] }', JSON.stringify({ requests }, null, 2)],
  ] as const)
    it(`cuts ${shape} into byte ranges of whole requests, each read back on its own`, () => {
      const input = bytes(text);
      const result = splitJson(input, 2);
      expect(result.vessels).toBe(5);
      expect(result.chunks.map(({ first, vessels, notes }) => ({ first, vessels, notes }))).toEqual([
        { first: 0, vessels: 2, notes: undefined },
        { first: 2, vessels: 2, notes: undefined },
        { first: 4, vessels: 1, notes: { repeated: { '4': 0 } } },
      ]);
      const items = result.chunks.flatMap((chunk) =>
        jsonItems(input.subarray(chunk.start, chunk.end), chunk.first, chunk.notes, asIs, job),
      );
      // Each item is read from its own request's text: the vessel's name, or the value that is no request.
      const read = items.map((item) => [item.index, item.imo, item.request?.vessel.name ?? item.errors[0]!.message]);
      expect(read.slice(0, 4)).toEqual([
        [0, '9310006', 'A, "one" [x]'],
        [1, null, 'not a request: 0'],
        [2, '9321483', (requests[2] as { vessel: { name: string } }).vessel.name],
        [3, null, 'not a request: "[not a request]"'],
      ]);
      expect(items[4]!.request).toBeUndefined();
      expect(items[4]!.errors).toEqual([
        {
          index: 4,
          path: 'vessel.imo',
          message:
            'vessel 9310006 is already quoted by request 0; give one request per vessel with its whole schedule, so the cap counts every call',
        },
      ]);
    });

  it('refuses, in its chunk, a request with a key given twice, numbering it in the whole input', () => {
    const input = bytes('[{"vessel":{"imo":"9310006"}},{"vessel":{"imo":"9321483","imo":"9074729"}}]');
    const [, second] = splitJson(input, 1).chunks;
    expect(jsonItems(input.subarray(second!.start, second!.end), second!.first, second!.notes, asIs, job)).toEqual([
      expect.objectContaining({
        index: 1,
        errors: [{ index: 1, path: 'vessel.imo', message: 'imo is given more than once in this object' }],
      }),
    ]);
  });

  it('names a repeat inside one chunk by its number in the whole input, in JSON as in NDJSON', () => {
    const twice = [{ vessel: { imo: '9310006' } }, { vessel: { imo: '9310006' } }].map((r) => JSON.stringify(r));
    for (const items of [
      jsonItems(bytes(twice.join(',')), 10, undefined, asIs, job),
      ndjsonItems(twice.join('\n'), 10, undefined, asIs, job),
    ])
      expect(items.map((item) => [item.index, item.errors[0]?.message])).toEqual([
        [10, undefined],
        [
          11,
          'vessel 9310006 is already quoted by request 10; give one request per vessel with its whole schedule, so the cap counts every call',
        ],
      ]);
  });

  it('refuses a body that is too deep, flawed outside every request, malformed, empty or of another shape', () => {
    const refusal = (text: string) => {
      try {
        splitJson(bytes(text), 2);
      } catch (error) {
        return (error as { errors: unknown }).errors;
      }
      throw new Error(`${text} was split`);
    };
    expect(refusal(`[${'['.repeat(70)}${']'.repeat(70)}]`)).toEqual([
      { path: '[0]'.repeat(64), message: 'arrays and objects may be nested at most 64 deep' },
    ]);
    expect(refusal('{"requests":[],"requests":[{}]}')).toEqual([
      { path: 'requests', message: 'requests is given more than once in this object' },
    ]);
    expect(refusal('[{}')).toEqual([{ path: '', message: expect.stringMatching(/^malformed JSON: /) }]);
    expect(refusal('[]')).toEqual([{ path: '', message: 'give at least one quote request' }]);
    expect(refusal('{"vessel":{}}')).toEqual([
      { path: '', message: 'the body must be an array of quote requests, or an object { "requests": [...] }' },
    ]);
  });
});
