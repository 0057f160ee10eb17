import { describe, expect, it } from 'vitest';
import type { OverrideOption } from '../../../../shared';
import { rankOptions } from './override-sourcing';

const o = (locationId: string, canFill: boolean, engineRank: number | null, distanceKm: number): OverrideOption => ({
  locationId,
  locationName: locationId,
  kind: 'store',
  city: 'X',
  distanceKm,
  engineRank,
  available: 1,
  lines: [],
  canFill,
  current: false,
  excludedReason: null,
});

describe('rankOptions', () => {
  it("puts what can fill the order first, in the engine's rank, then the rest by distance", () => {
    const ranked = rankOptions([
      o('far', true, null, 900),
      o('near', true, null, 5),
      o('second', true, 2, 50),
      o('first', false, 1, 1),
      o('empty', false, null, 2),
    ]);
    expect(ranked.map((x) => x.locationId)).toEqual(['second', 'near', 'far', 'first', 'empty']);
  });
});
