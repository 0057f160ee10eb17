import { create } from 'zustand';
import type { AuditEntry, DeskApi, InputOf } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';

/** The view's filters as typed: dates are calendar days (yyyy-mm-dd) in the desk's time zone. */
export interface AuditFilters {
  userId: string;
  orderId: string;
  locationId: string;
  /** An endpoint or its prefix (`sourcing.`). */
  action: string;
  outcome: '' | AuditEntry['outcome'];
  fromDay: string;
  toDay: string;
}

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const satisfies readonly AuditEntry['outcome'][];
export const NO_FILTERS: AuditFilters = { userId: '', orderId: '', locationId: '', action: '', outcome: '', fromDay: '', toDay: '' };
export const AUDIT_PAGE = 50;

export interface AuditState {
  filters: AuditFilters;
  rows: AuditEntry[];
  /** Paging: the id to ask for older entries with; null when the oldest is shown. */
  nextBefore: string | null;
  loading: boolean;
  error: string | null;
  filtersChanged(patch: Partial<AuditFilters>): Promise<void>;
  refreshRequested(): Promise<void>;
  moreRequested(): Promise<void>;
  liveEventReceived(e: DeskEvent): void;
}

/** Midnight at the start of a calendar day in the desk's zone, as an ISO instant; undefined when not a day. */
export function dayStart(day: string, plusDays = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The engine's query for the filters: blanks left out; the end day included whole. */
export function auditQuery(f: AuditFilters, before?: string): InputOf<'audit.list'> {
  const text = (v: string) => (v.trim() ? v.trim() : undefined);
  const q: InputOf<'audit.list'> = { limit: AUDIT_PAGE };
  const fields = {
    userId: text(f.userId),
    orderId: text(f.orderId),
    locationId: text(f.locationId),
    action: text(f.action),
    outcome: f.outcome || undefined,
    from: dayStart(f.fromDay),
    to: dayStart(f.toDay, 1),
    before,
  };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (q as Record<string, unknown>)[k] = v;
  return q;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The audit log: who did what, when, with what outcome — newest first, filtered and paged by the engine. */
export function createAuditStore(api: Pick<DeskApi, 'call'>) {
  return create<AuditState>()((set, get) => {
    let seq = 0;
    const firstPage = async () => {
      const mine = ++seq;
      set({ loading: true });
      try {
        const page = await api.call('audit.list', auditQuery(get().filters));
        if (mine === seq) set({ rows: page.rows, nextBefore: page.nextBefore, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
    };
    return {
      filters: NO_FILTERS,
      rows: [],
      nextBefore: null,
      loading: false,
      error: null,
      async filtersChanged(patch) {
        set({ filters: { ...get().filters, ...patch }, rows: [], nextBefore: null });
        await firstPage();
      },
      refreshRequested: firstPage,
      async moreRequested() {
        const before = get().nextBefore;
        if (!before || get().loading) return;
        const mine = ++seq;
        set({ loading: true });
        try {
          const page = await api.call('audit.list', auditQuery(get().filters, before));
          if (mine !== seq) return;
          const seen = new Set(get().rows.map((r) => r.id));
          set({
            rows: [...get().rows, ...page.rows.filter((r) => !seen.has(r.id))],
            nextBefore: page.nextBefore,
            loading: false,
            error: null,
          });
        } catch (e) {
          if (mine === seq) set({ loading: false, error: message(e) });
        }
      },
      liveEventReceived(e) {
        // Events may have been missed (the engine restarted, the socket reconnected): read the newest again.
        if (e.type === 'desk.resync') void firstPage();
      },
    };
  });
}

export const useAuditStore = createAuditStore(desk);
