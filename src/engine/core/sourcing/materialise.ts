import type { SourcingStrategy } from '../../../shared/sourcing.contract';
import { kmOf, type EligibleLocation } from './candidate-filter';
import { shipmentPrice, type LocationCosts } from './part-cost';
import type { OrderToSource, SourcingOption } from './types';

/** An option the search found: its location set (`key`), cost, shipments and line → eligible index. */
export interface Found {
  key: string;
  total: number;
  parts: number;
  assign: Int32Array;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** A found option as the decision returns it: a shipment per location, each costed term by term. */
export function materialise(
  f: Found,
  eligible: readonly EligibleLocation[],
  costOf: (e: number) => LocationCosts,
  order: OrderToSource,
  strategy: SourcingStrategy,
): SourcingOption {
  const byLoc = new Map<number, number[]>();
  f.assign.forEach((e, i) => {
    const list = byLoc.get(e);
    if (list) list.push(i);
    else byLoc.set(e, [i]);
  });
  const parts = [...byLoc.entries()]
    .map(([e, idx]) => {
      const el = eligible[e]!;
      const c = costOf(e);
      const lines = idx.map((i) => order.lines[i]!);
      const weightGrams = lines.reduce((s, l) => s + l.weightGrams * l.quantity, 0);
      const shipping = c.shippingWeight * shipmentPrice(c.zone, weightGrams);
      const labour = idx.reduce((s, i) => s + c.labour[i]!, 0);
      const stockBalance = idx.reduce((s, i) => s + c.stock[i]!, 0);
      return {
        locationId: el.loc.id,
        locationName: el.loc.name,
        distanceKm: Math.round(kmOf(el) * 10) / 10,
        lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
        units: lines.reduce((s, l) => s + l.quantity, 0),
        value: lines.reduce((s, l) => s + l.quantity * (l.unitPrice ?? 0), 0),
        weightGrams,
        transitDays: c.zone.transitDays,
        cost: {
          distance: r2(c.fixedDistance),
          shipping: r2(shipping),
          labour: r2(labour),
          stockBalance: r2(stockBalance),
          capacityUse: r2(c.fixedCapacity),
          total: r2(c.fixedDistance + c.fixedCapacity + shipping + labour + stockBalance),
        },
      };
    })
    .sort((a, b) => (a.locationId < b.locationId ? -1 : 1));
  const splitPenalty = strategy.weights.split * strategy.splitPenalty * (parts.length - 1);
  return { parts, splitPenalty: r2(splitPenalty), total: f.total };
}
