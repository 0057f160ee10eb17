import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourcingProfileSpecSchema, type SourcingProfileSpec } from '../../../shared/sourcing.contract';
import { distanceKm } from '../geo';
import { decide } from './decide';
import { DEFAULT_PROFILE_SPEC } from './default-profile';
import { StockIndex } from './stock-index';
import type { NetworkLocation, OrderToSource } from './types';

const NOW = new Date('2026-11-25T15:00:00Z'); // Wednesday 12:00 in Buenos Aires

function loc(id: string, lat: number, lng: number, over: Partial<NetworkLocation> = {}): NetworkLocation {
  return {
    id,
    name: `Loc ${id}`,
    city: 'X',
    kind: 'store',
    lat,
    lng,
    active: true,
    dailyCapacity: 100,
    openingHours: {},
    carrierCutoff: null,
    pickupCapable: true,
    channels: null,
    labourCostPerUnit: 100,
    assignedToday: 0,
    ...over,
  };
}
const atpOf = (rows: Record<string, Record<string, number>>) => (l: string, s: string) => rows[l]?.[s] ?? 0;
const order = (lines: [string, number, number?][], over: Partial<OrderToSource> = {}): OrderToSource => ({
  channel: 'web',
  orderType: 'delivery',
  shipTo: { lat: -34.6, lng: -58.4 },
  lines: lines.map(([sku, quantity, unitPrice]) => ({ sku, quantity, unitPrice: unitPrice ?? 10_000, weightGrams: 700 })),
  ...over,
});
const spec = (strategy: Record<string, unknown>, extra: Record<string, unknown> = {}): SourcingProfileSpec =>
  SourcingProfileSpecSchema.parse({
    strategies: [{ name: 's1', ...strategy }],
    rateCard: [
      { name: 'near', maxKm: 50, base: 2000, perKg: 300, transitDays: 1 },
      { name: 'far', maxKm: null, base: 6000, perKg: 800, transitDays: 3 },
    ],
    ...extra,
  });
const reasons = (d: ReturnType<typeof decide>) => Object.fromEntries(d.explainExcluded().map((e) => [e.locationId, e.why.code]));

/** The brute-force optimum: every line → location map, costed from first principles. */
function bruteForce(s: SourcingProfileSpec, o: OrderToSource, locs: NetworkLocation[], atp: (l: string, s: string) => number): number {
  const st = s.strategies[0]!;
  const w = st.weights;
  const usable = locs.filter((l) => l.active && l.assignedToday < l.dailyCapacity);
  let best = Infinity;
  const assign: number[] = [];
  const rec = (i: number) => {
    if (i === o.lines.length) {
      const parts = new Map<number, number[]>();
      assign.forEach((e, li) => parts.set(e, [...(parts.get(e) ?? []), li]));
      if (parts.size > st.maxSplits) return;
      let total = w.split * st.splitPenalty * (parts.size - 1);
      for (const [e, lis] of parts) {
        const l = usable[e]!;
        const km = distanceKm(o.shipTo, l);
        const zone = s.rateCard.find((z) => z.maxKm === null || km <= z.maxKm)!;
        const grams = lis.reduce((a, li) => a + o.lines[li]!.weightGrams * o.lines[li]!.quantity, 0);
        const value = lis.reduce((a, li) => a + o.lines[li]!.quantity * (o.lines[li]!.unitPrice ?? 0), 0);
        if (parts.size > 1 && value < st.minSplitPartValue) return;
        total +=
          w.distance * km +
          w.shipping * (zone.base + zone.perKg * Math.ceil(grams / 1000)) +
          w.capacityUse * 100 * (l.assignedToday / l.dailyCapacity);
        for (const li of lis)
          total +=
            w.labour * l.labourCostPerUnit * o.lines[li]!.quantity +
            w.stockBalance * 100 * (o.lines[li]!.quantity / atp(l.id, o.lines[li]!.sku));
      }
      best = Math.min(best, total);
      return;
    }
    usable.forEach((l, e) => {
      if (atp(l.id, o.lines[i]!.sku) >= o.lines[i]!.quantity) {
        assign[i] = e;
        rec(i + 1);
      }
    });
  };
  rec(0);
  return best;
}

const instance = fc.record({
  locs: fc.array(
    fc.record({
      lat: fc.double({ min: -36, max: -30, noNaN: true }),
      lng: fc.double({ min: -66, max: -57, noNaN: true }),
      labour: fc.integer({ min: 0, max: 500 }),
      used: fc.integer({ min: 0, max: 120 }),
    }),
    { minLength: 1, maxLength: 7 },
  ),
  lines: fc.array(
    fc.record({
      qty: fc.integer({ min: 1, max: 4 }),
      grams: fc.integer({ min: 0, max: 3000 }),
      price: fc.integer({ min: 0, max: 20_000 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  stock: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 28, maxLength: 28 }),
  maxSplits: fc.integer({ min: 1, max: 3 }),
  splitPenalty: fc.integer({ min: 0, max: 8000 }),
  minSplitPartValue: fc.constantFrom(0, 0, 15_000),
  stockBalance: fc.constantFrom(0, 5),
  capacityUse: fc.constantFrom(0, 3),
});

type Instance = typeof instance extends fc.Arbitrary<infer T> ? T : never;

function build(x: Instance) {
  const locs = x.locs.map((l, i) => loc(`L${i}`, l.lat, l.lng, { labourCostPerUnit: l.labour, assignedToday: l.used }));
  const o: OrderToSource = {
    channel: 'web',
    orderType: 'delivery',
    shipTo: { lat: -34.6, lng: -58.4 },
    lines: x.lines.map((l, i) => ({ sku: `S${i}`, quantity: l.qty, unitPrice: l.price, weightGrams: l.grams })),
  };
  const table: Record<string, Record<string, number>> = {};
  locs.forEach((l, li) => o.lines.forEach((line, si) => ((table[l.id] ??= {})[line.sku] = x.stock[(li * 4 + si) % 28]!)));
  const s = spec({
    maxSplits: x.maxSplits,
    splitPenalty: x.splitPenalty,
    minSplitPartValue: x.minSplitPartValue,
    weights: { distance: 3, stockBalance: x.stockBalance, capacityUse: x.capacityUse },
  });
  return { locs, o, atp: atpOf(table), s };
}

describe('decide', () => {
  it('finds the brute-force optimum on small random instances', () => {
    let feasible = 0;
    fc.assert(
      fc.property(instance, (x) => {
        const { locs, o, atp, s } = build(x);
        const best = bruteForce(s, o, locs, atp);
        const d = decide(s, o, locs, atp, { now: NOW, method: 'exact' });
        if (best === Infinity) return d.options.length === 0;
        feasible++;
        return (
          d.options.length > 0 && Math.abs(d.options[0]!.total - best) < 1e-6 && d.options.every((op) => op.parts.length <= x.maxSplits)
        );
      }),
      { numRuns: 300 },
    );
    expect(feasible).toBeGreaterThan(100); // the instances are not trivially unfillable
  });

  it('never beats the optimum with the heuristic, and is deterministic', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const { locs, o, atp, s } = build(x);
        const exact = decide(s, o, locs, atp, { now: NOW, method: 'exact' });
        const h1 = decide(s, o, locs, atp, { now: NOW, method: 'heuristic' });
        const h2 = decide(s, o, [...locs].reverse(), atp, { now: NOW, method: 'heuristic' });
        expect(JSON.stringify(h1.options)).toBe(JSON.stringify(h2.options));
        if (exact.options.length && h1.options.length) expect(h1.options[0]!.total).toBeGreaterThanOrEqual(exact.options[0]!.total - 1e-6);
      }),
      { numRuns: 200 },
    );
  });

  it('decides the same with the in-memory index fast path (holders) as with plain lookups', () => {
    fc.assert(
      fc.property(instance, fc.boolean(), (x, paused) => {
        const { locs, o, s } = build(x);
        const index = new StockIndex();
        o.lines.forEach((l, si) => locs.forEach((loc, li) => index.set(loc.id, l.sku, x.stock[(li * 4 + si) % 28]!)));
        if (paused && locs[0]) locs[0] = { ...locs[0], active: false };
        const plain = decide(s, o, locs, index.lookup, { now: NOW });
        const fast = decide(s, o, locs, index.lookup, { now: NOW, holders: (sku) => index.holders(sku) });
        expect(JSON.stringify(fast.options)).toBe(JSON.stringify(plain.options));
        expect(fast.explainExcluded().map((e) => [e.locationId, e.why.code])).toEqual(
          plain.explainExcluded().map((e) => [e.locationId, e.why.code]),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('splits when no location has every line, one shipment per location', () => {
    const locs = [loc('a', -34.6, -58.41), loc('b', -34.62, -58.4)];
    const d = decide(
      spec({ maxSplits: 2 }),
      order([
        ['X', 1],
        ['Y', 1],
      ]),
      locs,
      atpOf({ a: { X: 5 }, b: { Y: 5 } }),
      { now: NOW },
    );
    expect(d.options[0]!.parts.map((p) => [p.locationId, p.lines.map((l) => l.sku)])).toEqual([
      ['a', ['X']],
      ['b', ['Y']],
    ]);
    expect(d.options[0]!.splitPenalty).toBe(5000);
  });

  it('prefers one shipment when the split penalty outweighs the saving', () => {
    const locs = [loc('near', -34.6, -58.41), loc('far', -31.4, -64.2)];
    const d = decide(
      spec({ maxSplits: 2, splitPenalty: 50_000 }),
      order([
        ['X', 1],
        ['Y', 1],
      ]),
      locs,
      atpOf({ near: { X: 5 }, far: { X: 5, Y: 5 } }),
      { now: NOW },
    );
    expect(d.options[0]!.parts.map((p) => p.locationId)).toEqual(['far']);
    expect(d.options.map((op) => op.parts.map((p) => p.locationId).join('+'))).toEqual(['far', 'far+near']);
  });

  it('refuses a split part worth less than the minimum', () => {
    const locs = [loc('a', -34.6, -58.41), loc('b', -34.62, -58.4)];
    const d = decide(
      spec({ maxSplits: 2, minSplitPartValue: 15_000 }),
      order([
        ['X', 1, 10_000],
        ['Y', 1, 50_000],
      ]),
      locs,
      atpOf({ a: { X: 5 }, b: { Y: 5 } }),
      { now: NOW },
    );
    expect(d.options).toEqual([]);
    expect(d.tried[0]!.failure).toBe('every split leaves a part under the minimum value 15000');
  });

  it('falls back to the next strategy when the first finds nothing', () => {
    const locs = [loc('far', -31.4, -64.2)];
    const s = spec(
      { filters: { maxDistanceKm: 100 } },
      { strategies: [{ name: 'local', filters: { maxDistanceKm: 100 } }, { name: 'national' }] },
    );
    const d = decide(s, order([['X', 1]]), locs, atpOf({ far: { X: 1 } }), { now: NOW });
    expect(d.strategy).toBe('national');
    expect(d.tried.map((t) => t.strategy)).toEqual(['local', 'national']);
    expect(d.tried[0]!.failure).toBe('no eligible location has 1 of SKU X');
  });

  it('gives every filter its exclusion reason', () => {
    const hours = { '3': { open: '09:00', close: '11:30' } };
    const locs = [
      loc('ok', -34.6, -58.41),
      loc('rejected', -34.6, -58.41),
      loc('paused', -34.6, -58.41, { active: false }),
      loc('listed-paused', -34.6, -58.41),
      loc('dc', -34.6, -58.41, { kind: 'dc' }),
      loc('channel', -34.6, -58.41, { channels: ['shopify'] }),
      loc('closed', -34.6, -58.41, { openingHours: hours }),
      loc('sunday-only', -34.6, -58.41, { openingHours: { '7': { open: '09:00', close: '18:00' } } }),
      loc('late-open', -34.6, -58.41, { openingHours: { '3': { open: '13:00', close: '20:00' } } }),
      loc('cutoff', -34.6, -58.41, { carrierCutoff: '11:00' }),
      loc('full', -34.6, -58.41, { assignedToday: 120, dailyCapacity: 120 }),
      loc('far', -31.4, -64.2),
      loc('empty', -34.6, -58.41),
    ];
    const stock = Object.fromEntries(locs.map((l) => [l.id, { X: l.id === 'empty' ? 0 : 3 }]));
    const s = spec({
      filters: {
        locationKinds: ['store'],
        requireOpenNow: true,
        requireBeforeCutoff: true,
        maxDistanceKm: 500,
        pausedLocationIds: ['listed-paused'],
      },
    });
    const d = decide(s, order([['X', 1]]), locs, atpOf(stock), {
      now: NOW,
      exclusions: new Map([['rejected', 'rejected this order: not in stock']]),
    });
    expect(d.options.map((o) => o.parts[0]!.locationId)).toEqual(['ok']);
    expect(reasons(d)).toEqual({
      rejected: 'order-excluded',
      paused: 'paused',
      'listed-paused': 'paused',
      dc: 'kind',
      channel: 'channel',
      closed: 'closed-at',
      'sunday-only': 'closed-today',
      'late-open': 'not-open-yet',
      cutoff: 'past-cutoff',
      full: 'capacity',
      far: 'distance',
      empty: 'no-stock',
    });
    const pickup = decide(
      spec({}),
      order([['X', 1]], { orderType: 'pickup' }),
      [loc('nopick', -34.6, -58.4, { pickupCapable: false })],
      atpOf({ nopick: { X: 1 } }),
      { now: NOW },
    );
    expect(reasons(pickup)).toEqual({ nopick: 'not-pickup' });
  });

  it('the default profile parses and sources a plain order', () => {
    const d = decide(DEFAULT_PROFILE_SPEC, order([['X', 2]]), [loc('a', -34.6, -58.41)], atpOf({ a: { X: 2 } }), { now: NOW });
    expect(d.strategy).toBe('same-day');
    expect(d.options[0]!.parts[0]!.cost.total).toBeGreaterThan(0);
  });
});
