import type { Transport } from '../../../shared';
import type { PrinterTransport, SilentPrintBridge } from '../../ports/printer.port';
import { electronTransport } from './electron.transport';
import { folderTransport } from './folder.transport';
import { ippTransport } from './ipp.transport';
import { raw9100Transport } from './raw9100.transport';

/**
 * Every printer transport by its name, with the real defaults (timeouts: connect 3 s, ~HS 2 s,
 * IPP request 10 s; a CUPS job is followed up to 60 s). `silentPrint` is there only inside the
 * desktop app; without it the electron transport reports its printers offline and refuses jobs.
 */
export function printerTransports(opts: { silentPrint?: SilentPrintBridge } = {}): Record<Transport, PrinterTransport> {
  return {
    ipp: ippTransport(),
    raw9100: raw9100Transport(),
    folder: folderTransport(),
    electron: electronTransport(opts.silentPrint),
  };
}
