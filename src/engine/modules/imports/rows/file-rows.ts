import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import ExcelJS from 'exceljs';
import { CsvReader, type CsvProblem } from './csv-reader';

/**
 * One row of a file as text cells. `line` is the row number a spreadsheet shows (the first row is
 * 1; a cell's line breaks do not start a new row, blank rows count). `problem` says why the row
 * could not be read as written (its cells are then a best effort).
 */
export interface RawRow {
  line: number;
  values: string[];
  problem?: CsvProblem;
}

export type ImportFormat = 'csv' | 'xlsx';

/** The format of a file by its first bytes (an XLSX is a ZIP), else by its name. */
export function detectFormat(fileName: string, head: Uint8Array): ImportFormat | null {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  // Text without a known extension: treat as CSV when it has no NUL bytes (binary files do).
  return head.subarray(0, 512).includes(0) ? null : 'csv';
}

/** The delimiter of a CSV by its header line: the most frequent of , ; and tab (Spanish-locale spreadsheets write ;). */
export function sniffDelimiter(sample: string): string {
  const firstLine = sample.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  const count = (d: string) => firstLine.split(d).length - 1;
  return [';', '\t', ','].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/** UTF-8 (with or without BOM), or UTF-16 when the file starts with its byte-order mark (Excel's "Unicode text"). */
function encodingOf(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * Streams a CSV's rows (any size: only the current record is held). Every row of the file comes
 * out — a broken quote does not throw away what was read, nor hide what follows (see CsvReader).
 */
export async function* csvRows(source: AsyncIterable<Buffer>): AsyncGenerator<RawRow> {
  let decoder: TextDecoder | undefined;
  let first = Buffer.alloc(0);
  let head = '';
  let reader: CsvReader | undefined;
  const toRows = (records: ReturnType<CsvReader['push']>): RawRow[] =>
    records.map((r) => (r.problem ? { line: r.row, values: r.values, problem: r.problem } : { line: r.row, values: r.values }));
  const feed = (text: string): RawRow[] => {
    if (reader) return toRows(reader.push(text));
    // Enough of the start to see the header line (or 64 KiB), for the delimiter.
    head += text;
    if (!/[^\r\n\s][^\r\n]*[\r\n]/.test(head) && head.length < 64 * 1024) return [];
    reader = new CsvReader(sniffDelimiter(head));
    const text0 = head;
    head = '';
    return toRows(reader.push(text0));
  };
  for await (const chunk of source) {
    if (!decoder) {
      // The byte-order mark decides the encoding: wait for its two bytes.
      first = Buffer.concat([first, chunk]);
      if (first.length < 2) continue;
      decoder = new TextDecoder(encodingOf(first));
      yield* feed(decoder.decode(first, { stream: true }));
      continue;
    }
    yield* feed(decoder.decode(chunk, { stream: true }));
  }
  if (!decoder) {
    if (first.length === 0) return;
    decoder = new TextDecoder('utf-8'); // a one-byte file
    yield* feed(decoder.decode(first, { stream: true }));
  }
  yield* feed(decoder.decode());
  if (!reader) {
    if (head === '') return;
    reader = new CsvReader(sniffDelimiter(head));
    yield* toRows(reader.push(head));
  }
  yield* toRows(reader.end());
}

/** A cell value of exceljs as text (dates as ISO, formulas as their result, rich text joined). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().endsWith('T00:00:00.000Z') ? v.toISOString().slice(0, 10) : v.toISOString();
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
  }
  return String(v);
}

/** Streams the first worksheet of an XLSX (exceljs' streaming reader: rows are not all held). */
export async function* xlsxRows(source: AsyncIterable<Buffer>): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(source), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = Array.from((row.values as unknown[]).slice(1), cellText);
      yield { line: row.number, values };
    }
    // Only the first worksheet is read: the layout is one sheet of order lines.
    return;
  }
}

export function fileRows(format: ImportFormat, source: AsyncIterable<Buffer>): AsyncGenerator<RawRow> {
  return format === 'csv' ? csvRows(source) : xlsxRows(source);
}
