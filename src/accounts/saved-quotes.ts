/**
 * Saved quotes in D1: immutable once written. The response is kept as the
 * exact text that was sent, so reading it back returns the same bytes whatever
 * tariff versions ship later. A large response is stored gzip-compressed
 * (CompressionStream), which keeps every answer the API can give (500 port
 * calls with full explanations: megabytes of JSON) well inside D1's row size.
 */

/** Responses longer than this (characters) are stored compressed. */
export const COMPRESS_ABOVE_CHARS = 64 * 1024;
/** Most bytes one saved quote may take in D1 (compressed response and request); D1 refuses rows of 2 MB. */
export const SAVED_QUOTE_MAX_BYTES = 1_500_000;

/** The quote cannot be saved even compressed; the caller should answer 413, never a retryable 503. */
export class QuoteTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`the quote takes ${bytes} bytes compressed; at most ${SAVED_QUOTE_MAX_BYTES} can be saved`);
    this.name = 'QuoteTooLargeError';
  }
}

/** gzip of UTF-8 text. */
export async function gzipText(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The UTF-8 text of gzip bytes (as D1 returns a BLOB: an ArrayBuffer or an array of bytes). */
export async function gunzipText(bytes: ArrayBuffer | ArrayLike<number>): Promise<string> {
  const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : Uint8Array.from(bytes);
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

interface StoredResponse {
  response: string;
  response_gzip: ArrayBuffer | number[] | null;
  created_at: string;
}

const responseText = (row: StoredResponse): Promise<string> =>
  row.response_gzip === null ? Promise.resolve(row.response) : gunzipText(row.response_gzip);

export interface TariffHash {
  id: string;
  regime: string;
  sha256: string;
}

export interface QuoteToSave {
  accountId: string;
  quoteId: string;
  imo: string;
  /** The request as validated, JSON. */
  request: string;
  /** The response body exactly as sent, JSON. */
  response: string;
  tariffs: TariffHash[];
  savedAt: string;
  /** The quote's asOf and totals (JSON), kept beside a compressed response for listings. */
  asOf: string;
  totals: string;
}

export interface SavedQuote {
  quoteId: string;
  response: string;
  savedAt: string;
}

export interface SavedQuoteSummary {
  quoteId: string;
  imo: string;
  savedAt: string;
  asOf: string | null;
  tariffs: TariffHash[];
  totals: Array<{ currency: string; amount: string }>;
}

export interface SavedQuoteFilter {
  imo?: string;
  /** First UTC date (`YYYY-MM-DD`) of saving, inclusive. */
  from?: string;
  /** Last UTC date of saving, inclusive. */
  to?: string;
  limit: number;
  /** Continue after this entry (newest first). */
  after?: { savedAt: string; quoteId: string };
}

function parseJsonArray<T>(text: string | null): T[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch (error) {
    // Listed without them rather than not at all; the log names the damage.
    console.error('saved quote column unreadable', error instanceof Error ? error.message : error);
    return [];
  }
}

/**
 * Saves a quote for an account. Saving the same quote id again keeps the
 * first copy: the result is always the stored response, and `created` says
 * whether this call wrote it. Insert and read run in one batch (one transaction).
 * @throws QuoteTooLargeError when even the compressed response is too large for a row.
 */
export async function saveQuote(db: D1Database, quote: QuoteToSave): Promise<SavedQuote & { created: boolean }> {
  const compressed = quote.response.length > COMPRESS_ABOVE_CHARS ? await gzipText(quote.response) : null;
  const bytes =
    (compressed?.byteLength ?? new TextEncoder().encode(quote.response).byteLength) +
    new TextEncoder().encode(quote.request).byteLength;
  if (bytes > SAVED_QUOTE_MAX_BYTES) throw new QuoteTooLargeError(bytes);
  const [insert, read] = await db.batch([
    db
      .prepare(
        `INSERT INTO saved_quotes (account_id, quote_id, imo, created_at, request, response, tariffs, response_gzip, as_of, totals)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, quote_id) DO NOTHING`,
      )
      .bind(
        quote.accountId,
        quote.quoteId,
        quote.imo,
        quote.savedAt,
        quote.request,
        compressed ? '' : quote.response,
        JSON.stringify(quote.tariffs),
        compressed,
        quote.asOf,
        quote.totals,
      ),
    db
      .prepare('SELECT response, response_gzip, created_at FROM saved_quotes WHERE account_id = ? AND quote_id = ?')
      .bind(quote.accountId, quote.quoteId),
  ]);
  const row = (read?.results as StoredResponse[] | undefined)?.[0];
  if (!row) throw new Error(`saved quote ${quote.quoteId} could not be read back`);
  return {
    quoteId: quote.quoteId,
    response: await responseText(row),
    savedAt: row.created_at,
    created: (insert?.meta.changes ?? 0) > 0,
  };
}

/** One saved quote of an account; undefined when the account has none with that id. */
export async function getSavedQuote(
  db: D1Database,
  accountId: string,
  quoteId: string,
): Promise<SavedQuote | undefined> {
  const row = await savedQuoteRecord(db, accountId, quoteId);
  return row ? { quoteId, response: await savedResponse(row), savedAt: row.savedAt } : undefined;
}

/**
 * A saved quote as stored, for re-quoting: the request, the regimes it quoted,
 * and the response in whichever form it was stored (plain, or gzip for a
 * large one). {@link savedResponse} is the one reader of that response.
 */
export interface SavedQuoteRecord {
  accountId: string;
  quoteId: string;
  imo: string;
  savedAt: string;
  request: string;
  /** The regimes of the tariff versions the saved quote used. */
  regimes: string[];
  stored: { response: string; gzip: ArrayBuffer | number[] | null };
}

interface RecordRow extends StoredResponse {
  account_id: string;
  quote_id: string;
  imo: string;
  request: string;
  tariffs: string;
}

const RECORD_COLUMNS = 'account_id, quote_id, imo, created_at, request, response, response_gzip, tariffs';

const toRecord = (row: RecordRow): SavedQuoteRecord => ({
  accountId: row.account_id,
  quoteId: row.quote_id,
  imo: row.imo,
  savedAt: row.created_at,
  request: row.request,
  regimes: parseJsonArray<TariffHash>(row.tariffs).map((tariff) => tariff.regime),
  stored: { response: row.response, gzip: row.response_gzip },
});

/** The response text of a saved quote, whichever form it was stored in. */
export function savedResponse(record: SavedQuoteRecord): Promise<string> {
  return responseText({
    response: record.stored.response,
    response_gzip: record.stored.gzip,
    created_at: record.savedAt,
  });
}

/** One saved quote of an account as stored; undefined when there is none with that id. */
export async function savedQuoteRecord(
  db: D1Database,
  accountId: string,
  quoteId: string,
): Promise<SavedQuoteRecord | undefined> {
  const row = await db
    .prepare(`SELECT ${RECORD_COLUMNS} FROM saved_quotes WHERE account_id = ? AND quote_id = ?`)
    .bind(accountId, quoteId)
    .first<RecordRow>();
  return row ? toRecord(row) : undefined;
}

/** One page of an account's saved quotes as stored, oldest first, after (savedAt, quoteId). */
export async function savedQuoteRecords(
  db: D1Database,
  accountId: string,
  limit: number,
  after?: { savedAt: string; quoteId: string },
): Promise<SavedQuoteRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT ${RECORD_COLUMNS} FROM saved_quotes
       WHERE account_id = ?1 AND (created_at > ?2 OR (created_at = ?2 AND quote_id > ?3))
       ORDER BY created_at, quote_id LIMIT ?4`,
    )
    .bind(accountId, after?.savedAt ?? '', after?.quoteId ?? '', limit)
    .all<RecordRow>();
  return results.map(toRecord);
}

/** An account's saved quotes, newest first, optionally for one vessel and a range of saving dates. */
export async function listSavedQuotes(
  db: D1Database,
  accountId: string,
  filter: SavedQuoteFilter,
): Promise<SavedQuoteSummary[]> {
  const where = ['account_id = ?'];
  const values: unknown[] = [accountId];
  if (filter.imo) {
    where.push('imo = ?');
    values.push(filter.imo);
  }
  // Timestamps are UTC ISO text, so their first ten characters are the UTC date.
  if (filter.from) {
    where.push('substr(created_at, 1, 10) >= ?');
    values.push(filter.from);
  }
  if (filter.to) {
    where.push('substr(created_at, 1, 10) <= ?');
    values.push(filter.to);
  }
  if (filter.after) {
    where.push('(created_at < ? OR (created_at = ? AND quote_id < ?))');
    values.push(filter.after.savedAt, filter.after.savedAt, filter.after.quoteId);
  }
  const { results } = await db
    .prepare(
      `SELECT quote_id, imo, created_at, tariffs,
              CASE WHEN response_gzip IS NULL THEN json_extract(response, '$.asOf') ELSE as_of END AS listed_as_of,
              CASE WHEN response_gzip IS NULL THEN json_extract(response, '$.totals') ELSE totals END AS listed_totals
       FROM saved_quotes WHERE ${where.join(' AND ')}
       ORDER BY created_at DESC, quote_id DESC LIMIT ?`,
    )
    .bind(...values, filter.limit)
    .all<{
      quote_id: string;
      imo: string;
      created_at: string;
      tariffs: string;
      listed_as_of: string | null;
      listed_totals: string | null;
    }>();
  return results.map((row) => ({
    quoteId: row.quote_id,
    imo: row.imo,
    savedAt: row.created_at,
    asOf: row.listed_as_of,
    tariffs: parseJsonArray<TariffHash>(row.tariffs),
    totals: parseJsonArray<{ currency: string; amount: string }>(row.listed_totals),
  }));
}
