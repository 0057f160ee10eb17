import type { HealthGrade, LocationHealth, LocationKind } from '../../../../shared';

export type { HealthGrade };

/** Fill of a location's shape by its grade (the engine grades it: see shared/location-health.ts). */
export const HEALTH_COLOUR: Record<HealthGrade, string> = { ok: '#16a34a', busy: '#f59e0b', critical: '#dc2626', paused: '#94a3b8' };
/** Worst first: a cluster takes the colour of its worst location. */
export const HEALTH_ORDER: readonly HealthGrade[] = ['critical', 'busy', 'ok', 'paused'];

/** Kinds drawn above stores, never clustered with them. */
export const HUB_KINDS: ReadonlySet<LocationKind> = new Set(['dc', 'dark_store']);
export const isHub = (l: Pick<LocationHealth, 'kind'>) => HUB_KINDS.has(l.kind);

/** The worst grade among some locations' grades (`ok` for none). */
export function worstHealth(grades: Iterable<HealthGrade>): HealthGrade {
  let worst = HEALTH_ORDER.length - 1;
  let any = false;
  for (const g of grades) {
    any = true;
    worst = Math.min(worst, HEALTH_ORDER.indexOf(g));
  }
  return any ? HEALTH_ORDER[worst]! : 'ok';
}

/** Marker size in pixels: a base per kind (DCs largest) growing with the log of the backlog, capped. */
export function markerSize(l: Pick<LocationHealth, 'kind' | 'backlog'>): number {
  const base = l.kind === 'dc' ? 20 : l.kind === 'dark_store' ? 16 : 12;
  return Math.round(base + Math.min(10, 1.5 * Math.log2(1 + Math.max(0, l.backlog))));
}

export interface NetworkTotals {
  locations: number;
  backlog: number;
  assignedToday: number;
  capacity: number;
  late: number;
  /** Stock-outs that matter, summed over locations (an SKU out at two locations counts twice). */
  stockOuts: number;
  /** Locations with at least one stock-out that matters. */
  withStockOuts: number;
  critical: number;
  paused: number;
}

export function networkTotals(locations: readonly LocationHealth[]): NetworkTotals {
  const t: NetworkTotals = {
    locations: 0,
    backlog: 0,
    assignedToday: 0,
    capacity: 0,
    late: 0,
    stockOuts: 0,
    withStockOuts: 0,
    critical: 0,
    paused: 0,
  };
  for (const l of locations) {
    t.locations++;
    t.backlog += l.backlog;
    t.assignedToday += l.assignedToday;
    if (l.active) t.capacity += l.dailyCapacity;
    t.late += l.late;
    t.stockOuts += l.stockOuts;
    if (l.stockOuts > 0) t.withStockOuts++;
    if (l.health === 'critical') t.critical++;
    if (l.health === 'paused') t.paused++;
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
