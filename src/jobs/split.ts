/**
 * Splitting a fleet job's input into chunks of whole vessels, reading the
 * input as a byte stream (never whole in memory). Fleet CSV and NDJSON are
 * cut at record boundaries into byte ranges of the input object, each range
 * holding at most `size` vessels; a vessel's rows are never cut apart.
 * CSV rows of one vessel should be together (a vessel whose rows appear in
 * two ranges is reported as one failed vessel, never quoted from part of
 * its calls); a repeated IMO in NDJSON or JSON is refused as the batch refuses it.
 * A JSON body is parsed once, here, and cut into byte ranges of whole requests,
 * so each chunk reads and checks only its own range.
 */
import { normalizeHeader } from '../batch/columns';
import { BatchFormatError, batchFlaws, requestImo, requestList } from '../batch/items';
import { jsonFlaws } from '../lib/json-scan';

export interface ChunkRange {
  seq: number;
  /** Byte range [start, end) of the input. */
  start: number;
  end: number;
  /** CSV: file line of the range's first row; NDJSON: index of its first request. */
  first: number;
  vessels: number;
  notes?: ChunkNotes;
}

/** What a chunk must know about vessels that also appear elsewhere in the input. */
export interface ChunkNotes {
  /** CSV: vessels first seen here whose rows also lie in later ranges, with those rows' lines. */
  scattered?: Record<string, number[]>;
  /** CSV: vessels first seen in an earlier range: their rows here are reported there. */
  elsewhere?: string[];
  /** NDJSON: index of a request → index of the earlier request for the same vessel. */
  repeated?: Record<string, number>;
}

export interface CsvLayout {
  /** Bytes of the header record, its line terminator included (a byte-order mark too). */
  headerEnd: number;
  /** Line of the first record after the header. */
  bodyLine: number;
}

export interface SplitResult {
  chunks: ChunkRange[];
  vessels: number;
  csv?: CsvLayout;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

const decoder = new TextDecoder();

/** Walks CSV bytes record by record, across stream pieces, keeping line numbers and byte offsets. */
class CsvScanner {
  private field: number[] = [];
  private fieldIndex = 0;
  private inQuotes = false;
  private quoteSeen = false;
  private pendingCr = false;
  /** Absolute offset of the next byte. */
  offset = 0;
  line = 1;
  private recordLine = 1;
  private recordStart = 0;
  private recordHasData = false;
  private keyText: string | null = null;
  /** Field index whose text is kept (the IMO column); -1 keeps the whole first record's fields. */
  keyAt = -1;
  headerFields: string[] = [];

  constructor(private readonly onRecord: (record: { line: number; start: number; end: number; key: string }) => void) {}

  /** True while the current field's bytes are kept: every field of the header, then only the key column. */
  private keeps(): boolean {
    return this.keyAt === -1 || this.fieldIndex === this.keyAt;
  }

  private endField(): void {
    if (this.keyAt === -1) this.headerFields.push(decoder.decode(new Uint8Array(this.field)));
    else if (this.fieldIndex === this.keyAt) this.keyText = decoder.decode(new Uint8Array(this.field)).trim();
    if (this.field.length > 0) this.field = [];
    this.fieldIndex += 1;
  }

  private endRecord(end: number): void {
    this.endField();
    if (this.recordHasData)
      this.onRecord({ line: this.recordLine, start: this.recordStart, end, key: this.keyText ?? '' });
    this.fieldIndex = 0;
    this.keyText = null;
    this.recordHasData = false;
    this.recordStart = end;
    this.recordLine = this.line;
  }

  push(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      const at = this.offset + i;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (byte === LF) {
          this.recordStart = at + 1;
          continue;
        }
      }
      if (this.inQuotes) {
        if (byte === QUOTE) {
          this.inQuotes = false;
          this.quoteSeen = true;
        } else {
          if (byte === LF) this.line += 1;
          if (this.keeps()) this.field.push(byte);
        }
        continue;
      }
      if (byte === QUOTE) {
        // A doubled quote inside a quoted field, or the opening quote.
        if (this.quoteSeen && this.keeps()) this.field.push(byte);
        this.inQuotes = true;
        this.quoteSeen = false;
        this.recordHasData = true;
        continue;
      }
      this.quoteSeen = false;
      if (byte === COMMA) {
        this.recordHasData = true;
        this.endField();
      } else if (byte === LF || byte === CR) {
        this.line += 1;
        this.endRecord(at + 1);
        if (byte === CR) this.pendingCr = true;
      } else if (this.keeps()) {
        if (byte !== 32 && byte !== 9) this.recordHasData = true;
        this.field.push(byte);
      } else {
        // The rest of an unquoted field that is not kept, up to the byte that ends it or opens a quote.
        let end = i;
        while (end < bytes.length) {
          const next = bytes[end]!;
          if (next === COMMA || next === LF || next === CR || next === QUOTE) break;
          if (next !== 32 && next !== 9) this.recordHasData = true;
          end += 1;
        }
        i = end - 1;
      }
    }
    this.offset += bytes.length;
  }

  finish(): void {
    if (this.recordHasData || this.field.length > 0 || this.fieldIndex > 0) this.endRecord(this.offset);
  }

  /** The first record was the header: from now on only the key column is kept. */
  keyColumn(at: number): void {
    this.keyAt = at;
  }
}

/** Groups consecutive records by vessel key into ranges of at most `size` vessels. */
class RangeBuilder {
  readonly chunks: ChunkRange[] = [];
  private current: ChunkRange | undefined;
  private lastKey: string | undefined;
  /** Vessel key → the chunk it was first seen in. */
  private readonly home = new Map<string, number>();
  vessels = 0;

  constructor(private readonly size: number) {}

  add(record: { line: number; start: number; end: number; key: string }, first: number): void {
    const known = this.home.get(record.key);
    const newVessel = record.key !== this.lastKey && known === undefined;
    if (!this.current || (newVessel && record.key !== '' && this.current.vessels >= this.size)) {
      this.current = { seq: this.chunks.length, start: record.start, end: record.end, first, vessels: 0 };
      this.chunks.push(this.current);
    }
    this.current.end = record.end;
    if (record.key !== '' && known === undefined) {
      this.home.set(record.key, this.current.seq);
      this.current.vessels += 1;
      this.vessels += 1;
    } else if (record.key !== '' && known !== this.current.seq) {
      // The vessel's rows lie in two ranges: its first range reports it, later ranges leave its rows out.
      const homeChunk = this.chunks[known!]!;
      homeChunk.notes ??= {};
      homeChunk.notes.scattered ??= {};
      const lines = homeChunk.notes.scattered[record.key] ?? [];
      lines.push(record.line);
      homeChunk.notes.scattered[record.key] = lines;
      this.current.notes ??= {};
      this.current.notes.elsewhere ??= [];
      if (!this.current.notes.elsewhere.includes(record.key)) this.current.notes.elsewhere.push(record.key);
    }
    this.lastKey = record.key;
  }
}

export class InputFormatError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputFormatError';
  }
}

/** Splits a fleet CSV (one file, a row per call) into ranges of whole vessels. */
export async function splitCsv(stream: ReadableStream<Uint8Array>, size: number): Promise<SplitResult> {
  const builder = new RangeBuilder(size);
  let layout: CsvLayout | undefined;
  let bomSkipped = false;
  const scanner: CsvScanner = new CsvScanner((record) => {
    if (!layout) {
      const at = scanner.headerFields.findIndex((name) => normalizeHeader(name) === 'imo');
      if (at === -1) throw new InputFormatError('imo', 'missing required column imo');
      scanner.keyColumn(at);
      layout = { headerEnd: record.end, bodyLine: scanner.line };
      return;
    }
    builder.add(record, record.line);
  });
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let bytes = value;
    if (!bomSkipped) {
      bomSkipped = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        scanner.offset = 3;
        bytes = bytes.subarray(3);
      }
    }
    scanner.push(bytes);
  }
  scanner.finish();
  if (!layout) throw new InputFormatError('', 'the calls file is empty: it needs a header row naming its columns');
  if (builder.chunks.length === 0) throw new InputFormatError('', 'the calls file has a header but no rows');
  return { chunks: builder.chunks, vessels: builder.vessels, csv: layout };
}

const imoOf = (line: string): string | null => {
  // A line too deep or otherwise flawed is refused when its chunk is read; it names no vessel here.
  if (jsonFlaws(line).length > 0) return null;
  try {
    return requestImo(JSON.parse(line));
  } catch {
    // Not this split's to report: the chunk that reads the line records it as malformed, with the parser's message.
    return null;
  }
};

/** Splits NDJSON (one quote request per line; blank lines skipped) into ranges of `size` requests. */
export async function splitNdjson(stream: ReadableStream<Uint8Array>, size: number): Promise<SplitResult> {
  const chunks: ChunkRange[] = [];
  const firstIndexOf = new Map<string, number>();
  let current: ChunkRange | undefined;
  let index = 0;
  let offset = 0;
  let lineStart = 0;
  let pending: Uint8Array[] = [];
  const endLine = (end: number) => {
    const bytes = pending.length === 1 ? pending[0]! : concat(pending);
    pending = [];
    const text = decoder.decode(bytes).trim();
    const start = lineStart;
    lineStart = end;
    if (text === '') return;
    if (!current || current.vessels >= size) {
      current = { seq: chunks.length, start, end, first: index, vessels: 0 };
      chunks.push(current);
    }
    current.end = end;
    current.vessels += 1;
    noteRepeat(firstIndexOf, current, index, imoOf(text));
    index += 1;
  };
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let from = 0;
    for (let i = 0; i < value.length; i++) {
      if (value[i] === LF) {
        pending.push(value.subarray(from, i + 1));
        endLine(offset + i + 1);
        from = i + 1;
      }
    }
    if (from < value.length) pending.push(value.slice(from));
    offset += value.length;
  }
  if (pending.length > 0) endLine(offset);
  if (chunks.length === 0) throw new InputFormatError('', 'give at least one quote request, one per line');
  return { chunks, vessels: index };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Notes a request whose vessel an earlier chunk already quotes (a repeat inside
 * one chunk is found when the chunk is read).
 */
function noteRepeat(firstIndexOf: Map<string, number>, chunk: ChunkRange, index: number, imo: string | null): void {
  if (imo === null) return;
  const seen = firstIndexOf.get(imo);
  if (seen === undefined) firstIndexOf.set(imo, index);
  else if (seen < chunk.first) {
    chunk.notes ??= {};
    chunk.notes.repeated ??= {};
    chunk.notes.repeated[String(index)] = seen;
  }
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const BACKSLASH = 0x5c;

const isSpace = (byte: number) => byte === 32 || byte === 9 || byte === LF || byte === CR;

/**
 * Visits the byte range [start, end) of each value nested `depth` deep in JSON
 * bytes that are known to be well formed: depth 1 gives the items of an array
 * body, 2 those of `{ "requests": [...] }`, 0 the values of a comma-separated
 * range. One pass, whatever the shape, keeping nothing.
 */
export function eachValue(bytes: Uint8Array, depth: number, visit: (start: number, end: number) => void): void {
  let level = 0;
  let start = -1;
  let end = -1;
  const close = () => {
    if (start >= 0) visit(start, end);
    start = -1;
  };
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === QUOTE) {
      if (level === depth && start < 0) start = i;
      for (i += 1; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i += 1;
      if (level === depth) end = i + 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (level === depth && start < 0) start = i;
      level += 1;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      level -= 1;
      if (level === depth) end = i + 1;
      else if (level === depth - 1) close();
    } else if (level === depth) {
      if (byte === COMMA) close();
      else if (!isSpace(byte)) {
        if (start < 0) start = i;
        end = i + 1;
      }
    }
  }
  close();
}

/**
 * Splits a JSON fleet (an array of quote requests, or `{ "requests": [...] }`)
 * into byte ranges of `size` requests.
 * @throws BatchFormatError when the body as a whole cannot be read: too deep, flawed outside every request, malformed or of another shape.
 */
export function splitJson(bytes: Uint8Array, size: number): SplitResult {
  const text = decoder.decode(bytes);
  // Scanned before it is parsed; a flaw inside one request is that request's error, found when its chunk is read.
  const { whole, byRequest } = batchFlaws(text);
  if (whole.length > 0) throw new BatchFormatError(whole);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new BatchFormatError([{ path: '', message: `malformed JSON: ${(error as Error).message}` }]);
  }
  const { list, prefix } = requestList(body);
  const chunks: ChunkRange[] = [];
  const firstIndexOf = new Map<string, number>();
  let index = 0;
  eachValue(bytes, prefix === '' ? 1 : 2, (start, end) => {
    let chunk = chunks.at(-1);
    if (!chunk || chunk.vessels >= size) {
      chunk = { seq: chunks.length, start, end, first: index, vessels: 0 };
      chunks.push(chunk);
    }
    chunk.end = end;
    chunk.vessels += 1;
    // A flawed request names no vessel (as an NDJSON line): it is refused for its flaw when its chunk is read.
    noteRepeat(firstIndexOf, chunk, index, byRequest.has(index) ? null : requestImo(list[index]));
    index += 1;
  });
  return { chunks, vessels: index };
}

/** Item ranges of an input parsed whole (the two-file multipart): `count` items in slices of `size`. */
export function splitItems(count: number, size: number): SplitResult {
  const chunks: ChunkRange[] = [];
  for (let start = 0; start < count; start += size) {
    const end = Math.min(count, start + size);
    chunks.push({ seq: chunks.length, start, end, first: start, vessels: end - start });
  }
  return { chunks, vessels: count };
}
