import { describe, expect, it } from 'vitest';
import type { InboxDetail } from '../../../../shared';
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

function fakeApi() {
  const calls: [string, unknown][] = [];
  const api = {
    call: (async (endpoint: string, input: unknown) => {
      calls.push([endpoint, input]);
      if (endpoint === 'inbox.list') return { rows: [], total: 0 };
      if (endpoint === 'inbox.get') return detail();
      if (endpoint === 'inbox.replay') return detail({ status: 'processed', orderId: 'o-1' });
      if (endpoint === 'inbox.discard') return detail({ status: 'discarded' });
      throw new Error(endpoint);
    }) as never,
  };
  return { api, calls };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('exception inbox store', () => {
  it('lists the rows that need a person by default', async () => {
    const { api, calls } = fakeApi();
    createExceptionsStore(api).getState().refreshRequested();
    await settle();
    expect(calls[0]).toEqual(['inbox.list', { status: ['quarantined', 'exception', 'held'], page: 0, pageSize: 200 }]);
  });

  it('replays unchanged without a body, and with the edited body when it was fixed', async () => {
    const { api, calls } = fakeApi();
    const s = createExceptionsStore(api);
    s.getState().rowSelected('7');
    await settle();
    expect(selectCanReplay(s.getState())).toBe(true);
    await s.getState().replayRequested();
    expect(calls.find(([e]) => e === 'inbox.replay')).toEqual(['inbox.replay', { id: '7' }]);
    expect(s.getState().detail?.status).toBe('processed');
    s.getState().rowSelected('7');
    await settle();
    s.getState().bodyEdited('{"a":2}');
    await s.getState().replayRequested();
    expect(calls.filter(([e]) => e === 'inbox.replay').at(-1)).toEqual(['inbox.replay', { id: '7', body: '{"a":2}' }]);
  });

  it('discards with the reason and shows errors from the engine', async () => {
    const { api, calls } = fakeApi();
    const s = createExceptionsStore(api);
    s.getState().rowSelected('7');
    await settle();
    expect(await s.getState().discardRequested('duplicate test order')).toBe(true);
    expect(calls.find(([e]) => e === 'inbox.discard')).toEqual(['inbox.discard', { id: '7', reason: 'duplicate test order' }]);
    expect(selectCanDiscard(s.getState())).toBe(false);
    const failing = createExceptionsStore({
      call: (async (e: string) => (e === 'inbox.get' ? detail() : Promise.reject(new Error('nope')))) as never,
    });
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
