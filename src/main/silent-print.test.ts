import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { bridgePrinter, hostPrinting, printPageUrl, printSilently, type PrintWindow } from './silent-print';

/**
 * Electron's silent printing against a fake window (the Electron binary does not run here): the
 * exact options webContents.print gets, the window destroyed on success, failure and timeout.
 * The print window's own hardening is tested below against a mocked electron.
 */
const windows = vi.hoisted(() => [] as { options: Record<string, unknown>; contents: EventEmitter & { openHandler?: () => unknown } }[]);
vi.mock('electron', () => ({
  BrowserWindow: class {
    webContents = Object.assign(new EventEmitter(), {
      openHandler: undefined as undefined | (() => unknown),
      setWindowOpenHandler(h: () => unknown) {
        this.openHandler = h;
      },
    });
    constructor(options: Record<string, unknown>) {
      windows.push({ options, contents: this.webContents });
    }
  },
}));
const { createPrintWindow } = await import('./window-factory');

const request = {
  deviceName: 'Zebra_ZD420',
  html: '<html><head></head><body>Pedido #1043 — São Paulo</body></html>',
  pageSize: { width: 101600, height: 152400 },
  title: 'Label #1043',
};

type PrintCallback = (success: boolean, failureReason: string) => void;

/** A window that records what it was asked and answers print the way `answer` says. */
function fakeWindow(answer: (cb: PrintCallback) => void, load: () => Promise<void> = async () => undefined) {
  let destroyed = false;
  const win = {
    loaded: [] as string[],
    printed: [] as Electron.WebContentsPrintOptions[],
    async loadURL(url: string) {
      win.loaded.push(url);
      await load();
    },
    destroy: vi.fn(() => void (destroyed = true)),
    isDestroyed: () => destroyed,
    webContents: {
      print(options: Electron.WebContentsPrintOptions, cb: PrintCallback) {
        win.printed.push(options);
        answer(cb);
      },
      getPrintersAsync: async () =>
        [{ name: 'Zebra_ZD420', displayName: 'Zebra', description: '', options: { 'printer-state': '3' } }] as Electron.PrinterInfo[],
    },
  };
  return win;
}

describe('printSilently', () => {
  it('prints silently to the device, at the page size in microns, no margins, backgrounds on; then destroys the window', async () => {
    const win = fakeWindow((cb) => cb(true, ''));
    await expect(printSilently(() => win as PrintWindow, request)).resolves.toEqual({ ok: true });
    expect(win.printed).toEqual([
      {
        silent: true,
        deviceName: 'Zebra_ZD420',
        pageSize: { width: 101600, height: 152400 },
        margins: { marginType: 'none' },
        printBackground: true,
      },
    ]);
    expect(win.loaded).toHaveLength(1);
    expect(win.loaded[0]).toMatch(/^data:text\/html;charset=utf-8;base64,/);
    expect(win.destroy).toHaveBeenCalledOnce();
  });

  it('a failed print answers Electron’s reason and still destroys the window', async () => {
    const win = fakeWindow((cb) => cb(false, 'Invalid deviceName provided'));
    await expect(printSilently(() => win as PrintWindow, request)).resolves.toEqual({ ok: false, error: 'Invalid deviceName provided' });
    expect(win.destroy).toHaveBeenCalledOnce();
  });

  it('a page that fails to load answers why, without printing, and destroys the window', async () => {
    const win = fakeWindow(
      (cb) => cb(true, ''),
      async () => {
        throw new Error('ERR_INVALID_URL');
      },
    );
    await expect(printSilently(() => win as PrintWindow, request)).resolves.toEqual({
      ok: false,
      error: 'Could not print: ERR_INVALID_URL',
    });
    expect(win.printed).toHaveLength(0);
    expect(win.destroy).toHaveBeenCalledOnce();
  });

  it('a print that never calls back times out and destroys the window', async () => {
    const win = fakeWindow(() => undefined);
    await expect(printSilently(() => win as PrintWindow, request, 20)).resolves.toEqual({
      ok: false,
      error: 'Printing to Zebra_ZD420 did not finish within 0.02 s',
    });
    expect(win.destroy).toHaveBeenCalledOnce();
  });

  it('refuses a request out of shape without making a window', async () => {
    const factory = vi.fn(() => fakeWindow((cb) => cb(true, '')) as PrintWindow);
    for (const bad of [
      { ...request, deviceName: ' ' },
      { ...request, html: '' },
      { ...request, pageSize: { width: 101.6, height: 152.4 } },
      { ...request, pageSize: { width: 101600, height: 99_000_000 } },
    ]) {
      await expect(printSilently(factory, bad)).resolves.toMatchObject({ ok: false, error: expect.stringContaining('Refused') });
    }
    expect(factory).not.toHaveBeenCalled();
  });

  it('the page is the HTML, byte for byte in UTF-8, with the job title where it had none', () => {
    const decode = (url: string) => Buffer.from(url.split(',')[1]!, 'base64').toString('utf8');
    expect(decode(printPageUrl(request.html, 'Label <1043>'))).toBe(
      '<html><head><title>Label &lt;1043&gt;</title></head><body>Pedido #1043 — São Paulo</body></html>',
    );
    expect(decode(printPageUrl('<title>Own</title><p>x</p>', 'T'))).toBe('<title>Own</title><p>x</p>');
    expect(decode(printPageUrl('<p>x</p>', 'T'))).toBe('<title>T</title><p>x</p>');
  });
});

describe('the host side of the bridge', () => {
  it('lists printers with CUPS printer-state as status, from a short-lived window it destroys', async () => {
    const win = fakeWindow(() => undefined);
    await expect(hostPrinting(() => win as PrintWindow)({ kind: 'printers' })).resolves.toEqual([
      { name: 'Zebra_ZD420', status: 3, isDefault: false },
    ]);
    expect(win.destroy).toHaveBeenCalledOnce();
    expect(bridgePrinter({ name: 'PDF', options: {} as Electron.PrinterInfo['options'] })).toEqual({
      name: 'PDF',
      status: 0,
      isDefault: false,
    });
  });

  it('prints through printSilently', async () => {
    const win = fakeWindow((cb) => cb(true, ''));
    await expect(hostPrinting(() => win as PrintWindow)({ kind: 'print', request })).resolves.toEqual({ ok: true });
    expect(win.printed).toHaveLength(1);
  });
});

describe('the print window (window factory)', () => {
  createPrintWindow();
  const made = windows.at(-1)!;
  const prefs = made.options.webPreferences as Record<string, unknown>;

  it('is hidden, sandboxed and isolated, with no Node, no preload and no script', () => {
    expect(made.options.show).toBe(false);
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      javascript: false,
    });
    expect(prefs).not.toHaveProperty('preload');
  });

  it('navigates nowhere, not even to the desk, and opens nothing', () => {
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      made.contents.emit(event, e, 'app://desk/');
      expect(e.preventDefault, event).toHaveBeenCalled();
    }
    expect(made.contents.openHandler?.()).toEqual({ action: 'deny' });
  });
});
