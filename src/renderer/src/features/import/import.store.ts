import { create } from 'zustand';
import {
  IMPORT_MAX_BYTES,
  type DeskApi,
  type EngineEvent,
  type ImportRow,
  type ImportRowStatus,
  type ImportSummary,
} from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

type Progress = Extract<EngineEvent, { type: 'import.progress' }>;

/** Rows of the report shown at once; the full report is in the failed-rows download and the engine. */
export const REPORT_PAGE = 1000;

/** Bytes → base64 in slices (a spread of a whole big file into String.fromCharCode would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** A summary moved on by a progress event (counts only ever grow; a late event never moves it back). */
export function applyProgress(s: ImportSummary, e: Progress): ImportSummary {
  if (s.id !== e.importId) return s;
  if (s.status === 'done' || s.status === 'failed') return s;
  return {
    ...s,
    status: e.status,
    progress: Math.max(s.progress, e.progress),
    rowsRead: Math.max(s.rowsRead, e.rowsRead),
    imported: Math.max(s.imported, e.imported),
    duplicates: Math.max(s.duplicates, e.duplicates),
    failed: Math.max(s.failed, e.failed),
  };
}

export type TooBig = { kind: 'too-big'; name: string; sizeMb: number; maxMb: number };

export interface ImportState {
  history: ImportSummary[];
  selectedId: string | null;
  rows: ImportRow[];
  totalRows: number;
  filter: ImportRowStatus | null;
  uploading: string | null;
  error: string | TooBig | null;
  historyRequested(): Promise<void>;
  fileChosen(file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<void>;
  importSelected(id: string): Promise<void>;
  filterChanged(filter: ImportRowStatus | null): void;
  progressReceived(e: Progress): void;
  /** A live event or the resync: import progress moves its summary on; after a resync the history is reloaded. */
  liveEventReceived(e: DeskEvent): void;
  failedRowsRequested(): Promise<{ fileName: string; csv: string } | null>;
}

export function createImportStore(api: Pick<DeskApi, 'call'>) {
  return create<ImportState>()((set, get) => {
    let seq = 0;
    const loadRows = async () => {
      const id = get().selectedId;
      if (!id) return;
      const mine = ++seq;
      try {
        const r = await api.call('imports.get', { id, status: get().filter ?? undefined, limit: REPORT_PAGE });
        if (mine !== seq) return;
        set({ rows: r.rows, totalRows: r.totalRows, history: upsert(get().history, r.import) });
      } catch (e) {
        if (mine === seq) set({ error: e instanceof Error ? e.message : String(e) });
      }
    };
    // A running import reports every few hundred rows: refresh its table at most twice a second.
    const rowsSoon = throttle(() => void loadRows(), 500);
    return {
      history: [],
      selectedId: null,
      rows: [],
      totalRows: 0,
      filter: null,
      uploading: null,
      error: null,
      async historyRequested() {
        try {
          set({ history: await api.call('imports.list', { limit: 50 }) });
        } catch (e) {
          set({ error: e instanceof Error ? e.message : String(e) });
        }
      },
      async fileChosen(file) {
        if (file.size > IMPORT_MAX_BYTES) {
          set({
            error: {
              kind: 'too-big',
              name: file.name,
              sizeMb: file.size / 1024 / 1024,
              maxMb: IMPORT_MAX_BYTES / 1024 / 1024,
            },
          });
          return;
        }
        set({ uploading: file.name, error: null });
        try {
          const contentBase64 = toBase64(new Uint8Array(await file.arrayBuffer()));
          const summary = await api.call('imports.upload', { fileName: file.name, contentBase64 });
          set({ history: upsert(get().history, summary), selectedId: summary.id, rows: [], totalRows: 0, filter: null, uploading: null });
          // A small file may be done before this answer arrived (its progress events came with no
          // import selected yet): its rows are read now rather than at a progress event that will not come.
          await loadRows();
        } catch (e) {
          set({ uploading: null, error: e instanceof Error ? e.message : String(e) });
        }
      },
      async importSelected(id) {
        set({ selectedId: id, rows: [], totalRows: 0, filter: null, error: null });
        await loadRows();
      },
      filterChanged(filter) {
        set({ filter });
        void loadRows();
      },
      progressReceived(e) {
        const known = get().history.some((h) => h.id === e.importId);
        if (!known) {
          void get().historyRequested();
          return;
        }
        set({ history: get().history.map((h) => applyProgress(h, e)) });
        if (e.importId === get().selectedId) rowsSoon();
      },
      liveEventReceived(e) {
        if (e.type === 'import.progress') get().progressReceived(e);
        else if (e.type === 'desk.resync') void get().historyRequested();
      },
      async failedRowsRequested() {
        const id = get().selectedId;
        if (!id) return null;
        try {
          return await api.call('imports.failedRowsCsv', { id });
        } catch (e) {
          set({ error: e instanceof Error ? e.message : String(e) });
          return null;
        }
      },
    };
  });
}

function upsert(list: ImportSummary[], s: ImportSummary): ImportSummary[] {
  const i = list.findIndex((x) => x.id === s.id);
  if (i < 0) return [s, ...list];
  const next = [...list];
  next[i] = s;
  return next;
}

export const selectSelected = (s: Pick<ImportState, 'history' | 'selectedId'>) => s.history.find((h) => h.id === s.selectedId) ?? null;

export const useImportStore = createImportStore(desk);
