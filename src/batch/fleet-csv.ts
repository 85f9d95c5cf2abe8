/**
 * Fleet CSV → batch items. One row per port call, keyed by IMO; the vessel
 * columns are either repeated on the call rows (one file) or given once per
 * vessel in a second file. A vessel whose rows hold any error is not quoted
 * (a dropped call would regroup its rotations and move its cap count); every
 * other vessel is.
 */
import type { QuoteOptions } from '../engine';
import {
  CALL_COLUMNS,
  type ColumnSpec,
  columnForPath,
  normalizeHeader,
  REQUEST_COLUMNS,
  readCell,
  setPath,
  VESSEL_COLUMNS,
} from './columns';
import { type CsvRecord, CsvSyntaxError, CsvTooLargeError, parseCsv } from './csv';
import {
  type BatchError,
  BatchFormatError,
  type BatchItem,
  BatchLimitError,
  type BatchLimits,
  type ValidateRequest,
  withDefaults,
} from './items';

type FileName = 'calls' | 'vessels';

interface Header {
  /** Column of each field position (the imo key included, though it is read apart). */
  columns: Array<ColumnSpec>;
  /** The header text as written, by column name. */
  written: Map<string, string>;
  imoAt: number;
}

/** A value with the line it was read from. */
interface Sourced {
  value: unknown;
  line: number;
  text: string;
}

interface VesselDraft {
  imo: string;
  firstLine: number;
  lines: number[];
  values: Map<string, Sourced>;
  calls: Array<{ line: number; call: Record<string, unknown> }>;
  errors: BatchError[];
  /** Two-file input: the vessel's row in the vessels file, when there is one. */
  vesselLine?: number;
}

const IMO_COLUMN = VESSEL_COLUMNS[0]!;

function readRecords(
  text: string,
  file: FileName,
  limits: BatchLimits,
  twoFiles: boolean,
  skippedAfterHeader = 0,
): CsvRecord[] {
  const where = (line: number): BatchError => ({
    path: '',
    row: line,
    column: null,
    message: '',
    ...(twoFiles ? { file } : {}),
  });
  try {
    // The header, then at most one row per call (calls file) or per vessel (vessels file).
    return parseCsv(text, { maxRecords: (file === 'calls' ? limits.calls : limits.vessels) + 1 }, skippedAfterHeader);
  } catch (error) {
    if (error instanceof CsvTooLargeError) {
      throw new BatchLimitError(
        file,
        `at most ${file === 'calls' ? `${limits.calls} port calls` : `${limits.vessels} vessels`} per batch: the ${file} file has more rows`,
      );
    }
    if (error instanceof CsvSyntaxError) throw new BatchFormatError([{ ...where(error.line), message: error.reason }]);
    throw error;
  }
}

/** Maps the header to columns; unknown or repeated names and missing required columns are refused. */
function readHeader(
  record: CsvRecord | undefined,
  allowed: ReadonlyArray<ColumnSpec>,
  required: ReadonlyArray<ColumnSpec>,
  file: FileName,
  twoFiles: boolean,
): Header {
  const at = (column: string | null, message: string): BatchError => ({
    path: '',
    row: 1,
    column,
    message,
    ...(twoFiles ? { file } : {}),
  });
  if (!record)
    throw new BatchFormatError([at(null, `the ${file} file is empty: it needs a header row naming its columns`)]);
  const byName = new Map(allowed.map((column) => [normalizeHeader(column.name), column]));
  const errors: BatchError[] = [];
  const columns: ColumnSpec[] = [];
  const written = new Map<string, string>();
  record.fields.forEach((name, i) => {
    const column = byName.get(normalizeHeader(name));
    if (!column)
      errors.push(
        at(name, `unknown column "${name}"; the ${file} columns are: ${allowed.map((c) => c.name).join(', ')}`),
      );
    else if (written.has(column.name)) errors.push(at(name, `column ${column.name} appears twice`));
    else written.set(column.name, name.trim());
    columns[i] = column ?? IMO_COLUMN;
  });
  for (const column of required)
    if (!written.has(column.name)) errors.push(at(column.name, `missing required column ${column.name}`));
  if (errors.length > 0) throw new BatchFormatError(errors);
  return { columns, written, imoAt: columns.indexOf(IMO_COLUMN) };
}

function draftFor(drafts: Map<string, VesselDraft>, imo: string, line: number): VesselDraft {
  let draft = drafts.get(imo);
  if (!draft) {
    draft = { imo, firstLine: line, lines: [], values: new Map(), calls: [], errors: [] };
    drafts.set(imo, draft);
  }
  return draft;
}

/** Reads a vessel column into the draft; a value that differs from an earlier row's is an error. */
function takeVesselValue(
  draft: VesselDraft,
  column: ColumnSpec,
  raw: string,
  line: number,
  header: Header,
  fail: (column: ColumnSpec, message: string) => void,
): void {
  const cell = readCell(column, raw);
  if (cell.error) {
    fail(column, cell.error);
    return;
  }
  if (cell.value === undefined) return;
  const earlier = draft.values.get(column.name);
  if (earlier && JSON.stringify(earlier.value) !== JSON.stringify(cell.value)) {
    fail(
      column,
      `${header.written.get(column.name)} "${raw.trim()}" differs from "${earlier.text}" on row ${earlier.line} for the same vessel`,
    );
  }
  if (!earlier) draft.values.set(column.name, { value: cell.value, line, text: raw.trim() });
}

/** Reads the data rows of one file into vessel drafts. */
function readRows(
  records: CsvRecord[],
  header: Header,
  file: FileName,
  twoFiles: boolean,
  drafts: Map<string, VesselDraft>,
  orphans: BatchError[],
): void {
  for (const record of records) {
    const line = record.line;
    const imo = (record.fields[header.imoAt] ?? '').trim();
    const fileTag = twoFiles ? { file } : {};
    if (imo === '') {
      orphans.push({
        path: 'vessel.imo',
        row: line,
        column: header.written.get('imo') ?? 'imo',
        message: 'every row needs the IMO number of its vessel',
        ...fileTag,
      });
      continue;
    }
    if (file === 'vessels' && drafts.get(imo)?.vesselLine !== undefined) {
      const draft = drafts.get(imo)!;
      draft.errors.push({
        path: 'vessel',
        row: line,
        column: header.written.get('imo') ?? 'imo',
        message: `vessel ${imo} already has a row (${draft.vesselLine}) in the vessels file`,
        ...fileTag,
      });
      continue;
    }
    const draft = draftFor(drafts, imo, line);
    // A vessel's rows are its call rows (in two files, its vessel row is kept apart).
    if (file === 'vessels') draft.vesselLine = line;
    else draft.lines.push(line);
    const call: Record<string, unknown> = {};
    const fail = (column: ColumnSpec, message: string) => {
      draft.errors.push({
        path:
          column.scope === 'call'
            ? `portCalls[${draft.calls.length}].${column.path.join('.')}`
            : column.scope === 'request'
              ? column.path.join('.')
              : `vessel.${column.path.join('.')}`,
        row: line,
        column: header.written.get(column.name) ?? column.name,
        message,
        ...fileTag,
      });
    };
    if (record.fields.length > header.columns.length) {
      draft.errors.push({
        path: '',
        row: line,
        column: null,
        message: `the row has ${record.fields.length} fields but the header names ${header.columns.length}`,
        ...fileTag,
      });
    }
    header.columns.forEach((column, i) => {
      if (column === IMO_COLUMN) return;
      const raw = record.fields[i] ?? '';
      if (column.scope !== 'call') {
        takeVesselValue(draft, column, raw, line, header, fail);
        return;
      }
      const cell = readCell(column, raw);
      if (cell.error) fail(column, cell.error);
      else if (cell.value !== undefined) setPath(call, column.path, cell.value);
    });
    if (file === 'calls') draft.calls.push({ line, call });
  }
}

/** The draft as a batch item: assembled, then validated; errors are placed on rows and columns. */
function itemOf(
  draft: VesselDraft,
  header: { calls: Header; vessels?: Header },
  validate: ValidateRequest,
  defaults: QuoteOptions,
): BatchItem {
  const twoFiles = header.vessels !== undefined;
  const vesselHeader = header.vessels ?? header.calls;
  const locate = (path: string): Omit<BatchError, 'message'> => {
    const call = /^portCalls\[(\d+)\]\.?(.*)$/.exec(path);
    if (call) {
      const row = draft.calls[Number(call[1])]?.line ?? draft.firstLine;
      const column = columnForPath(CALL_COLUMNS, call[2] ?? '');
      return {
        path,
        row,
        column: column ? (header.calls.written.get(column.name) ?? column.name) : null,
        ...(twoFiles ? { file: 'calls' as const } : {}),
      };
    }
    if (path.startsWith('vessel')) {
      const column = columnForPath(VESSEL_COLUMNS, path.replace(/^vessel\.?/, ''));
      const row = (column && draft.values.get(column.name)?.line) ?? draft.vesselLine ?? draft.firstLine;
      return {
        path,
        row,
        column: column ? (vesselHeader.written.get(column.name) ?? column.name) : null,
        ...(twoFiles ? { file: 'vessels' as const } : {}),
      };
    }
    const requestColumn = columnForPath(REQUEST_COLUMNS, path);
    if (requestColumn) {
      return {
        path,
        row: draft.values.get(requestColumn.name)?.line ?? draft.vesselLine ?? draft.firstLine,
        column: vesselHeader.written.get(requestColumn.name) ?? requestColumn.name,
        ...(twoFiles ? { file: 'vessels' as const } : {}),
      };
    }
    return { path, row: draft.firstLine, column: null };
  };
  const item: BatchItem = {
    imo: draft.imo,
    rows: [...draft.lines].sort((a, b) => a - b),
    calls: draft.calls.length,
    errors: draft.errors,
    locate,
  };
  if (twoFiles && draft.vesselLine === undefined) {
    item.errors.push({
      path: 'vessel',
      row: draft.firstLine,
      column: header.calls.written.get('imo') ?? 'imo',
      file: 'calls',
      message: `no row for vessel ${draft.imo} in the vessels file`,
    });
  }
  if (draft.calls.length === 0) {
    item.errors.push({
      path: 'portCalls',
      row: draft.firstLine,
      column: null,
      ...(twoFiles ? { file: 'vessels' as const } : {}),
      message: `no port calls for vessel ${draft.imo}`,
    });
  }
  if (item.errors.length > 0) return item;

  const vessel: Record<string, unknown> = { imo: draft.imo };
  const request: Record<string, unknown> = { vessel, portCalls: draft.calls.map(({ call }) => call) };
  for (const [name, sourced] of draft.values) {
    const column = [...VESSEL_COLUMNS, ...REQUEST_COLUMNS].find((candidate) => candidate.name === name)!;
    setPath(column.scope === 'request' ? request : vessel, column.path, sourced.value);
  }
  const checked = validate(request);
  if ('issues' in checked) {
    item.errors = checked.issues.map((issue) => ({ ...locate(issue.path), message: issue.message }));
    if (checked.count !== undefined) item.errorCount = checked.count;
    return item;
  }
  item.request = { ...checked.request, options: withDefaults(checked.request.options, defaults) };
  return item;
}

export interface FleetCsv {
  /** The port-call rows; with the vessel columns repeated when `vessels` is absent. */
  calls: string;
  /** One row per vessel (optional second file). */
  vessels?: string;
  /**
   * Lines of the calls file left out of `calls` after its header, when
   * `calls` holds the header and a later range of the file: rows keep their
   * line numbers in the whole file.
   */
  callsSkippedLines?: number;
}

/**
 * Items from fleet CSV, one per IMO in order of first appearance. Rows
 * without an IMO are reported in `orphans` (they belong to no vessel).
 * @throws BatchFormatError for an unreadable file or header, BatchLimitError beyond the limits.
 */
export function fromCsv(
  files: FleetCsv,
  validate: ValidateRequest,
  limits: BatchLimits,
  defaults: QuoteOptions = {},
): { items: BatchItem[]; orphans: BatchError[] } {
  const twoFiles = files.vessels !== undefined;
  const drafts = new Map<string, VesselDraft>();
  const orphans: BatchError[] = [];
  let vesselHeader: Header | undefined;
  if (files.vessels !== undefined) {
    const [head, ...rows] = readRecords(files.vessels, 'vessels', limits, true);
    vesselHeader = readHeader(
      head,
      [...VESSEL_COLUMNS, ...REQUEST_COLUMNS],
      VESSEL_COLUMNS.filter((column) => column.required),
      'vessels',
      true,
    );
    readRows(rows, vesselHeader, 'vessels', true, drafts, orphans);
  }
  const [head, ...rows] = readRecords(files.calls, 'calls', limits, twoFiles, files.callsSkippedLines);
  const allowed = twoFiles ? [IMO_COLUMN, ...CALL_COLUMNS] : [...VESSEL_COLUMNS, ...REQUEST_COLUMNS, ...CALL_COLUMNS];
  const callHeader = readHeader(
    head,
    allowed,
    allowed.filter((column) => column.required),
    'calls',
    twoFiles,
  );
  readRows(rows, callHeader, 'calls', twoFiles, drafts, orphans);
  if (drafts.size > limits.vessels)
    throw new BatchLimitError('imo', `at most ${limits.vessels} vessels per batch; this one has ${drafts.size}`);
  if (drafts.size === 0 && orphans.length === 0)
    throw new BatchFormatError([
      { path: '', row: 2, column: null, message: 'the calls file has a header but no rows' },
    ]);
  const headers = { calls: callHeader, ...(vesselHeader ? { vessels: vesselHeader } : {}) };
  return { items: [...drafts.values()].map((draft) => itemOf(draft, headers, validate, defaults)), orphans };
}
