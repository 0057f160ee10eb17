import { describe, expect, it } from 'vitest';
import { partialFill, unitsByLine } from './partial-fill';

const line = (sku: string, quantity: number) => ({ sku, quantity, unitPrice: 10, weightGrams: 100 });
const stock: Record<string, Record<string, number>> = { L1: { A: 2, B: 5 }, L2: { A: 3 }, L3: { C: 1 } };
const atp = (loc: string, sku: string) => stock[loc]?.[sku] ?? 0;

describe('partialFill', () => {
  it('takes each line up to the most one eligible location has, and lists the rest as missing', () => {
    expect(partialFill([line('A', 5), line('B', 4), line('C', 2)], ['L1', 'L2'], atp)).toEqual({
      fillable: [line('A', 3), line('B', 4)],
      missing: [
        { sku: 'A', quantity: 2 },
        { sku: 'C', quantity: 2 },
      ],
    });
  });
  it('ignores locations that are not eligible and lets two lines of one SKU share its stock', () => {
    expect(partialFill([line('A', 2), line('A', 2)], ['L2'], atp)).toEqual({
      fillable: [line('A', 2), line('A', 1)],
      missing: [{ sku: 'A', quantity: 1 }],
    });
    expect(partialFill([line('C', 1)], ['L1', 'L2'], atp)).toEqual({ fillable: [], missing: [{ sku: 'C', quantity: 1 }] });
  });
});

describe('unitsByLine', () => {
  it('takes units from the last lines of the SKU first, never more than a line has', () => {
    const lines = [
      { lineNo: 1, sku: 'A', quantity: 2 },
      { lineNo: 2, sku: 'B', quantity: 1 },
      { lineNo: 3, sku: 'A', quantity: 1 },
    ];
    expect(
      unitsByLine(lines, [
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 1 },
      ]),
    ).toEqual([
      { lineNo: 1, sku: 'A', quantity: 1 },
      { lineNo: 2, sku: 'B', quantity: 1 },
      { lineNo: 3, sku: 'A', quantity: 1 },
    ]);
    expect(() => unitsByLine(lines, [{ sku: 'A', quantity: 4 }])).toThrow(/more than the order has open/);
  });
});
