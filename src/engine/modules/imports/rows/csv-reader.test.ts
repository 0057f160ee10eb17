import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, MAX_RECORD_LINES, splitLine, type CsvRecord } from './csv-reader';

/** Reads `text` fed in the given pieces (cut at those offsets). */
function read(text: string, cuts: number[] = [], delimiter = ','): CsvRecord[] {
  const r = new CsvReader(delimiter);
  const out: CsvRecord[] = [];
  let from = 0;
  for (const c of [...new Set(cuts)].sort((a, b) => a - b)) {
    out.push(...r.push(text.slice(from, c)));
    from = c;
  }
  out.push(...r.push(text.slice(from)));
  out.push(...r.end());
  return out;
}
const rowsOf = (recs: CsvRecord[]) => recs.map((r) => [r.row, r.values]);

describe('reading CSV records as spreadsheet rows', () => {
  it('numbers rows as a spreadsheet does: CRLF, LF and CR end a row, a quoted line break does not, blank lines count', () => {
    const text = 'h1,h2\r\n1,"two\r\nlines"\r\n2,x\r\n\r\n3,"a\nb\nc"\n4,"q""uote"\r5,last';
    expect(rowsOf(read(text))).toEqual([
      [1, ['h1', 'h2']],
      [2, ['1', 'two\r\nlines']],
      [3, ['2', 'x']],
      [4, ['']],
      [5, ['3', 'a\nb\nc']],
      [6, ['4', 'q"uote']],
      [7, ['5', 'last']],
    ]);
  });

  it('gives the same rows however the text is cut into pieces (a CRLF split between two pieces included)', () => {
    const text = 'a;b;c\r\n1;"x;\r\ny";z\r\n\r\n2;"p""q";\r\n3;"";r\n4;5" screen;s\r\n';
    const whole = read(text, [], ';');
    expect(whole.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(whole[5]!.values).toEqual(['4', '5" screen', 's']);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }), (cuts) => {
        expect(read(text, cuts, ';')).toEqual(whole);
      }),
    );
  });

  it('keeps a last row without a line break and empty cells at the ends', () => {
    expect(rowsOf(read('a,b\n,x,'))).toEqual([
      [1, ['a', 'b']],
      [2, ['', 'x', '']],
    ]);
    expect(read('')).toEqual([]);
    expect(rowsOf(read('a,b\n'))).toEqual([[1, ['a', 'b']]]);
  });

  it('reads on after text that follows a closing quote on one line, marking that row and naming its cell', () => {
    const recs = read('id,name,sku\n1,"Ana" Gómez,S1\n2,Beto,S2\n');
    expect(rowsOf(recs)).toEqual([
      [1, ['id', 'name', 'sku']],
      [2, ['1', 'Ana Gómez', 'S1']],
      [3, ['2', 'Beto', 'S2']],
    ]);
    expect(recs[1]!.problem).toMatchObject({ column: 1, reason: expect.stringMatching(/quotes of column "name" are broken/) });
    expect(recs[1]!.problem!.unread).toBeUndefined();
    expect(recs[2]!.problem).toBeUndefined();
  });

  it('a quote never closed: every row before it is read, and from its line on each line is a row marked not read', () => {
    const text = 'id,name,sku\r\n1,Ana,S1\r\n2,"Be\r\nto",S2\r\n3,"Caro,S3\r\n4,Dani,S4\r\n\r\n5,Eva,S5';
    const recs = read(text);
    expect(rowsOf(recs)).toEqual([
      [1, ['id', 'name', 'sku']],
      [2, ['1', 'Ana', 'S1']],
      [3, ['2', 'Be\r\nto', 'S2']],
      [4, ['3', 'Caro,S3']],
      [5, ['4', 'Dani', 'S4']],
      [6, ['']],
      [7, ['5', 'Eva', 'S5']],
    ]);
    expect(recs.slice(0, 3).every((r) => !r.problem)).toBe(true);
    expect(recs[3]!.problem).toMatchObject({
      column: 1,
      reason: expect.stringMatching(
        /^not read: the file's quoting breaks on this line \(the quote that opens column "name" is never closed\)/,
      ),
      unread: { from: 4, detail: 'the quote that opens column "name" is never closed' },
    });
    for (const r of recs.slice(4)) {
      expect(r.problem).toMatchObject({ column: null, reason: expect.stringMatching(/^not read: the file's quoting breaks at line 4 /) });
    }
    // Cut anywhere, the same rows come out.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }), (cuts) => {
        expect(read(text, cuts)).toEqual(recs);
      }),
    );
  });

  it('a quote closed only on a later line and followed by text is a quote that never closed where it opened', () => {
    const recs = read('id,name,sku\n1,"Ana,S1\n2,"Beto",S2\n3,Caro,S3\n');
    expect(recs.map((r) => [r.row, r.problem?.unread?.from ?? null])).toEqual([
      [1, null],
      [2, 2],
      [3, 2],
      [4, 2],
    ]);
    expect(recs[1]!.values).toEqual(['1', 'Ana,S1']);
    expect(recs[2]!.values).toEqual(['2', 'Beto', 'S2']);
  });

  it('a quoted cell running over too many lines is taken as a broken quote, so a big file is not held whole', () => {
    const text = `id,notes\n1,"open\n${'x\n'.repeat(MAX_RECORD_LINES + 5)}`;
    const recs = read(text);
    expect(recs[1]).toMatchObject({ row: 2, values: ['1', 'open'], problem: { unread: { from: 2 } } });
    expect(recs.length).toBe(MAX_RECORD_LINES + 7);
    expect(recs.at(-1)!.row).toBe(MAX_RECORD_LINES + 7);
  });

  it('splits a line it could not read as far as it can', () => {
    expect(splitLine('1,"Ana, G",x"y,"open', ',')).toEqual(['1', 'Ana, G', 'x"y', 'open']);
    expect(splitLine('', ',')).toEqual(['']);
  });
});
