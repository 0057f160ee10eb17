import type { PrinterHealth, PrinterLanguage, PaperSize, Transport } from '../../shared';

/**
 * One way of reaching a printer (Vendure's strategy + default pattern): CUPS/IPP, a raw JetDirect
 * socket, a folder, Electron's silent printing. Every transport passes the same conformance suite.
 */
export interface PrinterTarget {
  id: string;
  name: string;
  transport: Transport;
  address: string;
  language: PrinterLanguage;
  dpi: 203 | 300 | null;
  paper: PaperSize;
}

/** A rendered document, ready for one printer. */
export interface RenderedDocument {
  /** The job's id (a file name, the IPP job-name). */
  jobId: string;
  title: string;
  format: PrinterLanguage;
  bytes: Uint8Array;
  /** For transports that print HTML (Electron): the same document as a page. */
  html?: string;
  /** Page size in millimetres (A4 210×297, Letter 215.9×279.4, 4×6 101.6×152.4). */
  pageMm: { width: number; height: number };
}

/**
 * Why a send did not print: `retry` — the printer cannot take it now (offline, paper out, busy):
 * the job waits and tries again; `fatal` — it never will as it is (the printer refused the
 * document, the address is wrong): the job fails with the reason for a person.
 */
export class PrintError extends Error {
  constructor(
    message: string,
    readonly kind: 'retry' | 'fatal',
    readonly health?: PrinterHealth['state'],
  ) {
    super(message);
    this.name = 'PrintError';
  }
}

export interface PrinterTransport {
  readonly transport: Transport;
  /** Sends the document; resolves once the printer (or CUPS, or the folder) has it. Throws PrintError. */
  send(printer: PrinterTarget, doc: RenderedDocument): Promise<{ receipt: string }>;
  /** Asks the printer how it is (never throws: an unreachable printer is `offline`). */
  health(printer: PrinterTarget): Promise<Omit<PrinterHealth, 'checkedAt'>>;
}

/** What the desktop host gives the engine for Electron's silent printing (the engine never imports electron). */
export interface SilentPrintBridge {
  print(request: {
    deviceName: string;
    html: string;
    /** In microns, as webContents.print takes it. */
    pageSize: { width: number; height: number };
    title: string;
  }): Promise<{ ok: true } | { ok: false; error: string }>;
  /** The OS printers Electron sees (name, status), for health. */
  printers(): Promise<{ name: string; status: number; isDefault: boolean }[]>;
}
