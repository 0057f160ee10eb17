import { describe, expect, it } from 'vitest';
import { minPopulationAt, placesToName, type Place } from './base-map-details';

const PLACES: Place[] = [
  ['Buenos Aires', -34.61, -58.38, 13_000_000],
  ['Córdoba', -31.41, -64.18, 1_400_000],
  ['La Plata', -34.92, -57.95, 700_000],
  ['Mar del Plata', -38.0, -57.55, 550_000],
  ['Luján', -34.57, -59.1, 80_000],
  ['Cañuelas', -35.05, -58.76, 30_000],
];
const AROUND_BUENOS_AIRES = { south: -36, west: -60, north: -34, east: -57 };

describe('offline base map details', () => {
  it('names nothing at country zoom and more, smaller places as the planner zooms in', () => {
    expect(minPopulationAt(4)).toBeNull();
    expect(placesToName(PLACES, 4.5, AROUND_BUENOS_AIRES)).toEqual([]);
    expect(placesToName(PLACES, 5, AROUND_BUENOS_AIRES).map((p) => p[0])).toEqual(['Buenos Aires']);
    expect(placesToName(PLACES, 6.5, AROUND_BUENOS_AIRES).map((p) => p[0])).toEqual(['Buenos Aires', 'La Plata']);
    expect(placesToName(PLACES, 10, AROUND_BUENOS_AIRES).map((p) => p[0])).toEqual(['Buenos Aires', 'La Plata', 'Luján', 'Cañuelas']);
  });

  it('keeps to the view and to a cap, biggest first', () => {
    expect(placesToName(PLACES, 10, AROUND_BUENOS_AIRES, 2).map((p) => p[0])).toEqual(['Buenos Aires', 'La Plata']);
    expect(placesToName(PLACES, 10, { south: -32, west: -65, north: -31, east: -64 }).map((p) => p[0])).toEqual(['Córdoba']);
  });
});
