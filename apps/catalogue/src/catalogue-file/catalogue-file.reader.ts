/**
 * The catalogue file reader: streams a JSONL or CSV catalogue and yields, for every data line,
 * either a validated {@link ProductRecord} or the reason the line is not one. A bad line never
 * stops the file; only a file that cannot be opened or parsed at all throws
 * {@link CatalogueFileError}.
 *
 * API (small on purpose; the database import and match-eval both load catalogues through it):
 * ```ts
 * for await (const entry of readCatalogueFile('products.csv', { defaultCurrency: 'USD' })) {
 *   if ('error' in entry) report(entry.line, entry.error); else save(entry.record);
 * }
 * ```
 * - `readCatalogueFile(path, options)`: the format comes from the extension (`.jsonl`/`.ndjson`/`.json`
 *   → JSONL, `.csv` → CSV) unless `options.format` says.
 * - `readCatalogueStream(stream, format, options)`: the same over any readable (an upload).
 *
 * Fields (JSONL keys or CSV header names; unknown ones are ignored):
 * `id` (optional token), `sku` (optional item number; full-width characters as ASCII, spaces and
 * punctuation as "-"; one that still cannot be an item number, e.g. Han characters, is left out
 * with a note and kept as another name, and the importer assigns a number),
 * `name` (required; cut to 200 characters at a word boundary), `brand`, `category`, `aliases`
 * (JSON array, or "a|b" in CSV; the Chinese evaluation file's `brands[]`/`types[]` are added),
 * `price` (major units, "58.45") or `price_minor` (integer minor units), both optional (unpriced),
 * never negative, converted exactly by the currency's exponent; `currency` (default
 * `options.defaultCurrency`), `active` (default true; CSV: true/false/1/0/yes/no),
 * `language` ('en'|'zh'; default 'zh' when the name contains Han script).
 * Line numbers are 1-based physical lines of the file, as an editor counts them (the CSV header is
 * line 1; a row whose quoted cell spans lines is reported at the line it starts on).
 */
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { type Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { toProductRecord, type ProductRecord } from './product-record.schema';

export type { ProductRecord } from './product-record.schema';

/**
 * One data line of a catalogue file: a valid record (with a note when part of the line could not
 * be used as written, e.g. an item number that cannot be one), or why the line was rejected.
 */
export type CatalogueFileEntry = { readonly line: number; readonly record: ProductRecord; readonly note?: string } | { readonly line: number; readonly error: string };

export type CatalogueFileFormat = 'jsonl' | 'csv';

export interface CatalogueFileOptions {
  /** ISO 4217 currency of prices in rows that name none (e.g. 'USD'). */
  readonly defaultCurrency: string;
  /** Overrides the format taken from the file's extension. */
  readonly format?: CatalogueFileFormat;
}

/** The file as a whole cannot be read: missing, unreadable, unknown format, or CSV without a usable header. */
export class CatalogueFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CatalogueFileError';
  }
}

/** Which format a file name implies, if any. */
export function catalogueFormatOf(path: string): CatalogueFileFormat | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === '.jsonl' || extension === '.ndjson' || extension === '.json') return 'jsonl';
  if (extension === '.csv') return 'csv';
  return undefined;
}

/** Streams the records of a catalogue file; see the file's TSDoc for the fields. */
export async function* readCatalogueFile(path: string, options: CatalogueFileOptions): AsyncGenerator<CatalogueFileEntry> {
  const format = options.format ?? catalogueFormatOf(path);
  if (!format) throw new CatalogueFileError(`${path}: unknown catalogue format (use .jsonl or .csv, or say the format)`);
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error) => reject(new CatalogueFileError(`${path}: ${error.message}`, { cause: error })));
  });
  yield* readCatalogueStream(stream, format, options);
}

/** Streams the records of a catalogue held in any readable stream. */
export function readCatalogueStream(stream: Readable, format: CatalogueFileFormat, options: CatalogueFileOptions): AsyncGenerator<CatalogueFileEntry> {
  return format === 'csv' ? readCsv(stream, options) : readJsonLines(stream, options);
}

async function* readJsonLines(stream: Readable, options: CatalogueFileOptions): AsyncGenerator<CatalogueFileEntry> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
      if (trimmed === '') continue;
      let row: unknown;
      try {
        row = JSON.parse(trimmed);
      } catch (error) {
        yield { line, error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
        continue;
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        yield { line, error: 'not a JSON object' };
        continue;
      }
      yield { line, ...toProductRecord(row, options.defaultCurrency) };
    }
  } catch (error) {
    throw new CatalogueFileError(`reading stopped at line ${line}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

const CSV_KNOWN_COLUMNS = new Set(['id', 'sku', 'name', 'brand', 'category', 'aliases', 'price', 'price_minor', 'currency', 'active', 'language']);

async function* readCsv(stream: Readable, options: CatalogueFileOptions): AsyncGenerator<CatalogueFileEntry> {
  const skipped: CatalogueFileEntry[] = [];
  const parser = stream.pipe(lineBreaksAsLf()).pipe(
    parse({
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        const line = (error as { lines?: number } | undefined)?.lines ?? 0;
        if (error) skipped.push({ line, error: `not valid CSV: ${error.message}` });
      },
    }),
  );
  let header: string[] | undefined;
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      const line = firstLineOf(raw, info.lines);
      yield* takeSkippedBefore(skipped, line);
      if (!header) {
        header = record.map((cell) => cell.trim().toLowerCase());
        if (!header.includes('name')) throw new CatalogueFileError(`the CSV header has no "name" column (columns: ${header.join(', ')})`);
        continue;
      }
      if (record.length !== header.length) {
        yield { line, error: `expected ${header.length} columns, found ${record.length}` };
        continue;
      }
      yield { line, ...toProductRecord(csvCellsToRow(header, record), options.defaultCurrency) };
    }
    yield* skipped.splice(0).sort((a, b) => a.line - b.line);
  } catch (error) {
    if (error instanceof CatalogueFileError) throw error;
    throw new CatalogueFileError(`the CSV cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!header) throw new CatalogueFileError('the CSV is empty (a header row is required)');
}

/**
 * Every line break as "\n". csv-parse counts a CRLF as two lines in a blank line or inside a
 * quoted cell (so rows of a spreadsheet's CSV export were reported one line late after each); with
 * one kind of break its count is the editor's. Works on bytes: CR and LF never occur inside a UTF-8
 * sequence, and a CR at the end of a chunk waits for the next one.
 */
function lineBreaksAsLf(): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      let text = (pendingCr ? '\r' : '') + (typeof chunk === 'string' ? Buffer.from(chunk).toString('latin1') : chunk.toString('latin1'));
      pendingCr = text.endsWith('\r');
      if (pendingCr) text = text.slice(0, -1);
      done(null, Buffer.from(text.replace(/\r\n?/g, '\n'), 'latin1'));
    },
    flush(done) {
      done(null, pendingCr ? Buffer.from('\n') : null);
    },
  });
}

/**
 * The line a CSV record starts on. csv-parse counts lines up to the record's end, which for a
 * quoted cell over several lines is past its start; a person looks for the line where the row
 * begins (what an editor shows). `raw` is the record's text with any empty lines skipped before
 * it and its line break after it.
 */
function firstLineOf(raw: string, endLine: number): number {
  const record = raw.replace(/^\n+/, '').replace(/\n$/, '');
  const breaksInside = record.match(/\n/g)?.length ?? 0;
  return endLine - breaksInside;
}

/** The rows csv-parse skipped as malformed that come before this line, in line order. */
function takeSkippedBefore(skipped: CatalogueFileEntry[], line: number): CatalogueFileEntry[] {
  const before = skipped.filter((entry) => entry.line < line).sort((a, b) => a.line - b.line);
  const rest = skipped.filter((entry) => entry.line >= line);
  skipped.splice(0, skipped.length, ...rest);
  return before;
}

/** CSV cells are text: empty means absent, and a few fields get their JSON types back. */
function csvCellsToRow(header: readonly string[], cells: readonly string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  header.forEach((column, index) => {
    if (!CSV_KNOWN_COLUMNS.has(column)) return;
    const cell = cells[index].trim();
    if (cell === '') return;
    row[column] = csvCellValue(column, cell);
  });
  return row;
}

function csvCellValue(column: string, cell: string): unknown {
  switch (column) {
    case 'aliases':
      return cell.split('|').map((alias) => alias.trim()).filter(Boolean);
    case 'active': {
      const flag = cell.toLowerCase();
      if (['true', '1', 'yes', 'y'].includes(flag)) return true;
      if (['false', '0', 'no', 'n'].includes(flag)) return false;
      return cell;
    }
    case 'price_minor':
      return /^-?\d+$/.test(cell) ? Number(cell) : cell;
    default:
      return cell;
  }
}
