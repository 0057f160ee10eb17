import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, startEngine, type Engine } from '../../src/engine';
import type { EngineEvent, ImportRow, ImportSummary } from '../../src/shared';
import { ASSOCIATE, migrateTestDatabase, PLANNER } from '../support/engine-under-test';
import { seedFixture } from '../support/fixtures';
import { testQueuePrefix } from '../support/queue-keys';
import { createTestDatabase, eventually, redisUrlOrWarn, type TestDatabase } from '../support/test-database';

const HEADER = ['order_id', 'customer_name', 'email', 'address_line1', 'city', 'country', 'lat', 'lng', 'sku', 'quantity', 'unit_price'];
/** Good and bad rows; the comment is the line each lands on (the header is line 1). */
const rows = (p: string) => [
  [`${p}-1`, 'Ana Gómez', 'ana@example.com', 'Av. Santa Fe 3253', 'Buenos Aires', 'AR', '-34.588', '-58.41', 'SKU-A', '2', '100'], // 2 imported
  [`${p}-1`, '', '', '', '', '', '', '', 'SKU-B', '1', '50'], // 3 imported (same order)
  [`${p}-2`, 'Beto Ruiz', '', 'Calle 1 123', 'Buenos Aires', 'AR', '-34.6', '-58.4', 'SKU-A', 'dos', '10'], // 4 failed: quantity
  [`${p}-3`, 'Caro Díaz', '', 'Calle 2 456', 'Córdoba', 'AR', '-31.41', '-64.18', 'SKU-B', '1', ''], // 5 failed: its order's line 6 failed
  [`${p}-3`, 'Caro Díaz', '', 'Calle 2 456', 'Rosario', 'AR', '', '', 'SKU-A', '1', ''], // 6 failed: city differs
  [`${p}-4`, 'Dani Sosa', '', 'Calle 3 789', 'Quilmes', 'AR', '-34.72', '-58.25', 'SKU-A', '1', ''], // 7 imported
  ['', 'Eva Luna', '', 'Calle 4', 'Quilmes', 'AR', '-34.72', '-58.25', 'SKU-A', '1', ''], // 8 failed: no order_id
];
const csvOf = (p: string) => [HEADER, ...rows(p)].map((r) => r.map((v) => (v.includes(',') ? `"${v}"` : v)).join(',')).join('\n') + '\n';

describe('bulk import of CSV and XLSX files', () => {
  let db: TestDatabase;
  let engine: Engine;
  let dir: string;
  const events: EngineEvent[] = [];
  const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [
      { location: 'loc-palermo', sku: 'SKU-A', onHand: 50 },
      { location: 'loc-dc-ezeiza', sku: 'SKU-B', onHand: 50 },
    ]);
    dir = mkdtempSync(join(tmpdir(), 'atalaya-import-'));
    engine = await startEngine(
      loadConfig(
        {},
        {
          databaseUrl: db.url,
          redisUrl: redisUrlOrWarn('imports'),
          demo: 'empty',
          workers: true,
          logLevel: 'warn',
          simulatorRate: 0,
          queuePrefix: testQueuePrefix('imp'),
          importDir: dir,
        },
      ),
    );
    engine.onEvent((e) => events.push(e));
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const finished = (id: string) =>
    eventually(async () => {
      const s = (await engine.dispatch('imports.get', { id }, PLANNER)).import;
      return s.status === 'done' || s.status === 'failed' ? s : undefined;
    }, `import ${id} to finish`);
  const report = async (id: string) => (await engine.dispatch('imports.get', { id, limit: 1000 }, PLANNER)).rows;
  const byLine = (r: ImportRow[]) => new Map(r.map((x) => [x.line, x]));
  const ordersOf = async (prefix: string) =>
    (
      await db.pool.query(`SELECT external_id FROM orders WHERE channel = 'csv' AND external_id LIKE $1 ORDER BY external_id`, [
        `${prefix}-%`,
      ])
    ).rows.map((r) => r.external_id as string);

  function expectReport(r: ImportRow[], p: string) {
    const m = byLine(r);
    expect([...m.keys()]).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(m.get(2)).toMatchObject({ status: 'imported', orderId: `${p}-1` });
    expect(m.get(3)).toMatchObject({ status: 'imported', orderId: `${p}-1` });
    expect(m.get(2)!.atalayaOrderId).toBe(m.get(3)!.atalayaOrderId);
    expect(m.get(4)).toMatchObject({ status: 'failed', column: 'quantity' });
    expect(m.get(4)!.reason).toContain('"dos" is not a whole number');
    expect(m.get(5)).toMatchObject({ status: 'failed', column: null });
    expect(m.get(5)!.reason).toMatch(/whole or not at all.*line 6/);
    expect(m.get(6)).toMatchObject({ status: 'failed', column: 'city' });
    expect(m.get(6)!.reason).toContain('"Rosario" here but "Córdoba" on line 5');
    expect(m.get(7)).toMatchObject({ status: 'imported', orderId: `${p}-4` });
    expect(m.get(8)).toMatchObject({ status: 'failed', column: 'order_id' });
  }

  /** Imports `csvOf(prefix)` as pedidos.csv and waits for it to finish. */
  const importCsv = async (prefix: string) =>
    finished((await engine.dispatch('imports.upload', { fileName: 'pedidos.csv', contentBase64: b64(csvOf(prefix)) }, PLANNER)).id);

  it('imports the good orders of a CSV, whole, and reports each bad row with its line, column and fix', async () => {
    const csv = csvOf('C');
    const up = await engine.dispatch('imports.upload', { fileName: 'pedidos.csv', contentBase64: b64(csv) }, PLANNER);
    expect(up).toMatchObject({
      status: 'queued',
      format: 'csv',
      source: 'desk',
      createdBy: PLANNER.name,
      sizeBytes: Buffer.byteLength(csv),
    });
    const first = await finished(up.id);
    expect(first).toMatchObject({ status: 'done', progress: 1, rowsRead: 7, imported: 3, duplicates: 0, failed: 4 });
    expect(await ordersOf('C')).toEqual(['C-1', 'C-4']);
    const c1 = (
      await db.pool.query(
        `SELECT o.id, o.total_units, (SELECT array_agg(sku ORDER BY line_no) FROM order_lines WHERE order_id = o.id) AS skus FROM orders o WHERE external_id = 'C-1'`,
      )
    ).rows[0];
    expect(c1).toMatchObject({ total_units: 3, skus: ['SKU-A', 'SKU-B'] });
    expectReport(await report(up.id), 'C');
    // The raw file is kept as it arrived.
    const kept = (await db.pool.query('SELECT content FROM imports WHERE id = $1', [up.id])).rows[0].content as Buffer;
    expect(kept.toString('utf8')).toBe(csv);
    // The desk heard the progress through the outbox, ending at done.
    await eventually(
      async () => events.find((e) => e.type === 'import.progress' && e.importId === up.id && e.status === 'done'),
      'import.progress done',
    );
    expect(events.some((e) => e.type === 'import.progress' && e.importId === up.id && e.status === 'queued')).toBe(true);
  });

  it('re-importing the same file creates nothing new: the orders are reported as duplicates', async () => {
    const first = await importCsv('D');
    const before = Number((await db.pool.query('SELECT count(*) AS n FROM orders')).rows[0].n);
    const up = await engine.dispatch('imports.upload', { fileName: 'pedidos.csv', contentBase64: b64(csvOf('D')) }, PLANNER);
    const s = await finished(up.id);
    expect(s).toMatchObject({ status: 'done', imported: 0, duplicates: 3, failed: 4 });
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM orders')).rows[0].n)).toBe(before);
    const m = byLine(await report(up.id));
    expect(m.get(2)!.atalayaOrderId).toBe(byLine(await report(first.id)).get(2)!.atalayaOrderId);
    expect(m.get(2)!.reason).toMatch(/already imported as order #\d+/);
  });

  it('gives the failed rows back as a CSV with a reason column, ready to fix and import again', async () => {
    const first = await importCsv('F');
    const f = await engine.dispatch('imports.failedRowsCsv', { id: first.id }, PLANNER);
    expect(f.fileName).toBe('pedidos-failed-rows.csv');
    expect(f.rows).toBe(4);
    const lines = f.csv.trim().split('\r\n');
    // The layout's columns that the failed rows use (none of them has an e-mail), then where each came from and why.
    expect(lines[0]).toBe('order_id,customer_name,address_line1,city,country,lat,lng,sku,quantity,unit_price,source_line,reason');
    expect(lines.slice(1).map((l) => l.split(',')[10])).toEqual(['4', '5', '6', '8']);
    expect(lines[1]).toMatch(/^F-2,Beto Ruiz,.*,dos,10,4,.*not a whole number/);
  });

  it('imports an XLSX the same way', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pedidos');
    // Spanish headers, matched without case or accents.
    ws.addRow(['Pedido', 'Cliente', 'Correo', 'Dirección', 'Ciudad', 'País', 'Latitud', 'Longitud', 'SKU', 'Cantidad', 'Precio unitario']);
    for (const r of rows('X')) ws.addRow(r.map((v, i) => (i >= 6 && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v)));
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await engine.dispatch('imports.upload', { fileName: 'pedidos.xlsx', contentBase64: b64(buf) }, PLANNER);
    expect(up.format).toBe('xlsx');
    const s = await finished(up.id);
    expect(s).toMatchObject({ status: 'done', imported: 3, failed: 4 });
    expect(await ordersOf('X')).toEqual(['X-1', 'X-4']);
    expectReport(await report(up.id), 'X');
  });

  it('fails a file whose header lacks required columns, saying which and how to name them', async () => {
    const up = await engine.dispatch('imports.upload', { fileName: 'x.csv', contentBase64: b64('pedido,sku\nA,B\n') }, PLANNER);
    const s = await finished(up.id);
    expect(s.status).toBe('failed');
    expect(s.error).toMatch(/customer_name.*address_line1.*quantity \(or cantidad/);
  });

  /**
   * Every data row of the file is accounted for: the counts add up to `dataRows`, the report has
   * exactly `lines` (each once), and the failed-rows download holds exactly the failed ones — read
   * back with csv-parse, not with the importer's own reader.
   */
  async function expectAccounted(s: ImportSummary, lines: number[]) {
    expect(s.rowsRead).toBe(lines.length);
    expect(s.imported + s.duplicates + s.failed).toBe(lines.length);
    const r = await report(s.id);
    expect(r.map((x) => x.line)).toEqual(lines);
    const failed = r.filter((x) => x.status === 'failed');
    expect(failed.length).toBe(s.failed);
    const f = await engine.dispatch('imports.failedRowsCsv', { id: s.id }, PLANNER);
    const records = parseCsv(f.csv, { columns: true }) as Record<string, string>[];
    expect(f.rows).toBe(s.failed);
    expect(records.map((x) => Number(x.source_line))).toEqual(failed.map((x) => x.line));
    expect(records.map((x) => x.reason)).toEqual(failed.map((x) => x.reason));
    return { byLine: byLine(r), records };
  }
  const upload = async (fileName: string, content: string | Buffer) =>
    finished((await engine.dispatch('imports.upload', { fileName, contentBase64: b64(content) }, PLANNER)).id);

  it('accounts for every row of a file over 256 KB whose quoting breaks near its end', async () => {
    // Two rows per order, each row padded (an ignored column) so the file spans two 256 KiB slices of the kept file.
    const header = ['order_id', 'customer_name', 'address_line1', 'city', 'country', 'lat', 'lng', 'sku', 'quantity', 'internal_memo'];
    const pad = 'x'.repeat(1500);
    const lines: string[] = [header.join(',')];
    const orders = 100;
    for (let i = 0; i < orders; i++) {
      const qty = i === 5 ? 'dos' : '1';
      lines.push(`Q-${i},"Cliente ${i}, SA",Calle ${i},Buenos Aires,AR,-34.6,-58.4,SKU-A,${qty},${pad}`);
      lines.push(`Q-${i},,,,,,,SKU-B,1,${pad}`);
    }
    // The last order goes on in the line whose quote never closes; three more rows and a blank line follow.
    const broken = lines.length + 1;
    lines.push(`Q-${orders - 1},"Cliente roto,Calle 9,Buenos Aires,AR,-34.6,-58.4,SKU-C,1,${pad}`);
    lines.push(
      `Q-${orders},Ana,Calle 1,Buenos Aires,AR,-34.6,-58.4,SKU-A,1,${pad}`,
      '',
      `Q-${orders + 1},"Beto",Calle 2,Buenos Aires,AR,-34.6,-58.4,SKU-A,1,x`,
    );
    lines.push(`Q-${orders + 2},Caro,Calle 3,Buenos Aires,AR,-34.6,-58.4,SKU-A,1,x`);
    const csv = `${lines.join('\n')}\n`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(300 * 1024);

    const s = await upload('roto.csv', csv);
    const dataLines = lines.flatMap((l, i) => (i > 0 && l !== '' ? [i + 1] : []));
    const { byLine: m } = await expectAccounted(s, dataLines);
    expect(s.status).toBe('failed');
    expect(s.error).toMatch(
      new RegExp(`quoting breaks at line ${broken} \\(the quote that opens column "customer_name" is never closed\\)`),
    );
    expect(s.error).toMatch(/the 4 rows from line \d+ on could not be read and are reported as failed/);
    // Every order before the break but the bad one and the one the break cuts into is imported whole.
    const expected = Array.from({ length: orders - 1 }, (_, i) => `Q-${i}`).filter((x) => x !== 'Q-5');
    expect((await ordersOf('Q')).sort()).toEqual(expected.sort());
    expect(s.imported).toBe(expected.length * 2);
    expect(m.get(12)).toMatchObject({ status: 'failed', column: 'quantity', orderId: 'Q-5' });
    // The order that goes on in the broken line is not imported half.
    for (const l of [broken - 2, broken - 1]) {
      expect(m.get(l)).toMatchObject({ status: 'failed', orderId: `Q-${orders - 1}` });
      expect(m.get(l)!.reason).toMatch(new RegExp(`whole or not at all, and line ${broken} of it failed`));
    }
    expect(m.get(broken)).toMatchObject({ status: 'failed', column: 'customer_name' });
    expect(m.get(broken)!.reason).toMatch(/^not read: the file's quoting breaks on this line/);
    for (const l of [broken + 1, broken + 3, broken + 4]) {
      expect(m.get(l)).toMatchObject({ status: 'failed', column: null });
      expect(m.get(l)!.reason).toMatch(new RegExp(`^not read: the file's quoting breaks at line ${broken} `));
    }
  });

  it('finishes a CSV holding a NUL byte: the row with it fails naming the column, the other rows are imported', async () => {
    const header = ['order_id', 'customer_name', 'address_line1', 'city', 'country', 'lat', 'lng', 'sku', 'quantity', 'notes'];
    const rowsN = [
      ['N-1', 'Ana', 'Calle 1', 'Buenos Aires', 'AR', '-34.6', '-58.4', 'SKU-A', '1', 'ok'], // 2 imported
      ['N-2', 'Be\0to', 'Calle 2', 'Buenos Aires', 'AR', '-34.6', '-58.4', 'SKU-A', '1', ''], // 3 failed: NUL in customer_name
      ['N-3', 'Caro', 'Calle 3', 'Buenos Aires', 'AR', '-34.6', '-58.4', 'SKU-A', '1', ''], // 4 failed: line 5 of its order failed
      ['N-3', '', '', '', '', '', '', 'SKU-B', '1', 'nota\0'], // 5 failed: NUL in notes
      ['N-4', 'Dani', 'Calle 4', 'Buenos Aires', 'AR', '-34.6', '-58.4', 'SKU-B', '2', ''], // 6 imported
    ];
    const s = await upload('nul.csv', Buffer.from([header, ...rowsN].map((r) => r.join(',')).join('\n')));
    expect(s).toMatchObject({ status: 'done', imported: 2, failed: 3, error: null });
    const { byLine: m, records } = await expectAccounted(s, [2, 3, 4, 5, 6]);
    expect(await ordersOf('N')).toEqual(['N-1', 'N-4']);
    expect(m.get(3)).toMatchObject({ status: 'failed', column: 'customer_name', orderId: 'N-2' });
    expect(m.get(3)!.reason).toMatch(/^customer_name contains a NUL character/);
    expect(m.get(4)!.reason).toMatch(/whole or not at all, and line 5 of it failed/);
    expect(m.get(5)).toMatchObject({ status: 'failed', column: 'notes' });
    // The download gives the cells back without the character, ready to check and import again.
    expect(records[0]).toMatchObject({ order_id: 'N-2', customer_name: 'Beto', source_line: '3' });
    expect(JSON.stringify(records)).not.toContain('\\u0000');
  });

  it('reports the spreadsheet row of each row of a CRLF file with line breaks inside cells, as the XLSX of the same sheet does', async () => {
    const header = ['order_id', 'customer_name', 'address_line1', 'city', 'country', 'lat', 'lng', 'sku', 'quantity', 'notes'];
    // Spreadsheet rows: header 1, then 2, 3, … in order; the empty row is a row too.
    const sheet = [
      ['L-1', 'Ana', 'Calle 1', 'Buenos Aires', 'AR', '-34.6', '-58.4', 'SKU-A', '1', 'timbre roto\r\nllamar al llegar'], // 2 imported
      ['L-1', '', '', '', '', '', '', 'SKU-B', '1', ''], // 3 imported
      ['L-2', 'Beto', 'Calle 2\npiso 3', 'Buenos Aires', 'AR', '-34.6', '-58.4', 'SKU-A', 'dos', 'a\r\nb\r\nc'], // 4 failed: quantity
      [], // 5 empty
      ['L-3', 'Caro', 'Calle 3', 'Buenos Aires', 'AR', '-34.6', '-58.4', 'SKU-A', '1', 'dice "hola"\r\n'], // 6 imported
      ['L-4', 'Dani', 'Calle 4', 'Buenos Aires', 'AR', '-34.6', '', 'SKU-A', '1', ''], // 7 failed: lng
      ['L-5', 'Eva', 'Calle 5', 'Buenos Aires', 'AR', '-34.6', '-58.4', 'SKU-A', '0', 'x\ny'], // 8 failed: quantity
    ];
    const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const csv = [header, ...sheet].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
    // What a spreadsheet reads: one record per row (csv-parse, independent of the importer).
    expect((parseCsv(csv, { skip_empty_lines: false, relax_column_count: true }) as string[][]).length).toBe(sheet.length + 1);

    const s = await upload('crlf.csv', csv);
    expect(s).toMatchObject({ status: 'done', imported: 3, failed: 3 });
    const { byLine: m } = await expectAccounted(s, [2, 3, 4, 6, 7, 8]);
    expect(m.get(4)).toMatchObject({ status: 'failed', column: 'quantity', orderId: 'L-2' });
    expect(m.get(6)).toMatchObject({ status: 'imported', orderId: 'L-3' });
    expect(m.get(7)).toMatchObject({ status: 'failed', column: 'lng', orderId: 'L-4' });
    expect(m.get(8)).toMatchObject({ status: 'failed', column: 'quantity', orderId: 'L-5' });
    const notes = (await db.pool.query(`SELECT notes FROM orders WHERE channel = 'csv' AND external_id = 'L-1'`)).rows[0].notes;
    expect(notes).toContain('llamar al llegar');

    // The same sheet as an XLSX gives the same rows (exceljs numbers rows as the spreadsheet does).
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pedidos');
    ws.addRow(header);
    for (const r of sheet) ws.addRow(r.map((v, i) => (i === 0 ? v.replace('L-', 'LX-') : v)));
    const x = await upload('crlf.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect((await report(x.id)).map((r) => [r.line, r.status, r.column])).toEqual(
      (await report(s.id)).map((r) => [r.line, r.status, r.column]),
    );
  });

  it('refuses what is not a file it can read, or too big, or from a role that may not import', async () => {
    await expect(
      engine.dispatch(
        'imports.upload',
        { fileName: 'foto.png', contentBase64: b64(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])) },
        PLANNER,
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/neither CSV nor XLSX/),
    });
    await expect(
      engine.dispatch('imports.upload', { fileName: 'big.csv', contentBase64: 'A'.repeat(12 * 1024 * 1024) }, PLANNER),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/larger than 8 MB.*ATALAYA_IMPORT_DIR/),
    });
    await expect(engine.dispatch('imports.upload', { fileName: 'a.csv', contentBase64: b64(csvOf('Z')) }, ASSOCIATE)).rejects.toMatchObject(
      { code: 'FORBIDDEN' },
    );
  });

  it('picks up a file dropped in the watched folder and moves it to done/ or failed/ with its report', async () => {
    writeFileSync(join(dir, 'good.csv'), [HEADER, rows('W')[0]!, rows('W')[5]!].map((r) => r.join(',')).join('\n'));
    writeFileSync(join(dir, 'mixed.csv'), csvOf('M'));
    await eventually(async () => (existsSync(join(dir, 'done', 'good.csv')) ? true : undefined), 'good.csv in done/', 30_000);
    const goodReport = JSON.parse(readFileSync(join(dir, 'done', 'good.csv.report.json'), 'utf8')) as {
      import: ImportSummary;
      rows: ImportRow[];
    };
    expect(goodReport.import).toMatchObject({ source: 'folder', status: 'done', imported: 2, failed: 0 });
    expect(await ordersOf('W')).toEqual(['W-1', 'W-4']);
    await eventually(async () => (existsSync(join(dir, 'failed', 'mixed.csv')) ? true : undefined), 'mixed.csv in failed/', 30_000);
    const mixed = JSON.parse(readFileSync(join(dir, 'failed', 'mixed.csv.report.json'), 'utf8')) as {
      import: ImportSummary;
      rows: ImportRow[];
    };
    expect(mixed.import).toMatchObject({ imported: 3, failed: 4 });
    expectReport(mixed.rows, 'M');
    expect(existsSync(join(dir, 'good.csv'))).toBe(false);
    const history = await engine.dispatch('imports.list', {}, PLANNER);
    expect(
      history
        .filter((h) => h.source === 'folder')
        .map((h) => h.fileName)
        .sort(),
    ).toEqual(['good.csv', 'mixed.csv']);
  });

  it('keeps a finished import as it is: the database refuses to change it', async () => {
    const first = await importCsv('K');
    await expect(db.pool.query(`UPDATE imports SET imported = 99 WHERE id = $1`, [first.id])).rejects.toThrow(/already done/);
  });
});
