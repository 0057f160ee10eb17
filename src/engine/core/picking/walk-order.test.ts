import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBins, compareSlots, compareWalk, distributeScan, slotName, walkOrder } from './walk-order';

describe('walk order', () => {
  it('compares bins naturally: aisle and bay numbers by value', () => {
    expect(['A10-1', 'A2-10', 'A2-9', 'B1-1', 'A03-12-2', 'A3-12-10'].sort(compareBins)).toEqual([
      'A2-9',
      'A2-10',
      'A03-12-2',
      'A3-12-10',
      'A10-1',
      'B1-1',
    ]);
    expect(compareBins('a1', 'A1')).not.toBe(0);
    expect(compareBins('A02', 'A2')).not.toBe(0);
  });

  it('walks binned lines in bin order, then unbinned ones, SKU breaking ties', () => {
    const lines = [
      { sku: 'Z', bin: null },
      { sku: 'B', bin: 'A10-1' },
      { sku: 'A', bin: null },
      { sku: 'C', bin: 'A2-10' },
      { sku: 'A', bin: 'A2-10' },
    ];
    expect(walkOrder(lines).map((l) => `${l.bin ?? '-'}/${l.sku}`)).toEqual(['A2-10/A', 'A2-10/C', 'A10-1/B', '-/A', '-/Z']);
  });

  it('is a total order (antisymmetric, transitive) over any bins, unbinned always last', () => {
    const line = fc.record({ sku: fc.string({ maxLength: 4 }), bin: fc.option(fc.stringMatching(/^[A-C]\d{1,3}(-\d{1,2}){0,2}$/)) });
    fc.assert(
      fc.property(line, line, line, (a, b, c) => {
        // `|| 0`: equal lines compare 0 both ways, and -0 is not +0 to toBe.
        expect(Math.sign(compareWalk(a, b)) || 0).toBe(-Math.sign(compareWalk(b, a)) || 0);
        if (compareWalk(a, b) <= 0 && compareWalk(b, c) <= 0) expect(compareWalk(a, c)).toBeLessThanOrEqual(0);
        if (a.bin === null && b.bin !== null) expect(compareWalk(a, b)).toBeGreaterThan(0);
      }),
    );
  });

  it('names slots A … Z, AA, AB …, and orders them as handed out', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(slotName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), (i, j) => {
        expect(Math.sign(compareSlots(slotName(i), slotName(j)))).toBe(Math.sign(i - j));
      }),
    );
    expect(() => slotName(-1)).toThrow(RangeError);
  });
});

describe('distributeScan', () => {
  const orders = [
    { slot: 'B', quantity: 2, picked: 0 },
    { slot: 'A', quantity: 1, picked: 1 },
    { slot: 'C', quantity: 3, picked: 1 },
  ];

  it('fills orders in slot order, each up to what it still needs', () => {
    expect(distributeScan(orders, 3)!.map((x) => [x.order.slot, x.take])).toEqual([
      ['B', 2],
      ['C', 1],
    ]);
    expect(distributeScan(orders, 4)!.map((x) => [x.order.slot, x.take])).toEqual([
      ['B', 2],
      ['C', 2],
    ]);
  });

  it('refuses more than the wave still needs', () => {
    expect(distributeScan(orders, 5)).toBeNull();
    expect(distributeScan([{ slot: 'A', quantity: 2, picked: 2 }], 1)).toBeNull();
  });

  it('never over-picks and places every unit', () => {
    const arb = fc.array(
      fc.record({ q: fc.integer({ min: 1, max: 9 }), p: fc.nat(9) }).map(({ q, p }) => ({ quantity: q, picked: Math.min(p, q) })),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 80 }), (raw, n) => {
        const os = raw.map((o, i) => ({ ...o, slot: slotName(i) }));
        const left = os.reduce((s, o) => s + o.quantity - o.picked, 0);
        const d = distributeScan(os, n);
        if (n > left) {
          expect(d).toBeNull();
          return;
        }
        expect(d!.reduce((s, x) => s + x.take, 0)).toBe(n);
        for (const x of d!) expect(x.order.picked + x.take).toBeLessThanOrEqual(x.order.quantity);
      }),
    );
  });
});
