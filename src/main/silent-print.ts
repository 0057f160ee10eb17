import type { HostRequest, SilentPrintRequest } from './engine-messages';

/** The part of a BrowserWindow that printing uses (a fake one in the unit test: the Electron binary does not run there). */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  destroy(): void;
  isDestroyed(): boolean;
  webContents: {
    print(options: Electron.WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
    getPrintersAsync(): Promise<Electron.PrinterInfo[]>;
  };
}

/** Makes the hidden, locked-down window a print renders in (window-factory.ts: createPrintWindow). */
export type PrintWindowFactory = () => PrintWindow;

export type SilentPrintResult = { ok: true } | { ok: false; error: string };

/** Bounds on what a print may ask for: an A0 sheet is 841×1189 mm; nothing Atalaya prints is near it. */
const MAX_MICRONS = 1_200_000;
const MAX_HTML = 20 * 1024 * 1024;

/** What is wrong with a request that crossed from the engine process, or null. */
export function requestProblem(r: SilentPrintRequest): string | null {
  if (r.deviceName.trim() === '' || r.deviceName.length > 500) return 'deviceName must name a system printer';
  if (r.html.length === 0 || r.html.length > MAX_HTML) return `html must be 1 character to ${MAX_HTML / 1024 / 1024} MB`;
  const { width, height } = r.pageSize;
  const micron = (n: number) => Number.isInteger(n) && n >= 10_000 && n <= MAX_MICRONS;
  if (!micron(width) || !micron(height)) return 'pageSize must be whole microns between 10 mm and 1200 mm';
  return null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/**
 * The page as a data: URL (nothing is served, nothing written to disk), with the job's title as
 * the document title where the page has none: it is what the OS print queue shows.
 */
export function printPageUrl(html: string, title: string): string {
  const titled = /<title[\s>]/i.test(html)
    ? html
    : /<head[^>]*>/i.test(html)
      ? html.replace(/<head[^>]*>/i, (head) => `${head}<title>${escapeHtml(title)}</title>`)
      : `<title>${escapeHtml(title)}</title>${html}`;
  return `data:text/html;charset=utf-8;base64,${Buffer.from(titled, 'utf8').toString('base64')}`;
}

/**
 * Prints one page with no dialog (Electron's `webContents.print` with `silent`): a hidden window
 * loads the HTML, prints it to `deviceName` at the page size with no margins (the document sets
 * its own) and backgrounds on (labels have black bars), and is destroyed whatever happens. Never
 * rejects: a failure is `{ ok: false, error }` with Electron's reason, for the job's last error.
 */
export async function printSilently(
  factory: PrintWindowFactory,
  request: SilentPrintRequest,
  timeoutMs = 60_000,
): Promise<SilentPrintResult> {
  const problem = requestProblem(request);
  if (problem) return { ok: false, error: `Refused a print request: ${problem}` };
  let win: PrintWindow | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<SilentPrintResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: `Printing to ${request.deviceName} did not finish within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
  });
  const printed = (async (): Promise<SilentPrintResult> => {
    win = factory();
    await win.loadURL(printPageUrl(request.html, request.title));
    const w = win;
    return new Promise<SilentPrintResult>((resolve) => {
      w.webContents.print(
        {
          silent: true,
          deviceName: request.deviceName,
          pageSize: { width: request.pageSize.width, height: request.pageSize.height },
          margins: { marginType: 'none' },
          printBackground: true,
        },
        (success, failureReason) => resolve(success ? { ok: true } : { ok: false, error: failureReason || 'the print failed' }),
      );
    });
  })().catch((e: unknown): SilentPrintResult => ({ ok: false, error: `Could not print: ${e instanceof Error ? e.message : String(e)}` }));
  try {
    return await Promise.race([printed, timedOut]);
  } finally {
    clearTimeout(timer);
    if (win && !win.isDestroyed()) win.destroy();
  }
}

/**
 * A printer as the engine's bridge reports it. Electron (since 20) gives no status field: on Linux
 * and macOS the CUPS options carry `printer-state` (3 idle, 4 processing, 5 stopped); elsewhere
 * there is nothing to read, and 0 ("nothing to report") is what the engine gets.
 */
export function bridgePrinter(p: Pick<Electron.PrinterInfo, 'name' | 'options'>): { name: string; status: number; isDefault: boolean } {
  const options = (p.options ?? {}) as Record<string, unknown>;
  const state = Number(options['printer-state']);
  return { name: p.name, status: Number.isInteger(state) && state > 0 ? state : 0, isDefault: options['is-default'] === 'true' };
}

/** The system's printers (a short-lived print window asks, unless a window is at hand). */
export async function listPrinters(
  factory: PrintWindowFactory,
  existing?: () => Pick<PrintWindow['webContents'], 'getPrintersAsync'> | undefined,
) {
  const contents = existing?.();
  const win = contents ? undefined : factory();
  try {
    return (await (contents ?? win!.webContents).getPrintersAsync()).map(bridgePrinter);
  } finally {
    if (win && !win.isDestroyed()) win.destroy();
  }
}

/** Answers the engine's host requests (engine-relay.ts `serveHost`). */
export function hostPrinting(factory: PrintWindowFactory, existing?: Parameters<typeof listPrinters>[1]) {
  return (request: HostRequest): Promise<unknown> =>
    request.kind === 'print' ? printSilently(factory, request.request) : listPrinters(factory, existing);
}
