import { describe, expect, it } from 'vitest';
import { SourcingProfileSpecSchema } from '../../../shared/sourcing.contract';
import { decide } from './decide';
import { StockIndex } from './stock-index';
import type { NetworkLocation, OrderToSource } from './types';

const NOW = new Date('2026-11-25T15:00:00Z');

const loc = (id: string, lat: number, lng: number): NetworkLocation => ({
  id,
  name: `Loc ${id}`,
  city: 'X',
  kind: 'store',
  lat,
  lng,
  active: true,
  dailyCapacity: 100,
  openingHours: {},
  carrierCutoff: null,
  pickupCapable: true,
  channels: null,
  labourCostPerUnit: 100,
  assignedToday: 0,
});

/**
 * The heuristic's short lists keep the nearest and cheapest locations per line; a pair of far
 * locations that together carry the whole order must still be found when the profile caps the
 * shipments at two (it used to leave such orders unfilled: the bench's nearest-greedy gap).
 */
describe('decide: heuristic finds far locations that carry several lines together', () => {
  it('fills a 5-line order from two far locations when 60 near ones hold one line each', () => {
    const spec = SourcingProfileSpecSchema.parse({
      strategies: [{ name: 'two-at-most', filters: {}, splitPenalty: 1000, maxSplits: 2 }],
      rateCard: [{ name: 'any', maxKm: null, base: 2000, perKg: 300, transitDays: 2 }],
    });
    const skus = ['A', 'B', 'C', 'D', 'E'];
    const near = Array.from({ length: 60 }, (_, k) => loc(`N${String(k).padStart(2, '0')}`, -34.6 + k * 0.01, -58.4));
    const farOne = loc('FAR-1', -31.4, -64.2);
    const farTwo = loc('FAR-2', -24.8, -65.4);
    const stock = new StockIndex();
    near.forEach((l, k) => stock.set(l.id, skus[k % 5]!, 10));
    for (const s of ['A', 'B', 'C']) stock.set(farOne.id, s, 10);
    for (const s of ['D', 'E']) stock.set(farTwo.id, s, 10);
    const order: OrderToSource = {
      channel: 'web',
      orderType: 'delivery',
      shipTo: { lat: -34.6, lng: -58.4 },
      lines: skus.map((sku) => ({ sku, quantity: 1, unitPrice: 10_000, weightGrams: 500 })),
    };
    const network = [...near, farOne, farTwo];
    for (const holders of [undefined, (s: string) => stock.holders(s)]) {
      const d = decide(spec, order, network, stock.lookup, { now: NOW, method: 'heuristic', holders });
      expect(d.tried[0]!.failure).toBeNull();
      expect(d.options[0]!.parts.map((p) => [p.locationId, p.lines.map((l) => l.sku)])).toEqual([
        ['FAR-1', ['A', 'B', 'C']],
        ['FAR-2', ['D', 'E']],
      ]);
    }
  });
});
