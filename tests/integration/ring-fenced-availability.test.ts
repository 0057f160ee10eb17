import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { SUPERVISOR, waitForStatus } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

/**
 * Units ring-fenced for one channel are not available to the others anywhere availability is read
 * (one definition, `atalaya_available`): the map's stock-outs and the supervisor's override options
 * count them like sourcing and the reservation guard do, and so does assisted entry's availability. Quilmes' whole stock is held for Mercado Libre.
 */
describe('ring-fenced units, wherever availability is read', () => {
  let db: TestDatabase;
  let engine: Engine;

  beforeEach(async () => {
    ({ db, engine } = await startFixtureEngine([
      { location: 'loc-palermo', sku: 'RF', onHand: 2 },
      { location: 'loc-quilmes', sku: 'RF', onHand: 3 },
      { location: 'loc-cordoba', sku: 'RF', onHand: 4 },
    ]));
    await engine.dispatch(
      'inventory.setRingFence',
      { locationId: 'loc-quilmes', sku: 'RF', channel: 'mercadolibre', quantity: 3 },
      SUPERVISOR,
    );
  });
  afterEach(async () => {
    await engine?.close();
    await db?.drop();
  });

  const place = async (channel: 'web' | 'mercadolibre', quantity: number) => {
    const { order } = await engine.dispatch('orders.create', { order: anOrder({ channel, lines: [{ sku: 'RF', quantity }] }) }, PLANNER);
    return waitForStatus(engine, order.id, 'sourced');
  };

  it('the map counts a location whose units are all fenced as out of stock (it has none to promise without a channel)', async () => {
    // The map counts stock-outs that matter: an order no location can fill makes RF wanted.
    const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines: [{ sku: 'RF', quantity: 100 }] }) }, PLANNER);
    await waitForStatus(engine, order.id, 'unfillable');
    const health = await engine.dispatch('locations.list', {}, PLANNER);
    const outs = Object.fromEntries(health.map((l) => [l.id, l.stockOuts]));
    expect(outs).toMatchObject({ 'loc-quilmes': 1, 'loc-palermo': 0, 'loc-cordoba': 0 });
    await engine.dispatch(
      'inventory.setRingFence',
      { locationId: 'loc-quilmes', sku: 'RF', channel: 'mercadolibre', quantity: 1 },
      SUPERVISOR,
    );
    const after = await engine.dispatch('locations.list', {}, PLANNER);
    expect(after.find((l) => l.id === 'loc-quilmes')!.stockOuts).toBe(0);
  });

  it("a web order's override options leave out the units fenced for Mercado Libre", async () => {
    const o = await place('web', 2);
    expect(o.locationId).toBe('loc-palermo');
    const opts = await engine.dispatch('sourcing.overrideOptions', { orderId: o.id }, SUPERVISOR);
    expect(opts.options.map((x) => [x.locationId, x.available, x.canFill])).toEqual([
      ['loc-cordoba', 4, true],
      ['loc-palermo', 0, false],
    ]);
  });

  it("a Mercado Libre order's override options include them", async () => {
    const o = await place('mercadolibre', 2);
    expect(o.locationId).toBe('loc-palermo');
    const opts = await engine.dispatch('sourcing.overrideOptions', { orderId: o.id }, SUPERVISOR);
    expect(opts.options.find((x) => x.locationId === 'loc-quilmes')).toMatchObject({ available: 3, canFill: true });
  });

  it('assisted entry sees the fenced units only for the channel they are fenced for', async () => {
    const at = async (channel?: string) =>
      Object.fromEntries(
        (await engine.dispatch('availability.query', { skus: ['RF'], limit: 5, channel }, PLANNER))[0]!.locations.map((l) => [
          l.locationId,
          l.available,
        ]),
      );
    expect(await at()).toEqual({ 'loc-palermo': 2, 'loc-cordoba': 4 });
    expect(await at('call_center')).toEqual({ 'loc-palermo': 2, 'loc-cordoba': 4 });
    expect(await at('mercadolibre')).toEqual({ 'loc-palermo': 2, 'loc-quilmes': 3, 'loc-cordoba': 4 });
  });
});
