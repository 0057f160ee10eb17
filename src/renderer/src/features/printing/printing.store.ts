import { create } from 'zustand';
import type { DeskApi, OutputOf, PrintJob, Printer, PrinterState, Station } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

export const PRINT_REFETCH_MS = 400;

export type Preview = OutputOf<'printing.preview'>;

export interface PrintingState {
  stations: Station[];
  jobs: PrintJob[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  panelOpen: boolean;
  /** The document being looked at (a job's), or loading, or why it could not be drawn. */
  preview: { jobId: string; doc: Preview | null; error: string | null } | null;
  /** The job whose reprint asks for a reason. */
  reprinting: string | null;
  /** Per job: a command on its way. */
  busy: Record<string, true>;
  /** Why the last job command was refused (the engine's message). */
  actionError: string | null;
  refreshRequested(): Promise<void>;
  panelToggled(open?: boolean): void;
  jobRetried(jobId: string): Promise<void>;
  jobCancelled(jobId: string): Promise<void>;
  reprintOpened(jobId: string | null): void;
  /** Reprints with a reason (required: the engine audits it). Resolves true when it was queued. */
  reprintSubmitted(jobId: string, reason: string): Promise<boolean>;
  previewRequested(jobId: string): Promise<void>;
  previewClosed(): void;
  printerChecked(printerId: string): Promise<void>;
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The station this desk's engine is (`current`), or the only one there is. */
export const selectCurrentStation = (s: Pick<PrintingState, 'stations'>): Station | null =>
  s.stations.find((st) => st.current) ?? (s.stations.length === 1 ? s.stations[0]! : null);

/** The printers of this station that are in use, for the strip. */
export const selectStripPrinters = (s: Pick<PrintingState, 'stations'>): Printer[] =>
  (selectCurrentStation(s)?.printers ?? []).filter((p) => p.active);

/** Jobs still to print (queued or sending) and jobs that failed, for the strip's counts. */
export function selectJobCounts(s: Pick<PrintingState, 'jobs'>): { waiting: number; failed: number } {
  let waiting = 0;
  let failed = 0;
  for (const j of s.jobs) {
    if (j.status === 'queued' || j.status === 'sending') waiting++;
    else if (j.status === 'failed') failed++;
  }
  return { waiting, failed };
}

/** How a printer's state reads at a glance: fine, busy, or needs someone. */
export function printerTone(state: PrinterState): 'ok' | 'warn' | 'bad' | 'idle' {
  switch (state) {
    case 'ready':
    case 'printing':
      return 'ok';
    case 'paused':
    case 'paper_out':
      return 'warn';
    case 'offline':
    case 'error':
      return 'bad';
    case 'unknown':
      return 'idle';
  }
}

/** What a person may do with a job in its state: retry a failed one, cancel one not printed, reprint one that finished or failed. */
export function jobActions(job: Pick<PrintJob, 'status'>): { retry: boolean; cancel: boolean; reprint: boolean } {
  return {
    retry: job.status === 'failed',
    cancel: job.status === 'queued' || job.status === 'failed',
    reprint: job.status === 'done' || job.status === 'failed',
  };
}

/** The printer strip and jobs panel: this station's printers with their health, its jobs, and what people do with them. */
export function createPrintingStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<PrintingState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const mine = ++seq;
      set({ loading: true });
      try {
        const stations = await api.call('printing.stations', {});
        const station = selectCurrentStation({ stations });
        const jobs = await api.call('printing.jobs', { ...(station ? { stationId: station.id } : {}), limit: 100 });
        if (mine === seq) set({ stations, jobs, loaded: true, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, loaded: true, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), PRINT_REFETCH_MS, now);
    const onJob = async (jobId: string, run: () => Promise<unknown>): Promise<boolean> => {
      if (get().busy[jobId]) return false;
      set({ busy: { ...get().busy, [jobId]: true }, actionError: null });
      let ok = true;
      try {
        await run();
      } catch (e) {
        ok = false;
        set({ actionError: message(e) });
      }
      const { [jobId]: _done, ...busy } = get().busy;
      set({ busy });
      await load();
      return ok;
    };
    return {
      stations: [],
      jobs: [],
      loaded: false,
      loading: false,
      error: null,
      panelOpen: false,
      preview: null,
      reprinting: null,
      busy: {},
      actionError: null,
      refreshRequested: load,
      panelToggled: (open) => set({ panelOpen: open ?? !get().panelOpen, actionError: null }),
      jobRetried: (jobId) => onJob(jobId, () => api.call('printing.retry', { jobId })).then(() => undefined),
      jobCancelled: (jobId) => onJob(jobId, () => api.call('printing.cancel', { jobId })).then(() => undefined),
      reprintOpened: (jobId) => set({ reprinting: jobId, actionError: null }),
      async reprintSubmitted(jobId, reason) {
        const ok = await onJob(jobId, () => api.call('printing.reprint', { jobId, reason: reason.trim() }));
        if (ok) set({ reprinting: null });
        return ok;
      },
      async previewRequested(jobId) {
        set({ preview: { jobId, doc: null, error: null } });
        try {
          const doc = await api.call('printing.preview', { jobId });
          if (get().preview?.jobId === jobId) set({ preview: { jobId, doc, error: null } });
        } catch (e) {
          if (get().preview?.jobId === jobId) set({ preview: { jobId, doc: null, error: message(e) } });
        }
      },
      previewClosed: () => set({ preview: null }),
      async printerChecked(printerId) {
        try {
          const printer = await api.call('printing.checkPrinter', { id: printerId });
          set({
            stations: get().stations.map((st) => ({ ...st, printers: st.printers.map((p) => (p.id === printer.id ? printer : p)) })),
          });
        } catch (e) {
          set({ actionError: message(e) });
        }
      },
      liveEventReceived(event) {
        if (!get().loaded) return;
        if (event.type === 'print.changed' || event.type === 'printers.changed' || event.type === 'desk.resync') loadSoon();
      },
    };
  });
}

export const usePrintingStore = createPrintingStore(desk);
