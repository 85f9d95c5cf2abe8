/**
 * Vessel CSV → vessel objects, for importing a fleet into the vessel
 * registry: the vessel columns of the fleet CSV (./columns.ts), one row per
 * vessel. Each row stands alone: a bad row is reported with its line and
 * column, and the other rows are still read.
 */
import { columnForPath, normalizeHeader, readCell, setPath, VESSEL_COLUMNS } from './columns';
import { CsvSyntaxError, CsvTooLargeError, parseCsv } from './csv';
import { type BatchError, BatchFormatError, BatchLimitError } from './items';

/** Checks one assembled vessel; the API supplies its wire schema. */
export type ValidateVessel = (
  raw: Record<string, unknown>,
) => { vessel: Record<string, unknown> } | { issues: Array<{ path: string; message: string }> };

export interface VesselRow {
  row: number;
  imo: string;
  vessel: Record<string, unknown>;
}

/**
 * Reads a vessel CSV. Errors name `vessel.<field>` paths, the row (the header
 * is row 1) and the column as the header wrote it.
 * @throws BatchFormatError for an unreadable file or header, BatchLimitError beyond `maxVessels` rows.
 */
export function vesselsFromCsv(
  text: string,
  validate: ValidateVessel,
  maxVessels: number,
): { vessels: VesselRow[]; errors: BatchError[] } {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text, { maxRecords: maxVessels + 1 });
  } catch (error) {
    if (error instanceof CsvTooLargeError)
      throw new BatchLimitError('', `at most ${maxVessels} vessels per import: the file has more rows`);
    if (error instanceof CsvSyntaxError)
      throw new BatchFormatError([{ path: '', row: error.line, column: null, message: error.reason }]);
    throw error;
  }
  const [head, ...rows] = records;
  if (!head)
    throw new BatchFormatError([
      { path: '', row: 1, column: null, message: 'the file is empty: it needs a header row' },
    ]);
  const byName = new Map(VESSEL_COLUMNS.map((column) => [normalizeHeader(column.name), column]));
  const headerErrors: BatchError[] = [];
  const written = new Map<string, string>();
  const columns = head.fields.map((name) => {
    const column = byName.get(normalizeHeader(name));
    if (!column)
      headerErrors.push({
        path: '',
        row: 1,
        column: name,
        message: `unknown column "${name}"; the vessel columns are: ${VESSEL_COLUMNS.map((c) => c.name).join(', ')}`,
      });
    else if (written.has(column.name))
      headerErrors.push({ path: '', row: 1, column: name, message: `column ${column.name} appears twice` });
    else written.set(column.name, name.trim());
    return column;
  });
  for (const column of VESSEL_COLUMNS)
    if (column.required && !written.has(column.name))
      headerErrors.push({ path: '', row: 1, column: column.name, message: `missing required column ${column.name}` });
  if (headerErrors.length > 0) throw new BatchFormatError(headerErrors);
  if (rows.length === 0)
    throw new BatchFormatError([{ path: '', row: 2, column: null, message: 'the file has a header but no rows' }]);

  const vessels: VesselRow[] = [];
  const errors: BatchError[] = [];
  const seen = new Map<string, number>();
  const columnText = (name: string) => written.get(name) ?? name;
  for (const record of rows) {
    const row = record.line;
    const rowErrors: BatchError[] = [];
    const raw: Record<string, unknown> = {};
    if (record.fields.length > columns.length)
      rowErrors.push({
        path: '',
        row,
        column: null,
        message: `the row has ${record.fields.length} fields but the header names ${columns.length}`,
      });
    columns.forEach((column, i) => {
      if (!column) return;
      const cell = readCell(column, record.fields[i] ?? '');
      if (cell.error)
        rowErrors.push({
          path: `vessel.${column.path.join('.')}`,
          row,
          column: columnText(column.name),
          message: cell.error,
        });
      else if (cell.value !== undefined) setPath(raw, column.path, cell.value);
    });
    const imo = typeof raw.imo === 'string' ? raw.imo : '';
    const earlier = seen.get(imo);
    if (imo && earlier !== undefined)
      rowErrors.push({
        path: 'vessel.imo',
        row,
        column: columnText('imo'),
        message: `vessel ${imo} already has a row (${earlier}) in this file`,
      });
    if (rowErrors.length === 0) {
      const checked = validate(raw);
      if ('issues' in checked) {
        for (const issue of checked.issues) {
          const column = columnForPath(VESSEL_COLUMNS, issue.path.replace(/^vessel\.?/, ''));
          rowErrors.push({
            path: issue.path,
            row,
            column: column ? columnText(column.name) : null,
            message: issue.message,
          });
        }
      } else vessels.push({ row, imo, vessel: checked.vessel });
    }
    if (imo && earlier === undefined) seen.set(imo, row);
    errors.push(...rowErrors);
  }
  return { vessels, errors };
}
