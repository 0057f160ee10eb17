import { describe, expect, it } from 'vitest';
import { fakeDesk } from '../../test-support/fake-desk';
import { createSystemStore, selectCommandsDisabled, selectHealthLevel, selectOutage, type Health } from './system.store';

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

  it('says which service is unreachable, disables the commands while the database is, and lifts both when health recovers', async () => {
    let now: Health = health(true);
    const api = fakeDesk({ 'system.health': () => now });
    const store = createSystemStore(api);
    const state = () => ({ outage: selectOutage(store.getState()), disabled: selectCommandsDisabled(store.getState()) });
    // Nothing known yet: nothing is locked.
    expect(state()).toEqual({ outage: null, disabled: false });

    now = { ...health(false), database: { ok: false, latencyMs: null, error: 'connect ECONNREFUSED 127.0.0.1:5432' } };
    await store.getState().healthPolled();
    expect(state()).toEqual({ outage: 'database', disabled: true });

    // Redis away, the database answering: orders are still taken, so commands stay on; the banner says so.
    now = { ...health(true), ok: false, queue: { ok: false, backend: 'redis', waiting: null, error: 'the job queue did not answer' } };
    await store.getState().healthPolled();
    expect(state()).toEqual({ outage: 'queue', disabled: false });

    now = health(true);
    await store.getState().healthPolled();
    expect(state()).toEqual({ outage: null, disabled: false });
    expect(api.endpoints()).toEqual(['system.health', 'system.health', 'system.health']);
  });
});
