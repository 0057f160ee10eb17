import type { SimulationMetrics, SourcingProfileSpec } from '../../../shared/sourcing.contract';
import { decide } from './decide';
import type { StockIndex } from './stock-index';
import type { NetworkLocation, OrderToSource } from './types';

export interface PastOrder extends OrderToSource {
  at: Date;
}

/**
 * Replays past orders, oldest first, against a profile on a copy of the stock: each decision takes
 * its units from the copy and counts against the location's capacity for that day. Returns what
 * the desk compares side by side: cost, splits, average distance, promise hit-rate, load.
 */
export function replay(
  spec: SourcingProfileSpec,
  orders: readonly PastOrder[],
  network: readonly NetworkLocation[],
  stock: StockIndex,
): SimulationMetrics {
  const locs = network.map((l) => ({ ...l, assignedToday: 0 }));
  const byId = new Map(locs.map((l) => [l.id, l]));
  const load = new Map<string, number>();
  let day = '';
  let sourced = 0;
  let totalCost = 0;
  let splitOrders = 0;
  let shipments = 0;
  let distance = 0;
  let hits = 0;
  for (const o of orders) {
    const d = o.at.toISOString().slice(0, 10);
    if (d !== day) {
      day = d;
      for (const l of locs) l.assignedToday = 0;
    }
    const decision = decide(spec, o, locs, stock.lookup, { now: o.at, topK: 1 });
    const best = decision.options[0];
    if (!best) continue;
    for (const p of best.parts) for (const l of p.lines) stock.take(p.locationId, l.sku, l.quantity);
    sourced++;
    totalCost += best.total;
    if (best.parts.length > 1) splitOrders++;
    shipments += best.parts.length;
    let slowest = 0;
    for (const p of best.parts) {
      distance += p.distanceKm;
      slowest = Math.max(slowest, p.transitDays);
      load.set(p.locationId, (load.get(p.locationId) ?? 0) + 1);
      const l = byId.get(p.locationId);
      if (l) l.assignedToday++;
    }
    if (slowest <= spec.promiseDays) hits++;
  }
  const r = (x: number, k = 100) => Math.round(x * k) / k;
  return {
    orders: orders.length,
    sourced,
    unfillable: orders.length - sourced,
    totalCost: r(totalCost),
    avgCost: sourced ? r(totalCost / sourced) : 0,
    splitOrders,
    splitRate: sourced ? r(splitOrders / sourced, 10_000) : 0,
    shipments,
    avgDistanceKm: shipments ? r(distance / shipments, 10) : 0,
    promiseHitRate: orders.length ? r(hits / orders.length, 10_000) : 0,
    load: [...load.entries()]
      .map(([locationId, n]) => ({ locationId, locationName: byId.get(locationId)?.name ?? locationId, shipments: n }))
      .sort((a, b) => b.shipments - a.shipments || (a.locationId < b.locationId ? -1 : 1))
      .slice(0, 20),
  };
}
