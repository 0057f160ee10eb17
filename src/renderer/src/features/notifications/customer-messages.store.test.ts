import { describe, expect, it } from 'vitest';
import { AppError, type NotificationMessage } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { aMessage, M1, M2, ORDER } from '../../test-support/notify-fixtures';
import { createCustomerMessagesStore, MESSAGES_FOLLOW_MS, MESSAGES_WATCH_MS, type Timers } from './customer-messages.store';
import { customerMessages, mayResend, selectAwaiting, wentOut } from './message-view';

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
    count: () => pending.size,
    delays: () => [...pending.values()].map((p) => p.ms),
    fire() {
      const all = [...pending.values()];
      pending.clear();
      all.forEach((p) => p.run());
    },
  };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

function messagesDesk(initial: NotificationMessage[]) {
  let messages = initial;
  const api = fakeDesk({
    'notifications.messages': () => messages,
    'notifications.resend': ({ id }) => {
      const m = messages.find((x) => x.id === id)!;
      if (m.status === 'sending')
        throw new AppError('ILLEGAL_TRANSITION', 'The message is being sent right now; wait a moment and look again');
      const queued = { ...m, status: 'queued' as const, reason: null };
      messages = messages.map((x) => (x.id === id ? queued : x));
      return queued;
    },
  });
  return { api, set: (m: NotificationMessage[]) => (messages = m) };
}

describe('the order detail’s customer messages', () => {
  it('loads the order’s messages when it is shown, and nothing once it is closed', async () => {
    const { api } = messagesDesk([aMessage()]);
    const clock = manualTimers();
    const store = createCustomerMessagesStore(api, () => 0, clock.timers);
    await store.getState().orderShown(ORDER);
    expect(api.inputsOf('notifications.messages')).toEqual([{ orderId: ORDER }]);
    expect(store.getState()).toMatchObject({ loaded: true, error: null });
    expect(store.getState().messages.map((m) => m.status)).toEqual(['sent']);
    // Everything sent: nothing to look at again.
    expect(clock.count()).toBe(0);
    await store.getState().orderShown(null);
    expect(store.getState().messages).toEqual([]);
  });

  it('looks again while a message is queued or being sent, and stops once it went', async () => {
    const d = messagesDesk([aMessage({ status: 'queued', sentAt: null, attempts: 0 })]);
    const clock = manualTimers();
    const store = createCustomerMessagesStore(d.api, () => 0, clock.timers);
    await store.getState().orderShown(ORDER);
    expect(clock.delays()).toEqual([MESSAGES_FOLLOW_MS]);
    d.set([aMessage()]);
    clock.fire();
    await settle();
    expect(store.getState().messages[0]!.status).toBe('sent');
    expect(clock.count()).toBe(0);
  });

  it('its messages moving in the engine are heard live; other orders’ are not', async () => {
    let t = 0;
    const d = messagesDesk([]);
    const store = createCustomerMessagesStore(d.api, () => t, manualTimers().timers);
    await store.getState().orderShown(ORDER);
    const moved = { type: 'notifications.changed', more: false, failed: false, webhooks: false, at: '' } as const;
    t = 5_000;
    store.getState().liveEventReceived({ ...moved, orderIds: ['other'] });
    await settle();
    expect(d.api.inputsOf('notifications.messages')).toHaveLength(1);
    d.set([aMessage()]);
    store.getState().liveEventReceived({ ...moved, orderIds: ['other', ORDER] });
    await settle();
    expect(d.api.inputsOf('notifications.messages')).toHaveLength(2);
    expect(store.getState().messages).toHaveLength(1);
  });

  it('a change of the order is watched for a while: its messages come a moment after it', async () => {
    let t = 0;
    const d = messagesDesk([]);
    const clock = manualTimers();
    const store = createCustomerMessagesStore(d.api, () => t, clock.timers);
    await store.getState().orderShown(ORDER);
    expect(clock.count()).toBe(0);
    t = 1_000;
    store.getState().liveEventReceived({
      type: 'order.changed',
      orderId: 'other',
      number: 1,
      status: 'shipped',
      fromStatus: 'packed',
      locationId: null,
      at: '',
    });
    expect(d.api.inputsOf('notifications.messages')).toHaveLength(1);
    store.getState().liveEventReceived({
      type: 'order.changed',
      orderId: ORDER,
      number: 1042,
      status: 'shipped',
      fromStatus: 'packed',
      locationId: null,
      at: '',
    });
    await settle();
    expect(d.api.inputsOf('notifications.messages')).toHaveLength(2);
    expect(clock.count()).toBe(1);
    d.set([aMessage()]);
    clock.fire();
    await settle();
    expect(store.getState().messages).toHaveLength(1);
    // Still inside the watch: one more look; after it, none.
    expect(clock.count()).toBe(1);
    t = 1_000 + MESSAGES_WATCH_MS + 1;
    clock.fire();
    await settle();
    expect(clock.count()).toBe(0);
  });

  it('resends with an optional reason; a refusal is shown on that message', async () => {
    const d = messagesDesk([aMessage({ status: 'failed', reason: '554 5.6.0 rejected' }), aMessage({ id: M2, status: 'sending' })]);
    const clock = manualTimers();
    const store = createCustomerMessagesStore(d.api, () => 0, clock.timers);
    await store.getState().orderShown(ORDER);
    expect(await store.getState().resendRequested(M1, '  the customer called ')).toBe(true);
    expect(d.api.inputsOf('notifications.resend')).toEqual([{ id: M1, reason: 'the customer called' }]);
    expect(store.getState().messages[0]).toMatchObject({ status: 'queued', reason: null });
    expect(await store.getState().resendRequested(M2)).toBe(false);
    expect(d.api.inputsOf('notifications.resend')[1]).toEqual({ id: M2 });
    expect(store.getState().errors[M2]).toContain('wait a moment');
    expect(store.getState().busy).toEqual({});
  });
});

describe('message view helpers', () => {
  it('resend is offered for failed, undeliverable and suppressed messages only', () => {
    expect(
      (['queued', 'sending', 'sent', 'delivered', 'retrying', 'failed', 'undeliverable', 'suppressed'] as const).filter((status) =>
        mayResend({ status }),
      ),
    ).toEqual(['failed', 'undeliverable', 'suppressed']);
  });

  it('only a sent or delivered message went out (a failed one may carry the time it tried)', () => {
    expect(wentOut({ status: 'sent' })).toBe(true);
    expect(wentOut({ status: 'delivered' })).toBe(true);
    expect(wentOut({ status: 'failed' })).toBe(false);
    expect(wentOut({ status: 'retrying' })).toBe(false);
  });

  it('waits on queued and sending messages and on a retry due within a minute, not on one due in an hour', () => {
    const now = Date.parse('2026-01-05T10:00:00Z');
    expect(selectAwaiting([aMessage()], now)).toBe(false);
    expect(selectAwaiting([aMessage({ status: 'sending' })], now)).toBe(true);
    expect(selectAwaiting([aMessage({ status: 'retrying', nextAttemptAt: '2026-01-05T10:00:30Z' })], now)).toBe(true);
    expect(selectAwaiting([aMessage({ status: 'retrying', nextAttemptAt: '2026-01-05T11:00:00Z' })], now)).toBe(false);
  });

  it('the order’s section shows the customer’s messages, not the merchant’s webhooks', () => {
    expect(customerMessages([aMessage(), aMessage({ id: M2, channel: 'webhook' })]).map((m) => m.id)).toEqual([M1]);
  });
});
