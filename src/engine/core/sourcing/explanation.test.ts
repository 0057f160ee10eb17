import { describe, expect, it } from 'vitest';
import { SourcingProfileSpecSchema } from '../../../shared/sourcing.contract';
import { decide } from './decide';
import { decisionRecord, RECORDED_EXCLUSIONS } from './decision-record';
import { exclusionReason } from './exclusion-reason';
import { replay } from './replay';
import { StockIndex } from './stock-index';
import type { NetworkLocation } from './types';

const loc = (id: string, lat: number, lng: number, over: Partial<NetworkLocation> = {}): NetworkLocation => ({
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
  labourCostPerUnit: 0,
  assignedToday: 0,
  ...over,
});
const spec = SourcingProfileSpecSchema.parse({
  strategies: [{ name: 'only', maxSplits: 2, splitPenalty: 1000 }],
  rateCard: [
    { name: 'near', maxKm: 50, base: 1000, perKg: 0, transitDays: 1 },
    { name: 'far', maxKm: null, base: 5000, perKg: 0, transitDays: 4 },
  ],
  promiseDays: 2,
});
const NOW = new Date('2026-11-25T15:00:00Z');

describe('explanations', () => {
  it('words every exclusion the way the desk shows it', () => {
    expect(exclusionReason({ code: 'closed-at', closes: '21:00' })).toBe('closed at 21:00');
    expect(exclusionReason({ code: 'capacity', used: 120, capacity: 120 })).toBe('capacity 120/120');
    expect(exclusionReason({ code: 'no-stock', sku: 'X', needs: 3, has: 1 })).toBe('no stock of SKU X (needs 3, has 1)');
    expect(exclusionReason({ code: 'distance', km: 1234.4, maxKm: 500 })).toBe('1,234 km away, beyond the 500 km band');
    expect(exclusionReason({ code: 'past-cutoff', cutoff: '16:00' })).toBe('past carrier cut-off 16:00');
    expect(exclusionReason({ code: 'order-excluded', reason: 'rejected this order (damaged)' })).toBe('rejected this order (damaged)');
  });

  it('records why each location was not used: filtered, partial stock, or dearer than the chosen one', () => {
    const locs = [
      loc('near', -34.6, -58.41),
      loc('other', -34.62, -58.42),
      loc('partial', -34.6, -58.4),
      loc('paused', -34.6, -58.4, { active: false }),
    ];
    const stock = new StockIndex();
    for (const [l, s] of [
      ['near', 'A'],
      ['near', 'B'],
      ['other', 'A'],
      ['other', 'B'],
      ['partial', 'A'],
      ['paused', 'A'],
    ] as const)
      stock.set(l, s, 5);
    const order = {
      channel: 'web',
      orderType: 'delivery' as const,
      shipTo: { lat: -34.6, lng: -58.4 },
      lines: [
        { sku: 'A', quantity: 1, unitPrice: 1, weightGrams: 0 },
        { sku: 'B', quantity: 1, unitPrice: 1, weightGrams: 0 },
      ],
    };
    const d = decide(spec, order, locs, stock.lookup, { now: NOW });
    const r = decisionRecord(d, d.options[0]!, { id: 'p', key: 'default', version: 1 }) as {
      chosen: string;
      excluded: { locationId: string; reason: string }[];
      excludedCount: number;
      candidates: { locationId: string; total: number }[];
    };
    expect(r.chosen).toBe('near');
    expect(Object.fromEntries(r.excluded.map((e) => [e.locationId, e.reason]))).toEqual({
      other: expect.stringMatching(/^costs more: \d+\.\d\d shipping alone vs \d+\.\d\d chosen$/),
      partial: 'no stock of SKU B (needs 1, has 0); can ship only part of the order',
      paused: 'location paused',
    });
    expect(r.excludedCount).toBe(3);
    expect(r.candidates[0]!.total).toBeLessThan(r.candidates[1]!.total);
  });

  it('lists order-level exclusions first, so a rejecting store survives the record cut on a large network', () => {
    // 60 locations without the SKU come before the rejecting store in network order.
    const locs = [
      ...Array.from({ length: 60 }, (_, i) => loc(`a-${String(i).padStart(2, '0')}`, -34.6, -58.4)),
      loc('rejecter', -34.6, -58.4),
      loc('ok', -34.61, -58.41),
    ];
    const stock = new StockIndex();
    stock.set('rejecter', 'A', 5);
    stock.set('ok', 'A', 5);
    const order = {
      channel: 'web',
      orderType: 'delivery' as const,
      shipTo: { lat: -34.6, lng: -58.4 },
      lines: [{ sku: 'A', quantity: 1, unitPrice: 1, weightGrams: 0 }],
    };
    const d = decide(spec, order, locs, stock.lookup, {
      now: NOW,
      exclusions: new Map([['rejecter', 'rejected by the store: stock damaged']]),
    });
    const r = decisionRecord(d, d.options[0]!, { id: 'p', key: 'default', version: 1 }) as {
      chosen: string;
      excluded: { locationId: string; reason: string }[];
      excludedCount: number;
    };
    expect(r.chosen).toBe('ok');
    expect(r.excluded[0]).toEqual({
      locationId: 'rejecter',
      locationName: 'Loc rejecter',
      reason: 'rejected by the store: stock damaged',
      cost: null,
    });
    expect(r.excluded).toHaveLength(RECORDED_EXCLUSIONS);
    expect(r.excludedCount).toBe(61);
  });

  it('replays orders on a copy of the stock: later orders see what earlier ones took', () => {
    const locs = [loc('near', -34.6, -58.41), loc('far', -31.4, -64.2)];
    const stock = new StockIndex();
    stock.set('near', 'A', 1);
    stock.set('far', 'A', 5);
    const o = {
      channel: 'web',
      orderType: 'delivery' as const,
      shipTo: { lat: -34.6, lng: -58.4 },
      lines: [{ sku: 'A', quantity: 1, unitPrice: 1, weightGrams: 0 }],
      at: NOW,
    };
    const m = replay(spec, [o, o, { ...o, lines: [{ sku: 'A', quantity: 9, unitPrice: 1, weightGrams: 0 }] }], locs, stock);
    expect(m).toMatchObject({ orders: 3, sourced: 2, unfillable: 1, splitOrders: 0, shipments: 2 });
    expect(m.promiseHitRate).toBeCloseTo(1 / 3, 3); // the far shipment takes 4 days
    expect(m.load.map((l) => [l.locationId, l.shipments])).toEqual([
      ['far', 1],
      ['near', 1],
    ]);
    expect(stock.get('near', 'A')).toBe(0);
  });
});
