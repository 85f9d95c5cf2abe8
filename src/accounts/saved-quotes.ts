/**
 * Saved quotes in D1: immutable once written. The response is kept as the
 * exact text that was sent, so reading it back returns the same bytes whatever
 * tariff versions ship later.
 */

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
  } catch {
    return [];
  }
}

/**
 * Saves a quote for an account. Saving the same quote id again keeps the
 * first copy: the result is always the stored response, and `created` says
 * whether this call wrote it. Insert and read run in one batch (one transaction).
 */
export async function saveQuote(db: D1Database, quote: QuoteToSave): Promise<SavedQuote & { created: boolean }> {
  const [insert, read] = await db.batch([
    db
      .prepare(
        `INSERT INTO saved_quotes (account_id, quote_id, imo, created_at, request, response, tariffs)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, quote_id) DO NOTHING`,
      )
      .bind(
        quote.accountId,
        quote.quoteId,
        quote.imo,
        quote.savedAt,
        quote.request,
        quote.response,
        JSON.stringify(quote.tariffs),
      ),
    db
      .prepare('SELECT response, created_at FROM saved_quotes WHERE account_id = ? AND quote_id = ?')
      .bind(quote.accountId, quote.quoteId),
  ]);
  const row = (read?.results as Array<{ response: string; created_at: string }> | undefined)?.[0];
  if (!row) throw new Error(`saved quote ${quote.quoteId} could not be read back`);
  return {
    quoteId: quote.quoteId,
    response: row.response,
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
  const row = await db
    .prepare('SELECT response, created_at FROM saved_quotes WHERE account_id = ? AND quote_id = ?')
    .bind(accountId, quoteId)
    .first<{ response: string; created_at: string }>();
  return row ? { quoteId, response: row.response, savedAt: row.created_at } : undefined;
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
              json_extract(response, '$.asOf') AS as_of, json_extract(response, '$.totals') AS totals
       FROM saved_quotes WHERE ${where.join(' AND ')}
       ORDER BY created_at DESC, quote_id DESC LIMIT ?`,
    )
    .bind(...values, filter.limit)
    .all<{
      quote_id: string;
      imo: string;
      created_at: string;
      tariffs: string;
      as_of: string | null;
      totals: string | null;
    }>();
  return results.map((row) => ({
    quoteId: row.quote_id,
    imo: row.imo,
    savedAt: row.created_at,
    asOf: row.as_of,
    tariffs: parseJsonArray<TariffHash>(row.tariffs),
    totals: parseJsonArray<{ currency: string; amount: string }>(row.totals),
  }));
}
