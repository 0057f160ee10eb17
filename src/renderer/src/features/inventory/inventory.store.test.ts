import { describe, expect, it } from 'vitest';
import { fakeDesk } from '../../test-support/fake-desk';
import { createInventoryStore } from './inventory.store';

const atp = {
  sku: 'SKU-1',
  quantity: 2,
  at: '2026-11-25T12:00:00.000Z',
  locations: [],
  network: { atp: 0, promiseDate: null, safety: 0, inbound: 0 },
  channels: [],
};
const ledger = { onHand: 5, reserved: 1, ledgerSum: 5, entries: [] };

/** Availability to promise and a ledger for any SKU but BAD, which the engine does not know. */
function inventoryDesk() {
  return fakeDesk({
    'inventory.atp': ({ sku }) => {
      if (sku === 'BAD') throw new Error('Unknown SKU BAD');
      return { ...atp, sku };
    },
    'inventory.ledger': () => ledger,
    'inventory.reconciliation': () => ({ snapshot: null, corrections: [] }),
  });
}

describe('inventory store', () => {
  it('looks a SKU up (trimmed) with the quantity to promise', async () => {
    const api = inventoryDesk();
    const s = createInventoryStore(api);
    await s.getState().skuLookedUp('  SKU-1 ', 2);
    expect(api.calls).toEqual([['inventory.atp', { sku: 'SKU-1', quantity: 2 }]]);
    expect(s.getState()).toMatchObject({ sku: 'SKU-1', loading: false, error: null, atp: { sku: 'SKU-1' } });
  });
  it('ignores an empty SKU and shows an engine error', async () => {
    const api = inventoryDesk();
    const s = createInventoryStore(api);
    await s.getState().skuLookedUp('   ', 1);
    expect(api.calls).toEqual([]);
    await s.getState().skuLookedUp('BAD', 1);
    expect(s.getState()).toMatchObject({ atp: null, error: 'Unknown SKU BAD' });
  });
  it('refetches on a live inventory event only when the shown SKU changed', async () => {
    const api = inventoryDesk();
    const s = createInventoryStore(api);
    await s.getState().skuLookedUp('SKU-1', 1);
    const before = api.calls.length;
    s.getState().inventoryEventReceived({ type: 'inventory.changed', cause: 'delta', skus: ['OTHER'], more: false, at: 'x' });
    expect(api.calls).toHaveLength(before);
    s.getState().inventoryEventReceived({
      type: 'inventory.changed',
      cause: 'snapshot',
      skus: ['SKU-1'],
      more: false,
      snapshotId: '3',
      at: 'x',
    });
    expect(api.endpoints().slice(before).sort()).toEqual(['inventory.atp', 'inventory.reconciliation']);
  });

  it('loads the ledger of the selected location for the current SKU', async () => {
    const api = inventoryDesk();
    const s = createInventoryStore(api);
    await s.getState().skuLookedUp('SKU-1', 1);
    await s.getState().locationSelected('loc-a');
    expect(api.calls.at(-1)).toEqual(['inventory.ledger', { locationId: 'loc-a', sku: 'SKU-1', limit: 100 }]);
    expect(s.getState()).toMatchObject({ selectedLocation: 'loc-a', ledger });
  });
});
