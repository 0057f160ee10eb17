import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../shared';
import { RESYNC } from '../../api/desk-client';
import { fakeDesk } from '../../test-support/fake-desk';
import { changedKeys, showValue } from './audit-diff';
import { AUDIT_PAGE, auditQuery, createAuditStore, dayStart, NO_FILTERS } from './audit.store';

const anEntry = (id: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: String(id),
  at: '2026-01-01T10:00:00Z',
  userId: 'u1',
  userName: 'Sofía Supervisora',
  role: 'supervisor',
  action: 'sourcing.override',
  outcome: 'ok',
  reason: 'closer to the customer',
  orderId: 'o1',
  locationId: 'loc-1',
  subject: null,
  before: { locationId: 'loc-1' },
  after: { locationId: 'loc-2' },
  input: null,
  error: null,
  ...over,
});

describe('audit store', () => {
  it('asks the engine with the filters set, blanks left out, the end day included whole', () => {
    expect(auditQuery(NO_FILTERS)).toEqual({ limit: AUDIT_PAGE });
    const q = auditQuery(
      { ...NO_FILTERS, userId: 'u1', action: ' sourcing. ', outcome: 'denied', fromDay: '2026-03-01', toDay: '2026-03-01' },
      '40',
    );
    expect(q).toEqual({
      limit: AUDIT_PAGE,
      userId: 'u1',
      action: 'sourcing.',
      outcome: 'denied',
      from: dayStart('2026-03-01'),
      to: dayStart('2026-03-02'),
      before: '40',
    });
    expect(Date.parse(q.to!) - Date.parse(q.from!)).toBe(24 * 3600 * 1000);
    expect(dayStart('not a day')).toBeUndefined();
  });

  it('lists newest first and loads older pages by nextBefore, without repeating a row', async () => {
    const api = fakeDesk({
      'audit.list': ({ before }) =>
        before === undefined ? { rows: [anEntry(9), anEntry(8)], nextBefore: '8' } : { rows: [anEntry(8), anEntry(7)], nextBefore: null },
    });
    const store = createAuditStore(api);
    await store.getState().refreshRequested();
    await store.getState().moreRequested();
    expect(store.getState().rows.map((r) => r.id)).toEqual(['9', '8', '7']);
    expect(store.getState().nextBefore).toBeNull();
    await store.getState().moreRequested(); // nothing older: nothing asked
    expect(api.inputsOf('audit.list').map((q) => q.before)).toEqual([undefined, '8']);
  });

  it('a filter starts again from the newest; a resync reads the newest again', async () => {
    const api = fakeDesk({ 'audit.list': () => ({ rows: [anEntry(3)], nextBefore: null }) });
    const store = createAuditStore(api);
    await store.getState().filtersChanged({ orderId: 'o1' });
    store.getState().liveEventReceived({ type: 'inventory.changed', locationId: 'l', sku: 's', at: '2026-01-01T00:00:00Z' } as never);
    store.getState().liveEventReceived(RESYNC);
    await Promise.resolve();
    expect(api.inputsOf('audit.list')).toEqual([
      { limit: AUDIT_PAGE, orderId: 'o1' },
      { limit: AUDIT_PAGE, orderId: 'o1' },
    ]);
  });
});

describe('before / after', () => {
  it('shows only the keys that changed', () => {
    expect(changedKeys({ a: 1, b: { c: 2 }, same: 'x' }, { a: 2, b: { c: 2 }, same: 'x', added: true })).toEqual([
      { key: 'a', before: 1, after: 2 },
      { key: 'added', before: undefined, after: true },
    ]);
    expect(changedKeys(null, { paused: true })).toEqual([{ key: '', before: undefined, after: { paused: true } }]);
    expect(changedKeys('a', 'a')).toEqual([]);
    expect(showValue(undefined)).toBe('—');
    expect(showValue({ x: 1 })).toBe('{"x":1}');
  });
});
