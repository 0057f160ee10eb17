import { describe, expect, it } from 'vitest';
import { mlEvents, type MlShipment } from './mercadoenvios-payload';
import { mlCode, normaliseMl } from './mercadoenvios-status';

describe('Mercado Envíos statuses', () => {
  it('reads the sub-status where it says more than the main status', () => {
    expect(normaliseMl('shipped', null)).toEqual({ status: 'in_transit', reason: null });
    expect(normaliseMl('shipped', 'out_for_delivery')).toEqual({ status: 'out_for_delivery', reason: null });
    expect(normaliseMl('shipped', 'receiver_absent')).toEqual({ status: 'attempt_failed', reason: 'customer_absent' });
    expect(normaliseMl('shipped', 'bad_address')).toEqual({ status: 'exception', reason: 'address_not_found' });
    expect(normaliseMl('shipped', 'waiting_for_withdrawal')).toEqual({ status: 'at_branch', reason: 'waiting_for_pickup' });
    expect(normaliseMl('not_delivered', 'returning_to_sender')).toEqual({ status: 'returning', reason: null });
    expect(normaliseMl('not_delivered', 'returned')).toEqual({ status: 'returned', reason: null });
    expect(normaliseMl('shipped', 'stolen')).toEqual({ status: 'lost', reason: 'stolen' });
  });

  it('keeps the label phase out of tracking until the carrier has the parcel', () => {
    expect(normaliseMl('handling', null).status).toBeNull();
    expect(normaliseMl('ready_to_ship', 'ready_to_print').status).toBeNull();
    expect(normaliseMl('ready_to_ship', 'printed').status).toBeNull();
    expect(normaliseMl('ready_to_ship', 'in_packing_list').status).toBeNull();
    expect(normaliseMl('ready_to_ship', 'picked_up').status).toBe('in_transit');
    expect(normaliseMl('ready_to_ship', 'dropped_off').status).toBe('in_transit');
  });

  it('gives an unknown sub-status the meaning of its main status, and an unknown main status null', () => {
    expect(normaliseMl('shipped', 'teleported_to_hub')).toEqual({ status: 'in_transit', reason: null });
    expect(normaliseMl('delivered', 'receiver_absent')).toEqual({ status: 'delivered', reason: null });
    expect(normaliseMl('in_orbit', 'lunar_hub')).toEqual({ status: null, reason: null });
    expect(normaliseMl('', null)).toEqual({ status: null, reason: null });
    // Not fooled by Object.prototype names.
    expect(normaliseMl('constructor', 'toString')).toEqual({ status: null, reason: null });
    expect(mlCode('shipped', 'out_for_delivery')).toBe('shipped/out_for_delivery');
  });
});

describe('Mercado Envíos tracking events', () => {
  const shipment = (over: Partial<MlShipment>): MlShipment => ({
    id: '44000000001',
    status: 'shipped',
    substatus: 'out_for_delivery',
    last_updated: '2026-05-04T10:00:00.000-03:00',
    lead_time: { estimated_delivery_time: { date: '2026-05-05T23:59:00.000-03:00' } },
    ...over,
  });

  it('turns the history into events oldest first, with the ETA on the latest', () => {
    const events = mlEvents(shipment({}), [
      { status: 'shipped', substatus: 'out_for_delivery', date: '2026-05-04T10:00:00.000-03:00' },
      { status: 'handling', substatus: null, date: '2026-05-01T09:00:00.000-03:00' },
      { status: 'shipped', substatus: null, date: '2026-05-02T18:00:00.000-03:00' },
    ]);
    expect(events.map((e) => [e.carrierCode, e.status])).toEqual([
      ['handling', null],
      ['shipped', 'in_transit'],
      ['shipped/out_for_delivery', 'out_for_delivery'],
    ]);
    expect(events.every((e) => e.trackingNumber === '44000000001')).toBe(true);
    expect(events.at(-1)!.etaAt?.toISOString()).toBe('2026-05-06T02:59:00.000Z');
    expect(events[0]!.etaAt).toBeUndefined();
  });

  it('adds the current status when the history lags behind it, never before the history', () => {
    const events = mlEvents(shipment({ status: 'delivered', substatus: null, last_updated: '2026-05-01T00:00:00.000Z' }), [
      { status: 'shipped', substatus: null, date: '2026-05-02T18:00:00.000-03:00' },
    ]);
    expect(events.map((e) => e.status)).toEqual(['in_transit', 'delivered']);
    expect(events[1]!.occurredAt.getTime()).toBeGreaterThanOrEqual(events[0]!.occurredAt.getTime());
  });

  it('answers the current status alone without a history, and skips unreadable dates', () => {
    expect(mlEvents(shipment({}), null).map((e) => e.carrierCode)).toEqual(['shipped/out_for_delivery']);
    expect(mlEvents(shipment({}), [{ status: 'shipped', substatus: null, date: 'yesterday-ish' }]).map((e) => e.carrierCode)).toEqual([
      'shipped/out_for_delivery',
    ]);
  });
});
