import { create } from 'zustand';
import type { DeskApi, OutputOf } from '../../../../shared';

export type SimulationResult = OutputOf<'sourcing.simulate'>;

export interface RoutingSimState {
  /** Local dates "YYYY-MM-DD", both included. */
  from: string;
  to: string;
  /** Minutes an order waits before release to the floor, in the replay with re-optimisation. */
  releaseAfterMinutes: number;
  result: SimulationResult | null;
  busy: boolean;
  error: string | null;
  rangeChanged(patch: { from?: string; to?: string; releaseAfterMinutes?: number }): void;
  runRequested(draftId: string): Promise<void>;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The routing simulator's store: a date range, one run at a time, the side-by-side result. */
export function createRoutingSimStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<RoutingSimState>()((set, get) => ({
    from: isoDay(now() - 7 * 86_400_000),
    to: isoDay(now()),
    releaseAfterMinutes: 120,
    result: null,
    busy: false,
    error: null,
    rangeChanged: (patch) => set({ ...patch, result: null }),
    async runRequested(draftId) {
      const { from, to, releaseAfterMinutes } = get();
      const start = new Date(`${from}T00:00:00`);
      const end = new Date(`${to}T00:00:00`);
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end < start) {
        set({ error: 'Choose a start date on or before the end date' });
        return;
      }
      end.setDate(end.getDate() + 1);
      set({ busy: true, error: null });
      try {
        const result = await api.call('sourcing.simulate', {
          draftId,
          from: start.toISOString(),
          to: end.toISOString(),
          releaseAfterMinutes: Math.max(0, Math.min(10_080, Math.round(releaseAfterMinutes) || 0)),
        });
        set({ result });
      } catch (e) {
        set({ error: e instanceof Error ? e.message : String(e) });
      } finally {
        set({ busy: false });
      }
    },
  }));
}
