import type { SourcingProfileSpec, SourcingStrategy } from '../../../shared/sourcing.contract';
import { haversineH, probeOf } from './distance-probe';
import { locationCosts, shipmentPrice } from './part-cost';
import type { StockIndex } from './stock-index';
import type { AtpLookup, NetworkLocation, OrderLineToSource, OrderToSource } from './types';

/** Where an order's units are held: one shipment per location, with the units of each SKU it carries. */
export interface Placement {
  locationId: string;
  lines: readonly { sku: string; quantity: number }[];
}

/**
 * What a placement of an order costs under a strategy, with the same terms as the decision
 * (distance, shipping by weight, labour, stock balance, capacity use, a penalty per extra
 * shipment and, where a SKU is carried by several shipments, the strategy's line-split penalty per
 * extra location) — so re-optimisation compares like with like. Null when a location is unknown.
 */
export function placementCost(
  strategy: SourcingStrategy,
  rateCard: SourcingProfileSpec['rateCard'],
  order: OrderToSource,
  byId: ReadonlyMap<string, NetworkLocation>,
  atp: AtpLookup,
  parts: readonly Placement[],
): number | null {
  const info = new Map<string, OrderLineToSource>(order.lines.map((l) => [l.sku, l]));
  const probe = probeOf(order.shipTo);
  let total = strategy.weights.split * strategy.splitPenalty * Math.max(0, parts.length - 1);
  const lineSplit = strategy.lineSplit;
  if (lineSplit.penalty) {
    const places = new Map<string, number>();
    for (const p of parts) for (const l of p.lines) places.set(l.sku, (places.get(l.sku) ?? 0) + 1);
    for (const n of places.values()) total += strategy.weights.split * lineSplit.penalty * (n - 1);
  }
  for (const p of parts) {
    const loc = byId.get(p.locationId);
    if (!loc) return null;
    const lines = p.lines.map((l) => ({ unitPrice: null, weightGrams: 0, ...info.get(l.sku), sku: l.sku, quantity: l.quantity }));
    const e = {
      loc,
      h: haversineH(probe, probeOf(loc)),
      distanceKm: NaN,
      atp: lines.map((l) => Math.max(l.quantity, atp(p.locationId, l.sku))),
    };
    const c = locationCosts(e, { ...order, lines }, strategy, rateCard);
    const grams = lines.reduce((s, l) => s + l.weightGrams * l.quantity, 0);
    total += c.fixedDistance + c.fixedCapacity + c.shippingWeight * shipmentPrice(c.zone, grams);
    for (let i = 0; i < lines.length; i++) total += c.labour[i]! + c.stock[i]!;
  }
  return total;
}

/** Whether `stock` holds every unit of `parts` at once (a SKU carried by several parts counted together). */
export function placementsFit(stock: StockIndex, parts: readonly Placement[]): boolean {
  const need = new Map<string, Map<string, number>>();
  for (const p of parts) {
    let row = need.get(p.locationId);
    if (!row) need.set(p.locationId, (row = new Map()));
    for (const l of p.lines) row.set(l.sku, (row.get(l.sku) ?? 0) + l.quantity);
  }
  for (const [loc, row] of need) for (const [sku, n] of row) if (stock.get(loc, sku) < n) return false;
  return true;
}

/** Puts the units of `parts` back into `stock` (sign 1) or takes them out (sign −1), unguarded: the caller knows they fit. */
export function shiftPlacements(stock: StockIndex, parts: readonly Placement[], sign: 1 | -1): void {
  for (const p of parts) for (const l of p.lines) stock.set(p.locationId, l.sku, stock.get(p.locationId, l.sku) + sign * l.quantity);
}

/** {@link placementCost} of an assignment given as SKU → location (each line whole at one location). */
export function assignmentCost(
  strategy: SourcingStrategy,
  rateCard: SourcingProfileSpec['rateCard'],
  order: OrderToSource,
  network: readonly NetworkLocation[],
  atp: AtpLookup,
  assignment: ReadonlyMap<string, string>,
): number | null {
  const parts = new Map<string, { sku: string; quantity: number }[]>();
  for (const l of order.lines) {
    const loc = assignment.get(l.sku) ?? '';
    parts.set(loc, [...(parts.get(loc) ?? []), { sku: l.sku, quantity: l.quantity }]);
  }
  const placements = [...parts.entries()].map(([locationId, lines]) => ({ locationId, lines }));
  return placementCost(strategy, rateCard, order, new Map(network.map((l) => [l.id, l])), atp, placements);
}
