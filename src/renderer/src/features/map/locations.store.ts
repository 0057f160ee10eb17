import { create } from 'zustand';
import type { DeskApi, LocationHealth } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';
import { markLocationsReceived } from './map-perf';

/** The map's numbers change with every order; refetch them at most once a second. */
export const LOCATIONS_REFETCH_MS = 1000;

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
    const refreshSoon = throttle(() => void refresh(), LOCATIONS_REFETCH_MS, now);
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
          const activityAt = { ...get().activityAt };
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
