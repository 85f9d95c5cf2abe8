/**
 * The three shapes of a batch answer, written piece by piece so the answer
 * can stream: JSON (one document), NDJSON (one line per vessel, then a
 * summary line with the totals) and CSV (one row per voyage, then error and
 * total rows).
 */
import { csvLine } from './csv';
import type { BatchError } from './items';
import { type BatchTotal, listedParties, type VesselResult, type VoyageSummary } from './run';

export type BatchFormat = 'json' | 'ndjson' | 'csv';

export const BATCH_MEDIA_TYPES: Record<BatchFormat, string> = {
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

export interface BatchSummary {
  vessels: number;
  quoted: number;
  failed: number;
  calls: number;
  /** Errors found in the whole batch (vessels and rows that belong to no vessel). */
  errors: number;
  /** Of those, the errors not written (beyond the per-vessel or per-batch limit). */
  omittedErrors: number;
}

export interface BatchEnd {
  totals: BatchTotal[];
  /** The errors of rows that belong to no vessel (vessel errors are written once, with their vessel). */
  errors: BatchError[];
  /** The same rows (no IMO), for the CSV writer. */
  orphans: BatchError[];
  summary: BatchSummary;
}

export interface BatchWriter {
  start(): string;
  vessel(result: VesselResult, first: boolean): string;
  end(end: BatchEnd): string;
}

/** Columns of the CSV answer; `record` says what a row is: voyage, error or total. */
export const CSV_ANSWER_COLUMNS = [
  'record',
  'index',
  'imo',
  'rows',
  'regime',
  'tariff',
  'capYear',
  'calls',
  'chargedAt',
  'arrival',
  'rule',
  'outcome',
  'certainty',
  'amount',
  'currency',
  'low',
  'high',
  'listed',
  'voyages',
  'charged',
  'row',
  'column',
  'path',
  'message',
] as const;
type CsvAnswerRow = Partial<Record<(typeof CSV_ANSWER_COLUMNS)[number], string | number | null>>;

const csvRow = (row: CsvAnswerRow) => csvLine(CSV_ANSWER_COLUMNS.map((name) => row[name] ?? ''));

function errorRow(error: BatchError, owner: { index?: number; imo?: string | null; rows?: number[] } = {}): string {
  return csvRow({
    record: 'error',
    index: owner.index ?? error.index ?? null,
    imo: owner.imo ?? null,
    rows: owner.rows?.join(' ') ?? null,
    row: error.row ?? null,
    column: error.column ?? null,
    path: error.path,
    message: error.file ? `${error.file} file: ${error.message}` : error.message,
  });
}

const jsonWriter: BatchWriter = {
  start: () => '{"results":[',
  vessel: (result, first) => `${first ? '' : ','}${JSON.stringify(result)}`,
  end: ({ totals, errors, summary }) =>
    `],"totals":${JSON.stringify(totals)},"errors":${JSON.stringify(errors)},"summary":${JSON.stringify(summary)}}`,
};

const ndjsonWriter: BatchWriter = {
  start: () => '',
  vessel: (result) => `${JSON.stringify({ type: 'vessel', ...result })}\n`,
  end: ({ totals, errors, summary }) => `${JSON.stringify({ type: 'summary', totals, errors, summary })}\n`,
};

const csvWriter: BatchWriter = {
  start: () => csvLine(CSV_ANSWER_COLUMNS),
  vessel: (result) => {
    const owner = { index: result.index, imo: result.imo, rows: result.rows };
    if (result.problem) {
      const omitted = result.problem.omittedErrors ?? 0;
      return (
        result.problem.errors.map((error) => errorRow(error, owner)).join('') +
        (omitted > 0
          ? errorRow(
              { path: '', message: `${omitted} more error${omitted === 1 ? '' : 's'} of this vessel left out` },
              owner,
            )
          : '')
      );
    }
    return (result.quote?.voyages ?? [])
      .map((voyage) =>
        csvRow({
          record: 'voyage',
          index: result.index ?? null,
          imo: result.imo,
          rows: result.rows?.join(' ') ?? null,
          regime: voyage.regime,
          tariff: voyage.tariff,
          capYear: voyage.capYear,
          calls: voyage.calls.join(' '),
          chargedAt: voyage.chargedAt,
          arrival: voyage.arrival,
          rule: voyage.rule,
          outcome: voyage.outcome,
          certainty: voyage.certainty,
          amount: voyage.fee.amount,
          currency: voyage.fee.currency,
          low: voyage.low,
          high: voyage.high,
          listed:
            ('screening' in voyage ? listedParties(voyage) : ((voyage as VoyageSummary).listed ?? [])).join('; ') ||
            null,
        }),
      )
      .join('');
  },
  // Errors of vessels were written with their vessel; rows that belong to no vessel come here.
  end: (end) =>
    end.orphans.map((error) => errorRow(error)).join('') +
    (end.summary.omittedErrors > 0
      ? errorRow({
          path: '',
          message: `${end.summary.omittedErrors} of ${end.summary.errors} errors left out of this answer (limits per vessel and per batch)`,
        })
      : '') +
    end.totals
      .map((total) =>
        csvRow({
          record: 'total',
          regime: total.regime,
          currency: total.currency,
          capYear: total.capYear,
          amount: total.amount,
          low: total.low,
          high: total.high,
          voyages: total.voyages,
          charged: total.charged,
        }),
      )
      .join(''),
};

export const BATCH_WRITERS: Record<BatchFormat, BatchWriter> = {
  json: jsonWriter,
  ndjson: ndjsonWriter,
  csv: csvWriter,
};
