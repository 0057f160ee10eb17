import { describe, expect, it } from 'vitest';
import { defaultParcels, emptyParcel, masterWeight, moveUnits, parcelProblems, toParcelInputs, withLines } from './parcel-draft';

const master = {
  A: { weightGrams: 1000, lengthMm: 300, widthMm: 200, heightMm: 100 },
  B: { weightGrams: 250, lengthMm: null, widthMm: null, heightMm: null },
};
const lines = [
  { sku: 'A', quantity: 2 },
  { sku: 'B', quantity: 1 },
];

describe('parcel drafts', () => {
  it('defaults to one parcel with every unit, weighed from the master', () => {
    const [d] = defaultParcels(lines, master);
    expect(d).toMatchObject({ weightKg: '2.25', weightEdited: false, lines: { A: 2, B: 1 }, lengthCm: '' });
    expect(masterWeight({ A: 1, X: 4 }, master)).toBe(1000);
  });

  it("takes the product's own box as the sides of a single-unit order", () => {
    expect(defaultParcels([{ sku: 'A', quantity: 1 }], master)[0]).toMatchObject({
      lengthCm: '30',
      widthCm: '20',
      heightCm: '10',
      weightKg: '1',
    });
  });

  it('moves units between parcels so the total stays what was picked; the weights follow unless typed', () => {
    const two = [...defaultParcels(lines, master), emptyParcel()];
    const moved = moveUnits(two, 1, 'A', 1, master);
    expect(moved.map((d) => d.lines)).toEqual([{ A: 1, B: 1 }, { A: 1 }]);
    expect(moved.map((d) => d.weightKg)).toEqual(['1.25', '1']);
    // Giving units back from the second parcel returns them to the first.
    const back = moveUnits(moved, 1, 'A', 0, master);
    expect(back[0]!.lines).toEqual({ A: 2, B: 1 });
    const typed = withLines({ ...moved[0]!, weightKg: '3', weightEdited: true }, { A: 2 }, master);
    expect(typed.weightKg).toBe('3');
  });

  it('says what is wrong: an empty parcel, units that do not add up', () => {
    const two = [...defaultParcels(lines, master), emptyParcel()];
    expect(parcelProblems(lines, two)).toEqual([{ key: 'pack.problem.empty', parcel: 2 }]);
    const over = [{ ...two[0]!, lines: { A: 3, B: 1 } }];
    expect(parcelProblems(lines, over)).toEqual([{ key: 'pack.problem.units', sku: 'A', inParcels: 3, picked: 2 }]);
    expect(parcelProblems(lines, defaultParcels(lines, master))).toEqual([]);
  });

  it('sends grams and millimetres; a single parcel names no lines, several name theirs; blanks are left to the engine', () => {
    const one = defaultParcels(lines, master);
    expect(toParcelInputs([{ ...one[0]!, lengthCm: '30,5', widthCm: '20', heightCm: 'x' }])).toEqual([
      { weightGrams: 2250, lengthMm: 305, widthMm: 200 },
    ]);
    const two = moveUnits([...one, emptyParcel()], 1, 'B', 1, master);
    expect(toParcelInputs([{ ...two[0]!, weightKg: '' }, two[1]!])).toEqual([
      { lines: [{ sku: 'A', quantity: 2 }] },
      { weightGrams: 250, lines: [{ sku: 'B', quantity: 1 }] },
    ]);
  });
});
