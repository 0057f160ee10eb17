import { create } from 'zustand';
import type { DeskApi, DocType, InputOf, PaperSize, Printer, PrinterLanguage, Station, Transport } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

/** The printer form as people fill it in. */
export interface PrinterDraft {
  id?: string;
  stationId: string;
  name: string;
  transport: Transport;
  address: string;
  language: PrinterLanguage;
  dpi: 203 | 300 | null;
  paper: PaperSize;
  active: boolean;
}

export interface RouteDraft {
  printerId: string | null;
  fallbackPrinterId: string | null;
  strict: boolean;
}

export interface PrintersAdminState {
  stations: Station[];
  loading: boolean;
  error: string | null;
  /** The printer being added or edited. */
  form: PrinterDraft | null;
  formError: string | null;
  busy: boolean;
  /** Why the last route or check was refused. */
  actionError: string | null;
  refreshRequested(): Promise<void>;
  formOpened(draft: PrinterDraft): void;
  formClosed(): void;
  printerSaved(draft: PrinterDraft): Promise<boolean>;
  printerRemoved(id: string): Promise<void>;
  printerChecked(id: string): Promise<void>;
  routeSet(stationId: string, docType: DocType, route: RouteDraft): Promise<void>;
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A new printer's form: sheets on a PDF queue by default; a ZPL printer starts at 203 dpi on 4×6. */
export const newPrinterDraft = (stationId: string): PrinterDraft => ({
  stationId,
  name: '',
  transport: 'ipp',
  address: '',
  language: 'pdf',
  dpi: null,
  paper: 'A4',
  active: true,
});

export const draftOf = (p: Printer): PrinterDraft => ({
  id: p.id,
  stationId: p.stationId,
  name: p.name,
  transport: p.transport,
  address: p.address,
  language: p.language,
  dpi: p.dpi,
  paper: p.paper,
  active: p.active,
});

/** The draft after its language changed: thermal printers need a resolution and print on 4×6; PDF printers have none. */
export function withLanguage(d: PrinterDraft, language: PrinterLanguage): PrinterDraft {
  return language === 'zpl'
    ? { ...d, language, dpi: d.dpi ?? 203, paper: '4x6' }
    : { ...d, language, dpi: null, paper: d.paper === '4x6' ? 'A4' : d.paper };
}

/** What `printing.savePrinter` takes. */
export const toSaveInput = (d: PrinterDraft): InputOf<'printing.savePrinter'> => ({
  ...(d.id ? { id: d.id } : {}),
  stationId: d.stationId,
  name: d.name.trim(),
  transport: d.transport,
  address: d.address.trim(),
  language: d.language,
  dpi: d.language === 'zpl' ? d.dpi : null,
  paper: d.paper,
  active: d.active,
});

/** A hint for the address field by transport (the contract's formats). */
export const ADDRESS_EXAMPLES: Record<Transport, string> = {
  ipp: 'ipp://127.0.0.1:631/printers/atalaya-pdf',
  raw9100: '192.168.1.50:9100',
  folder: '/var/spool/atalaya',
  electron: 'Zebra_ZD421',
};

/** The admin's Printers view: stations, their printers, and where each document type prints. */
export function createPrintersAdminStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<PrintersAdminState>()((set, get) => {
    const load = async () => {
      set({ loading: true });
      try {
        set({ stations: await api.call('printing.stations', {}), loading: false, error: null });
      } catch (e) {
        set({ loading: false, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), 400, now);
    const act = async (run: () => Promise<void>) => {
      if (get().busy) return;
      set({ busy: true, actionError: null });
      try {
        await run();
      } catch (e) {
        set({ actionError: message(e) });
      } finally {
        set({ busy: false });
      }
      await load();
    };
    return {
      stations: [],
      loading: false,
      error: null,
      form: null,
      formError: null,
      busy: false,
      actionError: null,
      refreshRequested: load,
      formOpened: (form) => set({ form, formError: null, actionError: null }),
      formClosed: () => set({ form: null, formError: null }),
      async printerSaved(draft) {
        if (get().busy) return false;
        set({ busy: true, formError: null });
        try {
          await api.call('printing.savePrinter', toSaveInput(draft));
          set({ busy: false, form: null });
          await load();
          return true;
        } catch (e) {
          set({ busy: false, formError: message(e) });
          return false;
        }
      },
      printerRemoved: (id) =>
        act(async () => {
          await api.call('printing.removePrinter', { id });
        }),
      printerChecked: (id) =>
        act(async () => {
          await api.call('printing.checkPrinter', { id });
        }),
      routeSet: (stationId, docType, route) =>
        act(async () => {
          await api.call('printing.setRoute', {
            stationId,
            docType,
            printerId: route.printerId,
            fallbackPrinterId: route.printerId ? route.fallbackPrinterId : null,
            strict: route.printerId ? route.strict : false,
          });
        }),
      liveEventReceived(event) {
        if (event.type === 'printers.changed' || event.type === 'desk.resync') loadSoon();
      },
    };
  });
}

export const usePrintersAdminStore = createPrintersAdminStore(desk);
