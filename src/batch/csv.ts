/**
 * RFC 4180 CSV: parsing (quoted fields, doubled quotes, CRLF or LF, a
 * leading byte-order mark) and writing. Records keep the line on which they
 * start, so errors can name the row a person sees in an editor.
 */

export interface CsvRecord {
  /** 1-based line of the file on which the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export interface CsvLimits {
  /** Most records, the header included. */
  maxRecords: number;
  maxFieldsPerRecord: number;
  maxFieldLength: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    /** What is wrong, without the row (for callers that name the row themselves). */
    readonly reason: string,
  ) {
    super(`row ${line}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Thrown when the file has more records than the limit allows (the count so far is a lower bound). */
export class CsvTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} records`);
    this.name = 'CsvTooLargeError';
  }
}

const DEFAULT_LIMITS: CsvLimits = {
  maxRecords: Number.POSITIVE_INFINITY,
  maxFieldsPerRecord: 256,
  maxFieldLength: 8192,
};

/**
 * Parses CSV text. Blank lines are skipped; a quote may only open a field.
 * `skippedAfterFirst` counts lines of the file left out of `text` after its
 * first record (the header, then a later range of the file): the records
 * after it keep the lines they have in the file.
 * @throws CsvSyntaxError naming the line of a malformed record, CsvTooLargeError beyond `limits.maxRecords`.
 * @example parseCsv('imo,port\n9310006,USLAX\n')[1] // { line: 2, fields: ['9310006', 'USLAX'] }
 */
export function parseCsv(text: string, limits: Partial<CsvLimits> = {}, skippedAfterFirst = 0): CsvRecord[] {
  const { maxRecords, maxFieldsPerRecord, maxFieldLength } = { ...DEFAULT_LIMITS, ...limits };
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const length = source.length;
  while (i < length) {
    const start = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let field: string;
      if (source[i] === '"') {
        // Quoted field: runs to the next lone quote; "" is a quote; newlines inside count as lines.
        let value = '';
        let j = i + 1;
        for (;;) {
          const next = source.indexOf('"', j);
          if (next === -1) throw new CsvSyntaxError(start, `a quoted field is never closed`);
          value += source.slice(j, next);
          if (source[next + 1] === '"') {
            value += '"';
            j = next + 2;
            continue;
          }
          i = next + 1;
          break;
        }
        for (const char of value) if (char === '\n') line += 1;
        field = value;
        if (i < length && source[i] !== ',' && source[i] !== '\n' && source[i] !== '\r') {
          throw new CsvSyntaxError(start, `unexpected text after a closing quote`);
        }
      } else {
        let j = i;
        while (j < length && source[j] !== ',' && source[j] !== '\n' && source[j] !== '\r') j += 1;
        field = source.slice(i, j);
        if (field.includes('"'))
          throw new CsvSyntaxError(
            start,
            `a quote inside an unquoted field; quote the whole field and double the quote`,
          );
        i = j;
      }
      if (field.length > maxFieldLength)
        throw new CsvSyntaxError(start, `a field is longer than ${maxFieldLength} characters`);
      fields.push(field);
      if (fields.length > maxFieldsPerRecord) throw new CsvSyntaxError(start, `more than ${maxFieldsPerRecord} fields`);
      if (i >= length) endOfRecord = true;
      else if (source[i] === ',') i += 1;
      else {
        // \r\n, \n or a lone \r ends the record.
        i += source[i] === '\r' && source[i + 1] === '\n' ? 2 : 1;
        line += 1;
        endOfRecord = true;
      }
    }
    if (fields.length === 1 && fields[0] === '') continue;
    if (records.length >= maxRecords) throw new CsvTooLargeError(maxRecords);
    records.push({ line: start, fields });
    if (records.length === 1) line += skippedAfterFirst;
  }
  return records;
}

export { csvLine } from '../lib/csv-line';
