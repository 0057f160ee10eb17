import { describe, expect, it } from 'vitest';
import { SHIPMENT_STATUSES } from '../../../../shared';
import { aDecision, aShipment, aTrackingEvent } from '../../test-support/shipping-fixtures';
import {
  alertAge,
  choosable,
  chosenOption,
  etaVsPromise,
  eventsNewestFirst,
  hoursOpen,
  isFinal,
  quotedOption,
  shipmentActions,
  shipmentTone,
} from './shipment-view';

describe('shipment view rules', () => {
  it('gives every status a tone: delivered ok, failures bad, waiting on us before the carrier has it', () => {
    for (const s of SHIPMENT_STATUSES) expect(shipmentTone(s)).toMatch(/^(waiting|moving|ok|warn|bad|over)$/);
    expect(shipmentTone('delivered')).toBe('ok');
    expect(shipmentTone('lost')).toBe('bad');
    expect(shipmentTone('attempt_failed')).toBe('warn');
    expect(shipmentTone('label_pending')).toBe('waiting');
  });

  it('compares the ETA with the promise by calendar day', () => {
    expect(etaVsPromise(null, '2026-01-05T21:00:00Z')).toEqual({ kind: 'unknown' });
    expect(etaVsPromise('2026-01-05T10:00:00Z', null)).toEqual({ kind: 'unknown' });
    expect(etaVsPromise('nonsense', '2026-01-05T21:00:00Z')).toEqual({ kind: 'unknown' });
    // Later the same day is still on time.
    expect(etaVsPromise('2026-01-05T23:00:00Z', '2026-01-05T03:00:00Z')).toEqual({ kind: 'on_time' });
    expect(etaVsPromise('2026-01-03T10:00:00Z', '2026-01-05T21:00:00Z')).toEqual({ kind: 'on_time' });
    expect(etaVsPromise('2026-01-07T01:00:00Z', '2026-01-05T21:00:00Z')).toEqual({ kind: 'late', days: 2 });
  });

  it('reads tracking newest first, ties broken by when we heard', () => {
    const a = aTrackingEvent({ id: 'a', occurredAt: '2026-01-02T10:00:00Z', receivedAt: '2026-01-02T10:01:00Z' });
    const b = aTrackingEvent({ id: 'b', occurredAt: '2026-01-03T10:00:00Z' });
    const c = aTrackingEvent({ id: 'c', occurredAt: '2026-01-02T10:00:00Z', receivedAt: '2026-01-02T10:05:00Z' });
    expect(eventsNewestFirst([a, b, c]).map((e) => e.id)).toEqual(['b', 'c', 'a']);
  });

  it('offers the actions that make sense for the status', () => {
    expect(shipmentActions(aShipment({ status: 'ready' }))).toEqual({ printLabel: true, retryLabel: false, cancel: true });
    expect(shipmentActions(aShipment({ status: 'ready', labelFormat: null }))).toMatchObject({ printLabel: false });
    expect(shipmentActions(aShipment({ status: 'draft', labelFormat: null }))).toEqual({
      printLabel: false,
      retryLabel: true,
      cancel: true,
    });
    // A label the carrier is still making: no retry unless it failed.
    expect(shipmentActions(aShipment({ status: 'label_pending', labelFormat: null })).retryLabel).toBe(false);
    expect(shipmentActions(aShipment({ status: 'label_pending', lastError: 'timeout' })).retryLabel).toBe(true);
    // With the carrier: nothing to print, retry or cancel.
    expect(shipmentActions(aShipment({ status: 'in_transit' }))).toEqual({ printLabel: false, retryLabel: false, cancel: false });
    expect(isFinal('delivered')).toBe(true);
    expect(isFinal('out_for_delivery')).toBe(false);
  });

  it('finds the chosen option and what may be chosen', () => {
    const d = aDecision();
    expect(chosenOption(d)?.carrierName).toBe('Andreani');
    expect(chosenOption({ ...d, service: 'express' })).toBeUndefined();
    expect(choosable(d.options).map((o) => o.carrierAccountId)).toEqual(['andreani-ar', 'oca-ar']);
  });

  it('finds the option a shipment was bought under', () => {
    const d = aDecision();
    expect(quotedOption([d], aShipment({ carrierAccountId: 'oca-ar', service: 'pp' }))?.serviceName).toBe('Puerta a puerta');
    expect(quotedOption([d], aShipment({ carrierAccountId: 'oca-ar', service: 'express' }))).toBeUndefined();
    expect(quotedOption([d], aShipment({ carrierAccountId: null }))).toBeUndefined();
  });

  it('ages alerts against the service level, never negative', () => {
    const now = Date.parse('2026-01-03T12:00:00Z');
    expect(hoursOpen('2026-01-03T09:00:00Z', now)).toBe(3);
    expect(hoursOpen('2026-01-03T13:00:00Z', now)).toBe(0);
    expect(alertAge('2026-01-03T09:00:00Z', now)).toBe('fresh');
    expect(alertAge('2026-01-03T07:00:00Z', now)).toBe('due');
    expect(alertAge('2026-01-02T11:00:00Z', now)).toBe('overdue');
  });
});
