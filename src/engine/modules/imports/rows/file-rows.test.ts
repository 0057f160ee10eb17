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
  it('streams a CSV in small chunks with the line numbers a person sees', async () => {
    const csv = '\uFEFFpedido;cliente;notas\r\nA-1;Ana;"dos\nlíneas"\r\n\r\nA-2;Beto;x\r\n';
    const rows = await all(csvRows(chunks(Buffer.from(csv))));
    expect(rows).toEqual([
      { line: 1, values: ['pedido', 'cliente', 'notas'] },
      { line: 2, values: ['A-1', 'Ana', 'dos\nlíneas'] },
      { line: 5, values: ['A-2', 'Beto', 'x'] },
    ]);
  });

  it('fails on broken quoting instead of guessing', async () => {
    await expect(all(csvRows(chunks(Buffer.from('a,b\n"x,y\n'))))).rejects.toThrow();
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
