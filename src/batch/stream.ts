/**
 * A batch answer as a byte stream: vessels are quoted as the reader pulls,
 * so a large fleet starts arriving at once and never sits whole in memory.
 */
import type { QuoteEnvironment } from '../engine';
import type { BatchError, BatchItem } from './items';
import { BATCH_LIMITS } from './limits';
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
  limits: ErrorLimits = BATCH_LIMITS,
): Generator<string> {
  const writer = BATCH_WRITERS[format];
  const totals = new BatchTotals();
  const budget = new ErrorBudget(limits);
  let quoted = 0;
  yield writer.start();
  for (const [i, item] of items.entries()) {
    const result = quoteItem(item, env, totals, detail);
    if (result.quote) quoted += 1;
    else if (result.problem) {
      const found = Math.max(result.problem.errorCount ?? 0, result.problem.errors.length);
      const errors = budget.take(result.problem.errors, found, limits.errorsPerVessel);
      result.problem = { ...result.problem, errors, errorCount: found, omittedErrors: found - errors.length };
    }
    yield writer.vessel(result, i === 0);
  }
  // Rows that belong to no vessel are written once, here; vessel errors were written with their vessel.
  const written = budget.take(orphans, orphans.length, Number.POSITIVE_INFINITY);
  const end: BatchEnd = {
    totals: totals.list(),
    errors: written,
    orphans: written,
    summary: {
      vessels: items.length,
      quoted,
      failed: items.length - quoted,
      calls: items.reduce((total, item) => total + item.calls, 0),
      errors: budget.found,
      omittedErrors: budget.found - budget.written,
    },
  };
  yield writer.end(end);
}

/** The error limits of one answer. */
export interface ErrorLimits {
  errorsPerVessel: number;
  errorsPerBatch: number;
}

/** Counts errors found and written, so no answer writes more than the per-vessel and per-batch limits. */
class ErrorBudget {
  found = 0;
  written = 0;
  constructor(private readonly limits: ErrorLimits) {}

  /** The errors to write out of `errors` (of `found` in all), within both limits. */
  take(errors: ReadonlyArray<BatchError>, found: number, perOwner: number): BatchError[] {
    const room = Math.max(0, Math.min(perOwner, this.limits.errorsPerBatch - this.written));
    const kept = errors.slice(0, room);
    this.found += found;
    this.written += kept.length;
    return kept;
  }
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
