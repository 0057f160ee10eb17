import type { SourcingLocation } from '../../core/sourcing/nearest-full-fill';
import type { Db } from '../../db/data-source';
import type { ModuleContext } from '../../kernel/context';
import { loadSourcingLocations } from './location.store';

/** How long the engine reuses the locations it read, when no `locations.changed` event came first. */
const REFRESH_MS = 60_000;

const caches = new WeakMap<Db, { locations: Promise<SourcingLocation[]> }>();

function load(ds: Db): { locations: Promise<SourcingLocation[]> } {
  const locations = loadSourcingLocations(ds);
  locations.catch(() => caches.delete(ds)); // read again by the next caller; that caller sees the error
  return { locations };
}

/**
 * The network's locations for the simulator and the override dialog, read once per engine and
 * refreshed every minute and whenever a desk changes a location. (Sourcing reads its own richer
 * view, `cachedNetwork`, at a faster pace.)
 */
export function sourcingLocations(ctx: Pick<ModuleContext, 'ds'>): Promise<SourcingLocation[]> {
  let c = caches.get(ctx.ds);
  if (!c) caches.set(ctx.ds, (c = load(ctx.ds)));
  return c.locations;
}

/** Keeps this engine's cache fresh; stopped when the engine closes. */
export function startLocationCache(ctx: ModuleContext): { stop(): void } {
  const refresh = () => caches.set(ctx.ds, load(ctx.ds));
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  timer.unref();
  const off = ctx.bus.subscribe((e) => {
    if (e.type === 'locations.changed') refresh();
  });
  return {
    stop() {
      clearInterval(timer);
      off();
    },
  };
}
