import { placementCost, placementsFit, shiftPlacements, type Placement } from './assignment-cost';
import { decide } from './decide';
import { samePlacement, type BacklogOrder } from './joint-reopt';
import type { StockIndex } from './stock-index';
import type { NetworkLocation } from './types';

/**
 * What a whole backlog placement costs, every order costed the same way (its profile's first
 * strategy, stock balance read against all the units there are: free plus held) — the one yardstick
 * by which first decisions, re-optimisation and the joint optimum are compared.
 */
export function backlogCost(
  backlog: readonly BacklogOrder[],
  placements: ReadonlyMap<string, readonly Placement[]>,
  network: readonly NetworkLocation[],
  free: StockIndex,
): { cost: number; shipments: number; splitOrders: number } {
  const byId = new Map(network.map((l) => [l.id, l]));
  const all = totalPool(backlog, free);
  let cost = 0;
  let shipments = 0;
  let splitOrders = 0;
  for (const o of backlog) {
    const parts = placements.get(o.id) ?? o.parts;
    cost += placementCost(o.spec.strategies[0]!, o.spec.rateCard, o.order, byId, all.lookup, parts) ?? Infinity;
    shipments += parts.length;
    if (parts.length > 1) splitOrders++;
  }
  return { cost, shipments, splitOrders };
}

/** Free units plus every unit the backlog holds. */
function totalPool(backlog: readonly BacklogOrder[], free: StockIndex): StockIndex {
  const all = free.clone();
  for (const o of backlog) shiftPlacements(all, o.parts, 1);
  return all;
}

/**
 * The joint optimum of a small backlog, exactly: each order's candidate placements are its current
 * one and every line → location map (whole lines, within its profile's most shipments) over the
 * locations its profile lets it use (those of its `perOrder` best options against all the units
 * there are); a branch and bound over every combination keeps the cheapest that the stock can
 * hold at once (by {@link backlogCost}'s terms). Exponential in the number of orders: for benchmarks and tests on
 * a handful of orders, never on the hot path.
 */
export function exactJointOptimum(
  backlog: readonly BacklogOrder[],
  network: readonly NetworkLocation[],
  free: StockIndex,
  opts: { now: Date; perOrder?: number },
): { placements: Map<string, Placement[]>; cost: number } {
  const all = totalPool(backlog, free);
  const byId = new Map(network.map((l) => [l.id, l]));
  const choices = backlog.map((o) => {
    // The locations its profile lets it use (those in its best options) and where it is now.
    const d = decide(o.spec, o.order, network, all.lookup, {
      now: opts.now,
      exclusions: o.exclusions,
      topK: opts.perOrder ?? 8,
      method: 'exact',
    });
    const locs = [
      ...new Set([...o.parts.map((p) => p.locationId), ...d.options.flatMap((op) => op.parts.map((p) => p.locationId))]),
    ].sort();
    const maxParts = Math.max(o.parts.length, ...o.spec.strategies.map((s) => s.maxSplits));
    const list: Placement[][] = [];
    const where: string[] = [];
    // Every line → location map over those locations (whole lines), within the most shipments allowed.
    const rec = (i: number) => {
      if (i === o.order.lines.length) {
        const parts = new Map<string, { sku: string; quantity: number }[]>();
        o.order.lines.forEach((l, k) => parts.set(where[k]!, [...(parts.get(where[k]!) ?? []), { sku: l.sku, quantity: l.quantity }]));
        if (parts.size <= maxParts) list.push([...parts].map(([locationId, lines]) => ({ locationId, lines })));
        return;
      }
      const l = o.order.lines[i]!;
      for (const loc of locs) {
        if (all.get(loc, l.sku) < l.quantity) continue;
        where[i] = loc;
        rec(i + 1);
      }
    };
    rec(0);
    if (!list.some((parts) => samePlacement(parts, o.parts))) list.push(o.parts);
    return list
      .map((parts) => ({
        parts,
        cost: placementCost(o.spec.strategies[0]!, o.spec.rateCard, o.order, byId, all.lookup, parts) ?? Infinity,
      }))
      .sort((a, b) => a.cost - b.cost);
  });
  const cheapestRest = new Array<number>(backlog.length + 1).fill(0);
  for (let i = backlog.length - 1; i >= 0; i--) cheapestRest[i] = cheapestRest[i + 1]! + choices[i]![0]!.cost;
  const left = all.clone();
  const pick: Placement[][] = [];
  let best = Infinity;
  let bestPick: Placement[][] = [];
  const dfs = (i: number, cost: number) => {
    if (cost + cheapestRest[i]! >= best) return;
    if (i === backlog.length) {
      best = cost;
      bestPick = [...pick];
      return;
    }
    for (const c of choices[i]!) {
      if (!placementsFit(left, c.parts)) continue;
      shiftPlacements(left, c.parts, -1);
      pick.push(c.parts);
      dfs(i + 1, cost + c.cost);
      pick.pop();
      shiftPlacements(left, c.parts, 1);
    }
  };
  dfs(0, 0);
  return { placements: new Map(backlog.map((o, i) => [o.id, bestPick[i] ?? o.parts])), cost: best };
}
