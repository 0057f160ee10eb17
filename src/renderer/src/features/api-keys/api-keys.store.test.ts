import { describe, expect, it } from 'vitest';
import type { ApiKey } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { createApiKeysStore } from './api-keys.store';

const aKey = (over: Partial<ApiKey> = {}): ApiKey => ({
  id: 'k1',
  name: 'POS Palermo',
  scopes: ['inventory.feeds'],
  prefix: 'atk_ab12',
  createdAt: '2026-01-01T10:00:00Z',
  createdBy: 'Ada',
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

describe('api keys store', () => {
  it('shows the secret of a new key once, until dismissed', async () => {
    const api = fakeDesk({
      'apiKeys.list': () => [],
      'apiKeys.create': ({ name, scopes }) => ({ key: aKey({ id: 'k2', name, scopes }), secret: 'atk_ab12_secret' }),
    });
    const store = createApiKeysStore(api);
    await store.getState().refreshRequested();
    store.getState().formToggled(true);
    expect(await store.getState().createSubmitted(' WMS ', ['inventory.feeds', 'orders.read'])).toBe(true);
    expect(api.inputsOf('apiKeys.create')).toEqual([{ name: 'WMS', scopes: ['inventory.feeds', 'orders.read'] }]);
    expect(store.getState()).toMatchObject({ formOpen: false, revealed: { name: 'WMS', secret: 'atk_ab12_secret' } });
    expect(store.getState().keys.map((k) => k.id)).toEqual(['k2']);
    store.getState().secretDismissed();
    expect(store.getState().revealed).toBeNull();
  });

  it('revokes only after the confirmation', async () => {
    const api = fakeDesk({
      'apiKeys.list': () => [aKey()],
      'apiKeys.revoke': ({ id }) => aKey({ id, revokedAt: '2026-01-02T00:00:00Z' }),
    });
    const store = createApiKeysStore(api);
    await store.getState().refreshRequested();
    await store.getState().revokeConfirmed();
    expect(api.inputsOf('apiKeys.revoke')).toEqual([]);
    store.getState().revokeAsked('k1');
    await store.getState().revokeConfirmed();
    expect(api.inputsOf('apiKeys.revoke')).toEqual([{ id: 'k1' }]);
    expect(store.getState().keys[0]!.revokedAt).not.toBeNull();
    expect(store.getState().confirmRevoke).toBeNull();
  });
});
