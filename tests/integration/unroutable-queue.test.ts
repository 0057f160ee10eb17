import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { openDatabase, withSessionLock } from '../../src/engine/db/data-source';
import { attemptTime, claimForSourcing, noteSourcingAttempt } from '../../src/engine/modules/sourcing/sourcing-claim.store';
import { findUnroutableDue } from '../../src/engine/modules/sourcing/sourcing-ops.store';
import { RETRY_LOCK } from '../../src/engine/modules/sourcing/workflows/unroutable';
import type { AppError } from '../../src/shared';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { ledgerMismatches, placeOrder, SUPERVISOR, waitForStatus } from '../support/sourcing-ops';
import { eventually, type TestDatabase } from '../support/test-database';

/**
 * Orders that cannot be sourced wait in priority order (promised date, age, customer tier) and
 * are retried by the engine's own loop when stock arrives or a capacity block ends — the most
 * urgent order gets the units first.
 */
describe('the unroutable queue', () => {
  let db: TestDatabase;
  let engine: Engine;

  /** A receipt as a feed would post it: its ledger row moves on hand (and stamps the stock row's updated_at). */
  const receive = async (location: string, sku: string, qty: number) => {
    await db.pool.query(
      `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) VALUES ($1, $2, $3, 'receipt', 'test')`,
      [location, sku, qty],
    );
  };

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-quilmes', sku: 'SCARCE', onHand: 0 },
        { location: 'loc-palermo', sku: 'TIER', onHand: 0 },
        { location: 'loc-palermo', sku: 'BLOCKED', onHand: 3 },
        { location: 'loc-cordoba', sku: 'NOW', onHand: 0 },
        { location: 'loc-cordoba', sku: 'NONE', onHand: 0 },
        { location: 'loc-quilmes', sku: 'OTHER', onHand: 5 },
        { location: 'loc-cordoba', sku: 'RACE', onHand: 0 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('lists unroutable orders by promised date, then age, then tier, and fills them in that order as units arrive', async () => {
    const oldest = await placeOrder(engine, 'SCARCE', 1, 'unfillable');
    const promisedLater = await placeOrder(engine, 'SCARCE', 1, 'unfillable');
    const promisedSoon = await placeOrder(engine, 'SCARCE', 1, 'unfillable');
    await db.pool.query(`UPDATE orders SET promised_at = now() + interval '2 days' WHERE id = $1`, [promisedLater.id]);
    await db.pool.query(`UPDATE orders SET promised_at = now() + interval '3 hours' WHERE id = $1`, [promisedSoon.id]);

    const list = await engine.dispatch('unroutable.list', {}, PLANNER);
    const mine = list.rows.filter((r) => [oldest.id, promisedLater.id, promisedSoon.id].includes(r.orderId));
    expect(mine.map((r) => r.orderId)).toEqual([promisedSoon.id, promisedLater.id, oldest.id]);
    expect(mine[0]).toMatchObject({ reason: 'no location has available stock for every line', channel: 'web' });
    expect(mine[0]!.promisedAt).not.toBeNull();

    await receive('loc-quilmes', 'SCARCE', 1);
    const first = await waitForStatus(engine, promisedSoon.id, 'sourced');
    expect(first.locationId).toBe('loc-quilmes');
    expect((await engine.dispatch('orders.get', { id: promisedLater.id }, PLANNER)).status).toBe('unfillable');
    expect((await engine.dispatch('orders.get', { id: oldest.id }, PLANNER)).status).toBe('unfillable');

    await receive('loc-quilmes', 'SCARCE', 1);
    await waitForStatus(engine, promisedLater.id, 'sourced');
    expect((await engine.dispatch('orders.get', { id: oldest.id }, PLANNER)).status).toBe('unfillable');
    await receive('loc-quilmes', 'SCARCE', 1);
    await waitForStatus(engine, oldest.id, 'sourced');
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('with no promised dates, the older order first; the customer tier breaks ties of age', async () => {
    const a = await placeOrder(engine, 'TIER', 1, 'unfillable');
    const b = await placeOrder(engine, 'TIER', 1, 'unfillable');
    const c = await placeOrder(engine, 'TIER', 1, 'unfillable');
    // b and c arrived in the same instant; c is a VIP.
    await db.pool.query(`UPDATE orders SET created_at = (SELECT created_at FROM orders WHERE id = $1) WHERE id = $2`, [b.id, c.id]);
    await db.pool.query(`UPDATE orders SET customer_tier = 'vip' WHERE id = $1`, [c.id]);
    const rows = (await engine.dispatch('unroutable.list', {}, PLANNER)).rows.filter((r) => [a.id, b.id, c.id].includes(r.orderId));
    expect(rows.map((r) => r.orderId)).toEqual([a.id, c.id, b.id]);
    expect(rows[1]!.customerTier).toBe('vip');
    await receive('loc-palermo', 'TIER', 2);
    await waitForStatus(engine, a.id, 'sourced');
    await waitForStatus(engine, c.id, 'sourced');
    expect((await engine.dispatch('orders.get', { id: b.id }, PLANNER)).status).toBe('unfillable');
  });

  it('retries when a capacity block ends', async () => {
    // A block that outlasts any machine's slowness; the test ends it once the order is unroutable.
    await db.pool.query(
      `INSERT INTO location_day_blocks (location_id, day, until, reason, actor_id) VALUES ('loc-palermo', current_date, now() + interval '1 hour', 'no capacity today', 'test')`,
    );
    const o = await placeOrder(engine, 'BLOCKED', 1, 'unfillable');
    await db.pool.query(`UPDATE location_day_blocks SET until = now() WHERE location_id = 'loc-palermo' AND day = current_date`);
    const sourced = await waitForStatus(engine, o.id, 'sourced', 30_000);
    expect(sourced.locationId).toBe('loc-palermo');
  });

  it('retries when capacity frees up elsewhere (a fulfilment order is cancelled)', async () => {
    const o = await placeOrder(engine, 'NONE', 1, 'unfillable');
    const attempts = async () =>
      (await db.pool.query(`SELECT sourcing_attempts AS n FROM orders WHERE id = $1`, [o.id])).rows[0].n as number;
    const before = await attempts();
    const other = await placeOrder(engine, 'OTHER', 1);
    await engine.dispatch('orders.cancel', { id: other.id, reason: 'customer changed their mind' }, PLANNER);
    await eventually(async () => ((await attempts()) > before ? true : undefined), 'the unroutable order to be tried again', 20_000);
    expect((await engine.dispatch('orders.get', { id: o.id }, PLANNER)).status).toBe('unfillable');
  });

  it('retry now: says why it is still unroutable, then sources it once stock is there', async () => {
    const o = await placeOrder(engine, 'NOW', 2, 'unfillable');
    const still = await engine.dispatch('unroutable.retry', { orderId: o.id }, SUPERVISOR);
    expect(still).toEqual({
      orderId: o.id,
      status: 'unfillable',
      locationId: null,
      reason: 'no location has available stock for every line',
    });
    // Stock put in without touching updated_at: only "retry now" (or the backoff) finds it.
    // The ledger row moves on hand (its trigger stamps updated_at); the same transaction — one simple
    // query, one implicit transaction — backdates the stamp, so the retry loop never sees a fresh one.
    await db.pool.query(
      `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) VALUES ('loc-cordoba', 'NOW', 2, 'receipt', 'test');
       UPDATE stock SET updated_at = now() - interval '1 hour' WHERE location_id = 'loc-cordoba' AND sku = 'NOW'`,
    );
    expect(await ledgerMismatches(db.pool)).toEqual([]);
    const done = await engine.dispatch('unroutable.retry', { orderId: o.id }, PLANNER);
    expect(done).toEqual({ orderId: o.id, status: 'sourced', locationId: 'loc-cordoba', reason: null });
    const again = await engine.dispatch('unroutable.retry', { orderId: o.id }, PLANNER).catch((e: unknown) => e as AppError);
    expect(again).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    const assoc = await engine
      .dispatch('unroutable.list', {}, { id: 'a', name: 'A', role: 'associate' })
      .catch((e: unknown) => e as AppError);
    expect(assoc).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('stock that arrives between the read of an attempt and its write still wakes the order', async () => {
    const o = await placeOrder(engine, 'RACE', 1, 'unfillable');
    const ds = await openDatabase({ url: db.url, poolSize: 2 });
    try {
      // Holding the retry loop's lock keeps the engine's own passes out while the race is staged.
      const due = await withSessionLock(ds, RETRY_LOCK, async () => {
        const claim = (await claimForSourcing(ds.manager, o.id, { lock: false }))!; // an attempt reads: nothing anywhere
        expect(claim.atp.size).toBe(0);
        await receive('loc-cordoba', 'RACE', 1); // the unit lands before the attempt writes its verdict
        await ds.transaction((m) => noteSourcingAttempt(m, o.id, attemptTime(claim)));
        return findUnroutableDue(ds.manager, 3_600_000, 200); // backoff an hour away: only the stock's news can make it due
      });
      expect(due).toContain(o.id);
    } finally {
      await ds.destroy();
    }
    await waitForStatus(engine, o.id, 'sourced');
  });
});
