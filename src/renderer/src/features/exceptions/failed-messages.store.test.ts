import { describe, expect, it } from 'vitest';
import { AppError, type NotificationMessage } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { aMessage, M1, M2 } from '../../test-support/notify-fixtures';
import { createFailedMessagesStore, FAILED_LIMIT } from './failed-messages.store';

function failedDesk() {
  let failed: NotificationMessage[] = [
    aMessage({ id: M1, status: 'failed', reason: '554 5.6.0 Message content rejected by policy', sentAt: null }),
    aMessage({ id: M2, status: 'undeliverable', reason: '550 5.1.1 User unknown', sentAt: null }),
  ];
  return fakeDesk({
    'notifications.failed': () => failed,
    'notifications.resend': ({ id }) => {
      if (id === M2) throw new AppError('ILLEGAL_TRANSITION', 'The message is being sent right now; wait a moment and look again');
      const m = failed.find((x) => x.id === id)!;
      failed = failed.filter((x) => x.id !== id);
      return { ...m, status: 'queued' as const };
    },
  });
}

describe('failed messages in the exception inbox', () => {
  it('lists failed and undeliverable messages as the engine answers them (newest first)', async () => {
    const api = failedDesk();
    const store = createFailedMessagesStore(api);
    await store.getState().refreshRequested();
    expect(api.inputsOf('notifications.failed')).toEqual([{ limit: FAILED_LIMIT }]);
    expect(store.getState().messages.map((m) => m.id)).toEqual([M1, M2]);
  });

  it('a resent message leaves the list; a refusal is shown on that row and it stays', async () => {
    const api = failedDesk();
    const store = createFailedMessagesStore(api);
    await store.getState().refreshRequested();
    expect(await store.getState().resendRequested(M1, 'new address')).toBe(true);
    expect(api.inputsOf('notifications.resend')).toEqual([{ id: M1, reason: 'new address' }]);
    expect(store.getState().messages.map((m) => m.id)).toEqual([M2]);
    expect(await store.getState().resendRequested(M2, '  ')).toBe(false);
    expect(api.inputsOf('notifications.resend')[1]).toEqual({ id: M2 });
    expect(store.getState().errors[M2]).toContain('wait a moment');
    expect(store.getState().messages.map((m) => m.id)).toEqual([M2]);
  });

  it('looks again when a message fails or a listed one moves (throttled), and on a resync; not on other news', async () => {
    let t = 0;
    const api = failedDesk();
    const store = createFailedMessagesStore(api, () => t);
    await store.getState().refreshRequested();
    const listed = store.getState().messages[0]!.orderId;
    const moved = { type: 'notifications.changed', more: false, webhooks: false, at: '' } as const;
    t = 5_000;
    store.getState().liveEventReceived({ type: 'locations.changed', at: '' });
    store.getState().liveEventReceived({ ...moved, orderIds: ['another-order'], failed: false });
    expect(api.inputsOf('notifications.failed')).toHaveLength(1);
    store.getState().liveEventReceived({ ...moved, orderIds: ['another-order'], failed: true });
    expect(api.inputsOf('notifications.failed')).toHaveLength(2);
    t = 10_000;
    store.getState().liveEventReceived({ ...moved, orderIds: [listed], failed: false });
    expect(api.inputsOf('notifications.failed')).toHaveLength(3);
    t = 15_000;
    store.getState().liveEventReceived({ type: 'desk.resync' } as never);
    expect(api.inputsOf('notifications.failed')).toHaveLength(4);
  });
});
