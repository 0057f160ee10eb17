import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PrinterTarget, RenderedDocument } from '../../ports/printer.port';
import { dayFolder, folderTransport, safeFileName } from './folder.transport';
import { parseSocketAddress } from './raw9100.transport';

const dir = mkdtempSync(join(tmpdir(), 'atalaya-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const printer = (address: string): PrinterTarget => ({
  id: 'f',
  name: 'Folder',
  transport: 'folder',
  address,
  language: 'zpl',
  dpi: 203,
  paper: '4x6',
});
const doc: RenderedDocument = {
  jobId: 'job-7',
  title: 'Label',
  format: 'zpl',
  bytes: new TextEncoder().encode('^XA^FDÁé^FS^XZ'),
  pageMm: { width: 101.6, height: 152.4 },
};

describe('folder transport', () => {
  const at = new Date(2026, 2, 5, 23, 59);
  const t = folderTransport(() => at);

  it('writes <day>/<jobId>.<format> with the exact bytes and leaves no temporary file', async () => {
    const { receipt } = await t.send(printer(dir), doc);
    expect(receipt).toBe(join(dir, '2026-03-05', 'job-7.zpl'));
    expect(new Uint8Array(readFileSync(receipt))).toEqual(doc.bytes);
    expect(readdirSync(join(dir, '2026-03-05'))).toEqual(['job-7.zpl']);
  });

  it('is ready for a writable folder; a missing one is offline and its job waits; a relative path is fatal', async () => {
    await expect(t.health(printer(dir))).resolves.toEqual({ state: 'ready', detail: null });
    await expect(t.health(printer(join(dir, 'nope')))).resolves.toMatchObject({ state: 'offline' });
    await expect(t.send(printer(join(dir, 'nope')), doc)).rejects.toMatchObject({ kind: 'retry', health: 'offline' });
    await expect(t.send(printer('labels'), doc)).rejects.toMatchObject({ kind: 'fatal' });
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    await expect(t.health(printer(file))).resolves.toMatchObject({ state: 'error' });
  });

  it('names days in local time and keeps job ids inside the folder', () => {
    expect(dayFolder(new Date(2026, 0, 9, 0, 1))).toBe('2026-01-09');
    expect(safeFileName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeFileName('..')).toBe('_');
  });
});

describe('raw 9100 addresses', () => {
  it('reads host:port, host alone (9100) and [v6]:port; refuses the rest as fatal', () => {
    expect(parseSocketAddress('10.0.0.5:9100')).toEqual({ host: '10.0.0.5', port: 9100 });
    expect(parseSocketAddress('zebra-dock')).toEqual({ host: 'zebra-dock', port: 9100 });
    expect(parseSocketAddress('[::1]:19100')).toEqual({ host: '::1', port: 19100 });
    expect(() => parseSocketAddress('host:99999')).toThrow(/host:port/);
    expect(() => parseSocketAddress('http://x/')).toThrow(/host:port/);
  });
});
