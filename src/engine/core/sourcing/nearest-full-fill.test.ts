import { describe, expect, it } from 'vitest';
import { rankNearestFullFill, type SourcingLocation } from './nearest-full-fill';

const locs: SourcingLocation[] = [
  { id: 'near', name: 'Near', lat: -34.6, lng: -58.4, active: true, city: 'X', kind: 'store', dailyCapacity: 100 },
  { id: 'mid', name: 'Mid', lat: -34.9, lng: -57.9, active: true, city: 'X', kind: 'store', dailyCapacity: 100 },
  { id: 'far', name: 'Far', lat: -31.4, lng: -64.2, active: true, city: 'X', kind: 'store', dailyCapacity: 100 },
  { id: 'paused', name: 'Paused', lat: -34.6, lng: -58.4, active: false, city: 'X', kind: 'store', dailyCapacity: 100 },
];
const atp = (rows: Record<string, Record<string, number>>) =>
  new Map(Object.entries(rows).map(([k, v]) => [k, new Map(Object.entries(v))]));
const shipTo = { lat: -34.61, lng: -58.39 };

describe('rankNearestFullFill', () => {
  it('ranks locations that can fill every line by distance', () => {
    const d = rankNearestFullFill(
      shipTo,
      [{ sku: 'A', quantity: 2 }],
      locs,
      atp({ near: { A: 2 }, mid: { A: 5 }, far: { A: 9 }, paused: { A: 9 } }),
    );
    expect(d.candidates.map((c) => c.locationId)).toEqual(['near', 'mid', 'far']);
    expect(d.excluded).toEqual([{ locationId: 'paused', locationName: 'Paused', reason: 'location paused' }]);
  });

  it('explains a location left out for one short line', () => {
    const d = rankNearestFullFill(
      shipTo,
      [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 3 },
      ],
      locs,
      atp({ near: { A: 1, B: 2 }, far: { A: 1, B: 3 } }),
    );
    expect(d.candidates.map((c) => c.locationId)).toEqual(['far']);
    expect(d.excluded.find((e) => e.locationId === 'near')?.reason).toBe('no stock of SKU B (needs 3, has 2)');
    expect(d.excluded.find((e) => e.locationId === 'mid')?.reason).toBe('no stock of SKU A (needs 1, has 0)');
  });

  it('treats negative availability (safety stock above on hand) as none', () => {
    const d = rankNearestFullFill(shipTo, [{ sku: 'A', quantity: 1 }], locs.slice(0, 1), atp({ near: { A: -3 } }));
    expect(d.candidates).toEqual([]);
    expect(d.excluded[0]?.reason).toContain('has 0');
  });

  it('is deterministic when distances tie', () => {
    const twins: SourcingLocation[] = [
      { id: 'b', name: 'B', lat: -34, lng: -58, active: true, city: 'X', kind: 'store', dailyCapacity: 100 },
      { id: 'a', name: 'A', lat: -34, lng: -58, active: true, city: 'X', kind: 'store', dailyCapacity: 100 },
    ];
    const d = rankNearestFullFill(shipTo, [{ sku: 'A', quantity: 1 }], twins, atp({ a: { A: 1 }, b: { A: 1 } }));
    expect(d.candidates.map((c) => c.locationId)).toEqual(['a', 'b']);
  });
});
