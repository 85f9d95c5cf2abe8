/**
 * One quote taken elsewhere: its voyages as CSV (one row per voyage, the
 * API's codes and decimal strings as they are) and the exact POST /v1/quotes
 * request as a curl command a developer can run.
 */
import { csvLine } from '../lib/csv-line';
import { type QuoteResult, voyageRange } from './quote';

export const CSV_COLUMNS = [
  'regime',
  'port',
  'arrival',
  'rule',
  'outcome',
  'certainty',
  'amount',
  'currency',
  'low',
  'high',
] as const;

/**
 * The voyages of a quote as CSV, CRLF line ends (RFC 4180).
 * @example quoteCsv(quote) // 'regime,port,arrival,…\r\nus-301,USLAX,2026-12-15T06:00:00-08:00,annex-i,charged,unconfirmed,4800000.00,USD,0.00,4800000.00\r\n'
 */
export function quoteCsv(quote: QuoteResult): string {
  const rows = quote.voyages.map((voyage) => {
    const { low, high } = voyageRange(voyage);
    return [
      voyage.regime,
      voyage.chargedAt ?? voyage.calls[0] ?? '',
      voyage.arrival ?? '',
      voyage.rule ?? '',
      voyage.outcome,
      voyage.certainty ?? '',
      voyage.fee.amount,
      voyage.fee.currency,
      low,
      high,
    ];
  });
  return [[...CSV_COLUMNS], ...rows].map((row) => csvLine(row)).join('');
}

/** Text inside POSIX single quotes. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The request as a curl command (no account key: a secret has no place on a clipboard).
 * @example curlCommand('https://portfees.example.com', { vessel: {…}, portCalls: […] })
 */
export function curlCommand(apiBase: string, request: unknown): string {
  return [
    `curl -X POST ${shellQuote(`${apiBase}/v1/quotes`)}`,
    `-H ${shellQuote('content-type: application/json')}`,
    `--data-raw ${shellQuote(JSON.stringify(request))}`,
  ].join(' \\\n  ');
}
