import type { SourcingProfileSpec, SourcingStrategy } from '../../../shared/sourcing.contract';
import { haversineH, probeOf } from './distance-probe';
import { locationCosts, shipmentPrice } from './part-cost';
import type { AtpLookup, NetworkLocation, OrderToSource } from './types';

/**
 * What an existing assignment (SKU → location) costs under a strategy, with the same terms as
 * the decision — so re-optimisation compares like with like. Null when a location is unknown.
 */
export function assignmentCost(
  strategy: SourcingStrategy,
  rateCard: SourcingProfileSpec['rateCard'],
  order: OrderToSource,
  network: readonly NetworkLocation[],
  atp: AtpLookup,
  assignment: ReadonlyMap<string, string>,
): number | null {
  const byId = new Map(network.map((l) => [l.id, l]));
  const parts = new Map<string, number[]>();
  order.lines.forEach((l, i) => {
    const loc = assignment.get(l.sku) ?? '';
    parts.set(loc, [...(parts.get(loc) ?? []), i]);
  });
  let total = strategy.weights.split * strategy.splitPenalty * (parts.size - 1);
  for (const [locId, idx] of parts) {
    const loc = byId.get(locId);
    if (!loc) return null;
    const e = {
      loc,
      h: haversineH(probeOf(order.shipTo), probeOf(loc)),
      distanceKm: NaN,
      atp: order.lines.map((l) => Math.max(l.quantity, atp(locId, l.sku))),
    };
    const c = locationCosts(e, order, strategy, rateCard);
    const grams = idx.reduce((s, i) => s + order.lines[i]!.weightGrams * order.lines[i]!.quantity, 0);
    total += c.fixedDistance + c.fixedCapacity + c.shippingWeight * shipmentPrice(c.zone, grams);
    for (const i of idx) total += c.labour[i]! + c.stock[i]!;
  }
  return total;
}
