import { create } from 'zustand';
import {
  actsOnLocation,
  type DeskApi,
  type EngineEvent,
  type FloorRow,
  type OutputOf,
  type RejectionReason,
  type User,
} from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

export const FLOOR_REFETCH_MS = 500;

export type FloorPage = OutputOf<'floor.openFulfilments'>;

/** What the floor said about one fulfilment order, or the engine's refusal. */
export type FloorOutcome =
  | { kind: 'picked' }
  | { kind: 'resourcing'; note: string | null }
  /** A short pick whose remainder was sourced elsewhere, put on a backorder, or cancelled by the profile's policy. */
  | { kind: 'remainder'; how: 'sourced' | 'backordered' | 'cancelled'; at: string[]; backorder: number | null }
  | { kind: 'rejected' }
  | { error: string };

export interface RejectDraft {
  reasonCode: RejectionReason;
  /** One SKU, or every line at this location when absent. */
  sku?: string;
  /** Damaged units (only for `damaged`). */
  quantity?: number;
  note?: string;
}

/** The floor's three benches. */
export const FLOOR_TABS = ['pick', 'pack', 'pickup'] as const;
export type FloorTab = (typeof FLOOR_TABS)[number];

export interface FloorState {
  locationId: string | null;
  tab: FloorTab;
  page: FloorPage | null;
  loading: boolean;
  error: string | null;
  busy: Record<string, true>;
  outcomes: Record<string, FloorOutcome>;
  locationChosen(locationId: string | null): Promise<void>;
  tabChosen(tab: FloorTab): void;
  refreshRequested(): Promise<void>;
  /** Everything at this location was found. */
  pickedAll(row: FloorRow): Promise<void>;
  /** Units found per SKU at this location; lines that ship from elsewhere are not this floor's to report. */
  shortPicked(row: FloorRow, found: Record<string, number>): Promise<void>;
  rejected(row: FloorRow, draft: RejectDraft): Promise<void>;
  orderEventReceived(event: Extract<EngineEvent, { type: 'order.changed' }>): void;
  /** A live event or the resync: refetches (throttled) when it concerns this floor; after a resync, whenever a location is shown. */
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The pick report the engine wants: every line this location holds for the order, with the units
 * found (missing = all of it). Lines that ship from elsewhere are their own floor's to report.
 */
export function pickReport(
  row: { lines: readonly { sku: string; quantity: number }[] },
  found: Record<string, number> = {},
): { sku: string; quantity: number }[] {
  return row.lines.map((l) => {
    const got = found[l.sku];
    return {
      sku: l.sku,
      quantity: got === undefined || !Number.isFinite(got) ? l.quantity : Math.max(0, Math.min(l.quantity, Math.trunc(got))),
    };
  });
}

/** What the floor shows after a pick report: done, or what happened to the units not found. */
export function pickOutcome(r: Pick<OutputOf<'fulfilment.shortPick'>, 'outcome' | 'note' | 'remainderAt' | 'backorder'>): FloorOutcome {
  switch (r.outcome) {
    case 'picked':
    case 'part_picked':
      return { kind: 'picked' };
    case 'remainder_sourced':
      return { kind: 'remainder', how: 'sourced', at: r.remainderAt, backorder: null };
    case 'remainder_backordered':
      return { kind: 'remainder', how: 'backordered', at: r.remainderAt, backorder: r.backorder?.number ?? null };
    case 'remainder_cancelled':
      return { kind: 'remainder', how: 'cancelled', at: r.remainderAt, backorder: null };
    case 'resourcing':
      return { kind: 'resourcing', note: r.note };
  }
}

/** The store floor: a location's open fulfilment orders, live, and the floor's three answers to each. */
export function createFloorStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<FloorState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const locationId = get().locationId;
      const mine = ++seq;
      if (!locationId) {
        set({ page: null, loading: false, error: null });
        return;
      }
      set({ loading: true });
      try {
        const page = await api.call('floor.openFulfilments', { locationId });
        if (mine === seq) set({ page, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), FLOOR_REFETCH_MS, now);
    const act = async (row: FloorRow, run: () => Promise<FloorOutcome>) => {
      const id = row.fulfilmentOrderId;
      if (get().busy[id]) return;
      set({ busy: { ...get().busy, [id]: true } });
      let outcome: FloorOutcome;
      try {
        outcome = await run();
      } catch (e) {
        outcome = { error: message(e) };
      }
      const { [id]: _done, ...busy } = get().busy;
      set({ busy, outcomes: { ...get().outcomes, [row.orderId]: outcome } });
      await load();
    };
    return {
      locationId: null,
      tab: 'pick',
      page: null,
      loading: false,
      error: null,
      busy: {},
      outcomes: {},
      async locationChosen(locationId) {
        set({ locationId, page: null, outcomes: {}, error: null });
        await load();
      },
      tabChosen: (tab) => set({ tab }),
      refreshRequested: load,
      pickedAll: (row) =>
        act(row, async () => {
          const r = await api.call('fulfilment.shortPick', {
            orderId: row.orderId,
            locationId: get().locationId ?? undefined,
            picked: pickReport(row),
          });
          return pickOutcome(r);
        }),
      shortPicked: (row, found) =>
        act(row, async () => {
          const r = await api.call('fulfilment.shortPick', {
            orderId: row.orderId,
            locationId: get().locationId ?? undefined,
            picked: pickReport(row, found),
          });
          return pickOutcome(r);
        }),
      rejected: (row, draft) =>
        act(row, async () => {
          const note = draft.note?.trim();
          await api.call('fulfilment.reject', {
            orderId: row.orderId,
            reasonCode: draft.reasonCode,
            locationId: get().locationId ?? undefined,
            ...(draft.sku && draft.reasonCode !== 'no_capacity' ? { sku: draft.sku } : {}),
            ...(draft.reasonCode === 'damaged' && draft.quantity ? { quantity: draft.quantity } : {}),
            ...(note ? { note } : {}),
          });
          return { kind: 'rejected' };
        }),
      orderEventReceived(event) {
        if (selectConcernsFloor(get(), event)) loadSoon();
      },
      liveEventReceived(event) {
        if (event.type === 'order.changed') get().orderEventReceived(event);
        else if (event.type === 'floor.changed' && event.locationId === get().locationId) loadSoon();
        else if (event.type === 'desk.resync' && get().locationId) loadSoon();
      },
    };
  });
}

/** An order event concerns this floor when the order is listed here or was just assigned here. */
export const selectConcernsFloor = (
  s: Pick<FloorState, 'locationId' | 'page'>,
  e: Pick<Extract<EngineEvent, { type: 'order.changed' }>, 'orderId' | 'locationId'>,
): boolean => !!s.locationId && (e.locationId === s.locationId || !!s.page?.rows.some((r) => r.orderId === e.orderId));

/**
 * The floors a user may work: every location for the central desk, their own for a store associate
 * (the engine refuses the others; the desk does not offer them).
 */
export function selectFloorLocations<L extends { id: string }>(
  locations: readonly L[],
  user: Pick<User, 'id' | 'role' | 'locations'> | null,
): L[] {
  if (!user) return [];
  const actor = { id: user.id, name: '', role: user.role, locations: user.locations };
  return locations.filter((l) => actsOnLocation(actor, l.id));
}

export const useFloorStore = createFloorStore(desk);
