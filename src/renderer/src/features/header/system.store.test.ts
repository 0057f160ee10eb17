import { describe, expect, it } from 'vitest';
import { fakeDesk } from '../../test-support/fake-desk';
import { createSystemStore, selectHealthLevel, type Health } from './system.store';

const health = (dbOk: boolean): Health => ({
  ok: dbOk,
  database: { ok: dbOk, latencyMs: 2 },
  queue: { ok: true, backend: 'postgres', waiting: 0 },
  version: '0.1.0',
});

describe('system store', () => {
  it('grades health for the header dot', () => {
    expect(selectHealthLevel({ health: null, healthError: null })).toBe('unknown');
    expect(selectHealthLevel({ health: health(true), healthError: null })).toBe('ok');
    expect(selectHealthLevel({ health: health(false), healthError: null })).toBe('degraded');
    expect(selectHealthLevel({ health: health(true), healthError: 'unreachable' })).toBe('down');
  });

  it('clamps the simulator rate to what the contract accepts and keeps the engine answer', async () => {
    const api = fakeDesk({ 'demo.simulate': ({ ordersPerMinute }) => ({ ordersPerMinute }) });
    const store = createSystemStore(api);
    await store.getState().simulatorRateChanged(99999);
    await store.getState().simulatorRateChanged(-3);
    expect(api.calls).toEqual([
      ['demo.simulate', { ordersPerMinute: 6000 }],
      ['demo.simulate', { ordersPerMinute: 0 }],
    ]);
    expect(store.getState().simulatorRate).toBe(0);
  });
});
