import { describe, expect, it } from 'vitest';
import { costOverChosen, readDecision } from './sourcing-decision';

describe('readDecision with costs', () => {
  it('reads profile, ranked options with parts and their cost breakdown', () => {
    const d = readDecision({
      profile: { id: 'x', key: 'default', version: 3 },
      strategy: 'same-day',
      method: 'exact',
      chosen: 'a+b',
      candidates: [
        {
          locationId: 'a+b',
          locationName: 'A + B',
          distanceKm: 9,
          total: 1000,
          splitPenalty: 600,
          parts: [
            {
              locationId: 'a',
              locationName: 'A',
              distanceKm: 3,
              lines: [{ sku: 'X', quantity: 1 }],
              cost: { shipping: 300, distance: 12, total: 312 },
            },
            {},
          ],
        },
        { locationId: 'c', locationName: 'C', distanceKm: 40, total: 1250.5, splitPenalty: 0, parts: [] },
      ],
      excluded: [{ locationId: 'z', locationName: 'Z', reason: 'capacity 120/120' }],
      excludedCount: 7,
    })!;
    expect(d.profile).toBe('default v3');
    expect(d.candidates[0]!.parts[0]!.cost).toEqual({
      distance: 12,
      shipping: 300,
      labour: 0,
      stockBalance: 0,
      capacityUse: 0,
      total: 312,
    });
    expect(d.candidates[0]!.parts[1]!.cost).toBeNull();
    expect(costOverChosen(d, 'c')).toBe(250.5);
    expect(costOverChosen(d, 'a+b')).toBe(0);
  });

  it('reads the lines a candidate splits across locations, and none from older records', () => {
    const d = readDecision({
      chosen: 'a+b',
      candidates: [
        {
          locationId: 'a+b',
          locationName: 'A + B',
          total: 900,
          splitPenalty: 500,
          lineSplitPenalty: 300,
          lineSplits: [
            {
              sku: 'X',
              quantity: 3,
              text: '3 × X split: 2 from A, 1 from B',
              from: [
                { locationId: 'a', locationName: 'A', quantity: 2 },
                { locationId: 'b', quantity: 1 },
              ],
            },
          ],
          parts: [],
        },
        { locationId: 'c', locationName: 'C', total: 950, parts: [] },
      ],
    })!;
    expect(d.candidates[0]!.lineSplits).toEqual([
      {
        sku: 'X',
        quantity: 3,
        from: [
          { locationId: 'a', locationName: 'A', quantity: 2 },
          { locationId: 'b', locationName: 'b', quantity: 1 },
        ],
      },
    ]);
    expect(d.candidates[0]!.lineSplitPenalty).toBe(300);
    expect(d.candidates[1]!.lineSplits).toEqual([]);
    expect(d.candidates[1]!.lineSplitPenalty).toBe(0);
  });
});
