import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/batch/fleet-csv';
import { csvChunkFile, csvItems } from '../../src/jobs/chunk';
import { splitCsv, splitNdjson } from '../../src/jobs/split';

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
