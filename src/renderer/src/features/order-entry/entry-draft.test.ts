import { describe, expect, it } from 'vitest';
import type { SkuAvailability } from '../../../../shared';
import { draftOf, emptyForm, newReference, parseCoords, pickupStores } from './entry-draft';

describe('order entry drafts', () => {
  it('reads coordinates typed or pasted in common ways', () => {
    expect(parseCoords('')).toBeNull();
    expect(parseCoords('-34.6, -58.38')).toEqual({ lat: -34.6, lng: -58.38 });
    expect(parseCoords('-34.6 -58.38')).toEqual({ lat: -34.6, lng: -58.38 });
    expect(parseCoords('95, 10')).toBe('bad');
    expect(parseCoords('Buenos Aires')).toBe('bad');
  });

  it('says which fields are missing, and builds the draft once they are there', () => {
    const f = emptyForm('call_center');
    expect(draftOf(f, [])).toEqual({ ok: false, missing: ['name', 'line1', 'city', 'items'] });
    const ok = draftOf({ ...f, name: 'Marta', line1: 'Corrientes 1234', city: 'Buenos Aires', coords: '-34.6, -58.38' }, [
      { sku: 'S1', name: 'P', quantity: 2, unitPrice: 10 },
    ]);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.draft).toMatchObject({
        channel: 'call_center',
        externalId: f.reference,
        shipTo: { lat: -34.6, lng: -58.38, country: 'AR' },
        lines: [{ channelSku: 'S1', quantity: 2, unitPrice: 10 }],
      });
      expect(ok.draft.customer.email).toBeUndefined();
    }
    const pickup = draftOf({ ...f, name: 'Marta', deliveryType: 'store_pickup' }, [{ sku: 'S1', name: 'P', quantity: 1, unitPrice: null }]);
    expect(pickup).toEqual({ ok: false, missing: ['pickupLocation'] });
  });

  it('makes references per channel', () => {
    expect(newReference('call_center', new Date('2026-03-04T00:00:00Z'), () => 0)).toBe('CC-20260304-000000');
    expect(newReference('endless_aisle')).toMatch(/^EA-\d{8}-[0-9A-Z]{6}$/);
  });

  it('offers for pickup only stores that have every item in the quantity wanted', () => {
    const loc = (id: string, kind: 'store' | 'dc', available: number) => ({
      locationId: id,
      code: id.toUpperCase(),
      name: id,
      kind,
      city: 'X',
      available,
      distanceKm: 1,
    });
    const av: Record<string, SkuAvailability> = {
      A: { sku: 'A', networkAvailable: 9, locations: [loc('s1', 'store', 2), loc('s2', 'store', 5), loc('dc', 'dc', 50)] },
      B: { sku: 'B', networkAvailable: 9, locations: [loc('s2', 'store', 1), loc('s1', 'store', 1)] },
    };
    expect(
      pickupStores(av, [
        { sku: 'A', name: '', quantity: 3, unitPrice: null },
        { sku: 'B', name: '', quantity: 1, unitPrice: null },
      ]).map((s) => s.code),
    ).toEqual(['S2']);
    expect(pickupStores(av, [{ sku: 'A', name: '', quantity: 60, unitPrice: null }])).toEqual([]);
  });
});
