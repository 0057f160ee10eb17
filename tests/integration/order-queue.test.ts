import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { AT_RISK_HOURS, DEFAULT_SLA_HOURS, type OrderDetail, type OrderListQuery } from '../../src/shared';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { waitForStatus } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * HOUR).toISOString();

/**
 * The planner's queue sorted by urgency (late first, then least time left, then what is no longer
 * open), its counts per status, late and at risk, and the late / at-risk filters — answered by SQL.
 */
describe('order queue urgency', () => {
  let db: TestDatabase;
  let engine: Engine;
  const n: Record<string, number> = {};

  /** An order with this promise (none: the default service level) that ends `want`. */
  async function place(name: string, sku: string, promisedAt: string | undefined, want: 'sourced' | 'unfillable'): Promise<OrderDetail> {
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ lines: [{ sku, quantity: 1 }], ...(promisedAt ? { promisedAt } : {}) }) },
      PLANNER,
    );
    const d = await waitForStatus(engine, order.id, want);
    n[name] = d.number;
    return d;
  }

  const list = (q: Partial<OrderListQuery>) => engine.dispatch('orders.list', { pageSize: 50, ...q }, PLANNER);
  const numbers = (rows: { number: number }[]) => rows.map((r) => r.number);

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'OQ-IN', onHand: 50 },
        { location: 'loc-palermo', sku: 'OQ-NONE', onHand: 0 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
    await place('late2h', 'OQ-NONE', at(-2), 'unfillable');
    await place('soon1h', 'OQ-IN', at(1), 'sourced');
    await place('in10h', 'OQ-NONE', at(10), 'unfillable');
    await place('noPromise', 'OQ-NONE', undefined, 'unfillable');
    const gone = await place('cancelledLate', 'OQ-IN', at(-5), 'sourced');
    await engine.dispatch('orders.cancel', { id: gone.id, reason: 'customer called' }, PLANNER);
    await place('late3h', 'OQ-IN', at(-3), 'sourced');
    await place('soon3h', 'OQ-NONE', at(AT_RISK_HOURS - 1), 'unfillable');
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('sorts late first, then least time left, then the orders no longer open', async () => {
    const page = await list({ sort: 'urgency', dir: 'asc' });
    expect(numbers(page.rows)).toEqual([n.late3h, n.late2h, n.soon1h, n.soon3h, n.in10h, n.noPromise, n.cancelledLate]);
    // Reversed: the closed orders first, then the open ones from most time left.
    const rev = await list({ sort: 'urgency', dir: 'desc' });
    expect(numbers(rev.rows)).toEqual(numbers(page.rows).reverse());
  });

  it('cuts pages across the open and the closed orders without losing or repeating one', async () => {
    const pages = [];
    for (let p = 0; p < 4; p++) pages.push(...numbers((await list({ sort: 'urgency', dir: 'asc', page: p, pageSize: 2 })).rows));
    expect(pages).toEqual([n.late3h, n.late2h, n.soon1h, n.soon3h, n.in10h, n.noPromise, n.cancelledLate]);
  });

  it('reads the page alone (orders.page) as orders.list does, at every cut and in both directions, deep pages too', async () => {
    const all = [n.late3h, n.late2h, n.soon1h, n.soon3h, n.in10h, n.noPromise, n.cancelledLate];
    for (const dir of ['asc', 'desc'] as const)
      for (const pageSize of [2, 3, 6, 7])
        for (let page = 0; page * pageSize <= all.length + pageSize; page++) {
          const q = { sort: 'urgency', dir, page, pageSize } as const;
          const alone = await engine.dispatch('orders.page', q, PLANNER);
          const withCounts = await list(q);
          expect(alone).toEqual({ rows: withCounts.rows, page, pageSize });
          const want = dir === 'asc' ? all : [...all].reverse();
          expect(numbers(alone.rows)).toEqual(want.slice(page * pageSize, (page + 1) * pageSize));
        }
    // The late filter without counts: late as of the database's clock now.
    expect(numbers((await engine.dispatch('orders.page', { urgency: 'late', sort: 'urgency', dir: 'asc' }, PLANNER)).rows)).toEqual([
      n.late3h,
      n.late2h,
    ]);
  });

  it('gives each row its promise and deadline: the default service level without a promise', async () => {
    const rows = (await list({ sort: 'urgency', dir: 'asc' })).rows;
    const noPromise = rows.find((r) => r.number === n.noPromise)!;
    expect(noPromise.promisedAt).toBeNull();
    expect(new Date(noPromise.dueAt!).getTime() - new Date(noPromise.createdAt).getTime()).toBe(DEFAULT_SLA_HOURS * HOUR);
    const soon = rows.find((r) => r.number === n.soon1h)!;
    expect(soon.dueAt).toBe(soon.promisedAt);
  });

  it('counts orders per status, and open orders late or at risk', async () => {
    const { counts, total } = await list({});
    expect(total).toBe(7);
    expect(counts).toMatchObject({ byStatus: { unfillable: 4, sourced: 2, cancelled: 1 }, late: 2, atRisk: 2 });
    // The counts alone (what a desk reads apart from the page after live changes) are the same.
    const alone = await engine.dispatch('orders.counts', { urgency: 'late' }, PLANNER);
    expect(alone).toEqual({ total: 2, counts: { ...counts, asOf: alone.counts.asOf } });
    // A status filter narrows the page, not the chips' counts.
    const sourced = await list({ status: ['sourced'] });
    expect(sourced.total).toBe(2);
    expect(sourced.counts).toEqual(counts ? { ...counts, asOf: sourced.counts!.asOf } : undefined);
  });

  it('filters to late orders, or to those at risk, with the same numbers as the counts', async () => {
    const late = await list({ urgency: 'late', sort: 'urgency', dir: 'asc' });
    expect(numbers(late.rows)).toEqual([n.late3h, n.late2h]);
    expect(late.total).toBe(2);
    const risk = await list({ urgency: 'atRisk', sort: 'urgency', dir: 'asc' });
    expect(numbers(risk.rows)).toEqual([n.soon1h, n.soon3h]);
    // Both filters and a status filter together.
    const lateSourced = await list({ urgency: 'late', status: ['sourced'] });
    expect(numbers(lateSourced.rows)).toEqual([n.late3h]);
    expect(lateSourced.total).toBe(1);
  });

  it('keeps the deadline when a promise arrives later (the trigger follows promised_at)', async () => {
    const d = await place('promisedLater', 'OQ-NONE', undefined, 'unfillable');
    const promise = at(-1);
    await db.pool.query(`UPDATE orders SET promised_at = $2 WHERE id = $1`, [d.id, promise]);
    const row = (await list({ search: String(d.number) })).rows[0]!;
    expect(row.dueAt).toBe(new Date(promise).toISOString());
    expect((await list({ urgency: 'late' })).total).toBe(3);
  });

  it('reads the first page of the open queue in urgency order from the partial index', async () => {
    // Few rows here, so the planner would rather scan and sort: told not to (as on a 100k-order table), it reads the index in order.
    const client = await db.pool.connect();
    let plan: string;
    try {
      await client.query('SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off');
      const rows = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM orders o WHERE o.status IN ('received', 'unfillable', 'sourced', 'picked', 'packed') ORDER BY o.due_at, o.number LIMIT 50`,
      );
      plan = rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await client.query('RESET ALL');
      client.release();
    }
    expect(plan).toContain('orders_queue_urgency_idx');
    expect(plan).not.toContain('Sort');
  });
});
