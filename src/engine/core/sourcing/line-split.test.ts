import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReason } from '../../../shared/reasons';
import { SourcingProfileSpecSchema, type SourcingProfileSpec } from '../../../shared/sourcing.contract';
import { distanceKm } from '../geo';
import { decide } from './decide';
import { decisionRecord } from './decision-record';
import type { NetworkLocation, OrderToSource, ProfileDecision } from './types';

const NOW = new Date('2026-11-25T15:00:00Z');

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
const order = (lines: [string, number][]): OrderToSource => ({
  channel: 'web',
  orderType: 'delivery',
  shipTo: { lat: -34.6, lng: -58.4 },
  lines: lines.map(([sku, quantity]) => ({ sku, quantity, unitPrice: 10_000, weightGrams: 700 })),
});
const RATE_CARD = [
  { name: 'near', maxKm: 50, base: 2000, perKg: 300, transitDays: 1 },
  { name: 'far', maxKm: null, base: 6000, perKg: 800, transitDays: 3 },
];
const spec = (strategy: Record<string, unknown>, rateCard: unknown = RATE_CARD): SourcingProfileSpec =>
  SourcingProfileSpecSchema.parse({ strategies: [{ name: 's1', ...strategy }], rateCard });
const on = (penalty = 1000) => ({ lineSplit: { enabled: true, penalty } });

// Three stores a few km from the customer (A nearest), and D about 20 km away.
const A = loc('A', -34.61, -58.41);
const B = loc('B', -34.62, -58.42);
const C = loc('C', -34.63, -58.43);
const D = loc('D', -34.75, -58.55);

/** Per location and SKU, the units an option takes (summed over its parts). */
function taken(option: ProfileDecision['options'][number]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of option.parts)
    for (const l of p.lines) out.set(`${p.locationId}/${l.sku}`, (out.get(`${p.locationId}/${l.sku}`) ?? 0) + l.quantity);
  return out;
}

describe('line splitting', () => {
  it('fills 3 units from 2 + 1 + 1 in two locations, and says so', () => {
    const atp = atpOf({ A: { X: 2 }, B: { X: 1 }, C: { X: 1 } });
    const d = decide(spec({ maxSplits: 2, ...on() }), order([['X', 3]]), [A, B, C], atp, { now: NOW });
    const best = d.options[0]!;
    expect(best.parts.map((p) => [p.locationId, p.lines])).toEqual([
      ['A', [{ sku: 'X', quantity: 2 }]],
      ['B', [{ sku: 'X', quantity: 1 }]],
    ]);
    expect(best.lineSplits).toEqual([
      {
        sku: 'X',
        quantity: 3,
        from: [
          { locationId: 'A', locationName: 'Loc A', quantity: 2 },
          { locationId: 'B', locationName: 'Loc B', quantity: 1 },
        ],
      },
    ]);
    // One extra location for the line: the line-split penalty once, on top of the shipment split penalty.
    expect(best.lineSplitPenalty).toBe(1000);
    expect(best.splitPenalty).toBe(5000);
    expect(best.total).toBeCloseTo(best.parts.reduce((s, p) => s + p.cost.total, 0) + 5000 + 1000, 1);
    // A and C is the other two-location way, ranked after.
    expect(d.options.map((o) => o.parts.map((p) => p.locationId).join('+'))).toEqual(['A+B', 'A+C']);
    const record = decisionRecord(d, best, { id: 'p', key: 'default', version: 1 }) as {
      candidates: { lineSplits?: { text: string }[] }[];
    };
    expect(record.candidates[0]!.lineSplits![0]!.text).toBe('3 × X split: 2 from Loc A, 1 from Loc B');
    expect(parseReason(record.candidates[0]!.lineSplits![0]!.text)).toEqual({
      code: 'sourcing.line_split',
      params: { quantity: '3', sku: 'X', parts: '2 from Loc A, 1 from Loc B' },
    });
  });

  it('keeps the old failure when off, and decides exactly as before when no line needs splitting', () => {
    const atp = atpOf({ A: { X: 2 }, B: { X: 1 }, C: { X: 1 } });
    const off = decide(spec({ maxSplits: 2 }), order([['X', 3]]), [A, B, C], atp, { now: NOW });
    expect(off.options).toEqual([]);
    expect(off.tried).toEqual([{ strategy: 's1', eligible: 0, failure: 'no eligible location has 3 of SKU X' }]);
    // Fillable without splitting a line: the same decision with the option on or off.
    const whole = atpOf({ A: { X: 2, Y: 1 }, B: { X: 5 }, C: { Y: 4 } });
    const o = order([
      ['X', 3],
      ['Y', 1],
    ]);
    const a = decide(spec({ maxSplits: 3 }), o, [A, B, C], whole, { now: NOW });
    const b = decide(spec({ maxSplits: 3, ...on() }), o, [A, B, C], whole, { now: NOW });
    expect(b.options).toEqual(a.options);
    expect(b.explainExcluded()).toEqual(a.explainExcluded());
    expect(b.explainEligible()).toEqual(a.explainEligible());
    expect(b.options[0]!.lineSplits).toBeUndefined();
  });

  it('never splits a line some location can fill whole, even where splitting it would cost less', () => {
    // X must split (2 at A, 1 at B); Y (2 units) could ride along split 1 + 1 at A and B, but D has it whole.
    const atp = atpOf({ A: { X: 2, Y: 1 }, B: { X: 1, Y: 1 }, D: { Y: 2 } });
    const o = order([
      ['X', 3],
      ['Y', 2],
    ]);
    for (const penalty of [0, 50_000]) {
      const best = decide(spec({ maxSplits: 3, splitPenalty: 1000, ...on(penalty) }), o, [A, B, D], atp, { now: NOW }).options[0]!;
      expect(best.parts.map((p) => [p.locationId, p.lines])).toEqual([
        ['A', [{ sku: 'X', quantity: 2 }]],
        ['B', [{ sku: 'X', quantity: 1 }]],
        ['D', [{ sku: 'Y', quantity: 2 }]],
      ]);
      expect(best.lineSplits!.map((s) => s.sku)).toEqual(['X']);
      expect(best.lineSplitPenalty).toBe(penalty);
    }
  });

  it('respects maxSplits: 3 units from 1 + 1 + 1 need three locations', () => {
    const atp = atpOf({ A: { X: 1 }, B: { X: 1 }, C: { X: 1 } });
    const two = decide(spec({ maxSplits: 2, ...on() }), order([['X', 3]]), [A, B, C], atp, { now: NOW });
    expect(two.options).toEqual([]);
    expect(two.tried[0]!.failure).toBe('no location set of at most 2 can fill every line');
    const three = decide(spec({ maxSplits: 3, ...on() }), order([['X', 3]]), [A, B, C], atp, { now: NOW });
    expect(three.options[0]!.parts.map((p) => p.locationId)).toEqual(['A', 'B', 'C']);
    expect(three.options[0]!.lineSplitPenalty).toBe(2000);
  });

  it('says when even all eligible locations together hold too few', () => {
    const atp = atpOf({ A: { X: 2 }, B: { X: 1 } });
    const d = decide(spec({ maxSplits: 3, ...on() }), order([['X', 5]]), [A, B], atp, { now: NOW });
    expect(d.options).toEqual([]);
    expect(d.tried[0]!.failure).toBe('eligible locations together have 3 of SKU X, 5 needed');
    expect(parseReason(d.tried[0]!.failure!)?.code).toBe('sourcing.line_short_total');
  });

  it('falls through to the next strategy with its own line-split setting', () => {
    const atp = atpOf({ A: { X: 2 }, B: { X: 1 } });
    const s = SourcingProfileSpecSchema.parse({
      strategies: [
        { name: 'whole-lines', maxSplits: 2 },
        { name: 'split-lines', maxSplits: 2, lineSplit: { enabled: true } },
      ],
      rateCard: RATE_CARD,
    });
    const d = decide(s, order([['X', 3]]), [A, B], atp, { now: NOW });
    expect(d.strategy).toBe('split-lines');
    expect(d.tried.map((t) => t.failure)).toEqual(['no eligible location has 3 of SKU X', null]);
    expect(d.options[0]!.lineSplitPenalty).toBe(5000);
  });
});

const instance = fc.record({
  locs: fc.array(
    fc.record({
      lat: fc.double({ min: -35.5, max: -33.5, noNaN: true }),
      lng: fc.double({ min: -59.5, max: -57.5, noNaN: true }),
      labour: fc.integer({ min: 0, max: 400 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  lines: fc.array(fc.record({ qty: fc.integer({ min: 1, max: 5 }), grams: fc.integer({ min: 0, max: 2500 }) }), {
    minLength: 1,
    maxLength: 2,
  }),
  stock: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 10, maxLength: 10 }),
  maxSplits: fc.integer({ min: 2, max: 5 }),
  splitPenalty: fc.integer({ min: 0, max: 8000 }),
  linePenalty: fc.integer({ min: 0, max: 8000 }),
  stockBalance: fc.constantFrom(0, 5),
});
type Instance = typeof instance extends fc.Arbitrary<infer T> ? T : never;

function build(x: Instance) {
  const locs = x.locs.map((l, i) => loc(`L${i}`, l.lat, l.lng, { labourCostPerUnit: l.labour }));
  const o: OrderToSource = {
    channel: 'web',
    orderType: 'delivery',
    shipTo: { lat: -34.6, lng: -58.4 },
    lines: x.lines.map((l, i) => ({ sku: `S${i}`, quantity: l.qty, unitPrice: 1000, weightGrams: l.grams })),
  };
  const table: Record<string, Record<string, number>> = {};
  locs.forEach((l, li) => o.lines.forEach((line, si) => ((table[l.id] ??= {})[line.sku] = x.stock[li * 2 + si]!)));
  // A flat price per shipment: chunk costs are then linear in units, and the split search is exact.
  const rateCard = [
    { name: 'near', maxKm: 60, base: 2000, perKg: 0, transitDays: 1 },
    { name: 'far', maxKm: null, base: 5000, perKg: 0, transitDays: 2 },
  ];
  const s = spec(
    {
      maxSplits: x.maxSplits,
      splitPenalty: x.splitPenalty,
      lineSplit: { enabled: true, penalty: x.linePenalty },
      weights: { distance: 3, stockBalance: x.stockBalance },
    },
    rateCard,
  );
  return { locs, o, table, atp: atpOf(table), s };
}

/** The cheapest way to fill the order when its lines may split: every distribution over the locations of each line no location can fill whole (the others whole at one location), costed from first principles. */
function bruteForce(x: ReturnType<typeof build>): number {
  const { locs, o, table, s } = x;
  const st = s.strategies[0]!;
  const w = st.weights;
  const perLine = o.lines.map((line) => {
    const out: number[][] = [];
    // A line some location can fill whole ships whole (only lines no location can fill are split).
    const whole = locs.map((l, k) => (table[l.id]![line.sku]! >= line.quantity ? k : -1)).filter((k) => k >= 0);
    if (whole.length) return whole.map((k) => locs.map((_, j) => (j === k ? line.quantity : 0)));
    const rec = (k: number, left: number, acc: number[]) => {
      if (k === locs.length) {
        if (left === 0) out.push(acc);
        return;
      }
      const most = Math.min(left, table[locs[k]!.id]![line.sku]!);
      for (let q = 0; q <= most; q++) rec(k + 1, left - q, [...acc, q]);
    };
    rec(0, line.quantity, []);
    return out;
  });
  let best = Infinity;
  const pick = (i: number, chosen: number[][]) => {
    if (i === o.lines.length) {
      const used = locs.map((_, k) => chosen.some((d) => d[k]! > 0));
      const parts = used.filter(Boolean).length;
      if (parts > st.maxSplits) return;
      let total = w.split * st.splitPenalty * (parts - 1);
      locs.forEach((l, k) => {
        if (!used[k]) return;
        const km = distanceKm(o.shipTo, l);
        const zone = s.rateCard.find((z) => z.maxKm === null || km <= z.maxKm)!;
        total += w.distance * km + w.shipping * zone.base;
        o.lines.forEach((line, li) => {
          const q = chosen[li]![k]!;
          if (q > 0) total += w.labour * l.labourCostPerUnit * q + w.stockBalance * 100 * (q / table[l.id]![line.sku]!);
        });
      });
      for (const d of chosen) total += w.split * st.lineSplit.penalty * (d.filter((q) => q > 0).length - 1);
      best = Math.min(best, total);
      return;
    }
    for (const d of perLine[i]!) pick(i + 1, [...chosen, d]);
  };
  pick(0, []);
  return best;
}

describe('line splitting (properties)', () => {
  it('never takes more than a location has, ships every unit of every line, and finds the optimum', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const b = build(x);
        const d = decide(b.s, b.o, b.locs, b.atp, { now: NOW });
        const someShort = b.o.lines.some((line) => b.locs.every((l) => b.table[l.id]![line.sku]! < line.quantity));
        const enough = b.o.lines.every((line) => b.locs.reduce((s, l) => s + b.table[l.id]![line.sku]!, 0) >= line.quantity);
        // Every location can join (maxSplits ≥ locations holding stock): the order is filled exactly when there is enough in all.
        const holding = b.locs.filter((l) => b.o.lines.some((line) => b.table[l.id]![line.sku]! > 0)).length;
        if (holding <= x.maxSplits) expect(d.options.length > 0).toBe(enough);
        for (const option of d.options) {
          expect(option.parts.length).toBeLessThanOrEqual(x.maxSplits);
          for (const [key, qty] of taken(option)) {
            const [id, sku] = key.split('/') as [string, string];
            expect(qty).toBeLessThanOrEqual(b.table[id]![sku]!);
            expect(qty).toBeGreaterThan(0);
          }
          for (const line of b.o.lines) {
            const shipped = option.parts.reduce(
              (s, p) => s + p.lines.filter((l) => l.sku === line.sku).reduce((a, l) => a + l.quantity, 0),
              0,
            );
            expect(shipped).toBe(line.quantity);
          }
        }
        if (someShort && d.options.length) expect(Math.abs(d.options[0]!.total - bruteForce(b))).toBeLessThan(0.02);
      }),
      { numRuns: 200, seed: 18 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const b = build(x);
        const one = decide(b.s, b.o, b.locs, b.atp, { now: NOW });
        const two = decide(b.s, b.o, [...b.locs], b.atp, { now: NOW });
        expect(two.options).toEqual(one.options);
      }),
      { numRuns: 50, seed: 3 },
    );
  });
});
