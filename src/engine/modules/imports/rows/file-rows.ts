import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** One row of a file as text cells, with the line number a person sees (the header is line 1). */
export interface RawRow {
  line: number;
  values: string[];
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
  const firstLine = sample.split(/\r?\n/, 1)[0] ?? '';
  const count = (d: string) => firstLine.split(d).length - 1;
  return [';', '\t', ','].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

async function* chunksOf(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const c of source) yield c;
}

/** Streams a CSV's rows (any size: only the current record is in memory). */
export async function* csvRows(source: AsyncIterable<Buffer>): AsyncGenerator<RawRow> {
  const it = chunksOf(source);
  // Enough of the start to see the whole header line (or 64 KiB), for the delimiter.
  const head: Buffer[] = [];
  let headBytes = 0;
  while (headBytes < 64 * 1024) {
    const n = await it.next();
    if (n.done) break;
    head.push(n.value);
    headBytes += n.value.length;
    if (n.value.includes(0x0a)) break;
  }
  if (headBytes === 0) return;
  const start = Buffer.concat(head);
  const delimiter = sniffDelimiter(
    start
      .subarray(0, 64 * 1024)
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
  );
  const parser = parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: false });
  // pipeline (not pipe): a failure reading the source ends the parser with that error instead of a hang.
  pipeline(
    Readable.from(
      (async function* () {
        yield start;
        yield* it;
      })(),
    ),
    parser,
    () => undefined,
  );
  let lastLine = 0;
  for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    // `info.lines` is where the record ends; a record with quoted line breaks starts after the previous one.
    const line = Math.max(lastLine + 1, rec.info.lines - countBreaks(rec.record));
    lastLine = rec.info.lines;
    yield { line, values: rec.record };
  }
}

const countBreaks = (rec: string[]) => rec.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);

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
