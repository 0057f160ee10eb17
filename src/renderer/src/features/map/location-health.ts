import type { LocationHealth, LocationKind } from '../../../../shared';

export type Health = 'ok' | 'busy' | 'critical' | 'paused';

/** What counts as many stock-outs for each kind of location: a multiple of its peers' median, with a floor. */
export type StockOutNorms = Partial<Record<LocationKind, number>>;

/** Stock-outs this many times the median of the location's kind make it critical; `BUSY_FACTOR` makes it busy. */
export const CRITICAL_FACTOR = 2;
export const BUSY_FACTOR = 1.5;
/** Below this many stock-outs a location is never flagged for them, whatever its peers. */
export const STOCK_OUT_FLOOR = 20;

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The median stock-outs per kind. The contract gives a count of SKUs at zero, not the size of each
 * assortment, so "many" is judged against peers of the same kind rather than an absolute number.
 */
export function stockOutNorms(locations: readonly Pick<LocationHealth, 'kind' | 'stockOuts' | 'active'>[]): StockOutNorms {
  const byKind = new Map<LocationKind, number[]>();
  for (const l of locations) if (l.active) byKind.set(l.kind, [...(byKind.get(l.kind) ?? []), l.stockOuts]);
  return Object.fromEntries([...byKind].map(([k, xs]) => [k, median(xs)]));
}

/**
 * Health at a glance: critical when the backlog (or today's assignments) reaches daily capacity or
 * stock-outs are far above the location's peers; busy past 70 % of capacity or somewhat above peers.
 */
export function locationHealth(
  l: Pick<LocationHealth, 'active' | 'kind' | 'assignedToday' | 'dailyCapacity' | 'backlog' | 'stockOuts'>,
  norms: StockOutNorms = {},
): Health {
  if (!l.active) return 'paused';
  const load = l.dailyCapacity > 0 ? Math.max(l.assignedToday, l.backlog) / l.dailyCapacity : l.backlog > 0 ? 1 : 0;
  const norm = norms[l.kind] ?? 0;
  const many = (factor: number) => l.stockOuts >= Math.max(STOCK_OUT_FLOOR, norm * factor);
  if (load >= 1 || many(CRITICAL_FACTOR)) return 'critical';
  if (load >= 0.7 || many(BUSY_FACTOR)) return 'busy';
  return 'ok';
}

/** Marker radius in pixels: a base per kind (DCs largest) growing with the log of the backlog, capped; `scale` shrinks it when zoomed out. */
export function markerRadius(l: Pick<LocationHealth, 'kind' | 'backlog'>, scale = 1): number {
  const base = l.kind === 'dc' ? 8 : l.kind === 'dark_store' ? 5 : 4.5;
  return Math.round((base + Math.min(9, 1.2 * Math.log2(1 + Math.max(0, l.backlog)))) * scale * 10) / 10;
}

/** Markers shrink when the whole country is in view, so the Buenos Aires cluster stays legible. */
export function zoomScale(zoom: number): number {
  return zoom <= 5 ? 0.7 : zoom <= 8 ? 0.85 : 1;
}

export const KIND_COLOUR: Record<LocationKind, string> = { store: '#3b82f6', dc: '#8b5cf6', dark_store: '#14b8a6' };
export const HEALTH_COLOUR: Record<Health, string> = { ok: '#0f172a', busy: '#f59e0b', critical: '#dc2626', paused: '#94a3b8' };

/** Leaflet path style for a location marker. */
export function markerStyle(l: LocationHealth, selected: boolean, norms: StockOutNorms = {}) {
  const health = locationHealth(l, norms);
  return {
    color: selected ? '#facc15' : HEALTH_COLOUR[health],
    weight: selected ? 4 : health === 'ok' ? 1.2 : health === 'busy' ? 2.5 : 3.5,
    fillColor: KIND_COLOUR[l.kind],
    fillOpacity: l.active ? 0.8 : 0.3,
    opacity: 1,
  };
}

export interface NetworkTotals {
  locations: number;
  backlog: number;
  assignedToday: number;
  capacity: number;
  stockOuts: number;
  critical: number;
}

export function networkTotals(locations: readonly LocationHealth[]): NetworkTotals {
  const norms = stockOutNorms(locations);
  const t: NetworkTotals = { locations: 0, backlog: 0, assignedToday: 0, capacity: 0, stockOuts: 0, critical: 0 };
  for (const l of locations) {
    t.locations++;
    t.backlog += l.backlog;
    t.assignedToday += l.assignedToday;
    t.capacity += l.dailyCapacity;
    t.stockOuts += l.stockOuts;
    if (locationHealth(l, norms) === 'critical') t.critical++;
  }
  return t;
}

/** South-west and north-east corners around the locations, or undefined with none. */
export function boundsOf(points: readonly { lat: number; lng: number }[]): [[number, number], [number, number]] | undefined {
  if (points.length === 0) return undefined;
  let s = 90,
    w = 180,
    n = -90,
    e = -180;
  for (const p of points) {
    s = Math.min(s, p.lat);
    n = Math.max(n, p.lat);
    w = Math.min(w, p.lng);
    e = Math.max(e, p.lng);
  }
  return [
    [s, w],
    [n, e],
  ];
}
