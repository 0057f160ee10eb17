import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { openDatabase, type Db } from '../../src/engine/db/data-source';
import type { WorkflowDeps } from '../../src/engine/kernel/context';
import { reoptimisePass } from '../../src/engine/modules/sourcing/workflows/reoptimise';
import type { JobQueue } from '../../src/engine/ports/job-queue.port';
import type { Order } from '../../src/shared';
import { PLANNER, startFixtureEngine, startTestEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { SUPERVISOR } from '../support/sourcing-ops';
import { eventually, type TestDatabase } from '../support/test-database';

/**
 * Re-optimisation reaches every waiting order, however many wait (issue 18, starvation). Orders
 * that cannot be improved (KEEP: only Palermo has it) wait first; then orders split between
 * Palermo and Quilmes, whose stock later arrives together at Ezeiza — their avoidable splits. A
 * pass takes fewer orders than wait: passes that always took the least recently changed orders
 * examined the same KEEP orders over and over, and the split ones, newest, were never reached.
 */
describe('re-optimisation covers the whole backlog (real Postgres)', () => {
  let db: TestDatabase;
  let engine: Engine;
  let ds: Db;
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  // A pass reads and writes through the database only; it queues nothing.
  const deps = (): WorkflowDeps => ({ ds, log, queue: {} as JobQueue });

  beforeEach(async () => {
    ({ db, engine } = await startFixtureEngine([
      { location: 'loc-palermo', sku: 'KEEP', onHand: 1000 },
      { location: 'loc-palermo', sku: 'SPLIT-X', onHand: 20 },
      { location: 'loc-quilmes', sku: 'SPLIT-Y', onHand: 20 },
    ]));
    // Hundreds of orders a day at Palermo: its daily capacity must not turn them away.
    await db.pool.query(`UPDATE locations SET daily_capacity = 10000`);
    ds = await openDatabase({ url: db.url, poolSize: 2 });
  });
  afterEach(async () => {
    await ds?.destroy();
    await engine?.close();
    await db?.drop();
  });

  /** Creates the orders (a few at a time) and waits until every one is sourced. */
  const place = async (n: number, lines: { sku: string; quantity: number; unitPrice: number }[]): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, n - i) }, () => engine.dispatch('orders.create', { order: anOrder({ lines }) }, PLANNER)),
      );
      ids.push(...batch.map((b) => (b.order as Order).id));
    }
    await eventually(
      async () => {
        const r = await db.pool.query(`SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status = 'sourced'`, [ids]);
        return r.rows[0].n === ids.length ? true : undefined;
      },
      `${n} orders to be sourced`,
      120_000,
    );
    return ids;
  };
  const placeKeep = (n: number) => place(n, [{ sku: 'KEEP', quantity: 1, unitPrice: 10_000 }]);
  const placeSplit = (n: number) =>
    place(n, [
      { sku: 'SPLIT-X', quantity: 1, unitPrice: 20_000 },
      { sku: 'SPLIT-Y', quantity: 1, unitPrice: 30_000 },
    ]);
  const receiveAtEzeiza = async () => {
    for (const sku of ['SPLIT-X', 'SPLIT-Y']) {
      await db.pool.query(`INSERT INTO stock (location_id, sku, on_hand) VALUES ('loc-dc-ezeiza', $1, 0)`, [sku]);
      await db.pool.query(
        `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) VALUES ('loc-dc-ezeiza', $1, 50, 'receipt', 'test')`,
        [sku],
      );
    }
  };
  /**
   * Once every order is placed: the worker node, whose periodic pass could run while hundreds of
   * orders are placed on a slow machine, gives way to a node without background loops, and the
   * backlog starts as never examined — the passes below are the only ones.
   */
  const quiet = async () => {
    await engine.close();
    engine = await startTestEngine(db.url, { workers: false });
    await db.pool.query(`UPDATE orders SET reopt_examined_at = NULL`);
  };
  /** The split orders now shipped whole from Ezeiza. */
  const fixed = async (ids: string[]) =>
    (
      await db.pool.query(
        `SELECT count(*)::int AS n FROM orders o WHERE o.id = ANY($1::uuid[]) AND o.location_id = 'loc-dc-ezeiza'
           AND NOT EXISTS (SELECT 1 FROM fulfilment_orders f WHERE f.order_id = o.id AND f.status = 'assigned' AND f.location_id <> 'loc-dc-ezeiza')`,
        [ids],
      )
    ).rows[0].n as number;

  it('with more orders waiting than a pass takes, the newest are fixed after ⌈waiting/batch⌉ + 1 passes', async () => {
    await placeKeep(12);
    const split = await placeSplit(3);
    await quiet();
    await receiveAtEzeiza();
    const batch = 5;
    const passes = Math.ceil(15 / batch) + 1;
    const results: { examined: number; changed: number }[] = [];
    for (let i = 0; i < passes; i++) results.push(await reoptimisePass(deps(), { limit: batch, minAgeMs: 0 }));
    expect(results.reduce((s, r) => s + r.changed, 0)).toBe(3);
    expect(await fixed(split)).toBe(3);
    for (const r of results) expect(r.examined).toBe(batch);
    // Each moved order says so on its timeline, with the before and after.
    const ev = await db.pool.query(`SELECT order_id, data FROM order_events WHERE type = 'order.reoptimised' ORDER BY order_id`);
    expect(ev.rows.map((r: { order_id: string }) => r.order_id)).toEqual([...split].sort());
    for (const r of ev.rows as { data: Record<string, unknown> }[])
      expect(r.data).toMatchObject({
        reoptimised: { before: { shipments: 2 }, after: { shipments: 1, locations: ['loc-dc-ezeiza'] } },
      });
    // Every waiting order was examined at least once.
    const never = await db.pool.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'sourced' AND reopt_examined_at IS NULL`);
    expect(never.rows[0].n).toBe(0);
  });

  it("a pass skips orders another node's pass is taking, and an order that may not move still takes its turn", async () => {
    const ids = await placeKeep(6);
    await quiet();
    const byAge: string[] = (
      await db.pool.query(`SELECT id FROM orders WHERE id = ANY($1::uuid[]) ORDER BY updated_at, id`, [ids])
    ).rows.map((r: { id: string }) => r.id);
    // Another node's pass holds the three oldest: this one takes the next three, without waiting.
    const other = await db.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT id FROM orders WHERE id = ANY($1::uuid[]) FOR NO KEY UPDATE`, [byAge.slice(0, 3)]);
      expect(await reoptimisePass(deps(), { limit: 3, minAgeMs: 0 })).toEqual({ examined: 3, changed: 0 });
      await other.query('ROLLBACK');
    } finally {
      other.release();
    }
    const marked = async () =>
      (await db.pool.query(`SELECT id FROM orders WHERE reopt_examined_at IS NOT NULL ORDER BY id`)).rows.map((r: { id: string }) => r.id);
    expect(await marked()).toEqual(byAge.slice(3).sort());
    // A person touched the oldest order: it is not re-evaluated, but it is marked, so it does not hold the head of the line.
    await db.pool.query(
      `INSERT INTO order_events (order_id, type, from_status, to_status, actor_id, actor_name) VALUES ($1, 'order.note', 'sourced', 'sourced', 'u-super', 'Sofía')`,
      [byAge[0]],
    );
    expect(await reoptimisePass(deps(), { limit: 3, minAgeMs: 0 })).toEqual({ examined: 2, changed: 0 });
    expect(await marked()).toEqual([...byAge].sort());
  });

  it("the desk's manual pass moves through a backlog larger than one pass", async () => {
    const keep = await placeKeep(505);
    const split = await placeSplit(3);
    await quiet();
    await receiveAtEzeiza();
    const first = await engine.dispatch('sourcing.reoptimise', {}, SUPERVISOR);
    expect(first).toEqual({ examined: 500, changed: 0 });
    // It took the 500 oldest: the newest 8 (the split ones among them) are left for the next pass.
    const left = await db.pool.query(`SELECT id FROM orders WHERE reopt_examined_at IS NULL`);
    const leftIds = left.rows.map((r: { id: string }) => r.id);
    expect(leftIds).toHaveLength(8);
    expect(leftIds).toEqual(expect.arrayContaining(split));
    const second = await engine.dispatch('sourcing.reoptimise', {}, SUPERVISOR);
    // The 8 orders the first pass left, then the 492 it examined longest ago.
    expect(second).toEqual({ examined: 500, changed: 3 });
    expect(await fixed(split)).toBe(3);
    const examined = await db.pool.query(
      `SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND reopt_examined_at IS NOT NULL`,
      [[...keep, ...split]],
    );
    expect(examined.rows[0].n).toBe(508);
  });
});
