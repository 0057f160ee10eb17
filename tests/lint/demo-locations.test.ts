import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocationSchema } from '../../src/shared';

describe('resources/demo/locations.json', () => {
  const doc = JSON.parse(readFileSync(resolve(__dirname, '../../resources/demo/locations.json'), 'utf8')) as { locations: unknown[] };
  const locations = doc.locations.map((l) => LocationSchema.omit({ active: true }).passthrough().parse(l));

  it('is a realistic Argentine network: ~40 stores, 3 DCs, 4 dark stores', () => {
    const count = (k: string) => locations.filter((l) => l.kind === k).length;
    expect(count('store')).toBe(40);
    expect(count('dc')).toBe(3);
    expect(count('dark_store')).toBe(4);
  });

  it('has unique ids and codes and coordinates inside Argentina', () => {
    expect(new Set(locations.map((l) => l.id)).size).toBe(locations.length);
    expect(new Set(locations.map((l) => l.code)).size).toBe(locations.length);
    for (const l of locations) {
      expect(l.lat, l.name).toBeGreaterThan(-55.1);
      expect(l.lat, l.name).toBeLessThan(-21.7);
      expect(l.lng, l.name).toBeGreaterThan(-73.6);
      expect(l.lng, l.name).toBeLessThan(-53.6);
    }
  });
});
