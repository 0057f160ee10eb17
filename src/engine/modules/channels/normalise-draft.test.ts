import { describe, expect, it } from 'vitest';
import { OrderDraftSchema, type OrderDraft } from '../../../shared';
import type { Geocoder } from '../../ports/geocoder.port';
import { normaliseWith, type NormaliseLookups } from './normalise-draft';

const geocoder: Geocoder = {
  geocode: async (q) =>
    q.city === 'Córdoba' ? { lat: -31.4135, lng: -64.1811, precision: 'city', source: 'test-gazetteer', matched: 'Córdoba, AR' } : null,
};
const lookups = (over: Partial<NormaliseLookups> = {}): NormaliseLookups => ({
  channelId: 'ch_1',
  skuMap: new Map([['SHOP-1', 'SKU-1']]),
  knownSkus: new Set(['SKU-1', 'SKU-2']),
  location: (x) =>
    x === 'ST-003' ? { id: 'loc-cordoba', code: 'ST-003', name: 'Tienda Córdoba', city: 'Córdoba', lat: -31.41, lng: -64.18 } : undefined,
  geocoder,
  ...over,
});
const draft = (over: Partial<OrderDraft> = {}): OrderDraft =>
  OrderDraftSchema.parse({
    channel: 'shopify',
    externalId: '1001',
    customer: { name: 'Ana' },
    currency: 'ars',
    shipTo: { line1: 'Av. Colón 100', city: 'Córdoba', country: 'AR', lat: -31.4, lng: -64.2 },
    lines: [
      { channelSku: 'SHOP-1', quantity: 1, unitPrice: 10, taxAmount: 2.1 },
      { channelSku: 'SKU-2', quantity: 2 },
    ],
    ...over,
  });

describe('normalisation of channel drafts', () => {
  it("maps SKUs per channel, keeps the channel's coordinates and the canonical fields", async () => {
    const r = await normaliseWith(lookups(), draft({ tags: ['vip'], paymentStatus: 'paid', externalNumber: '#1001' }));
    expect(r).toMatchObject({
      ok: true,
      order: {
        channelId: 'ch_1',
        currency: 'ARS',
        lines: [
          { sku: 'SKU-1', quantity: 1, unitPrice: 10 },
          { sku: 'SKU-2', quantity: 2 },
        ],
        shipTo: { lat: -31.4 },
        geocodeSource: 'channel',
        taxTotal: 2.1,
        tags: ['vip'],
        paymentStatus: 'paid',
        externalNumber: '#1001',
      },
    });
  });

  it('merges lines that map to one SKU', async () => {
    const r = await normaliseWith(
      lookups(),
      draft({
        lines: [
          { channelSku: 'SHOP-1', quantity: 1, unitPrice: 10 },
          { channelSku: 'SKU-1', quantity: 2, unitPrice: 10 },
        ],
      }),
    );
    expect(r.ok && r.order.lines).toEqual([{ sku: 'SKU-1', quantity: 3, unitPrice: 10 }]);
  });

  it('an unknown SKU is a field issue naming the fix, not a crash', async () => {
    const r = await normaliseWith(
      lookups(),
      draft({
        lines: [
          { channelSku: 'SKU-2', quantity: 1 },
          { channelSku: 'GHOST', quantity: 1 },
        ],
      }),
    );
    expect(r).toEqual({ ok: false, issues: [{ path: 'lines.1.channelSku', message: expect.stringMatching(/GHOST.*SKU mappings/) }] });
  });

  it('geocodes an address sent without coordinates, and says when it cannot', async () => {
    const ok = await normaliseWith(lookups(), draft({ shipTo: { line1: 'Av. Colón 100', city: 'Córdoba', country: 'AR' } }));
    expect(ok).toMatchObject({
      ok: true,
      order: { shipTo: { lat: -31.4135, lng: -64.1811 }, geocodeSource: expect.stringContaining('test-gazetteer') },
    });
    const no = await normaliseWith(lookups(), draft({ shipTo: { line1: 'x', city: 'Atlantis', country: 'AR' } }));
    expect(no).toEqual({ ok: false, issues: [{ path: 'shipTo.city', message: expect.stringMatching(/Atlantis.*could not be located/) }] });
  });

  it('resolves the pickup store and uses its coordinates; an unknown store is named', async () => {
    const ok = await normaliseWith(lookups(), draft({ deliveryType: 'store_pickup', pickupLocation: 'ST-003', shipTo: undefined }));
    expect(ok).toMatchObject({
      ok: true,
      order: { deliveryType: 'store_pickup', pickupLocationId: 'loc-cordoba', shipTo: { lat: -31.41, lng: -64.18, city: 'Córdoba' } },
    });
    const bad = await normaliseWith(lookups(), draft({ deliveryType: 'store_pickup', pickupLocation: 'ST-999' }));
    expect(bad).toEqual({ ok: false, issues: [{ path: 'pickupLocation', message: expect.stringMatching(/ST-999/) }] });
  });

  it('home delivery without an address is an issue', async () => {
    expect(await normaliseWith(lookups(), draft({ shipTo: undefined }))).toEqual({
      ok: false,
      issues: [{ path: 'shipTo', message: expect.any(String) }],
    });
  });
});

describe('customer tiers from channels', () => {
  it('maps English and Spanish tier names, any case or accents, and ignores the rest', async () => {
    const { customerTier } = await import('./normalise-draft');
    expect(['VIP', 'Oro', 'plata', 'Estándar', 'gold'].map(customerTier)).toEqual(['vip', 'gold', 'silver', 'standard', 'gold']);
    expect(customerTier('platinum')).toBeUndefined();
    expect(customerTier(undefined)).toBeUndefined();
  });
});
