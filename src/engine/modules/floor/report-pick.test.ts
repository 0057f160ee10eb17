import { describe, expect, it } from 'vitest';
import { shortfallOf } from './report-pick';

const lines = [
  { sku: 'A', quantity: 3 },
  { sku: 'B', quantity: 1 },
];

describe('shortfallOf', () => {
  it('lists the lines picked short, and nothing for a full pick', () => {
    expect(
      shortfallOf(lines, [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 1 },
      ]),
    ).toEqual([{ sku: 'A', ordered: 3, picked: 1 }]);
    expect(
      shortfallOf(lines, [
        { sku: 'B', quantity: 1 },
        { sku: 'A', quantity: 3 },
      ]),
    ).toEqual([]);
  });

  it('refuses a report that does not match the order, naming the line', () => {
    expect(() =>
      shortfallOf(lines, [
        { sku: 'A', quantity: 4 },
        { sku: 'B', quantity: 1 },
      ]),
    ).toThrow(expect.objectContaining({ issues: [{ path: 'picked.0.quantity', message: 'at most 3, the quantity to pick here' }] }));
    expect(() => shortfallOf(lines, [{ sku: 'A', quantity: 1 }])).toThrow(/leaves out B/);
    expect(() => shortfallOf(lines, [{ sku: 'Z', quantity: 1 }])).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'picked.0.sku' })] }),
    );
    expect(() =>
      shortfallOf(lines, [
        { sku: 'A', quantity: 1 },
        { sku: 'A', quantity: 1 },
      ]),
    ).toThrow(/reported twice/);
  });
});
