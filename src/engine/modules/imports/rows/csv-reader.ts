/**
 * A CSV reader that accounts for every row of a file, whatever it holds.
 *
 * - Rows are numbered as a spreadsheet shows them: each record is one row (a cell's line breaks do
 *   not start a new one), blank lines count, the first line is row 1. CRLF, LF and CR all end a row.
 * - A quote inside an unquoted cell is taken as it is (`5" screen`), as spreadsheets do.
 * - Text after a closing quote on a one-line record (`"abc"x`) keeps the record (the spreadsheet's
 *   reading) but marks its row as broken, naming the cell.
 * - A quote that never closes — at the end of the file, or closed only on a later line and followed
 *   by text, or a record running over MAX_RECORD_LINES lines / MAX_RECORD_CHARS characters — breaks
 *   the file's quoting: where the rows after it end cannot be told. From the broken record's first
 *   line on, every line is given back as a row of its own, marked *not read*, with a best-effort
 *   split of its cells (for the failed-rows file). Nothing is guessed into an order.
 * - Nothing is lost: every record is returned by `push`/`end` as soon as it is complete; there is
 *   no error that drops records read before it.
 */

/** Why a row could not be read as written, and the cell at fault (its index) when one is. */
export interface CsvProblem {
  column: number | null;
  reason: string;
  /** Set on the rows from a quoting break on: the row where the break is, and what broke. */
  unread?: { from: number; detail: string };
}

export interface CsvRecord {
  /** The spreadsheet row (1-based, the first line is row 1). */
  row: number;
  values: string[];
  problem?: CsvProblem;
}

/** A quoted cell spanning more lines than this is taken as a quote that never closes. */
export const MAX_RECORD_LINES = 1000;
/** Nor may one record hold more characters than this (also bounds what is held in memory). */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted cell: an escaped quote, the cell's end, or text after it. */
  QuoteSeen,
  /** After a quoting break: every line is a row of its own. */
  Lines,
}

/** Splits one line into cells as far as it can (for rows that could not be read: the failed-rows file). */
export function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (line[i] === '"') {
      i++;
      for (; i < line.length; i++) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            cell += '"';
            i++;
          } else {
            i++;
            break;
          }
        } else cell += line[i];
      }
    }
    const end = line.indexOf(delimiter, i);
    cell += line.slice(i, end === -1 ? line.length : end);
    out.push(cell);
    if (end === -1) return out;
    i = end + 1;
  }
}

export class CsvReader {
  private state = S.FieldStart;
  /** Rows started so far: the current record's row once it has begun. */
  private rows = 0;
  private values: string[] = [];
  private field = '';
  /** Something of the current record has been read (a final line break starts no new row). */
  private inRecord = false;
  /** The last character was a CR ending a row: a LF right after it belongs to it. */
  private pendingCr = false;
  /** The current record's text from its first character (kept to give its lines back on a break). */
  private raw: string[] = [];
  private rawChars = 0;
  private recordBreaks = 0;
  private quotedColumn = 0;
  private problem: CsvProblem | undefined;
  /** The first row with any text: used to name columns in reasons. */
  private header: string[] | null = null;
  private broken: { from: number; detail: string; column: number } | null = null;
  /** After a break: the partial last line waiting for its end. */
  private line = '';

  constructor(readonly delimiter: string) {
    if (delimiter.length !== 1) throw new Error('the delimiter is one character');
  }

  /** Feeds the next piece of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let t = text;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (t[0] === '\n') t = t.slice(1);
    }
    if (this.state === S.Lines) {
      this.pushLines(t, out);
      return out;
    }
    const d = this.delimiter;
    let start = 0; // where the current record's text begins in t
    let i = 0;
    const n = t.length;
    const endRecord = (at: number) => {
      this.values.push(this.field);
      this.field = '';
      if (this.values.length > 0 && this.values.some((v) => v.trim() !== '')) this.header ??= this.values;
      out.push(this.problem ? { row: this.rows, values: this.values, problem: this.problem } : { row: this.rows, values: this.values });
      this.values = [];
      this.problem = undefined;
      this.inRecord = false;
      this.raw = [];
      this.rawChars = 0;
      this.recordBreaks = 0;
      this.state = S.FieldStart;
      // A row ends at CR, LF or CRLF.
      if (t[at] === '\r') {
        if (at + 1 < n) return t[at + 1] === '\n' ? at + 2 : at + 1;
        this.pendingCr = true;
        return at + 1;
      }
      return at + 1;
    };
    while (i < n) {
      if (!this.inRecord) {
        this.inRecord = true;
        this.rows++;
        start = i;
      }
      switch (this.state) {
        case S.FieldStart: {
          if (t[i] === '"') {
            this.state = S.Quoted;
            this.quotedColumn = this.values.length;
            i++;
          } else this.state = S.Unquoted;
          break;
        }
        case S.Unquoted: {
          let j = i;
          while (j < n) {
            const c = t[j];
            if (c === d || c === '\n' || c === '\r') break;
            j++;
          }
          this.field += t.slice(i, j);
          if (j === n) {
            i = n;
            break;
          }
          if (t[j] === d) {
            this.values.push(this.field);
            this.field = '';
            this.state = S.FieldStart;
            i = j + 1;
          } else {
            i = endRecord(j);
          }
          break;
        }
        case S.Quoted: {
          const j = t.indexOf('"', i);
          const piece = t.slice(i, j === -1 ? n : j);
          this.field += piece;
          this.recordBreaks += countBreaks(piece);
          if (this.recordBreaks > MAX_RECORD_LINES || this.rawChars + (j === -1 ? n : j) - start > MAX_RECORD_CHARS) {
            this.breakAt(
              t.slice(start),
              out,
              `the quote that opens ${this.columnName(this.quotedColumn)} does not close within ${MAX_RECORD_LINES} lines`,
            );
            return out;
          }
          if (j === -1) i = n;
          else {
            this.state = S.QuoteSeen;
            i = j + 1;
          }
          break;
        }
        case S.QuoteSeen: {
          const c = t[i];
          if (c === '"') {
            this.field += '"';
            this.state = S.Quoted;
            i++;
          } else if (c === d) {
            this.values.push(this.field);
            this.field = '';
            this.state = S.FieldStart;
            i++;
          } else if (c === '\n' || c === '\r') {
            i = endRecord(i);
          } else if (this.recordBreaks === 0) {
            // `"abc"x` on one line: read on as a spreadsheet does, but the row is not trusted.
            this.problem ??= {
              column: this.quotedColumn,
              reason: `the quotes of ${this.columnName(this.quotedColumn)} are broken: text follows its closing quote; write the cell as "…" with any quote inside doubled ("")`,
            };
            this.state = S.Unquoted;
          } else {
            // A quote closed on a later line and followed by text: the quote at the record's start never closed.
            this.breakAt(t.slice(start), out, `the quote that opens ${this.columnName(this.quotedColumn)} is never closed`);
            return out;
          }
          break;
        }
        default:
          break;
      }
    }
    if (this.inRecord) {
      const rest = t.slice(start);
      this.raw.push(rest);
      this.rawChars += rest.length;
    }
    return out;
  }

  /** The end of the file: the last record, or the rows of a quote still open. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.state === S.Lines) {
      if (this.line !== '') this.emitLine(this.line, out);
      this.line = '';
      return out;
    }
    if (!this.inRecord) return out;
    if (this.state === S.Quoted) {
      this.breakAt('', out, `the quote that opens ${this.columnName(this.quotedColumn)} is never closed`);
      if (this.line !== '') this.emitLine(this.line, out);
      this.line = '';
      return out;
    }
    this.values.push(this.field);
    out.push(this.problem ? { row: this.rows, values: this.values, problem: this.problem } : { row: this.rows, values: this.values });
    this.values = [];
    this.inRecord = false;
    return out;
  }

  private columnName(i: number): string {
    const h = this.header?.[i]?.trim();
    return h ? `column "${h}"` : `column ${i + 1}`;
  }

  /** The quoting breaks in the current record: from its first line on, lines are rows of their own. */
  private breakAt(restOfChunk: string, out: CsvRecord[], detail: string) {
    const text = this.raw.join('') + restOfChunk;
    this.broken = { from: this.rows, detail, column: this.quotedColumn };
    this.rows--; // the broken record's first line takes its row again
    this.raw = [];
    this.rawChars = 0;
    this.values = [];
    this.field = '';
    this.problem = undefined;
    this.inRecord = false;
    this.state = S.Lines;
    this.pushLines(text, out);
  }

  private pushLines(text: string, out: CsvRecord[]) {
    let s = this.line + text;
    let from = 0;
    for (;;) {
      let j = from;
      while (j < s.length && s[j] !== '\n' && s[j] !== '\r') j++;
      if (j >= s.length) break;
      this.emitLine(s.slice(from, j), out);
      if (s[j] === '\r') {
        if (j + 1 < s.length) from = s[j + 1] === '\n' ? j + 2 : j + 1;
        else {
          this.pendingCr = true;
          from = j + 1;
        }
      } else from = j + 1;
    }
    s = s.slice(from);
    this.line = s;
  }

  private emitLine(line: string, out: CsvRecord[]) {
    const b = this.broken!;
    this.rows++;
    const here = this.rows === b.from;
    const reason = here
      ? `not read: the file's quoting breaks on this line (${b.detail}), so where this row and the ones after it end cannot be told; fix the quote and import these rows again`
      : `not read: the file's quoting breaks at line ${b.from} (${b.detail}); fix the quote there and import these rows again`;
    out.push({
      row: this.rows,
      values: splitLine(line, this.delimiter),
      problem: { column: here ? b.column : null, reason, unread: { from: b.from, detail: b.detail } },
    });
  }
}

/** Line breaks in a piece of text: CRLF, LF and a lone CR count once each. */
function countBreaks(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) k++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) k++;
  }
  return k;
}
