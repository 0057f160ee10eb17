import { describe, expect, it } from 'vitest';
import { distanceKm } from './geo';

describe('distanceKm', () => {
  it('Buenos Aires to Córdoba is about 646 km', () => {
    expect(distanceKm({ lat: -34.6037, lng: -58.3816 }, { lat: -31.4201, lng: -64.1888 })).toBeCloseTo(646, -1);
  });
  it('is zero for the same point and symmetric', () => {
    const a = { lat: -32.9, lng: -60.6 };
    const b = { lat: -24.8, lng: -65.4 };
    expect(distanceKm(a, a)).toBe(0);
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
  });
});
