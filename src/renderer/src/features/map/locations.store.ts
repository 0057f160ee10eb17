import { create } from 'zustand';
import type { DeskApi, LocationHealth } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';
import { markLocationsReceived } from './map-perf';

/**
 * The map's numbers change with every order; refetch them at most every 3 s. A pulse shows new work
 * at once (from the event itself); backlog and colours follow within seconds. At 5,000 locations
 * each read is tens of milliseconds for the engine and the desk's check of the answer, twice as much
 * again to lay out: once a second, under load, that was a third of a desk's main thread.
 */
export const LOCATIONS_REFETCH_MS = 3000;
/** How long a location pulses after the desk hears of work there. */
export const PULSE_MS = 2500;

/**
 * At most this many rings at once, the newest: at 200 events a second hundreds of locations hear of
 * work within a pulse's life, and hundreds of animated rings cost the browser a repaint of their
 * layer every frame while telling a planner nothing more than a few dozen do.
 */
export const MAX_PULSES = 24;

/** The pulses to draw: still within their life, newest first, at most {@link MAX_PULSES}. */
export function recentPulses(activityAt: Record<string, number>, now: number): [string, number][] {
  return Object.entries(activityAt)
    .filter(([, at]) => now - at <= PULSE_MS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_PULSES);
}

export interface LocationsState {
  locations: LocationHealth[];
  loaded: boolean;
  error: string | null;
  /** Time the desk last heard of work at each location, for the marker pulse. */
  activityAt: Record<string, number>;
  refreshRequested(): Promise<void>;
  /** Any live event that may move the map's numbers (an order changed, stock moved). */
  locationsEventReceived(locationId?: string | null): void;
  /** A frame's worth of such events at once (the live hub's batch): one pulse update, one refetch. */
  locationsEventsReceived(locationIds: readonly (string | null | undefined)[]): void;
}

export function createLocationsStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<LocationsState>()((set, get) => {
    let seq = 0;
    const refresh = async () => {
      const mine = ++seq;
      try {
        const locations = await api.call('locations.list', {});
        if (mine === seq) {
          markLocationsReceived(locations.length);
          set({ locations, loaded: true, error: null });
        }
      } catch (e) {
        if (mine === seq) set({ error: e instanceof Error ? e.message : String(e) });
      }
    };
    // One read in flight at a time (throttle.ts): on a slow engine refreshes never pile up.
    const refreshSoon = throttle(refresh, LOCATIONS_REFETCH_MS, now);
    return {
      locations: [],
      loaded: false,
      error: null,
      activityAt: {},
      refreshRequested: refresh,
      locationsEventReceived: (locationId) => get().locationsEventsReceived([locationId]),
      locationsEventsReceived(locationIds) {
        const active = locationIds.filter((id): id is string => !!id);
        if (active.length > 0) {
          const t = now();
          // Only the pulses still showing are kept: the map looks at each of them on every event.
          const activityAt: Record<string, number> = {};
          for (const [id, at] of Object.entries(get().activityAt)) if (t - at <= PULSE_MS) activityAt[id] = at;
          for (const id of active) activityAt[id] = t;
          set({ activityAt });
        }
        refreshSoon();
      },
    };
  });
}

const NO_LOCATIONS: LocationHealth[] = [];

export const selectLocations = (s: LocationsState) => (s.loaded ? s.locations : NO_LOCATIONS);
export const selectLocationById = (s: LocationsState, id: string | null | undefined) =>
  id ? s.locations.find((l) => l.id === id) : undefined;

/** The desk's network. */
export const useLocationsStore = createLocationsStore(desk);
