import { create } from 'zustand';
import type { DeskApi, OutputOf, PrintJob, WaveDetail, WaveLine } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

export const PICK_REFETCH_MS = 500;

export type PickWork = OutputOf<'picking.work'>;
export type ScanAnswer = OutputOf<'picking.scan'>;
export type WaveOutcome = OutputOf<'picking.completeWave'>;

/** What the last scan said: where the unit goes, or the engine's refusal (a wrong item). */
export type ScanFeedback = { kind: 'ok'; code: string; answer: ScanAnswer } | { kind: 'error'; code: string; message: string };

export interface PickWorkState {
  locationId: string | null;
  work: PickWork | null;
  loading: boolean;
  error: string | null;
  /** The wave being walked, with its lines in bin order. */
  wave: WaveDetail | null;
  feedback: ScanFeedback | null;
  /** A command on its way (release, scan, complete, cancel). */
  busy: boolean;
  /** Why the last command (not a scan) was refused. */
  actionError: string | null;
  /** What the last release printed (the pick list's job), for a status line. */
  released: { code: string; printJob: PrintJob | null } | null;
  /** The last completed wave's report per order. */
  outcome: WaveOutcome | null;
  locationChosen(locationId: string | null): Promise<void>;
  refreshRequested(): Promise<void>;
  /** Releases the given orders as a wave (or the engine's first suggestion) and opens its walk. */
  waveReleased(fulfilmentOrderIds?: string[]): Promise<void>;
  waveOpened(waveId: string): Promise<void>;
  waveClosed(): void;
  /** A keyboard-wedge scan (SKU or EAN + Enter), after any still on its way. Resolves true when the engine took it. */
  scanned(code: string): Promise<boolean>;
  waveCompleted(): Promise<void>;
  waveCancelled(): Promise<void>;
  outcomeDismissed(): void;
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A location's pick work: waiting orders and suggested waves, released waves, and the batch walk with the scanner. */
export function createPickWorkStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<PickWorkState>()((set, get) => {
    let seq = 0;
    let scanQueue: Promise<unknown> = Promise.resolve();
    const loadWork = async () => {
      const locationId = get().locationId;
      const mine = ++seq;
      if (!locationId) return set({ work: null, loading: false, error: null });
      set({ loading: true });
      try {
        const work = await api.call('picking.work', { locationId });
        if (mine === seq) set({ work, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
    };
    const loadWave = async () => {
      const id = get().wave?.id;
      if (!id) return;
      try {
        const wave = await api.call('picking.wave', { waveId: id });
        if (get().wave?.id === id) set({ wave });
      } catch {
        // The walk keeps what it shows; the next event or scan refreshes it.
      }
    };
    const loadSoon = throttle(() => void Promise.all([loadWork(), loadWave()]), PICK_REFETCH_MS, now);
    const command = async (run: () => Promise<void>) => {
      if (get().busy) return;
      set({ busy: true, actionError: null });
      try {
        await run();
      } catch (e) {
        set({ actionError: message(e) });
      } finally {
        set({ busy: false });
      }
    };
    return {
      locationId: null,
      work: null,
      loading: false,
      error: null,
      wave: null,
      feedback: null,
      busy: false,
      actionError: null,
      released: null,
      outcome: null,
      async locationChosen(locationId) {
        if (locationId === get().locationId && get().work) return;
        set({ locationId, work: null, wave: null, feedback: null, actionError: null, released: null, outcome: null, error: null });
        await loadWork();
      },
      refreshRequested: loadWork,
      waveReleased: (fulfilmentOrderIds) =>
        command(async () => {
          const locationId = get().locationId;
          if (!locationId) return;
          const r = await api.call('picking.releaseWave', { locationId, ...(fulfilmentOrderIds?.length ? { fulfilmentOrderIds } : {}) });
          set({ wave: r.wave, released: { code: r.wave.code, printJob: r.printJob }, feedback: null, outcome: null });
          await loadWork();
        }),
      async waveOpened(waveId) {
        set({ feedback: null, actionError: null, outcome: null });
        try {
          set({ wave: await api.call('picking.wave', { waveId }) });
        } catch (e) {
          set({ actionError: message(e) });
        }
      },
      waveClosed: () => set({ wave: null, feedback: null, actionError: null }),
      scanned(raw) {
        // A scanner may fire the next code before the engine answered the last: scans go one after another, none lost.
        const next = scanQueue.then(async () => {
          const wave = get().wave;
          const code = raw.trim();
          if (!wave || !code) return false;
          try {
            const answer = await api.call('picking.scan', { waveId: wave.id, code });
            set({ feedback: { kind: 'ok', code, answer }, wave: applyScan(get().wave ?? wave, answer) });
            return true;
          } catch (e) {
            set({ feedback: { kind: 'error', code, message: message(e) } });
            return false;
          }
        });
        scanQueue = next;
        return next;
      },
      waveCompleted: () =>
        command(async () => {
          const wave = get().wave;
          if (!wave) return;
          const outcome = await api.call('picking.completeWave', { waveId: wave.id });
          set({ outcome, wave: null, feedback: null });
          await loadWork();
        }),
      waveCancelled: () =>
        command(async () => {
          const wave = get().wave;
          if (!wave) return;
          await api.call('picking.cancelWave', { waveId: wave.id });
          set({ wave: null, feedback: null });
          await loadWork();
        }),
      outcomeDismissed: () => set({ outcome: null }),
      liveEventReceived(event) {
        if (!get().locationId) return;
        if (event.type === 'desk.resync') loadSoon();
        else if (event.type === 'floor.changed' && event.locationId === get().locationId) loadSoon();
        else if (event.type === 'order.changed' && event.locationId === get().locationId) loadSoon();
      },
    };
  });
}

/** The wave as it is after a scan the engine took: the line's and the wave's picked counts and the slots' units. */
export function applyScan(wave: WaveDetail, answer: ScanAnswer): WaveDetail {
  const sorted = new Map(answer.sortTo.map((s) => [s.slot, s.quantity]));
  return {
    ...wave,
    picked: answer.wavePicked,
    lines: wave.lines.map((l) =>
      l.seq !== answer.seq
        ? l
        : {
            ...l,
            picked: answer.linePicked,
            orders: l.orders.map((o) => ({ ...o, picked: Math.min(o.quantity, o.picked + (sorted.get(o.slot) ?? 0)) })),
          },
    ),
  };
}

/** The walk: lines in the engine's bin order (its `seq`), unbinned last. */
export const selectWalk = (wave: Pick<WaveDetail, 'lines'> | null): WaveLine[] => [...(wave?.lines ?? [])].sort((a, b) => a.seq - b.seq);

/** The line to walk to next: the first in bin order with units still to pick. */
export const selectCurrentLine = (wave: Pick<WaveDetail, 'lines'> | null): WaveLine | null =>
  selectWalk(wave).find((l) => l.picked < l.quantity) ?? null;

/** What completing the wave now would report short: each unfinished line with how many are missing. */
export const selectShorts = (wave: Pick<WaveDetail, 'lines'> | null): { sku: string; bin: string | null; missing: number }[] =>
  selectWalk(wave)
    .filter((l) => l.picked < l.quantity)
    .map((l) => ({ sku: l.sku, bin: l.bin, missing: l.quantity - l.picked }));

/** Which open wave an order waits in (its code), to badge the waiting list. */
export const selectWaveOf = (work: Pick<PickWork, 'waves'> | null, fulfilmentOrderId: string): string | null =>
  work?.waves.find((w) => w.status === 'released' && w.orders.some((o) => o.fulfilmentOrderId === fulfilmentOrderId))?.code ?? null;

export const usePickWorkStore = createPickWorkStore(desk);
