import { describe, expect, it } from 'vitest';
import { SourcingProfileSpecSchema } from '../../../shared/sourcing.contract';
import { compareCost, sameCost } from './cost-tie';
import { decide } from './decide';
import { decisionRecord, notUsedReason } from './decision-record';
import { StockIndex } from './stock-index';
import type { NetworkLocation, OrderToSource } from './types';

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
  labourCostPerUnit: 10,
  assignedToday: 0,
});
const spec = SourcingProfileSpecSchema.parse({
  strategies: [{ name: 'only', maxSplits: 2, splitPenalty: 1000 }],
  rateCard: [{ name: 'near', maxKm: null, base: 100, perKg: 0, transitDays: 1 }],
  promiseDays: 2,
});
const NOW = new Date('2026-11-25T15:00:00Z');
const order: OrderToSource = {
  channel: 'web',
  orderType: 'delivery',
  shipTo: { lat: -34.6, lng: -58.4 },
  lines: [{ sku: 'A', quantity: 1, unitPrice: 1, weightGrams: 500 }],
};

/** Decides between two locations holding the same stock, and records why the other one was not used. */
function decideBetween(a: NetworkLocation, b: NetworkLocation) {
  const stock = new StockIndex();
  stock.set(a.id, 'A', 5);
  stock.set(b.id, 'A', 5);
  const d = decide(spec, order, [a, b], stock.lookup, { now: NOW });
  const r = decisionRecord(d, d.options[0]!, { id: 'p', key: 'default', version: 1 }) as {
    chosen: string;
    excluded: { locationId: string; reason: string }[];
    candidates: { locationId: string; total: number }[];
  };
  return { d, r, reasonOf: (id: string) => r.excluded.find((e) => e.locationId === id)?.reason };
}

describe('ties in sourcing decisions', () => {
  it('compares costs to the cent', () => {
    expect(sameCost(136.21, 136.21 + 1e-9)).toBe(true);
    expect(sameCost(136.214, 136.206)).toBe(true);
    expect(sameCost(136.21, 136.22)).toBe(false);
    expect(compareCost(136.2101, 136.2149)).toBe(0);
    expect(compareCost(136.21, 136.22)).toBe(-1);
    expect(compareCost(136.22, 136.21)).toBe(1);
  });

  it('states two locations at the same cost as a tie and names the tie-break, not "costs more"', () => {
    // Mirror images east and west of the customer: the same distance, up to floating-point noise.
    const { d, r, reasonOf } = decideBetween(loc('west', -34.6, -58.41), loc('east', -34.6, -58.39));
    expect(r.candidates.map((c) => c.locationId)).toEqual(['east', 'west']);
    expect(r.candidates[0]!.total).toBe(r.candidates[1]!.total);
    expect(r.chosen).toBe('east');
    const total = r.candidates[0]!.total.toFixed(2);
    expect(reasonOf('west')).toBe(`same cost as the chosen location (${total}); tie broken by location id: east before west`);
    expect(reasonOf('west')).not.toMatch(/costs more/);
    expect(d.options).toHaveLength(2);
  });

  it('ranks costs less than a cent apart as a tie, broken by location id, consistently with the explanation', () => {
    // "b" is a few centimetres nearer: a fraction of a cent cheaper, yet the same cost to the cent.
    const { d, r, reasonOf } = decideBetween(loc('a', -34.6, -58.41), loc('b', -34.6, -58.4099995));
    expect(d.options[1]!.total).toBeLessThan(d.options[0]!.total);
    expect(sameCost(d.options[0]!.total, d.options[1]!.total)).toBe(true);
    expect(r.chosen).toBe('a');
    expect(reasonOf('b')).toMatch(/^same cost as the chosen location \(\d+\.\d\d\); tie broken by location id: a before b$/);
  });

  it('still says "costs more" when the other location costs more', () => {
    const { r, reasonOf } = decideBetween(loc('far', -34.6, -58.5), loc('near', -34.6, -58.41));
    expect(r.chosen).toBe('near');
    expect(reasonOf('far')).toMatch(/^costs more: \d+\.\d\d shipping alone vs \d+\.\d\d chosen$/);
  });

  it('names the rule when the chosen option is a split', () => {
    const chosen = {
      total: 250,
      splitPenalty: 100,
      parts: [
        {
          locationId: 'x',
          locationName: 'X',
          distanceKm: 1,
          lines: [],
          units: 1,
          value: 1,
          weightGrams: 0,
          transitDays: 1,
          cost: {} as never,
        },
        {
          locationId: 'y',
          locationName: 'Y',
          distanceKm: 1,
          lines: [],
          units: 1,
          value: 1,
          weightGrams: 0,
          transitDays: 1,
          cost: {} as never,
        },
      ],
    };
    const e = { locationId: 'z', locationName: 'Z', distanceKm: 3, short: null, aloneCost: 250.001 };
    expect(notUsedReason(e, chosen)).toBe('same cost as the chosen option (250.00); ties go to fewer shipments, then location id');
    expect(notUsedReason({ ...e, aloneCost: 250.01 }, chosen)).toBe('costs more: 250.01 shipping alone vs 250.00 chosen');
  });
});
