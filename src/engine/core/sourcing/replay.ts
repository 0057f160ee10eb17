import type { SimulationMetrics, SourcingProfileSpec } from '../../../shared/sourcing.contract';
import { shiftPlacements } from './assignment-cost';
import { decide } from './decide';
import { reoptimiseJointly, type BacklogOrder } from './joint-reopt';
import type { StockIndex } from './stock-index';
import type { NetworkLocation, OrderToSource, SourcingOption } from './types';

export interface PastOrder extends OrderToSource {
  at: Date;
}

export interface ReplayOptions {
  /**
   * Replay re-optimisation too, with the profile's settings: every period in which orders arrived,
   * a pass over the orders placed at least the minimum age ago and not yet released to the floor
   * (released `releaseAfterMs` after they were placed), as the engine's periodic pass does.
   */
  reoptimise?: { releaseAfterMs: number };
}

interface Placed {
  at: number;
  order: PastOrder;
  option: SourcingOption;
}

/**
 * Replays past orders, oldest first, against a profile on a copy of the stock: each decision takes
 * its units from the copy and counts against the location's capacity for that day; with
 * `reoptimise`, the unreleased backlog is re-optimised jointly as time passes (moves give their
 * old units back and take the new ones). Returns what the desk compares side by side: cost,
 * splits, average distance, promise hit-rate, load, and how many orders re-optimisation moved.
 */
export function replay(
  spec: SourcingProfileSpec,
  orders: readonly PastOrder[],
  network: readonly NetworkLocation[],
  stock: StockIndex,
  opts: ReplayOptions = {},
): SimulationMetrics {
  const locs = network.map((l) => ({ ...l, assignedToday: 0 }));
  const byId = new Map(locs.map((l) => [l.id, l]));
  const settings = spec.reoptimisation;
  const reopt = opts.reoptimise && settings.enabled ? { ...settings, releaseAfterMs: opts.reoptimise.releaseAfterMs } : null;
  const placed: Placed[] = [];
  let day = '';
  let moved = 0;
  let lastPass = -Infinity;
  let arrivedSincePass = false;

  /** A pass at time `now` over the orders placed at least the minimum age ago and not yet released. */
  const pass = (now: number) => {
    lastPass = now;
    arrivedSincePass = false;
    const open = placed.filter((p) => now - p.at >= reopt!.minAgeSeconds * 1000 && now - p.at < reopt!.releaseAfterMs);
    if (open.length < 1) return;
    const backlog: BacklogOrder[] = open.map((p, i) => ({
      id: String(i),
      order: p.order,
      spec,
      threshold: reopt!.threshold,
      parts: p.option.parts.map((part) => ({ locationId: part.locationId, lines: part.lines })),
      focus: true,
    }));
    const r = reoptimiseJointly(backlog, locs, stock, { now: new Date(now), maxMoves: reopt!.maxMovesPerPass });
    for (const m of r.moves) shiftPlacements(stock, m.before.parts, 1);
    for (const m of r.moves) {
      shiftPlacements(stock, m.after.parts, -1);
      open[Number(m.orderId)]!.option = m.after.option;
      moved++;
    }
  };

  for (const o of orders) {
    const t = o.at.getTime();
    if (reopt && arrivedSincePass && t - lastPass >= reopt.periodSeconds * 1000) pass(t);
    const d = o.at.toISOString().slice(0, 10);
    if (d !== day) {
      day = d;
      for (const l of locs) l.assignedToday = 0;
    }
    const best = decide(spec, o, locs, stock.lookup, { now: o.at, topK: 1 }).options[0];
    if (!best) continue;
    for (const p of best.parts) for (const l of p.lines) stock.take(p.locationId, l.sku, l.quantity);
    for (const p of best.parts) {
      const l = byId.get(p.locationId);
      if (l) l.assignedToday++;
    }
    placed.push({ at: t, order: o, option: best });
    arrivedSincePass = true;
  }
  // The last orders' pass, once they are old enough.
  if (reopt && arrivedSincePass && placed.length) pass(placed[placed.length - 1]!.at + reopt.minAgeSeconds * 1000);
  return metrics(spec, orders.length, placed, byId, moved);
}

function metrics(
  spec: SourcingProfileSpec,
  orders: number,
  placed: readonly Placed[],
  byId: ReadonlyMap<string, NetworkLocation>,
  reoptimised: number,
): SimulationMetrics {
  const load = new Map<string, number>();
  let totalCost = 0;
  let splitOrders = 0;
  let shipments = 0;
  let distance = 0;
  let hits = 0;
  for (const { option } of placed) {
    totalCost += option.total;
    if (option.parts.length > 1) splitOrders++;
    shipments += option.parts.length;
    let slowest = 0;
    for (const p of option.parts) {
      distance += p.distanceKm;
      slowest = Math.max(slowest, p.transitDays);
      load.set(p.locationId, (load.get(p.locationId) ?? 0) + 1);
    }
    if (slowest <= spec.promiseDays) hits++;
  }
  const sourced = placed.length;
  const r = (x: number, k = 100) => Math.round(x * k) / k;
  return {
    orders,
    sourced,
    unfillable: orders - sourced,
    totalCost: r(totalCost),
    avgCost: sourced ? r(totalCost / sourced) : 0,
    splitOrders,
    splitRate: sourced ? r(splitOrders / sourced, 10_000) : 0,
    shipments,
    avgDistanceKm: shipments ? r(distance / shipments, 10) : 0,
    promiseHitRate: orders ? r(hits / orders, 10_000) : 0,
    reoptimised,
    load: [...load.entries()]
      .map(([locationId, n]) => ({ locationId, locationName: byId.get(locationId)?.name ?? locationId, shipments: n }))
      .sort((a, b) => b.shipments - a.shipments || (a.locationId < b.locationId ? -1 : 1))
      .slice(0, 20),
  };
}
