import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../src/engine';
import type { AppError, LocationHealth } from '../../src/shared';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { placeOrder, SUPERVISOR, waitForStatus } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

const ADMIN: Actor = { id: 'u-admin', name: 'Ada Admin', role: 'admin' };
const ANA: Actor = { id: 'u-ana', name: 'Ana', role: 'associate', locations: ['loc-palermo'] };

const refused = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: unknown) => e as AppError,
  );

/**
 * The map's health figures come from one SQL statement for the whole network: the queue at each
 * location, how much of it is late, and the stock-outs that matter (open demand, nothing to promise)
 * — not every SKU at zero. A supervisor or an admin pauses a location; sourcing then skips it.
 */
describe('location health and pause', () => {
  let db: TestDatabase;
  let engine: Engine;
  const byId = async () =>
    new Map((await engine.dispatch('locations.list', {}, PLANNER)).map((l) => [l.id, l] as [string, LocationHealth]));

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        // LH-A: one unit at Palermo, sold here (reserved) → out, with recent demand here.
        { location: 'loc-palermo', sku: 'LH-A', onHand: 1 },
        // LH-B: none anywhere → an order waits unroutable → out wherever it is stocked.
        { location: 'loc-quilmes', sku: 'LH-B', onHand: 0 },
        { location: 'loc-cordoba', sku: 'LH-B', onHand: 0 },
        // LH-C: out at Córdoba but nobody wants it → does not matter.
        { location: 'loc-cordoba', sku: 'LH-C', onHand: 0 },
        // LH-D: at Quilmes (nearest to Palermo) and Córdoba, for the pause.
        { location: 'loc-quilmes', sku: 'LH-D', onHand: 5 },
        { location: 'loc-cordoba', sku: 'LH-D', onHand: 5 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('shows a fresh network with no demand as healthy, however many SKUs are at zero', async () => {
    const all = await byId();
    expect([...all.values()].map((l) => [l.id, l.backlog, l.late, l.stockOuts, l.health])).toEqual(
      expect.arrayContaining([
        ['loc-palermo', 0, 0, 0, 'ok'],
        ['loc-quilmes', 0, 0, 0, 'ok'],
        ['loc-cordoba', 0, 0, 0, 'ok'],
        ['loc-dc-ezeiza', 0, 0, 0, 'ok'],
      ]),
    );
  });

  it('counts the queue, late orders and only the stock-outs with demand', async () => {
    const sold = await placeOrder(engine, 'LH-A');
    expect(sold.locationId).toBe('loc-palermo');
    await placeOrder(engine, 'LH-B', 2, 'unfillable');

    let all = await byId();
    expect(all.get('loc-palermo')).toMatchObject({ backlog: 1, assignedToday: 1, late: 0, stockOuts: 1, health: 'busy' });
    expect(all.get('loc-quilmes')).toMatchObject({ backlog: 0, stockOuts: 1, health: 'busy' });
    // LH-C is at zero in Córdoba too, but only LH-B has demand.
    expect(all.get('loc-cordoba')).toMatchObject({ stockOuts: 1 });
    expect(all.get('loc-dc-ezeiza')).toMatchObject({ stockOuts: 0, health: 'ok' });

    // Waiting there more than a day makes the order late; a backlog of a full day's capacity makes it critical.
    await db.pool.query(`UPDATE fulfilment_orders SET created_at = now() - interval '25 hours' WHERE order_id = $1`, [sold.id]);
    await db.pool.query(`UPDATE locations SET daily_capacity = 1 WHERE id = 'loc-palermo'`);
    all = await byId();
    expect(all.get('loc-palermo')).toMatchObject({ backlog: 1, late: 1, assignedToday: 0, health: 'critical' });

    const panel = await engine.dispatch('locations.detail', { id: 'loc-cordoba' }, PLANNER);
    expect(panel.topStockOuts).toEqual([{ sku: 'LH-B', name: 'Producto LH-B', onHand: 0, reserved: 0, waitingUnits: 2, recentUnits: 0 }]);
    const palermo = await engine.dispatch('locations.detail', { id: 'loc-palermo' }, ANA);
    expect(palermo.topStockOuts).toEqual([{ sku: 'LH-A', name: 'Producto LH-A', onHand: 1, reserved: 1, waitingUnits: 0, recentUnits: 1 }]);
    expect((await refused(engine.dispatch('locations.detail', { id: 'loc-quilmes' }, ANA))).code).toBe('FORBIDDEN');
    expect((await refused(engine.dispatch('locations.detail', { id: 'loc-nowhere' }, PLANNER))).code).toBe('NOT_FOUND');
  });

  it('lets a supervisor pause a location, audited; sourcing then skips it until an admin resumes it', async () => {
    expect((await refused(engine.dispatch('locations.pause', { id: 'loc-quilmes', reason: 'inventario' }, PLANNER))).code).toBe(
      'FORBIDDEN',
    );
    const reloaded = new Promise<void>((resolve) => {
      const off = engine.onEvent((e) => {
        if (e.type === 'locations.changed') {
          off();
          resolve();
        }
      });
    });
    const paused = await engine.dispatch('locations.pause', { id: 'loc-quilmes', reason: 'Inventario anual' }, SUPERVISOR);
    expect(paused).toMatchObject({ active: false, health: 'paused', pausedBy: SUPERVISOR.name, pausedReason: 'Inventario anual' });
    expect(paused.pausedAt).not.toBeNull();
    await reloaded;

    // Quilmes is nearest to the customer in Palermo, but paused: Córdoba fills it.
    const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines: [{ sku: 'LH-D', quantity: 1 }] }) }, PLANNER);
    expect((await waitForStatus(engine, order.id, 'sourced')).locationId).toBe('loc-cordoba');

    const resumed = await engine.dispatch('locations.resume', { id: 'loc-quilmes' }, ADMIN);
    expect(resumed).toMatchObject({ active: true, pausedBy: null, pausedReason: null, pausedAt: null });

    const audit = await db.pool.query(
      `SELECT action, user_id, location_id, outcome, reason, before, after FROM audit_log WHERE action LIKE 'locations.%' AND outcome <> 'denied' ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      {
        action: 'locations.pause',
        user_id: SUPERVISOR.id,
        location_id: 'loc-quilmes',
        outcome: 'ok',
        reason: 'Inventario anual',
        before: { active: true },
        after: { active: false },
      },
      {
        action: 'locations.resume',
        user_id: ADMIN.id,
        location_id: 'loc-quilmes',
        outcome: 'ok',
        reason: null,
        before: { active: false },
        after: { active: true },
      },
    ]);
  });
});
