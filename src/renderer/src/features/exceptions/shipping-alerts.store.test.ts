import { describe, expect, it } from 'vitest';
import { AppError, type ShipmentAlert } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { ALERT_1, ALERT_2, anAlert } from '../../test-support/shipping-fixtures';
import { createShippingAlertsStore } from './shipping-alerts.store';

function alertsDesk() {
  let alerts: ShipmentAlert[] = [anAlert({ raisedAt: '2026-01-03T09:00:00Z' }), anAlert({ id: ALERT_2, raisedAt: '2026-01-02T09:00:00Z' })];
  return fakeDesk({
    'shipping.alerts': () => alerts,
    'shipping.resolveAlert': ({ alertId }) => {
      if (alertId === ALERT_2) throw new AppError('NOT_FOUND', 'alert not found: it may have been resolved; reload the inbox');
      const a = alerts.find((x) => x.id === alertId)!;
      alerts = alerts.filter((x) => x.id !== alertId);
      return { ...a, status: 'resolved' as const, resolvedAt: '2026-01-04T10:00:00Z', resolvedBy: 'Paula' };
    },
  });
}

describe('shipping alerts in the exception inbox', () => {
  it('lists open alerts, the longest open first', async () => {
    const api = alertsDesk();
    const store = createShippingAlertsStore(api);
    await store.getState().refreshRequested();
    expect(api.inputsOf('shipping.alerts')).toEqual([{ status: 'open', limit: 200 }]);
    expect(store.getState().alerts.map((a) => a.id)).toEqual([ALERT_2, ALERT_1]);
  });

  it('resolves in one click; a refusal is shown on that alert and the list stays', async () => {
    const api = alertsDesk();
    const store = createShippingAlertsStore(api);
    await store.getState().refreshRequested();
    expect(await store.getState().alertResolved(ALERT_1)).toBe(true);
    expect(api.inputsOf('shipping.resolveAlert')).toEqual([{ alertId: ALERT_1 }]);
    expect(store.getState().alerts.map((a) => a.id)).toEqual([ALERT_2]);
    expect(await store.getState().alertResolved(ALERT_2, 'called')).toBe(false);
    expect(store.getState().errors[ALERT_2]).toContain('reload the inbox');
    expect(store.getState().alerts.map((a) => a.id)).toEqual([ALERT_2]);
  });

  it('refetches on shipping changes (throttled), not on other events', async () => {
    let t = 0;
    const api = alertsDesk();
    const store = createShippingAlertsStore(api, () => t);
    await store.getState().refreshRequested();
    t = 5_000;
    store.getState().liveEventReceived({ type: 'channels.changed', channelId: 'c', at: '2026-01-04T10:00:00Z' });
    expect(api.inputsOf('shipping.alerts')).toHaveLength(1);
    store.getState().liveEventReceived({
      type: 'shipping.changed',
      shipmentId: 's',
      orderId: 'o',
      locationId: 'l',
      status: 'in_transit',
      alert: 'no_first_scan',
      at: '2026-01-04T10:00:00Z',
    });
    expect(api.inputsOf('shipping.alerts')).toHaveLength(2);
  });
});
