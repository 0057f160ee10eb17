import { describe, expect, it, vi } from 'vitest';
import { PrintError, type PrinterTarget, type RenderedDocument, type SilentPrintBridge } from '../../ports/printer.port';
import { electronPrinterHealth, electronTransport } from './electron.transport';

const printer: PrinterTarget = {
  id: 'p1',
  name: 'Brother office',
  transport: 'electron',
  address: 'Brother_HL',
  language: 'pdf',
  dpi: null,
  paper: 'A4',
};
const doc: RenderedDocument = {
  jobId: 'job-1',
  title: 'Pick list W-1',
  format: 'pdf',
  bytes: new Uint8Array([1]),
  html: '<h1>Lista de picking — ñandú</h1>',
  pageMm: { width: 210, height: 297 },
};

function fakeBridge(status = 0, result: { ok: true } | { ok: false; error: string } = { ok: true }) {
  return {
    print: vi.fn<SilentPrintBridge['print']>(async () => result),
    printers: vi.fn<SilentPrintBridge['printers']>(async () => [{ name: 'Brother_HL', status, isDefault: true }]),
  };
}

describe('electron transport', () => {
  it('prints the HTML by device name with the page size in microns', async () => {
    const bridge = fakeBridge();
    await expect(electronTransport(bridge).send(printer, { ...doc, pageMm: { width: 101.6, height: 152.4 } })).resolves.toEqual({
      receipt: 'printed on Brother_HL',
    });
    expect(bridge.print).toHaveBeenCalledWith({
      deviceName: 'Brother_HL',
      html: doc.html,
      pageSize: { width: 101600, height: 152400 },
      title: 'Pick list W-1',
    });
  });

  it('a printer the system does not have is offline, and its job waits (retry)', async () => {
    const bridge = fakeBridge();
    const missing = { ...printer, address: 'Gone' };
    await expect(electronTransport(bridge).health(missing)).resolves.toMatchObject({ state: 'offline' });
    const e = await electronTransport(bridge)
      .send(missing, doc)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PrintError);
    expect(e).toMatchObject({ kind: 'retry', health: 'offline' });
    expect(bridge.print).not.toHaveBeenCalled();
  });

  it('a failed print is retried with what Electron said', async () => {
    const bridge = fakeBridge(0, { ok: false, error: 'Print job failed' });
    await expect(electronTransport(bridge).send(printer, doc)).rejects.toMatchObject({
      kind: 'retry',
      message: expect.stringContaining('Print job failed'),
    });
  });

  it('without the desktop bridge: offline, and a job fails for good with what to do', async () => {
    await expect(electronTransport(undefined).health(printer)).resolves.toMatchObject({ state: 'offline' });
    await expect(electronTransport(undefined).send(printer, doc)).rejects.toMatchObject({
      kind: 'fatal',
      message: expect.stringContaining('desktop app'),
    });
  });

  it('a document without a page form is fatal', async () => {
    await expect(electronTransport(fakeBridge()).send(printer, { ...doc, html: undefined })).rejects.toMatchObject({ kind: 'fatal' });
  });

  it('reads status as CUPS printer-state on Linux/macOS and as spooler flags on Windows', () => {
    expect(electronPrinterHealth(0, 'linux').state).toBe('ready');
    expect(electronPrinterHealth(3, 'linux').state).toBe('ready');
    expect(electronPrinterHealth(4, 'darwin').state).toBe('printing');
    expect(electronPrinterHealth(5, 'linux').state).toBe('paused');
    expect(electronPrinterHealth(0x80, 'win32').state).toBe('offline');
    expect(electronPrinterHealth(0x10, 'win32').state).toBe('paper_out');
    expect(electronPrinterHealth(0x1, 'win32').state).toBe('paused');
    expect(electronPrinterHealth(0x400, 'win32').state).toBe('printing');
  });
});
