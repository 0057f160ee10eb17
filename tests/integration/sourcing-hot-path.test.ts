import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/engine/db/data-source';
import { insertOrder } from '../../src/engine/modules/orders/order.store';
import { claimForSourcing } from '../../src/engine/modules/sourcing/sourcing-claim.store';
import { assignIfWaiting, CONTENDED_SQLSTATE } from '../../src/engine/modules/inventory/stock.store';
import { PLANNER, migrateTestDatabase } from '../support/engine-under-test';
import { anOrder, seedFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The intake-to-sourced hot path takes shortcuts that must not change what is decided or kept:
 * the facts a new order's insert reads for sourcing are the claim's, the one-statement assignment
 * keeps nothing when some line's stock is gone, and does nothing for an order already sourced.
 */
describe('sourcing hot path', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const actor = { id: 'engine', name: 'Atalaya', role: 'system' } as const;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [
      { location: 'loc-palermo', sku: 'HP-A', onHand: 10, safety: 2 },
      { location: 'loc-palermo', sku: 'HP-B', onHand: 1 },
      { location: 'loc-quilmes', sku: 'HP-A', onHand: 6 },
      { location: 'loc-quilmes', sku: 'HP-B', onHand: 4 },
      { location: 'loc-dc-ezeiza', sku: 'HP-A', onHand: 3 },
      { location: 'loc-cordoba', sku: 'HP-B', onHand: 0 },
      // The cases that reserve take SKUs of their own: HP-A and HP-B stay as the ATP cases expect them.
      { location: 'loc-palermo', sku: 'HP-SA', onHand: 10 },
      { location: 'loc-palermo', sku: 'HP-SB', onHand: 1 },
      { location: 'loc-quilmes', sku: 'HP-SA', onHand: 6 },
      { location: 'loc-quilmes', sku: 'HP-SB', onHand: 4 },
      { location: 'loc-quilmes', sku: 'HP-ST', onHand: 6 },
    ]);
    // Quilmes holds 3 of HP-A back for Mercado Libre: the web channel sees 3 there, Mercado Libre all 6.
    await db.pool.query(`INSERT INTO ring_fences (location_id, sku, channel, quantity) VALUES ('loc-quilmes', 'HP-A', 'mercadolibre', 3)`);
    await db.pool.query(
      `INSERT INTO location_day_blocks (location_id, day, until, reason, actor_id) VALUES ('loc-dc-ezeiza', current_date, now() + interval '1 hour', 'no capacity today', 'test')`,
    );
    await db.pool.query('ANALYZE');
    ds = await openDatabase({ url: db.url, poolSize: 3 });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const sorted = <T>(xs: Iterable<T>) => [...xs].map((x) => JSON.stringify(x)).sort();
  const atpRows = (atp: Map<string, Map<string, number>>) =>
    [...atp].flatMap(([loc, bySku]) => [...bySku].map(([sku, q]) => [loc, sku, q]));

  for (const channel of ['web', 'mercadolibre'] as const) {
    it(`a new order's insert reads the same ATP, weights and exclusions as the claim (${channel})`, async () => {
      const input = anOrder({
        channel,
        lines: [
          { sku: 'HP-A', quantity: 2, unitPrice: 10.005 },
          { sku: 'HP-B', quantity: 1 },
        ],
      });
      const res = await insertOrder(ds.manager, { id: randomUUID(), input, payloadHash: 'h', actor: PLANNER, withSourcingFacts: true });
      if (res.kind !== 'inserted' || !res.sourcing) throw new Error(`expected an insert with sourcing facts, got ${res.kind}`);
      const claim = await claimForSourcing(ds.manager, res.order.id, { lock: false });
      expect(claim).not.toBeNull();
      expect(sorted(atpRows(res.sourcing.atp))).toEqual(sorted(atpRows(claim!.atp)));
      expect([...res.sourcing.exclusions]).toEqual([...claim!.exclusions]);
      expect(res.sourcing.facts).toEqual(claim!.facts);
      expect(res.sourcing.lines).toEqual(claim!.lines);
      expect(res.sourcing.unknownSkus).toEqual(claim!.unknownSkus);
      // The fence shows: web sees 3 of Quilmes' HP-A, Mercado Libre 6; safety keeps 2 of Palermo's back.
      expect(res.sourcing.atp.get('loc-quilmes')?.get('HP-A')).toBe(channel === 'web' ? 3 : 6);
      expect(res.sourcing.atp.get('loc-palermo')?.get('HP-A')).toBe(8);
      expect(res.sourcing.exclusions.get('loc-dc-ezeiza')).toMatch(/^no capacity today \(until \d\d:\d\d\)$/);
    });
  }

  it('the one-statement assignment keeps nothing when a line is short, and does nothing for an order no longer waiting', async () => {
    const input = anOrder({
      lines: [
        { sku: 'HP-SA', quantity: 1 },
        { sku: 'HP-SB', quantity: 2 },
      ],
    });
    const res = await insertOrder(ds.manager, { id: randomUUID(), input, payloadHash: 'h2', actor: PLANNER });
    if (res.kind !== 'inserted') throw new Error(res.kind);
    const orderId = res.order.id;
    const { version } = (await claimForSourcing(ds.manager, orderId, { lock: false }))!;
    const stockOf = async () => (await db.pool.query(`SELECT location_id, sku, reserved FROM stock ORDER BY 1, 2`)).rows;
    const before = await stockOf();
    const ledgerBefore = Number((await db.pool.query('SELECT count(*) FROM stock_movements')).rows[0].count);

    // Palermo has HP-SA but only 1 of HP-SB: the statement raises, and HP-SA's reservation is undone with it.
    const short = assignIfWaiting(ds.manager, {
      locationId: 'loc-palermo',
      orderId,
      fromStatus: 'received',
      version,
      fulfilmentOrderId: randomUUID(),
      actor,
      decision: { test: true },
      lines: [
        { sku: 'HP-SA', quantity: 1 },
        { sku: 'HP-SB', quantity: 2 },
      ],
    });
    await expect(short).rejects.toMatchObject({ code: CONTENDED_SQLSTATE });
    expect(await stockOf()).toEqual(before);
    expect(Number((await db.pool.query('SELECT count(*) FROM stock_movements')).rows[0].count)).toBe(ledgerBefore);
    expect((await db.pool.query('SELECT status FROM orders WHERE id = $1', [orderId])).rows[0].status).toBe('received');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM fulfilment_orders WHERE order_id = $1', [orderId])).rows[0].n).toBe(0);

    // Quilmes has both: assigned, with its reservations, ledger rows, event and announcement.
    const ok = await assignIfWaiting(ds.manager, {
      locationId: 'loc-quilmes',
      orderId,
      fromStatus: 'received',
      version,
      fulfilmentOrderId: randomUUID(),
      actor,
      decision: { test: true },
      lines: [
        { sku: 'HP-SA', quantity: 1 },
        { sku: 'HP-SB', quantity: 2 },
      ],
    });
    expect(ok).toBe('assigned');
    const order = (await db.pool.query('SELECT status, location_id FROM orders WHERE id = $1', [orderId])).rows[0];
    expect(order).toEqual({ status: 'sourced', location_id: 'loc-quilmes' });
    const held = (
      await db.pool.query(`SELECT location_id, sku, quantity, channel FROM reservations WHERE order_id = $1 ORDER BY sku`, [orderId])
    ).rows;
    expect(held).toEqual([
      { location_id: 'loc-quilmes', sku: 'HP-SA', quantity: 1, channel: 'web' },
      { location_id: 'loc-quilmes', sku: 'HP-SB', quantity: 2, channel: 'web' },
    ]);
    expect(
      (await db.pool.query(`SELECT type FROM order_events WHERE order_id = $1 ORDER BY id`, [orderId])).rows.map((r) => r.type),
    ).toEqual(['order.received', 'order.sourced']);
    const announced = (
      await db.pool.query(`SELECT payload FROM engine_events WHERE payload->>'orderId' = $1 ORDER BY id`, [orderId])
    ).rows.map((r) => r.payload.status);
    expect(announced).toEqual(['received', 'sourced']);

    // A second worker with the same stale read: the order is no longer received, so nothing happens.
    const reservedNow = await stockOf();
    const again = await assignIfWaiting(ds.manager, {
      locationId: 'loc-palermo',
      orderId,
      fromStatus: 'received',
      version,
      fulfilmentOrderId: randomUUID(),
      actor,
      decision: { test: true },
      lines: [{ sku: 'HP-SA', quantity: 1 }],
    });
    expect(again).toBe('gone');
    expect(await stockOf()).toEqual(reservedNow);
    // The ledger still sums to what is reserved.
    const drift = await db.pool.query(`
      SELECT s.location_id, s.sku FROM stock s
      LEFT JOIN (SELECT location_id, sku, sum(reserved_delta) rs FROM stock_movements GROUP BY 1, 2) l USING (location_id, sku)
      WHERE s.reserved <> coalesce(l.rs, 0)`);
    expect(drift.rows).toEqual([]);
  });

  it('the one-statement assignment does nothing to an order changed since it was read (stale), and the insert gives the version a read would', async () => {
    const input = anOrder({ lines: [{ sku: 'HP-ST', quantity: 1 }] });
    const res = await insertOrder(ds.manager, { id: randomUUID(), input, payloadHash: 'h4', actor: PLANNER, withSourcingFacts: true });
    if (res.kind !== 'inserted' || !res.sourcing) throw new Error(res.kind);
    const orderId = res.order.id;
    expect(res.sourcing.version).toBe((await claimForSourcing(ds.manager, orderId, { lock: false }))!.version);
    // The channel changes the order (its lines, say) after sourcing read it.
    await db.pool.query(`UPDATE order_lines SET quantity = 2 WHERE order_id = $1`, [orderId]);
    await db.pool.query(`UPDATE orders SET total_units = 2, updated_at = now() WHERE id = $1`, [orderId]);
    const before = (await db.pool.query(`SELECT location_id, sku, reserved FROM stock ORDER BY 1, 2`)).rows;
    const stale = await assignIfWaiting(ds.manager, {
      locationId: 'loc-quilmes',
      orderId,
      fromStatus: 'received',
      version: res.sourcing.version,
      fulfilmentOrderId: randomUUID(),
      actor,
      decision: { test: true },
      lines: [{ sku: 'HP-ST', quantity: 1 }],
    });
    expect(stale).toBe('stale');
    expect((await db.pool.query(`SELECT location_id, sku, reserved FROM stock ORDER BY 1, 2`)).rows).toEqual(before);
    expect((await db.pool.query('SELECT status FROM orders WHERE id = $1', [orderId])).rows[0].status).toBe('received');
    // Read again, it goes through.
    const fresh = (await claimForSourcing(ds.manager, orderId, { lock: false }))!;
    expect(fresh.lines).toEqual([{ sku: 'HP-ST', quantity: 2 }]);
    expect(
      await assignIfWaiting(ds.manager, {
        locationId: 'loc-quilmes',
        orderId,
        fromStatus: 'received',
        version: fresh.version,
        fulfilmentOrderId: randomUUID(),
        actor,
        decision: { test: true },
        lines: fresh.lines,
      }),
    ).toBe('assigned');
  });

  it('an order inserted from an inbox row settles the row in the same statement', async () => {
    const inbox = await db.pool.query(
      `INSERT INTO inbox (channel_id, method, path, headers, raw_body, dedupe_key, topic, status) VALUES (NULL, 'POST', '/orders', '{}', 'x', $1, 'order.create', 'received') RETURNING id::text`,
      [`hp-${randomUUID()}`],
    );
    const id = inbox.rows[0].id as string;
    const res = await insertOrder(ds.manager, {
      id: randomUUID(),
      input: anOrder({ lines: [{ sku: 'HP-A', quantity: 1 }] }),
      payloadHash: 'h3',
      actor: PLANNER,
      settleInbox: { id, actor: 'engine' },
    });
    if (res.kind !== 'inserted') throw new Error(res.kind);
    const row = (await db.pool.query(`SELECT status, order_id, processed_at IS NOT NULL AS done, history FROM inbox WHERE id = $1`, [id]))
      .rows[0];
    expect(row).toMatchObject({ status: 'processed', order_id: res.order.id, done: true });
    expect(row.history.at(-1)).toMatchObject({ action: 'processed', actor: 'engine' });
    // The same order again (a redelivery) inserts nothing and leaves the settled row alone.
    const again = await insertOrder(ds.manager, {
      id: randomUUID(),
      input: {
        ...anOrder(),
        externalId: (await db.pool.query('SELECT external_id FROM orders WHERE id = $1', [res.order.id])).rows[0].external_id,
      },
      payloadHash: 'h3',
      actor: PLANNER,
      settleInbox: { id, actor: 'engine' },
    });
    expect(again).toMatchObject({ kind: 'duplicate', existing: { id: res.order.id, payloadHash: 'h3' } });
    expect((await db.pool.query(`SELECT jsonb_array_length(history) AS n FROM inbox WHERE id = $1`, [id])).rows[0].n).toBe(
      row.history.length,
    );
  });
});
