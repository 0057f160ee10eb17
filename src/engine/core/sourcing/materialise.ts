import type { SourcingStrategy } from '../../../shared/sourcing.contract';
import { kmOf, type EligibleLocation } from './candidate-filter';
import { chunkTerms, shipmentPrice, type LocationCosts } from './part-cost';
import type { LineSplitNote, OrderToSource, SourcingOption } from './types';

/** An option the search found: its location set (`key`), cost, shipments and line → eligible index. */
export interface Found {
  key: string;
  total: number;
  parts: number;
  assign: Int32Array;
}

/** Units of order line `i` shipped from eligible location `e` (the whole line, or part of a split one). */
export interface Chunk {
  e: number;
  i: number;
  qty: number;
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
  const chunks: Chunk[] = [];
  f.assign.forEach((e, i) => chunks.push({ e, i, qty: order.lines[i]!.quantity }));
  return materialiseChunks(chunks, f.total, eligible, costOf, order, strategy);
}

/**
 * Chunks (in line order) as an option: a shipment per location carrying its chunks, each costed
 * term by term; a line in chunks at several locations is stated in `lineSplits`.
 */
export function materialiseChunks(
  chunks: readonly Chunk[],
  total: number,
  eligible: readonly EligibleLocation[],
  costOf: (e: number) => LocationCosts,
  order: OrderToSource,
  strategy: SourcingStrategy,
): SourcingOption {
  const byLoc = new Map<number, Chunk[]>();
  for (const ch of chunks) {
    const list = byLoc.get(ch.e);
    if (list) list.push(ch);
    else byLoc.set(ch.e, [ch]);
  }
  const parts = [...byLoc.entries()]
    .map(([e, own]) => {
      const el = eligible[e]!;
      const c = costOf(e);
      const terms = own.map((ch) => chunkTerms(c, el, order, ch.i, ch.qty, strategy));
      const lines = own.map((ch) => ({ line: order.lines[ch.i]!, qty: ch.qty }));
      const weightGrams = lines.reduce((s, l) => s + l.line.weightGrams * l.qty, 0);
      const shipping = c.shippingWeight * shipmentPrice(c.zone, weightGrams);
      const labour = terms.reduce((s, t) => s + t.labour, 0);
      const stockBalance = terms.reduce((s, t) => s + t.stock, 0);
      return {
        locationId: el.loc.id,
        locationName: el.loc.name,
        distanceKm: Math.round(kmOf(el) * 10) / 10,
        lines: lines.map((l) => ({ sku: l.line.sku, quantity: l.qty })),
        units: lines.reduce((s, l) => s + l.qty, 0),
        value: lines.reduce((s, l) => s + l.qty * (l.line.unitPrice ?? 0), 0),
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
  const option: SourcingOption = { parts, splitPenalty: r2(splitPenalty), total };
  const notes = lineSplitNotes(chunks, eligible, order);
  if (notes.length) {
    const extra = notes.reduce((s, n) => s + n.from.length - 1, 0);
    option.lineSplits = notes;
    option.lineSplitPenalty = r2(strategy.weights.split * strategy.lineSplit.penalty * extra);
  }
  return option;
}

/** The lines shipped in chunks from several locations: most units first, then by location id. */
function lineSplitNotes(chunks: readonly Chunk[], eligible: readonly EligibleLocation[], order: OrderToSource): LineSplitNote[] {
  const byLine = new Map<number, Chunk[]>();
  for (const ch of chunks) byLine.set(ch.i, [...(byLine.get(ch.i) ?? []), ch]);
  const notes: LineSplitNote[] = [];
  for (const [i, own] of [...byLine.entries()].sort((a, b) => a[0] - b[0])) {
    if (own.length < 2) continue;
    const from = own
      .map((ch) => ({ locationId: eligible[ch.e]!.loc.id, locationName: eligible[ch.e]!.loc.name, quantity: ch.qty }))
      .sort((a, b) => b.quantity - a.quantity || (a.locationId < b.locationId ? -1 : 1));
    notes.push({ sku: order.lines[i]!.sku, quantity: order.lines[i]!.quantity, from });
  }
  return notes;
}
