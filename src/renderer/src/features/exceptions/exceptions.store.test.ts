import { describe, expect, it } from 'vitest';
import type { InboxDetail } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { createExceptionsStore, formatBody, selectCanDiscard, selectCanReplay } from './exceptions.store';

const detail = (over: Partial<InboxDetail> = {}): InboxDetail => ({
  id: '7',
  channelId: 'ch_1',
  channelName: 'Shopify AR',
  receivedAt: '2026-01-01T00:00:00Z',
  method: 'POST',
  path: '/webhooks',
  topic: 'orders/create',
  dedupeKey: 'e1',
  status: 'quarantined',
  attempts: 1,
  reason: 'unknown SKU',
  orderId: null,
  headers: {},
  body: '{"a":1}',
  originalBody: null,
  issues: [],
  history: [],
  ...over,
});

/** An inbox with one quarantined webhook (row 7) that replays into an order or is discarded. */
function inboxDesk() {
  return fakeDesk({
    'inbox.list': () => ({ rows: [], total: 0 }),
    'inbox.get': () => detail(),
    'inbox.replay': () => detail({ status: 'processed', orderId: 'o-1' }),
    'inbox.discard': () => detail({ status: 'discarded' }),
  });
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('exception inbox store', () => {
  it('lists the rows that need a person by default', async () => {
    const api = inboxDesk();
    createExceptionsStore(api).getState().refreshRequested();
    await settle();
    expect(api.calls[0]).toEqual(['inbox.list', { status: ['quarantined', 'exception', 'held'], page: 0, pageSize: 200 }]);
  });

  it('replays unchanged without a body, and with the edited body when it was fixed', async () => {
    const api = inboxDesk();
    const s = createExceptionsStore(api);
    s.getState().rowSelected('7');
    await settle();
    expect(selectCanReplay(s.getState())).toBe(true);
    await s.getState().replayRequested();
    expect(api.inputsOf('inbox.replay')).toEqual([{ id: '7' }]);
    expect(s.getState().detail?.status).toBe('processed');
    s.getState().rowSelected('7');
    await settle();
    s.getState().bodyEdited('{"a":2}');
    await s.getState().replayRequested();
    expect(api.inputsOf('inbox.replay').at(-1)).toEqual({ id: '7', body: '{"a":2}' });
  });

  it('discards with the reason and shows errors from the engine', async () => {
    const api = inboxDesk();
    const s = createExceptionsStore(api);
    s.getState().rowSelected('7');
    await settle();
    expect(await s.getState().discardRequested('duplicate test order')).toBe(true);
    expect(api.inputsOf('inbox.discard')).toEqual([{ id: '7', reason: 'duplicate test order' }]);
    expect(selectCanDiscard(s.getState())).toBe(false);
    const failing = createExceptionsStore(
      fakeDesk({
        'inbox.get': () => detail(),
        'inbox.discard': () => Promise.reject(new Error('nope')),
      }),
    );
    failing.getState().rowSelected('7');
    await settle();
    expect(await failing.getState().discardRequested('x y z')).toBe(false);
    expect(failing.getState().actionError).toBe('nope');
  });

  it('pretty-prints JSON bodies and leaves others as they are', () => {
    expect(formatBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(formatBody('a=1&b=2')).toBe('a=1&b=2');
  });
});
