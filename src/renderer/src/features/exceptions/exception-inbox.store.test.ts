import { describe, expect, it } from 'vitest';
import { AppError, type ExceptionItem } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { createExceptionInboxStore, slaState } from './exception-inbox.store';

const anItem = (over: Partial<ExceptionItem> = {}): ExceptionItem => ({
  kind: 'unroutable',
  refId: 'o-1',
  orderId: 'o-1',
  orderNumber: 1042,
  reasonCodes: [],
  reason: 'no location has available stock for every line',
  since: '2026-01-02T10:00:00.000Z',
  slaDueAt: '2026-01-02T11:00:00.000Z',
  owner: null,
  detail: {},
  ...over,
});

function inboxDesk() {
  let owner: ExceptionItem['owner'] = null;
  return fakeDesk({
    'exceptions.list': () => ({
      rows: [anItem({ owner })],
      total: 1,
      counts: { unroutable: 1 },
      asOf: '2026-01-02T10:30:00.000Z',
    }),
    'exceptions.take': ({ kind, refId, steal }) => {
      if (owner && !steal) throw new AppError('ALREADY_TAKEN', `${owner.name} has had it since ${owner.takenAt}`);
      owner = { userId: 'u-1', name: 'Paula', takenAt: '2026-01-02T10:31:00.000Z' };
      return { kind, refId, owner };
    },
    'exceptions.release': ({ kind, refId }) => ((owner = null), { kind, refId, owner: null }),
  });
}

describe('the one exception inbox', () => {
  it('loads with the filters, and counts the timers on the engine’s clock', async () => {
    const api = inboxDesk();
    const store = createExceptionInboxStore(api, () => Date.parse('2026-01-02T10:29:00.000Z'));
    store.getState().ownerChosen('mine');
    store.getState().kindChosen('unroutable');
    await store.getState().refreshRequested();
    expect(api.inputsOf('exceptions.list').at(-1)).toEqual({ owner: 'mine', pageSize: 200, kinds: ['unroutable'] });
    expect(store.getState().skewMs).toBe(60_000);
    expect(store.getState().counts).toEqual({ unroutable: 1 });
  });

  it('takes an item, shows a refusal by its code on that item, and releases it', async () => {
    const api = inboxDesk();
    const store = createExceptionInboxStore(api);
    await store.getState().refreshRequested();
    const item = store.getState().rows[0]!;
    expect(await store.getState().takeRequested(item)).toBe(true);
    expect(store.getState().rows[0]!.owner?.name).toBe('Paula');
    expect(await store.getState().takeRequested(item)).toBe(false);
    expect(store.getState().errors['unroutable:o-1']).toMatchObject({ code: 'ALREADY_TAKEN' });
    expect(await store.getState().releaseRequested(item)).toBe(true);
    expect(store.getState().errors['unroutable:o-1']).toBeUndefined();
    expect(store.getState().rows[0]!.owner).toBeNull();
  });

  it('reads the list again when another desk takes or releases an item, not on an unrelated event', async () => {
    const api = inboxDesk();
    const store = createExceptionInboxStore(api);
    await store.getState().refreshRequested();
    const reads = () => api.inputsOf('exceptions.list').length;
    const before = reads();
    store.getState().liveEventReceived({ type: 'locations.changed', at: '' });
    expect(reads()).toBe(before);
    // The first event of a quiet spell reads at once (throttle.ts).
    store.getState().liveEventReceived({ type: 'exceptions.claimed', kind: 'unroutable', refId: 'o-1', at: '' });
    expect(reads()).toBe(before + 1);
  });

  it('colours a timer by what is left of its SLA', () => {
    const item = anItem();
    expect(slaState(item, Date.parse('2026-01-02T10:10:00Z'))).toBe('ok');
    expect(slaState(item, Date.parse('2026-01-02T10:50:00Z'))).toBe('soon');
    expect(slaState(item, Date.parse('2026-01-02T11:00:00Z'))).toBe('overdue');
  });
});
