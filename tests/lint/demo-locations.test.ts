import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_CITIES } from '../../src/engine/modules/demo/demo-cities';
import { demoShopper } from '../../src/engine/modules/demo/demo-customers';
import { distanceKm } from '../../src/engine/core/geo';
import { createRng } from '../../src/engine/core/rng';
import { LocationSchema } from '../../src/shared';

const root = resolve(__dirname, '../..');
const DemoLocationSchema = LocationSchema.omit({ active: true }).extend({ labourCostPerUnit: z.number().positive() }).strict();
const doc = z
  .object({ _source: z.string().min(40), locations: z.array(z.unknown()) })
  .strict()
  .parse(JSON.parse(readFileSync(resolve(root, 'resources/demo/locations.json'), 'utf8')));
const locations = doc.locations.map((l) => DemoLocationSchema.parse(l));
const ofKind = (k: string) => locations.filter((l) => l.kind === k);
const decimals = (n: number) => (String(n).split('.')[1] ?? '').length;

describe('resources/demo/locations.json', () => {
  it('is a realistic Argentine network: ~40 stores, 3 DCs, 4 dark stores', () => {
    expect(Math.abs(ofKind('store').length - 40)).toBeLessThanOrEqual(3);
    expect(ofKind('dc')).toHaveLength(3);
    expect(ofKind('dark_store')).toHaveLength(4);
    expect(doc._source).toMatch(/GeoNames/);
  });

  it('has unique ids and codes in the house formats', () => {
    expect(new Set(locations.map((l) => l.id)).size).toBe(locations.length);
    expect(new Set(locations.map((l) => l.code)).size).toBe(locations.length);
    const prefix = { store: /^ST-\d{3}$/, dc: /^DC-\d{2}$/, dark_store: /^DS-\d{2}$/ };
    for (const l of locations) {
      expect(l.id).toMatch(/^loc-[a-z0-9-]+$/);
      expect(l.code, l.id).toMatch(prefix[l.kind]);
    }
  });

  it('sits inside Argentina, at distinct points given to at most 5 decimals', () => {
    for (const l of locations) {
      expect(l.lat, l.name).toBeGreaterThan(-55);
      expect(l.lat, l.name).toBeLessThan(-21.7);
      expect(l.lng, l.name).toBeGreaterThan(-73.6);
      expect(l.lng, l.name).toBeLessThan(-53.6);
      expect(decimals(l.lat), l.name).toBeLessThanOrEqual(5);
      expect(decimals(l.lng), l.name).toBeLessThanOrEqual(5);
    }
    for (const a of locations)
      for (const b of locations) if (a !== b) expect(distanceKm(a, b), `${a.name} – ${b.name}`).toBeGreaterThan(0.4);
  });

  it('has capacities, hours and labour costs by kind', () => {
    const week = ['1', '2', '3', '4', '5', '6'];
    for (const l of ofKind('store')) {
      expect(l.dailyCapacity).toBeGreaterThanOrEqual(60);
      expect(l.dailyCapacity).toBeLessThanOrEqual(250);
      for (const d of week) expect(l.openingHours[d], l.name).toEqual({ open: '10:00', close: '21:00' });
      const sunday = l.openingHours['7'];
      if (sunday) expect(sunday.close > sunday.open && (sunday.open > '10:00' || sunday.close < '21:00'), l.name).toBe(true);
    }
    expect(ofKind('store').some((l) => !l.openingHours['7'])).toBe(true);
    for (const l of ofKind('dark_store')) {
      expect(l.dailyCapacity).toBeGreaterThanOrEqual(300);
      expect(l.dailyCapacity).toBeLessThanOrEqual(500);
      for (const d of [...week, '7']) expect(l.openingHours[d]).toEqual({ open: '08:00', close: '23:59' });
    }
    for (const l of ofKind('dc')) {
      expect(l.dailyCapacity).toBeGreaterThanOrEqual(3000);
      expect(l.dailyCapacity).toBeLessThanOrEqual(8000);
      for (const d of week) expect(l.openingHours[d]).toEqual({ open: '06:00', close: '22:00' });
      expect(l.openingHours['7']).toBeUndefined();
    }
    const maxDcCost = Math.max(...ofKind('dc').map((l) => l.labourCostPerUnit));
    for (const l of ofKind('store')) expect(l.labourCostPerUnit, l.name).toBeGreaterThan(maxDcCost);
  });

  it('names only cities the shopper generator knows (province, postal code, phone area)', () => {
    for (const l of locations) expect(DEMO_CITIES, l.name).toContain(l.city);
  });

  it('puts simulated shoppers on land near every store and dark store (Natural Earth 1:10m)', () => {
    const topo = JSON.parse(readFileSync(resolve(root, 'node_modules/world-atlas/land-10m.json'), 'utf8')) as Topology;
    const land = feature(topo, topo.objects.land!);
    const geometries = 'features' in land ? land.features.map((f) => f.geometry) : [land.geometry];
    const polygons = geometries.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []));
    const near = polygons.filter((p) => p[0]!.some(([x, y]) => x! > -75 && x! < -53 && y! > -56 && y! < -21));
    const inRing = (ring: number[][], lng: number, lat: number) => {
      let inside = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]! as [number, number];
        const [xj, yj] = ring[j]! as [number, number];
        if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    };
    const onLand = (lat: number, lng: number) => near.some((p) => inRing(p[0]!, lng, lat) && !p.slice(1).some((h) => inRing(h, lng, lat)));
    const edges = near.flatMap((p) => p.flatMap((ring) => ring.slice(1).map((b, i) => [ring[i]!, b] as [number[], number[]])));
    // A shopper is on land when the straight line from its (on-land) location crosses the shore
    // an even number of times; only shore edges near the location can be crossed.
    const side = (a: number[], b: number[], c: number[]) =>
      Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
    const crosses = (p: number[], q: number[], [a, b]: [number[], number[]]) =>
      side(p, q, a) !== side(p, q, b) && side(a, b, p) !== side(a, b, q);
    // Natural Earth's 1:10m shore runs ~1.5 km inland of Ushuaia's real waterfront, through the
    // town; the unit tests check Ushuaia's shoppers stay north of the Beagle Channel instead.
    const checked = locations.filter((l) => l.kind !== 'dc' && l.city !== 'Ushuaia');
    const rng = createRng(2026);
    for (const l of checked) {
      expect(onLand(l.lat, l.lng), l.name).toBe(true);
      const from = [l.lng, l.lat];
      const local = edges.filter(
        ([a, b]) =>
          Math.max(Math.abs(a[0]! - l.lng), Math.abs(b[0]! - l.lng)) < 0.15 &&
          Math.max(Math.abs(a[1]! - l.lat), Math.abs(b[1]! - l.lat)) < 0.15,
      );
      for (let i = 0; i < 300; i++) {
        const { shipTo } = demoShopper(rng, [l]);
        const crossings = local.filter((e) => crosses(from, [shipTo.lng, shipTo.lat], e)).length;
        expect(crossings % 2, `${l.name}: ${shipTo.lat}, ${shipTo.lng}`).toBe(0);
      }
    }
  });
});
