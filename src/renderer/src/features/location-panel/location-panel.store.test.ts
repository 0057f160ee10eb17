import { describe, expect, it } from 'vitest';
import type { LocationDetail } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { capacityToday, createLocationPanelStore, selectOpenDetail } from './location-panel.store';

const detail = (over: Partial<LocationDetail> = {}): LocationDetail => ({
  id: 'l1',
  code: 'ST-1',
  name: 'Tienda Palermo',
  kind: 'store',
  city: 'CABA',
  lat: -34.6,
  lng: -58.4,
  dailyCapacity: 100,
  openingHours: {},
  active: true,
  backlog: 12,
  assignedToday: 30,
  late: 2,
  stockOuts: 1,
  health: 'busy',
  pausedAt: null,
  pausedBy: null,
  pausedReason: null,
  topStockOuts: [{ sku: 'A', name: 'Remera', onHand: 0, reserved: 0, waitingUnits: 3, recentUnits: 1 }],
  ...over,
});

describe('location panel store', () => {
  it('opens on a click, reads the location, and closes on a second click', async () => {
    const api = fakeDesk({ 'locations.detail': ({ id }) => detail({ id }) });
    const store = createLocationPanelStore(api);
    store.getState().locationClicked('l1');
    expect(store.getState().selectedId).toBe('l1');
    await store.getState().refreshRequested();
    expect(selectOpenDetail(store.getState())?.backlog).toBe(12);
    store.getState().locationClicked('l1');
    expect(store.getState().selectedId).toBeNull();
    expect(selectOpenDetail(store.getState())).toBeNull();
    expect(api.inputsOf('locations.detail')).toEqual([{ id: 'l1' }, { id: 'l1' }]);
  });

  it('never shows one location’s numbers under another when answers arrive late', async () => {
    let release: (() => void) | undefined;
    const api = fakeDesk({
      'locations.detail': async ({ id }) => {
        if (id === 'slow') await new Promise<void>((r) => (release = r));
        return detail({ id, name: id });
      },
    });
    const store = createLocationPanelStore(api);
    store.getState().locationClicked('slow');
    store.getState().locationClicked('fast');
    await store.getState().refreshRequested();
    release?.();
    await new Promise((r) => setTimeout(r, 0));
    expect(selectOpenDetail(store.getState())?.name).toBe('fast');
  });

  it('pauses with a reason and resumes, showing what the engine answered', async () => {
    const api = fakeDesk({
      'locations.detail': ({ id }) => detail({ id }),
      'locations.pause': ({ id, reason }) =>
        detail({ id, active: false, health: 'paused', pausedBy: 'Sofía', pausedReason: reason, pausedAt: '2026-12-07T01:00:00.000Z' }),
      'locations.resume': ({ id }) => detail({ id }),
    });
    const store = createLocationPanelStore(api);
    store.getState().locationClicked('l1');
    expect(await store.getState().pauseRequested('Inventario')).toBe(true);
    expect(selectOpenDetail(store.getState())).toMatchObject({ active: false, pausedReason: 'Inventario' });
    expect(await store.getState().resumeRequested()).toBe(true);
    expect(selectOpenDetail(store.getState())?.active).toBe(true);
    expect(api.inputsOf('locations.pause')).toEqual([{ id: 'l1', reason: 'Inventario' }]);
  });

  it('keeps the refusal to show it', async () => {
    const api = fakeDesk({
      'locations.detail': ({ id }) => detail({ id }),
      'locations.pause': () => {
        throw new Error('Your role may not pause a location');
      },
    });
    const store = createLocationPanelStore(api);
    store.getState().locationClicked('l1');
    expect(await store.getState().pauseRequested('x')).toBe(false);
    expect(store.getState()).toMatchObject({ busy: false, actionError: 'Your role may not pause a location' });
  });

  it('says how much capacity is left today, never below zero', () => {
    expect(capacityToday({ dailyCapacity: 100, assignedToday: 30 })).toEqual({ left: 70, used: 0.3 });
    expect(capacityToday({ dailyCapacity: 100, assignedToday: 130 })).toEqual({ left: 0, used: 1.3 });
    expect(capacityToday({ dailyCapacity: 0, assignedToday: 0 })).toEqual({ left: 0, used: 0 });
  });
});
