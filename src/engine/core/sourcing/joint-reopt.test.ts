import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourcingProfileSpecSchema } from '../../../shared/sourcing.contract';
import type { Placement } from './assignment-cost';
import { backlogCost, exactJointOptimum } from './joint-optimum';
import { reoptimiseJointly, type BacklogOrder } from './joint-reopt';
import { StockIndex } from './stock-index';
import type { NetworkLocation } from './types';

const NOW = new Date('2026-11-25T15:00:00Z');
const SPEC = SourcingProfileSpecSchema.parse({
  strategies: [{ name: 'any', maxSplits: 2, splitPenalty: 5000 }],
  rateCard: [
    { name: 'near', maxKm: 50, base: 2000, perKg: 300, transitDays: 1 },
    { name: 'far', maxKm: null, base: 6000, perKg: 800, transitDays: 3 },
  ],
});
const loc = (id: string, lat: number, lng: number): NetworkLocation => ({
  id,
  name: id,
  city: 'X',
  kind: 'store',
  lat,
  lng,
  active: true,
  dailyCapacity: 1000,
  openingHours: {},
  carrierCutoff: null,
  pickupCapable: true,
  channels: null,
  labourCostPerUnit: 100,
  assignedToday: 0,
});
// Palermo and Belgrano near the customers; Rosario far away.
const NET = [loc('palermo', -34.58, -58.42), loc('belgrano', -34.56, -58.46), loc('rosario', -32.95, -60.65)];
const order = (id: string, skus: string[], parts: Placement[], focus = true): BacklogOrder => ({
  id,
  order: {
    channel: 'web',
    orderType: 'delivery',
    shipTo: { lat: -34.6, lng: -58.4 },
    lines: skus.map((sku) => ({ sku, quantity: 1, unitPrice: 10_000, weightGrams: 500 })),
  },
  spec: SPEC,
  threshold: 0.05,
  parts,
  focus,
});
const at = (locationId: string, ...skus: string[]): Placement => ({ locationId, lines: skus.map((sku) => ({ sku, quantity: 1 })) });

describe('joint re-optimisation of the unreleased backlog', () => {
  it('undoes a split caused by arrival order: the first order gives way so the second ships whole', () => {
    // Palermo held A and B, Belgrano A. The first order [A] took Palermo's A; the next [A, B] split.
    const first = order('o1', ['A'], [at('palermo', 'A')]);
    const second = order('o2', ['A', 'B'], [at('belgrano', 'A'), at('palermo', 'B')]);
    const r = reoptimiseJointly([first, second], NET, new StockIndex(), { now: NOW, maxMoves: 10 });
    const after = new Map(r.moves.map((m) => [m.orderId, m.after.parts]));
    expect(after.get('o1')).toEqual([at('belgrano', 'A')]);
    expect(after.get('o2')).toEqual([at('palermo', 'A', 'B')]);
    // Each move names the order that made it possible, and both go together.
    expect(r.moves.find((m) => m.orderId === 'o2')!.with).toEqual(['o1']);
    expect(new Set(r.moves.map((m) => m.group)).size).toBe(1);
    expect(r.shipmentsAfter).toBe(2);
    expect(r.costAfter).toBeLessThan(r.costBefore);
    // It is the joint optimum.
    const exact = exactJointOptimum([first, second], NET, new StockIndex(), { now: NOW });
    const got = backlogCost([first, second], after, NET, new StockIndex());
    expect(Math.round(got.cost)).toBe(Math.round(exact.cost));
  });

  it('moves an order alone when stock arrived where it can ship whole, and names no other order', () => {
    const free = new StockIndex();
    free.set('belgrano', 'A', 5);
    free.set('belgrano', 'B', 5);
    const split = order('o1', ['A', 'B'], [at('palermo', 'A'), at('rosario', 'B')]);
    const r = reoptimiseJointly([split], NET, free, { now: NOW, maxMoves: 10 });
    expect(r.moves).toHaveLength(1);
    expect(r.moves[0]!.after.parts).toEqual([at('belgrano', 'A', 'B')]);
    expect(r.moves[0]!.with).toEqual([]);
  });

  it('keeps orders where the saving is under the threshold, and a partner that cannot go elsewhere is not moved', () => {
    // Belgrano is a little farther than Palermo: moving there saves nothing worth a move.
    const free = new StockIndex();
    free.set('palermo', 'A', 1);
    const kept = order('o1', ['A'], [at('belgrano', 'A')]);
    expect(reoptimiseJointly([kept], NET, free, { now: NOW, maxMoves: 10 }).moves).toEqual([]);
    // The first order holds the only A but Palermo: it has nowhere else to go, so the second stays split.
    const first = order('o1', ['A'], [at('palermo', 'A')]);
    const second = order('o2', ['A', 'B'], [at('rosario', 'A'), at('palermo', 'B')]);
    const partnerless = reoptimiseJointly([first, { ...second, parts: [at('rosario', 'A'), at('palermo', 'B')] }], NET, new StockIndex(), {
      now: NOW,
      maxMoves: 10,
    });
    // o1 could move to Rosario so o2 ships whole from Palermo — only if that lowers the total.
    const exact = exactJointOptimum([first, second], NET, new StockIndex(), { now: NOW });
    const after = new Map(partnerless.moves.map((m) => [m.orderId, m.after.parts]));
    expect(backlogCost([first, second], after, NET, new StockIndex()).cost).toBeGreaterThanOrEqual(exact.cost - 0.01);
  });

  it('never oversells, never raises the total, and never beats the exact optimum (random small backlogs)', () => {
    const skus = ['A', 'B', 'C'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.subarray(skus, { minLength: 1 }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 })), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 9, maxLength: 9 }),
        (orders, spare) => {
          // Each order holds each of its SKUs at the location its tuple names.
          const backlog = orders.map(([list, where], i) => {
            const byLoc = new Map<string, string[]>();
            list.forEach((sku) => {
              const l = NET[where[skus.indexOf(sku)]!]!.id;
              byLoc.set(l, [...(byLoc.get(l) ?? []), sku]);
            });
            return order(
              `o${i}`,
              list,
              [...byLoc].map(([l, s]) => at(l, ...s)),
            );
          });
          const free = new StockIndex();
          NET.forEach((l, li) => skus.forEach((sku, si) => free.set(l.id, sku, spare[li * 3 + si]!)));
          const r = reoptimiseJointly(backlog, NET, free, { now: NOW, maxMoves: 50 });
          const final = new Map(backlog.map((o) => [o.id, o.parts]));
          for (const m of r.moves) final.set(m.orderId, m.after.parts);
          // Units used per location and SKU never exceed what there was (free + held).
          const have = free.clone();
          for (const o of backlog)
            for (const p of o.parts) for (const l of p.lines) have.set(p.locationId, l.sku, have.get(p.locationId, l.sku) + l.quantity);
          for (const parts of final.values())
            for (const p of parts) for (const l of p.lines) expect(have.take(p.locationId, l.sku, l.quantity)).toBe(true);
          // Every order still gets all its lines.
          for (const o of backlog) {
            const got = final
              .get(o.id)!
              .flatMap((p) => p.lines.map((l) => l.sku))
              .sort();
            expect(got).toEqual(o.order.lines.map((l) => l.sku).sort());
          }
          const before = backlogCost(backlog, new Map(), NET, free).cost;
          const after = backlogCost(backlog, final, NET, free).cost;
          expect(after).toBeLessThanOrEqual(before + 0.01);
          expect(after).toBeGreaterThanOrEqual(exactJointOptimum(backlog, NET, free, { now: NOW }).cost - 0.01);
        },
      ),
      { numRuns: 150, seed: 18 },
    );
  });
});
