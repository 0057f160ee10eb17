import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { AT_RISK_HOURS, type Actor, type BackorderPolicy, type OrderDetail, type OrderInput, type OrderKpis } from '../../src/shared';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { SUPERVISOR, waitForStatus } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * HOUR).toISOString();

/**
 * The KPI strip's figures (`orders.kpis`) over orders made by the engine's own paths — intake,
 * sourcing (complete, split, partial with a backorder, unfillable), the floor's steps, cancelling —
 * with their clocks moved back by SQL where a figure needs an older order or event. Each figure is
 * asserted to the unit, and against the queue's own late / at-risk counts.
 */
describe('orders.kpis', () => {
  let db: TestDatabase;
  let engine: Engine;
  const o: Record<string, OrderDetail> = {};
  let kpis: OrderKpis;

  const place = async (name: string, lines: OrderInput['lines'], want: 'sourced' | 'unfillable', promisedAt?: string) => {
    const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines, ...(promisedAt ? { promisedAt } : {}) }) }, PLANNER);
    o[name] = await waitForStatus(engine, order.id, want);
  };
  const advance = async (name: string, ...steps: ('picked' | 'packed' | 'shipped' | 'delivered')[]) => {
    for (const to of steps) await engine.dispatch('orders.advance', { id: o[name]!.id, to }, PLANNER);
  };
  /** Moves an order's arrival back (its deadline follows, by the `orders_due_at` trigger). */
  const arrivedHoursAgo = (name: string, hours: number) =>
    db.pool.query(`UPDATE orders SET created_at = now() - $2::float8 * interval '1 hour' WHERE id = $1`, [o[name]!.id, hours]);
  /** Moves an event back in time: the timeline is append-only, so its guard is off for this one statement. */
  const eventHoursAgo = async (name: string, toStatus: string, hours: number) => {
    const c = await db.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SET LOCAL session_replication_role = replica`);
      await c.query(`UPDATE order_events SET at = now() - $3::float8 * interval '1 hour' WHERE order_id = $1 AND to_status = $2`, [
        o[name]!.id,
        toStatus,
        hours,
      ]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  };
  const usePolicy = async (policy: BackorderPolicy) => {
    const active = (await engine.dispatch('sourcing.profiles.list', {}, SUPERVISOR)).find(
      (p) => p.key === 'default' && p.status === 'active',
    )!;
    const draft = await engine.dispatch(
      'sourcing.profiles.saveDraft',
      { key: 'default', name: active.name, selector: active.selector, spec: { ...active.spec, backorder: policy } },
      SUPERVISOR,
    );
    await engine.dispatch('sourcing.profiles.activate', { id: draft.id }, SUPERVISOR);
  };
  const createdAt = async (name: string) =>
    (await db.pool.query<{ c: Date }>(`SELECT created_at AS c FROM orders WHERE id = $1`, [o[name]!.id])).rows[0]!.c.toISOString();

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'K-IN', onHand: 100 },
        { location: 'loc-palermo', sku: 'K-NONE', onHand: 0 },
        { location: 'loc-palermo', sku: 'K-SPL-A', onHand: 5 },
        { location: 'loc-quilmes', sku: 'K-SPL-B', onHand: 5 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
    const one = (sku: string) => [{ sku, quantity: 1 }];
    // Received in the last hour, each decided once.
    await place('full', one('K-IN'), 'sourced'); // filled, one part, open
    await place('fullCancelled', one('K-IN'), 'sourced'); // filled at first; cancelled since (no part left)
    await engine.dispatch('orders.cancel', { id: o.fullCancelled!.id, reason: 'customer called' }, PLANNER);
    await place('unfillable', one('K-NONE'), 'unfillable'); // decided, not filled
    await place('split', [...one('K-SPL-A'), ...one('K-SPL-B')], 'sourced'); // filled, two parts
    await usePolicy('ship_available');
    await place('partial', [...one('K-IN'), ...one('K-NONE')], 'sourced'); // sourced in part: the rest on a backorder
    await usePolicy('hold');
    await place('atRisk', one('K-IN'), 'sourced', at(AT_RISK_HOURS - 2)); // open, due in 2 h
    await place('lateOpen', one('K-IN'), 'sourced', at(-3)); // open, 3 h past its promise
    // Left today: one by its deadline, one after it.
    await place('shippedOnTime', one('K-IN'), 'sourced');
    await advance('shippedOnTime', 'picked', 'packed', 'shipped');
    await place('shippedLate', one('K-IN'), 'sourced', at(-1));
    await advance('shippedLate', 'picked', 'packed', 'shipped');
    // Shipped yesterday, delivered now: it left before the window.
    await place('shippedYesterday', one('K-IN'), 'sourced');
    await advance('shippedYesterday', 'picked', 'packed', 'shipped');
    await eventHoursAgo('shippedYesterday', 'shipped', 30);
    await advance('shippedYesterday', 'delivered');
    await arrivedHoursAgo('shippedYesterday', 31);
    // Handed over at a counter (packed → delivered) two hours ago, before its deadline.
    await place('collected', one('K-IN'), 'sourced');
    await advance('collected', 'picked', 'packed');
    await db.pool.query(`UPDATE orders SET status = 'delivered' WHERE id = $1`, [o.collected!.id]);
    await db.pool.query(
      `INSERT INTO order_events (order_id, type, from_status, to_status, actor_id, actor_name, at)
       VALUES ($1, 'order.delivered', 'packed', 'delivered', 'u-assoc', 'Ana', now() - interval '2 hours')`,
      [o.collected!.id],
    );
    // Arrived 90 minutes ago (the hour before), and 30 hours ago (outside every 24 h window, still open).
    await place('previousHour', one('K-IN'), 'sourced');
    await arrivedHoursAgo('previousHour', 1.5);
    await place('old', one('K-IN'), 'sourced');
    await arrivedHoursAgo('old', 30);
    // Received and not decided yet: counted as intake, not in the fill rate. Written as intake writes an order, without its sourcing.
    await db.pool.query(
      `WITH w AS (
         INSERT INTO orders (id, channel, external_id, status, customer, ship_to, currency, total_units, raw, payload_hash)
         SELECT gen_random_uuid(), channel, external_id || '-waiting', 'received', customer, ship_to, currency, total_units, raw, payload_hash
         FROM orders WHERE id = $1 RETURNING id)
       INSERT INTO order_lines (order_id, line_no, sku, quantity) SELECT w.id, 1, 'K-IN', 1 FROM w`,
      [o.full!.id],
    );
    kpis = await engine.dispatch('orders.kpis', {}, PLANNER);
  }, 180_000);
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('orders/h: customer orders received in the last 60 minutes and in the hour before (backorders are not intake)', () => {
    // full, fullCancelled, unfillable, split, partial, atRisk, lateOpen, shippedOnTime, shippedLate, collected, waiting — not the partial's backorder.
    expect(kpis.throughput).toEqual({ lastHour: 11, previousHour: 1 });
  });

  it('fill rate: of the last day’s decided orders, those sourced complete at their first decision', () => {
    // Decided: every order of the last 24 h but `waiting`. Not filled: unfillable, partial.
    expect(kpis.fill).toEqual({ decided: 11, filledFirstTime: 9 });
  });

  it('split rate: of the last day’s orders holding stock, those shipping from more than one fulfilment order', () => {
    // Holding stock: all decided but unfillable and fullCancelled.
    expect(kpis.split).toEqual({ sourced: 9, split: 1 });
  });

  it('on-time %: orders that left in the last 24 h (shipped, or handed over at a counter) by their deadline', () => {
    // shippedOnTime and collected by their deadline, shippedLate after it; shippedYesterday left before the window.
    expect(kpis.onTime).toEqual({ left: 3, onTime: 2 });
  });

  it('backlog age: how many orders are open, when the oldest and the median one arrived', async () => {
    const open = ['full', 'unfillable', 'split', 'partial', 'atRisk', 'lateOpen', 'previousHour', 'old'];
    const waiting = (await db.pool.query<{ c: Date }>(`SELECT created_at AS c FROM orders WHERE external_id LIKE '%-waiting'`)).rows[0]!.c;
    const backorder = (await db.pool.query<{ c: Date }>(`SELECT created_at AS c FROM orders WHERE backorder_of = $1`, [o.partial!.id]))
      .rows[0]!.c;
    const times = [...(await Promise.all(open.map(createdAt))), waiting.toISOString(), backorder.toISOString()].sort();
    expect(times).toHaveLength(10);
    expect(kpis.backlog).toEqual({
      open: 10,
      oldestCreatedAt: await createdAt('old'),
      // The median of ten: the older of the two middle ones (the fifth oldest).
      medianCreatedAt: times[4],
    });
  });

  it('at risk and late: exactly the queue’s own counts', async () => {
    expect(kpis.risk).toEqual({ atRisk: 1, late: 1 });
    const { counts } = await engine.dispatch('orders.list', { pageSize: 1 }, PLANNER);
    expect({ atRisk: counts!.atRisk, late: counts!.late }).toEqual(kpis.risk);
  });

  it('an associate sees their locations’ orders only; an admin may not read them', async () => {
    const quilmes: Actor = { id: 'u-quilmes', name: 'Quique', role: 'associate', locations: ['loc-quilmes'] };
    const theirs = await engine.dispatch('orders.kpis', {}, quilmes);
    // Only the split order has a part at Quilmes.
    expect(theirs).toMatchObject({
      throughput: { lastHour: 1, previousHour: 0 },
      fill: { decided: 1, filledFirstTime: 1 },
      split: { sourced: 1, split: 1 },
      onTime: { left: 0, onTime: 0 },
      backlog: { open: 1, oldestCreatedAt: await createdAt('split'), medianCreatedAt: await createdAt('split') },
      risk: { atRisk: 0, late: 0 },
    });
    const admin: Actor = { id: 'u-admin', name: 'Ada', role: 'admin' };
    await expect(engine.dispatch('orders.kpis', {}, admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
