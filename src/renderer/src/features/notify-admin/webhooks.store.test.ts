import { describe, expect, it } from 'vitest';
import { AppError, NOTIFICATION_EVENTS, type NotificationMessage, type WebhookEndpoint } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { aDelivery, anEndpoint, M1, M2 } from '../../test-support/notify-fixtures';
import { createDeliveriesStore, DELIVERIES_FOLLOW_MS, DELIVERIES_LIMIT, mayReplay } from './deliveries.store';
import { endpointProblems, formOf, newEndpointForm, toggledEvent } from './endpoint-form';
import { createEndpointsStore } from './endpoints.store';
import type { Timers } from './timers';

function endpointsDesk() {
  let endpoints: WebhookEndpoint[] = [anEndpoint({ id: 'wms', url: 'https://wms.example/hook' }), anEndpoint()];
  let n = 0;
  return fakeDesk({
    'notifications.endpoints': () => endpoints,
    'notifications.saveEndpoint': ({ id, url, events, enabled, rotateSecret }) => {
      if (url.includes('ftp')) throw new AppError('VALIDATION_FAILED', 'url: the receiver’s http(s) address');
      const exists = endpoints.some((e) => e.id === id);
      const endpoint = anEndpoint({ id, url, events, enabled: enabled ?? true });
      endpoints = [...endpoints.filter((e) => e.id !== id), endpoint];
      return { endpoint, secret: !exists || rotateSecret ? `whsec_${++n}` : null };
    },
  });
}

describe('webhook endpoints', () => {
  it('lists endpoints by id', async () => {
    const store = createEndpointsStore(endpointsDesk());
    await store.getState().refreshRequested();
    expect(store.getState().endpoints.map((e) => e.id)).toEqual(['erp-main', 'wms']);
    expect(store.getState().loaded).toBe(true);
  });

  it('a new endpoint’s secret is shown once; editing keeps it (none shown); a refusal stays in the form', async () => {
    const api = endpointsDesk();
    const store = createEndpointsStore(api);
    await store.getState().refreshRequested();
    store.getState().formOpened({ ...newEndpointForm(), id: 'shop', url: 'ftp://shop.example' });
    expect(await store.getState().saved()).toBe(false);
    expect(store.getState()).toMatchObject({ formError: 'url: the receiver’s http(s) address', revealed: null });
    store.getState().formChanged({ ...store.getState().form!, url: ' https://shop.example/hooks ' });
    expect(await store.getState().saved()).toBe(true);
    expect(api.inputsOf('notifications.saveEndpoint').at(-1)).toEqual({
      id: 'shop',
      url: 'https://shop.example/hooks',
      events: newEndpointForm().events,
      enabled: true,
    });
    expect(store.getState()).toMatchObject({ form: null, revealed: { id: 'shop', secret: 'whsec_1' } });
    store.getState().secretDismissed();
    store.getState().formOpened(formOf(store.getState().endpoints.find((e) => e.id === 'shop')!));
    store.getState().formChanged({ ...store.getState().form!, enabled: false });
    expect(await store.getState().saved()).toBe(true);
    expect(store.getState().revealed).toBeNull();
    expect(store.getState().endpoints.find((e) => e.id === 'shop')?.enabled).toBe(false);
  });

  it('rotating asks first, then shows the new secret once', async () => {
    const api = endpointsDesk();
    const store = createEndpointsStore(api);
    await store.getState().refreshRequested();
    store.getState().rotateAsked('erp-main');
    expect(store.getState().confirmRotate).toBe('erp-main');
    expect(await store.getState().rotateConfirmed()).toBe(true);
    expect(api.inputsOf('notifications.saveEndpoint')).toEqual([
      { id: 'erp-main', url: anEndpoint().url, events: anEndpoint().events, enabled: true, rotateSecret: true },
    ]);
    expect(store.getState()).toMatchObject({ confirmRotate: null, revealed: { id: 'erp-main', secret: 'whsec_1' } });
  });
});

describe('the endpoint form', () => {
  it('names what is wrong before sending', () => {
    expect(endpointProblems({ ...newEndpointForm(), events: [] })).toEqual([
      'notifyAdmin.hooks.problem.id',
      'notifyAdmin.hooks.problem.url',
      'notifyAdmin.hooks.problem.events',
    ]);
    expect(endpointProblems({ ...newEndpointForm(), id: 'erp-main', url: 'http://127.0.0.1:8080/hooks' })).toEqual([]);
    expect(endpointProblems({ ...newEndpointForm(), id: 'Erp Main', url: 'mailto:a@b.c' })).toHaveLength(2);
  });

  it('keeps the events in the contract’s order when one is ticked', () => {
    expect(toggledEvent(['shipment.shipped'], 'order.confirmed')).toEqual(['order.confirmed', 'shipment.shipped']);
    expect(toggledEvent(['order.confirmed', 'shipment.shipped'], 'order.confirmed')).toEqual(['shipment.shipped']);
    expect(NOTIFICATION_EVENTS.reduce<string[]>((acc, e) => toggledEvent(acc as never, e), [])).toEqual([...NOTIFICATION_EVENTS]);
  });
});

/** Timers a test fires by hand. */
function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    set(run, ms) {
      pending.set(++next, { run, ms });
      return next;
    },
    clear: (h) => void pending.delete(h as number),
  };
  return {
    timers,
    delays: () => [...pending.values()].map((p) => p.ms),
    fire() {
      const all = [...pending.values()];
      pending.clear();
      all.forEach((p) => p.run());
    },
  };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

function deliveriesDesk(initial: NotificationMessage[]) {
  let deliveries = initial;
  const api = fakeDesk({
    'notifications.deliveries': (input) => deliveries.filter((d) => !input?.endpointId || d.recipient === input.endpointId),
    'notifications.message': ({ id }) => ({
      message: deliveries.find((d) => d.id === id)!,
      attempts: [{ at: '2026-01-05T10:00:02Z', outcome: 'failed', reply: '422 order reference not recognised', actor: 'system' }],
    }),
    'notifications.resend': ({ id }) => {
      const d = deliveries.find((x) => x.id === id)!;
      if (d.status === 'sending')
        throw new AppError('ILLEGAL_TRANSITION', 'The message is being sent right now; wait a moment and look again');
      const queued = { ...d, status: 'queued' as const, reason: null };
      deliveries = deliveries.map((x) => (x.id === id ? queued : x));
      return queued;
    },
  });
  return { api, set: (d: NotificationMessage[]) => (deliveries = d) };
}

describe('the delivery log', () => {
  it('lists deliveries newest first, of every endpoint or one', async () => {
    const d = deliveriesDesk([aDelivery(), aDelivery({ id: M2, recipient: 'wms' })]);
    const store = createDeliveriesStore(d.api, () => 0, manualTimers().timers);
    await store.getState().refreshRequested();
    expect(d.api.inputsOf('notifications.deliveries')).toEqual([{ limit: DELIVERIES_LIMIT }]);
    expect(store.getState().deliveries.map((x) => x.id)).toEqual([M1, M2]);
    await store.getState().endpointChosen('wms');
    expect(d.api.inputsOf('notifications.deliveries').at(-1)).toEqual({ endpointId: 'wms', limit: DELIVERIES_LIMIT });
    expect(store.getState().deliveries.map((x) => x.id)).toEqual([M2]);
  });

  it('opens a delivery with its attempts; replays it with a reason and follows it until it went', async () => {
    const d = deliveriesDesk([aDelivery({ status: 'failed', reason: 'webhook order.confirmed: the endpoint refused the delivery (422)' })]);
    const clock = manualTimers();
    const store = createDeliveriesStore(d.api, () => 0, clock.timers);
    await store.getState().refreshRequested();
    await store.getState().deliveryOpened(M1);
    expect(store.getState().detail?.attempts.map((a) => a.outcome)).toEqual(['failed']);
    expect(await store.getState().resendRequested(M1, '  el ERP estaba caído ')).toBe(true);
    expect(d.api.inputsOf('notifications.resend')).toEqual([{ id: M1, reason: 'el ERP estaba caído' }]);
    expect(store.getState().deliveries[0]?.status).toBe('queued');
    // Queued: the log looks again shortly, and stops once it was sent.
    expect(clock.delays()).toEqual([DELIVERIES_FOLLOW_MS]);
    d.set([aDelivery({ status: 'sent', attempts: 2 })]);
    clock.fire();
    await settle();
    expect(store.getState().deliveries[0]?.status).toBe('sent');
    expect(clock.delays()).toEqual([]);
  });

  it('a refused replay is shown on that delivery', async () => {
    const d = deliveriesDesk([aDelivery({ status: 'sending' })]);
    const store = createDeliveriesStore(d.api, () => 0, manualTimers().timers);
    await store.getState().refreshRequested();
    expect(await store.getState().resendRequested(M1)).toBe(false);
    expect(d.api.inputsOf('notifications.resend')).toEqual([{ id: M1 }]);
    expect(store.getState().errors[M1]).toContain('wait a moment');
    expect(store.getState().busy).toEqual({});
  });

  it('looks again when webhook deliveries move (throttled), not on customer messages or other events', async () => {
    let t = 0;
    const d = deliveriesDesk([aDelivery()]);
    const store = createDeliveriesStore(d.api, () => t, manualTimers().timers);
    await store.getState().refreshRequested();
    t = 5_000;
    const moved = { type: 'notifications.changed' as const, orderIds: ['o'], more: false, failed: false, at: '' };
    store.getState().liveEventReceived({ type: 'locations.changed', at: '' });
    store.getState().liveEventReceived({ ...moved, webhooks: false });
    expect(d.api.inputsOf('notifications.deliveries')).toHaveLength(1);
    store.getState().liveEventReceived({ ...moved, webhooks: true });
    expect(d.api.inputsOf('notifications.deliveries')).toHaveLength(2);
    store.getState().liveEventReceived({ ...moved, webhooks: true });
    expect(d.api.inputsOf('notifications.deliveries')).toHaveLength(2);
  });

  it('a delivery can be replayed unless the engine is sending it or about to', () => {
    expect(
      (['queued', 'sending', 'sent', 'delivered', 'retrying', 'failed', 'undeliverable', 'suppressed'] as const).filter((status) =>
        mayReplay({ status }),
      ),
    ).toEqual(['sent', 'delivered', 'retrying', 'failed', 'undeliverable', 'suppressed']);
  });
});
