import { describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../../../shared';
import { translate } from '../../i18n/i18n';
import { intakeFacts } from './intake-facts';

const base: OrderDetail = {
  id: 'o1',
  number: 7,
  channel: 'shopify',
  externalId: '5551234',
  status: 'sourced',
  customer: { name: 'Ana' },
  shipTo: { line1: 'Calle 1', city: 'Rosario', country: 'AR', lat: -32.9, lng: -60.6 },
  currency: 'ARS',
  totalUnits: 2,
  totalAmount: 100,
  locationId: 'l1',
  locationName: 'Tienda',
  unfillableReason: null,
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T10:00:00Z',
  lines: [],
  timeline: [],
  parts: [],
  backorderOf: null,
  backorders: [],
  intake: {
    channelId: 'ch1',
    channelName: 'Shopify AR — Outlet',
    externalNumber: '#1001',
    deliveryType: 'store_pickup',
    pickupLocationId: 'loc-palermo',
    pickupLocationName: 'Palermo',
    paymentStatus: 'paid',
    promisedAt: '2026-01-03T15:00:00Z',
    shippingMethod: 'Retiro',
    shippingAmount: 0,
    taxTotal: 21,
    discountTotal: 5,
    tags: ['vip', 'promo'],
    billTo: { line1: 'Av. 2', city: 'Córdoba', country: 'AR' },
    geocodeSource: 'channel',
  },
};

describe('intake facts in the order detail', () => {
  it('shows every field the channel sent, in Spanish and English', () => {
    const es = Object.fromEntries(intakeFacts(base, (k, p) => translate('es', k, p), 'es').map((f) => [f.id, f.value]));
    expect(es).toMatchObject({
      'channel-account': 'Shopify AR — Outlet',
      'channel-number': '#1001',
      delivery: 'Retiro en tienda: Palermo',
      payment: 'Pagado',
      tags: 'vip, promo',
      'bill-to': 'Av. 2, Córdoba, AR',
      geocode: 'el canal',
    });
    expect(Object.keys(es)).toEqual([
      'channel-account',
      'channel-number',
      'delivery',
      'payment',
      'promised',
      'shipping',
      'taxes',
      'discounts',
      'tags',
      'bill-to',
      'geocode',
    ]);
    const en = intakeFacts(base, (k, p) => translate('en', k, p), 'en');
    expect(en.find((f) => f.id === 'payment')?.value).toBe('Paid');
    expect(en.find((f) => f.id === 'delivery')?.value).toBe('Store pickup at Palermo');
    expect(en.find((f) => f.id === 'shipping')?.value).toMatch(/^Retiro · /);
  });

  it('leaves out what the channel did not send, but always says delivery and payment', () => {
    const bare: OrderDetail = {
      ...base,
      intake: {
        ...base.intake,
        channelId: null,
        channelName: null,
        externalNumber: null,
        deliveryType: 'home_delivery',
        pickupLocationId: null,
        pickupLocationName: null,
        paymentStatus: 'unknown',
        promisedAt: null,
        shippingMethod: null,
        shippingAmount: null,
        taxTotal: null,
        discountTotal: null,
        tags: [],
        billTo: null,
        geocodeSource: 'gazetteer: Rosario, AR',
      },
    };
    const rows = intakeFacts(bare, (k, p) => translate('en', k, p), 'en');
    expect(rows.map((f) => [f.id, f.value])).toEqual([
      ['delivery', 'Home delivery'],
      ['payment', 'Unknown'],
      ['geocode', 'gazetteer: Rosario, AR'],
    ]);
  });
});
