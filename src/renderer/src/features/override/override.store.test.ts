import { describe, expect, it } from 'vitest';
import { AppError, type OverrideOption } from '../../../../shared';
import { anOrder } from '../../test-support/fixtures';
import { fakeDesk } from '../../test-support/fake-desk';
import { readOverride } from './override-comparison';
import { createOverrideStore, selectCanFill, selectCanOverride, selectFirstChoice } from './override.store';

const option = (locationId: string, canFill: boolean, engineRank: number | null = null): OverrideOption => ({
  locationId,
  locationName: locationId.toUpperCase(),
  kind: 'store',
  city: 'X',
  distanceKm: 1,
  engineRank,
  available: canFill ? 5 : 0,
  lines: [{ sku: 'S', needed: 1, available: canFill ? 5 : 0 }],
  canFill,
  current: false,
  excludedReason: null,
});

/** Order o1, sourced at A: B and C can fill it; the move is refused with `refuse` when given. */
function overrideDesk(refuse?: string) {
  return fakeDesk({
    'sourcing.overrideOptions': ({ orderId }) => ({
      orderId,
      status: 'sourced',
      currentLocationId: 'a',
      engineChoice: { locationId: 'a', locationName: 'A' },
      options: [option('a', false, 1), option('b', true, 2), option('c', true)],
    }),
    'sourcing.override': ({ orderId, locationId }) => {
      if (refuse) throw new AppError('VALIDATION_FAILED', refuse);
      return {
        order: anOrder({ id: orderId, locationId, locationName: locationId.toUpperCase() }),
        engineChoice: { locationId: 'a', locationName: 'A' },
        previousLocationId: 'a',
      };
    },
  });
}

describe('override store', () => {
  it('preselects the first location that can fill the order and sends the trimmed reason', async () => {
    const api = overrideDesk();
    const store = createOverrideStore(api);
    await store.getState().opened('o1');
    expect(store.getState().chosen).toBe('b');
    store.getState().locationChosen('c');
    expect(await store.getState().confirmed('   ')).toBe(false);
    expect(api.inputsOf('sourcing.override')).toEqual([]);
    expect(await store.getState().confirmed('  closer to the customer ')).toBe(true);
    expect(api.inputsOf('sourcing.override')).toEqual([{ orderId: 'o1', locationId: 'c', reason: 'closer to the customer' }]);
    expect(store.getState().orderId).toBeNull();
  });

  it("keeps the dialog open with the engine's message when the move is refused", async () => {
    const api = overrideDesk('Tienda B no longer has every line available');
    const store = createOverrideStore(api);
    await store.getState().opened('o1');
    expect(await store.getState().confirmed('because')).toBe(false);
    expect(store.getState()).toMatchObject({ orderId: 'o1', busy: false, error: 'Tienda B no longer has every line available' });
  });

  it('moves only the ticked lines, choosing a location that can take them', async () => {
    const api = overrideDesk();
    const store = createOverrideStore(api);
    await store.getState().opened('o1');
    const two: OverrideOption = {
      ...option('d', false),
      lines: [
        { sku: 'S', needed: 1, available: 0 },
        { sku: 'T', needed: 1, available: 3 },
      ],
    };
    store.setState({ options: { ...store.getState().options!, options: [two, option('b', true, 2)] }, chosen: 'b' });
    store.getState().lineToggled('S', ['S', 'T']);
    expect(store.getState().skus).toEqual(['T']);
    expect(selectCanFill(two, ['T'])).toBe(true);
    expect(selectCanFill(two, null)).toBe(false);
    store.getState().locationChosen('d');
    expect(await store.getState().confirmed('only T')).toBe(true);
    expect(api.inputsOf('sourcing.override')).toEqual([{ orderId: 'o1', locationId: 'd', reason: 'only T', skus: ['T'] }]);
  });

  it('ticking every line again means the whole order', async () => {
    const api = overrideDesk();
    const store = createOverrideStore(api);
    await store.getState().opened('o1');
    store.getState().lineToggled('S', ['S', 'T']);
    store.getState().lineToggled('S', ['S', 'T']);
    expect(store.getState().skus).toBeNull();
    store.getState().lineToggled('S', ['S']);
    expect(store.getState().skus).toEqual([]);
    expect(await store.getState().confirmed('nothing')).toBe(false);
  });

  it('offers the override to supervisors only, and only before picking', () => {
    expect(selectCanOverride('supervisor', 'sourced')).toBe(true);
    expect(selectCanOverride('supervisor', 'unfillable')).toBe(true);
    expect(selectCanOverride('supervisor', 'picked')).toBe(false);
    expect(selectCanOverride('planner', 'sourced')).toBe(false);
    expect(selectCanOverride(undefined, 'sourced')).toBe(false);
    expect(selectFirstChoice([option('a', false), option('b', false)], null)).toBeNull();
  });

  it('reads the engine choice and the override from the timeline defensively', () => {
    expect(
      readOverride({
        engineChoice: { locationId: 'a', locationName: 'A', distanceKm: 1.5 },
        override: { locationId: 'b', locationName: 'B', distanceKm: 20 },
      }),
    ).toEqual({
      engine: { locationName: 'A', distanceKm: 1.5 },
      override: { locationName: 'B', distanceKm: 20 },
      lines: null,
    });
    expect(readOverride({ override: { locationId: 'b' }, lines: [{ sku: 'T', quantity: 2 }, 'junk'] })?.lines).toEqual(['T × 2']);
    expect(readOverride({ engineChoice: null, override: { locationId: 'b' } })).toEqual({
      engine: null,
      override: { locationName: 'b', distanceKm: null },
      lines: null,
    });
    expect(readOverride({ override: 'junk' })).toBeUndefined();
    expect(readOverride(null)).toBeUndefined();
  });
});
