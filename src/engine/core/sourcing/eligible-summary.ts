import type { SourcingProfileSpec, SourcingStrategy } from '../../../shared/sourcing.contract';
import { kmOf, type EligibleLocation } from './candidate-filter';
import { locationCosts, shipmentPrice } from './part-cost';
import type { EligibleSummary, OrderToSource } from './types';

/**
 * The eligible locations as the explanation needs them: the first line each cannot ship whole, and
 * what shipping the whole order from it alone would cost (null when it cannot).
 */
export function summarise(
  eligible: readonly EligibleLocation[],
  order: OrderToSource,
  strategy: SourcingStrategy,
  rateCard: SourcingProfileSpec['rateCard'],
): EligibleSummary[] {
  const grams = order.lines.reduce((s, l) => s + l.weightGrams * l.quantity, 0);
  return eligible.map((e) => {
    const shortAt = order.lines.findIndex((l, i) => e.atp[i]! < l.quantity);
    let aloneCost: number | null = null;
    if (shortAt < 0) {
      const c = locationCosts(e, order, strategy, rateCard);
      aloneCost = c.fixedDistance + c.fixedCapacity + c.shippingWeight * shipmentPrice(c.zone, grams);
      for (let i = 0; i < order.lines.length; i++) aloneCost += c.labour[i]! + c.stock[i]!;
    }
    const l = order.lines[shortAt];
    return {
      locationId: e.loc.id,
      locationName: e.loc.name,
      distanceKm: Math.round(kmOf(e) * 10) / 10,
      short: l ? { sku: l.sku, needs: l.quantity, has: Math.max(0, e.atp[shortAt]!) } : null,
      aloneCost,
    };
  });
}
