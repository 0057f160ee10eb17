import { describe, expect, it } from 'vitest';
import { parcelLines } from './pack';

const picked = [
  { sku: 'A', quantity: 2 },
  { sku: 'B', quantity: 1 },
];

describe('parcelLines', () => {
  it('puts every unit in a single parcel that lists none', () => {
    expect(parcelLines([{}], picked, 7)).toEqual([picked]);
  });

  it('takes lines that add up, across parcels and split SKUs', () => {
    const lines = parcelLines(
      [
        { lines: [{ sku: 'A', quantity: 1 }] },
        {
          lines: [
            { sku: 'A', quantity: 1 },
            { sku: 'B', quantity: 1 },
          ],
        },
      ],
      picked,
      7,
    );
    expect(lines.map((l) => l.length)).toEqual([1, 2]);
  });

  it('names each SKU that does not add up, and the difference', () => {
    expect(() => parcelLines([{ lines: [{ sku: 'A', quantity: 3 }] }, { lines: [{ sku: 'C', quantity: 1 }] }], picked, 7)).toThrow(
      /SKU A: the parcels hold 3 units, only 2 units were picked \(1 too many\).*SKU B: the parcels hold 0 units, 1 unit was picked \(1 missing\)/,
    );
    expect(() => parcelLines([{ lines: [{ sku: 'C', quantity: 1 }] }, { lines: picked }], picked, 7)).toThrow(
      /SKU C was not picked here for order #7/,
    );
    expect(() => parcelLines([{}, { lines: picked }], picked, 7)).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'parcels.0.lines' })] }),
    );
  });
});
