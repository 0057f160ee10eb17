import { describe, expect, it } from 'vitest';
import { applyExclusions } from './reject-fulfilment-exclusions';

const decision = () => ({
  strategy: 'nearest-full-fill' as const,
  candidates: [
    { locationId: 'a', locationName: 'A', distanceKm: 1 },
    { locationId: 'b', locationName: 'B', distanceKm: 2 },
    { locationId: 'c', locationName: 'C', distanceKm: 3 },
  ],
  excluded: [
    { locationId: 'x', locationName: 'X', reason: 'no stock of SKU S (needs 1, has 0)' },
    { locationId: 'y', locationName: 'Y', reason: 'location paused' },
  ],
});

describe('applyExclusions', () => {
  it('drops excluded candidates, keeps the ranking of the rest and says why first', () => {
    const d = applyExclusions(decision(), new Map([['a', 'rejected by the store: not in stock']]));
    expect(d.candidates.map((c) => c.locationId)).toEqual(['b', 'c']);
    expect(d.excluded[0]).toEqual({ locationId: 'a', locationName: 'A', reason: 'rejected by the store: not in stock' });
    expect(d.excluded).toHaveLength(3);
    expect(d.strategy).toBe('nearest-full-fill');
  });

  it('names the exclusion beside another reason and moves it ahead', () => {
    const d = applyExclusions(decision(), new Map([['y', 'no capacity today']]));
    expect(d.candidates).toHaveLength(3);
    expect(d.excluded.map((e) => e.locationId)).toEqual(['y', 'x']);
    expect(d.excluded[0]!.reason).toBe('no capacity today; location paused');
  });

  it('returns the decision unchanged when nothing is excluded', () => {
    const base = decision();
    expect(applyExclusions(base, new Map())).toBe(base);
  });
});
