/**
 * Limits of fleet jobs. CSV and NDJSON are streamed into R2 and read back in
 * ranges, so only the platform's request size bounds them; JSON (parsed whole
 * once, by the split) and the two-file multipart (parsed whole by each chunk)
 * keep the batch route's size.
 */
import { BATCH_LIMITS } from '../batch/limits';
import type { JobFormat } from './store';

export const JOB_LIMITS = {
  /**
   * Vessels per chunk (one queue message): about a second of quoting, well inside
   * a consumer's limits. Each chunk also costs its own reads, writes, summary and
   * D1 updates, so fewer, larger chunks cost less CPU in all (docs/performance.md).
   */
  chunkVessels: 2000,
  /** CSV and NDJSON bodies, in bytes (500 MiB, the largest request body Cloudflare accepts on any plan). */
  streamedBytes: 500 * 1024 * 1024,
  /** JSON and multipart bodies, in bytes: as the batch route. */
  wholeBytes: BATCH_LIMITS.bodyBytes,
  /** Vessels per page of the report page's per-vessel rows (`?rows=` picks the page). */
  pageRows: 50,
  /** How long the page link of a job opens its report page, in days. */
  pageLinkDays: 7,
  /** Jobs an account may have queued or running at once; the next is refused with 429. */
  activePerAccount: 3,
  /**
   * How long a job's results and report are kept in R2, in days after it was
   * created: the bucket's lifecycle rule on `jobs/` (README, "Fleet jobs").
   * The input is deleted as soon as the job ends or is cancelled.
   */
  resultsDays: 30,
  /** A job with no progress for this long has its messages sent again by the scheduled check. */
  stalledMinutes: 10,
} as const;

/** The job format of a Content-Type, or undefined when jobs do not take it. */
export function jobFormatOf(contentType: string): JobFormat | undefined {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'text/csv') return 'csv';
  if (mediaType === 'application/x-ndjson') return 'ndjson';
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'multipart/form-data') return 'multipart';
  return undefined;
}
