import type { SourcingProfileSpec, SourcingStrategy } from '../../../shared/sourcing.contract';
import { kmOf, type EligibleLocation } from './candidate-filter';
import type { OrderToSource } from './types';

type Zone = SourcingProfileSpec['rateCard'][number];

/** The rate card zone for a distance (the last zone is open-ended). */
export function zoneFor(rateCard: readonly Zone[], km: number): Zone {
  for (const z of rateCard) if (z.maxKm === null || km <= z.maxKm) return z;
  return rateCard[rateCard.length - 1]!;
}

/** Price of one shipment: the zone's base plus its price per started kilogram. */
export function shipmentPrice(zone: Zone, weightGrams: number): number {
  return zone.base + zone.perKg * Math.ceil(weightGrams / 1000);
}

/**
 * The cost terms of one location for one order, precomputed once per decision so the search adds
 * numbers only. A shipment's cost = fixed (distance, capacity use) + shipping (by total weight) +
 * the per-line terms (labour per unit, share of available stock taken) of the lines it carries.
 */
export interface LocationCosts {
  fixedDistance: number;
  fixedCapacity: number;
  zone: Zone;
  shippingWeight: number;
  /** Per order line: labour cost, and stock-balance cost (Infinity when it cannot serve the line). */
  labour: number[];
  stock: number[];
}

export function locationCosts(
  e: EligibleLocation,
  order: OrderToSource,
  strategy: SourcingStrategy,
  rateCard: readonly Zone[],
): LocationCosts {
  const w = strategy.weights;
  const cap = e.loc.dailyCapacity;
  const km = kmOf(e);
  const labour: number[] = [];
  const stock: number[] = [];
  for (let i = 0; i < order.lines.length; i++) {
    const l = order.lines[i]!;
    const a = e.atp[i]!;
    labour.push(w.labour * e.loc.labourCostPerUnit * l.quantity);
    stock.push(a >= l.quantity ? w.stockBalance * 100 * (l.quantity / a) : Infinity);
  }
  return {
    fixedDistance: w.distance * km,
    fixedCapacity: cap > 0 ? w.capacityUse * 100 * (e.loc.assignedToday / cap) : 0,
    zone: zoneFor(rateCard, km),
    shippingWeight: w.shipping,
    labour,
    stock,
  };
}

/**
 * The per-line terms (labour, stock balance) of `qty` units of line `i` from one location: the
 * precomputed terms when the location ships the whole line, otherwise the same terms for the
 * units it ships (a split line; both terms are linear in units).
 */
export function chunkTerms(
  c: LocationCosts,
  e: EligibleLocation,
  order: OrderToSource,
  i: number,
  qty: number,
  strategy: SourcingStrategy,
): { labour: number; stock: number } {
  if (qty === order.lines[i]!.quantity) return { labour: c.labour[i]!, stock: c.stock[i]! };
  const w = strategy.weights;
  return { labour: w.labour * e.loc.labourCostPerUnit * qty, stock: w.stockBalance * 100 * (qty / e.atp[i]!) };
}
