import { describe, expect, it } from 'vitest';
import { readShippingFact, timelineTone } from './shipping-timeline';

describe('shipping events in the order timeline', () => {
  it('reads a tracking event with the carrier’s raw words', () => {
    expect(
      readShippingFact('shipment.out_for_delivery', {
        shipmentId: 's1',
        carrier: 'simulator',
        trackingNumber: 'SIM123',
        parcelCode: 'AT7-1',
        carrierCode: 'OUT',
        carrierText: 'Salió a reparto',
        location: 'Rosario',
        occurredAt: '2026-01-02T10:00:00Z',
      }),
    ).toEqual({
      kind: 'shipment',
      status: 'out_for_delivery',
      carrier: 'simulator',
      trackingNumber: 'SIM123',
      parcelCode: 'AT7-1',
      carrierCode: 'OUT',
      carrierText: 'Salió a reparto',
      location: 'Rosario',
      delayReason: null,
    });
  });

  it('reads a delay with its reason, and survives missing or odd data', () => {
    expect(readShippingFact('shipment.delayed', { reason: 'stalled', carrier: 7 })).toMatchObject({
      kind: 'shipment',
      status: 'delayed',
      delayReason: 'stalled',
      carrier: null,
    });
    expect(readShippingFact('shipment.alert_resolved', { alert: 'no_first_scan', alertId: 'a1' })).toMatchObject({
      status: 'alert_resolved',
      delayReason: 'no_first_scan',
    });
    expect(readShippingFact('shipment.ready', null)).toMatchObject({ kind: 'shipment', status: 'ready', trackingNumber: null });
    expect(readShippingFact('shipment.teleported', {})).toBeUndefined();
    expect(readShippingFact('order.packed', {})).toBeUndefined();
  });

  it('reads the rate shop’s choice and the promise', () => {
    expect(
      readShippingFact('shipping.rated', {
        carrierName: 'Andreani',
        serviceName: 'Estándar',
        explanation: 'cheapest on time',
        price: { amount: 4200, currency: 'ARS' },
      }),
    ).toEqual({
      kind: 'rated',
      carrier: 'Andreani',
      service: 'Estándar',
      explanation: 'cheapest on time',
      price: { amount: 4200, currency: 'ARS' },
      etaAt: null,
    });
    expect(readShippingFact('shipping.rated', { price: { amount: 'x' } })).toMatchObject({ price: null, carrier: null });
    expect(readShippingFact('order.promised', { promisedAt: '2026-01-05T21:00:00Z' })).toEqual({
      kind: 'promised',
      promisedAt: '2026-01-05T21:00:00Z',
    });
    expect(readShippingFact('order.promised', {})).toBeUndefined();
  });

  it('colours the dots like the shipment chips', () => {
    expect(timelineTone('shipment.delivered')).toBe('ok');
    expect(timelineTone('shipment.delayed')).toBe('bad');
    expect(timelineTone('shipment.alert_resolved')).toBe('ok');
    expect(timelineTone('shipment.in_transit')).toBe('moving');
    expect(timelineTone('order.packed')).toBeNull();
  });
});
