/**
 * A batch answer as a byte stream: vessels are quoted as the reader pulls,
 * so a large fleet starts arriving at once and never sits whole in memory.
 */
import type { QuoteEnvironment } from '../engine';
import type { BatchError, BatchItem } from './items';
import { BATCH_WRITERS, type BatchEnd, type BatchFormat } from './output';
import { BatchTotals, quoteItem } from './run';

/** Bytes gathered before a chunk is handed to the reader: fewer, larger chunks cost less CPU. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The pieces of a batch answer in order: the opening, one piece per vessel, the closing with totals.
 * @example [...batchPieces(items, [], env, 'ndjson')].length // items.length + 2
 */
export function* batchPieces(
  items: ReadonlyArray<BatchItem>,
  orphans: ReadonlyArray<BatchError>,
  env: QuoteEnvironment,
  format: BatchFormat,
  detail: 'summary' | 'full' = 'summary',
): Generator<string> {
  const writer = BATCH_WRITERS[format];
  const totals = new BatchTotals();
  const errors: BatchError[] = [];
  let quoted = 0;
  yield writer.start();
  for (const [i, item] of items.entries()) {
    const result = quoteItem(item, env, totals, detail);
    if (result.quote) quoted += 1;
    else errors.push(...(result.problem?.errors ?? []));
    yield writer.vessel(result, i === 0);
  }
  const end: BatchEnd = {
    totals: totals.list(),
    errors: [...errors, ...orphans],
    orphans: [...orphans],
    summary: {
      vessels: items.length,
      quoted,
      failed: items.length - quoted,
      calls: items.reduce((total, item) => total + item.calls, 0),
    },
  };
  yield writer.end(end);
}

/** The pieces as a UTF-8 stream, in chunks of about {@link CHUNK_CHARS} characters. */
export function batchStream(pieces: Iterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = '';
      while (chunk.length < CHUNK_CHARS) {
        const next = pieces.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}
