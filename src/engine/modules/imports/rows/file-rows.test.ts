import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvRows, detectFormat, sniffDelimiter, xlsxRows, type RawRow } from './file-rows';
import { csvField, failedRowsCsv } from './failed-rows-csv';

async function* chunks(buf: Buffer, size = 7) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}
async function all(it: AsyncIterable<RawRow>) {
  const out: RawRow[] = [];
  for await (const r of it) out.push(r);
  return out;
}

describe('reading files as rows', () => {
  it('streams a CSV in small chunks with the row numbers a spreadsheet shows', async () => {
    // A cell's line break (LF or CRLF) stays in its row; the blank line is a row of its own.
    const csv = '\uFEFFpedido;cliente;notas\r\nA-1;Ana;"dos\nlíneas"\r\nA-1;Ana;"tres\r\nlí\r\nneas"\r\n\r\nA-2;Beto;x\r\n';
    const rows = await all(csvRows(chunks(Buffer.from(csv))));
    expect(rows).toEqual([
      { line: 1, values: ['pedido', 'cliente', 'notas'] },
      { line: 2, values: ['A-1', 'Ana', 'dos\nlíneas'] },
      { line: 3, values: ['A-1', 'Ana', 'tres\r\nlí\r\nneas'] },
      { line: 4, values: [''] },
      { line: 5, values: ['A-2', 'Beto', 'x'] },
    ]);
  });

  it('reads a UTF-16 file by its byte-order mark', async () => {
    const text = 'order_id\tcustomer_name\r\nA-1\tAñá\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await all(csvRows(chunks(le, 3)))).toEqual([
      { line: 1, values: ['order_id', 'customer_name'] },
      { line: 2, values: ['A-1', 'Añá'] },
    ]);
  });

  it('does not guess past broken quoting: the rows before come out, and each line after it comes out marked not read', async () => {
    const rows = await all(csvRows(chunks(Buffer.from('a,b\n1,2\n"x,y\n3,4\n'))));
    expect(rows.map((r) => [r.line, r.values, r.problem?.unread?.from ?? null])).toEqual([
      [1, ['a', 'b'], null],
      [2, ['1', '2'], null],
      [3, ['x,y'], 3],
      [4, ['3', '4'], 3],
    ]);
  });

  it('gives back every row of a file over 256 KiB read in 256 KiB slices, a broken quote near its end included', async () => {
    const lines = ['order_id,customer_name,sku,quantity'];
    for (let size = 0; size < 300 * 1024; size += lines.at(-1)!.length + 2)
      lines.push(`O-${lines.length},"Customer ${lines.length}, with a comma",SKU-A,1`);
    const bad = lines.length + 1;
    lines.push('B-1,"Broken quote,SKU-A,1', 'O-after,x,SKU-A,1');
    const rows = await all(csvRows(chunks(Buffer.from(lines.join('\r\n') + '\r\n'), 256 * 1024)));
    expect(rows.map((r) => r.line)).toEqual(lines.map((_, i) => i + 1));
    expect(rows.filter((r) => r.problem).map((r) => r.line)).toEqual([bad, bad + 1]);
  });

  it('keeps a NUL character in the cell (the import reports it)', async () => {
    expect(await all(csvRows(chunks(Buffer.from('a,b\n1,x\u0000y\n'))))).toEqual([
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['1', 'x\u0000y'] },
    ]);
  });

  it('streams the first sheet of an XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pedidos');
    ws.addRow(['order_id', 'quantity', 'promised_at']);
    ws.addRow(['A-1', 3, new Date('2026-12-24T00:00:00Z')]);
    ws.addRow([]);
    ws.addRow(['A-2', { formula: '1+1', result: 2 }]);
    wb.addWorksheet('Otra').addRow(['ignored']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(detectFormat('pedidos.bin', buf)).toBe('xlsx');
    const rows = await all(xlsxRows(chunks(buf, 4096)));
    expect(rows.map((r) => [r.line, r.values])).toEqual([
      [1, ['order_id', 'quantity', 'promised_at']],
      [2, ['A-1', '3', '2026-12-24']],
      [4, ['A-2', '2']],
    ]);
  });

  it('detects the delimiter and the format', () => {
    expect(sniffDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(sniffDelimiter('a,b,c')).toBe(',');
    expect(sniffDelimiter('a\tb')).toBe('\t');
    expect(detectFormat('x.csv', Buffer.from('a,b'))).toBe('csv');
    expect(detectFormat('x.png', Buffer.from([0x89, 0, 0, 0]))).toBeNull();
  });
});

describe('the failed rows file', () => {
  it('keeps the layout columns, the line and the reason, and defuses formulas', () => {
    const csv = failedRowsCsv([
      { line: 4, reason: 'quantity "x" is not a number', cells: { order_id: 'A-1', sku: '=HYPERLINK("x")', quantity: 'x' } },
    ]);
    expect(csv.split('\r\n')[0]).toBe('order_id,sku,quantity,source_line,reason');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-12,5')).toBe('"-12,5"');
  });
});
