import type { PrinterHealth } from '../../../shared';
import {
  PrintError,
  type PrinterTarget,
  type PrinterTransport,
  type RenderedDocument,
  type SilentPrintBridge,
} from '../../ports/printer.port';

type Health = Omit<PrinterHealth, 'checkedAt'>;

/** Windows' PRINTER_STATUS_* flags (winspool.h) that matter to a person. */
const WIN = {
  paused: 0x1,
  error: 0x2,
  paperJam: 0x8,
  paperOut: 0x10,
  paperProblem: 0x40,
  offline: 0x80,
  notAvailable: 0x1000,
  doorOpen: 0x400000,
};

/**
 * What Electron's printer `status` means. On Windows it is the spooler's bit mask
 * (PRINTER_STATUS_*); on Linux and macOS Chromium reports CUPS's printer-state
 * (3 idle, 4 processing, 5 stopped). 0 is "nothing to report" on every platform.
 */
export function electronPrinterHealth(status: number, platform: NodeJS.Platform = process.platform): Health {
  if (status === 0) return { state: 'ready', detail: null };
  if (platform === 'win32') {
    const has = (flag: number) => (status & flag) !== 0;
    if (has(WIN.offline) || has(WIN.notAvailable))
      return { state: 'offline', detail: `Windows reports the printer offline (status ${status})` };
    if (has(WIN.paperOut)) return { state: 'paper_out', detail: 'paper out' };
    if (has(WIN.paperJam) || has(WIN.paperProblem) || has(WIN.doorOpen) || has(WIN.error)) {
      return { state: 'error', detail: `Windows reports a printer error (status ${status})` };
    }
    if (has(WIN.paused)) return { state: 'paused', detail: 'paused in Windows' };
    return { state: 'printing', detail: `status ${status}` };
  }
  if (status === 3) return { state: 'ready', detail: null };
  if (status === 4) return { state: 'printing', detail: null };
  if (status === 5) return { state: 'paused', detail: 'the print queue is stopped' };
  return { state: 'unknown', detail: `status ${status}` };
}

/** Millimetres to the microns webContents.print takes (whole microns). */
export const mmToMicrons = (mm: number) => Math.round(mm * 1000);

const NO_BRIDGE =
  'Silent printing works only in the Atalaya desktop app; this station runs without it — route this document to a CUPS, 9100 or folder printer';

/**
 * Electron's own printing (the desktop app's host gives the engine a {@link SilentPrintBridge};
 * the engine never imports electron): the document's HTML form goes to an OS printer by device
 * name, with no dialog. Health is the status Electron reports for that printer.
 */
export function electronTransport(bridge: SilentPrintBridge | undefined): PrinterTransport {
  async function lookup(printer: PrinterTarget): Promise<Health> {
    if (!bridge) return { state: 'offline', detail: NO_BRIDGE };
    const printers = await bridge.printers();
    const found = printers.find((p) => p.name === printer.address);
    if (!found)
      return { state: 'offline', detail: `The system has no printer named "${printer.address}" (is it installed and connected?)` };
    return electronPrinterHealth(found.status);
  }

  return {
    transport: 'electron',

    async send(printer: PrinterTarget, doc: RenderedDocument) {
      if (!bridge) throw new PrintError(NO_BRIDGE, 'fatal', 'offline');
      if (doc.html === undefined) {
        throw new PrintError(
          `${doc.title}: this document has no page form for silent printing; route it to a PDF or ZPL printer`,
          'fatal',
          'error',
        );
      }
      const health = await lookup(printer).catch((e: unknown) => ({ state: 'unknown' as const, detail: String(e) }));
      if (health.state === 'offline' || health.state === 'paper_out' || health.state === 'paused' || health.state === 'error') {
        throw new PrintError(`${printer.name} cannot print now: ${health.detail ?? health.state}`, 'retry', health.state);
      }
      const result = await bridge.print({
        deviceName: printer.address,
        html: doc.html,
        pageSize: { width: mmToMicrons(doc.pageMm.width), height: mmToMicrons(doc.pageMm.height) },
        title: doc.title,
      });
      // Electron says little ("failed", "cancelled"): the job waits and tries again, and its attempts are bounded.
      if (!result.ok) throw new PrintError(`${printer.name} did not print: ${result.error}`, 'retry', 'error');
      return { receipt: `printed on ${printer.address}` };
    },

    async health(printer: PrinterTarget): Promise<Health> {
      try {
        return await lookup(printer);
      } catch (e) {
        return { state: 'unknown', detail: `Could not list the system's printers: ${e instanceof Error ? e.message : String(e)}` };
      }
    },
  };
}
