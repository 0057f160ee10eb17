import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import type { Actor } from '../../../src/engine';
import type { Order } from '../../../src/shared';
import { createDataSource } from '../../../src/engine/db/data-source';
import { expireDueReservations } from '../../../src/engine/modules/inventory/workflows/reservation-expiry';
import { adjustOnHand } from '../../../src/engine/modules/inventory/stock.store';
import { migrateTestDatabase, PLANNER, startTestEngine } from '../../support/engine-under-test';
import { anOrder, seedFixture } from '../../support/fixtures';
import { createTestDatabase, eventually, type TestDatabase } from '../../support/test-database';

const SUPERVISOR: Actor = { id: 'u-sup', name: 'Sofía Supervisora', role: 'supervisor' };
const INTEGRATOR: Actor = { id: 'u-int', name: 'ERP feed', role: 'integrator' };

/** Inventory truth end to end through the contract, on a real Postgres. */
describe('inventory truth', () => {
  let db: TestDatabase;
  let engine: Engine;

  const stock = async (loc: string, sku: string) =>
    (await db.pool.query(`SELECT on_hand, reserved, safety_stock, ring_fenced FROM stock WHERE location_id = $1 AND sku = $2`, [loc, sku]))
      .rows[0];
  const ledgerSum = async (loc: string, sku: string) =>
    Number(
      (
        await db.pool.query(`SELECT coalesce(sum(on_hand_delta), 0) AS s FROM stock_movements WHERE location_id = $1 AND sku = $2`, [
          loc,
          sku,
        ])
      ).rows[0].s,
    );

  // A snapshot corrects whole locations (what it omits is zeroed), and most cases count the same few
  // SKUs: each case starts from this stock on a database of its own.
  beforeEach(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [
      { location: 'loc-palermo', sku: 'SKU-A', onHand: 10 },
      { location: 'loc-quilmes', sku: 'SKU-A', onHand: 4, safety: 1 },
      { location: 'loc-palermo', sku: 'SKU-B', onHand: 5 },
      { location: 'loc-cordoba', sku: 'SKU-B', onHand: 3 },
      { location: 'loc-palermo', sku: 'FENCED', onHand: 3 },
      { location: 'loc-palermo', sku: 'SNAP', onHand: 7 },
      { location: 'loc-quilmes', sku: 'SNAP', onHand: 2 },
    ]);
    await db.pool.query(`INSERT INTO products (sku, name) VALUES ('NEW-1', 'Nuevo'), ('INBOUND', 'Entrante')`);
    engine = await startTestEngine(db.url, { workers: true });
  });
  afterEach(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('refuses a direct UPDATE of on hand: it moves only through the ledger', async () => {
    await expect(db.pool.query(`UPDATE stock SET on_hand = 99 WHERE location_id = 'loc-palermo' AND sku = 'SKU-A'`)).rejects.toThrow(
      /changes only through the ledger/,
    );
    await expect(db.pool.query(`UPDATE stock_movements SET on_hand_delta = 1`)).rejects.toThrow(/append-only/);
    await db.pool.query(
      `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) VALUES ('loc-palermo', 'SKU-A', 2, 'count', 'test')`,
    );
    expect(await stock('loc-palermo', 'SKU-A')).toMatchObject({ on_hand: 12 });
    expect(await ledgerSum('loc-palermo', 'SKU-A')).toBe(12);
    await db.pool.query(
      `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) VALUES ('loc-palermo', 'SKU-A', -2, 'count', 'test')`,
    );
  });

  it('adjustOnHand (for rejections and counts) moves on hand through the ledger, never below reserved', async () => {
    const ds = createDataSource({ url: db.url, poolSize: 1 });
    await ds.initialize();
    try {
      const h = await engine.dispatch(
        'inventory.hold',
        { locationId: 'loc-quilmes', sku: 'SKU-A', quantity: 1, channel: 'web', ref: 'adj' },
        PLANNER,
      );
      // "Not in stock": nothing free left at the location, the held unit stays covered (shortfall 0).
      expect(
        await ds.transaction((m) =>
          adjustOnHand(
            m,
            { locationId: 'loc-quilmes', sku: 'SKU-A', target: 1, reason: 'reject:not_in_stock', source: 'store' },
            SUPERVISOR,
          ),
        ),
      ).toEqual({ applied: -3, shortfall: 0, onHand: 1 });
      expect(
        await ds.transaction((m) =>
          adjustOnHand(m, { locationId: 'loc-quilmes', sku: 'SKU-A', delta: -5, reason: 'damaged', source: 'store' }, SUPERVISOR),
        ),
      ).toEqual({ applied: 0, shortfall: 5, onHand: 1 });
      expect(
        await ds.transaction((m) =>
          adjustOnHand(m, { locationId: 'loc-quilmes', sku: 'SKU-A', delta: 3, reason: 'found', source: 'store' }, SUPERVISOR),
        ),
      ).toEqual({ applied: 3, shortfall: 0, onHand: 4 });
      expect(await ledgerSum('loc-quilmes', 'SKU-A')).toBe(4);
      await engine.dispatch('inventory.releaseHold', { reservationId: h.reservationId! }, PLANNER);
    } finally {
      await ds.destroy();
    }
  });

  it('an initial ledger row must match the on hand its stock row was born with', async () => {
    await expect(
      db.pool.query(`
      WITH s AS (INSERT INTO stock (location_id, sku, on_hand) VALUES ('loc-cordoba', 'NEW-1', 5) RETURNING 1)
      INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) SELECT 'loc-cordoba', 'NEW-1', 4, 'initial', 'test' FROM s`),
    ).rejects.toThrow(/initial row must record/);
  });

  it('holds: reserve, release, commit — and the ledger says who, why and from where', async () => {
    const h = await engine.dispatch(
      'inventory.hold',
      { locationId: 'loc-palermo', sku: 'SKU-A', quantity: 3, channel: 'web', ref: 'cart-1' },
      PLANNER,
    );
    expect(h.held).toBe(true);
    expect(await stock('loc-palermo', 'SKU-A')).toMatchObject({ on_hand: 10, reserved: 3 });
    const tooMuch = await engine.dispatch(
      'inventory.hold',
      { locationId: 'loc-palermo', sku: 'SKU-A', quantity: 8, channel: 'web', ref: 'cart-2' },
      PLANNER,
    );
    expect(tooMuch).toEqual({ held: false, reservationId: null, expiresAt: null });
    expect(await engine.dispatch('inventory.commitHold', { reservationId: h.reservationId! }, SUPERVISOR)).toEqual({ committed: true });
    expect(await engine.dispatch('inventory.commitHold', { reservationId: h.reservationId! }, SUPERVISOR)).toEqual({ committed: false });
    expect(await engine.dispatch('inventory.releaseHold', { reservationId: h.reservationId! }, SUPERVISOR)).toEqual({ released: false });
    expect(await stock('loc-palermo', 'SKU-A')).toMatchObject({ on_hand: 7, reserved: 0 });
    const ledger = await engine.dispatch('inventory.ledger', { locationId: 'loc-palermo', sku: 'SKU-A' }, PLANNER);
    expect(ledger.onHand).toBe(7);
    expect(ledger.ledgerSum).toBe(7);
    expect(ledger.entries[0]).toMatchObject({ reason: 'ship', onHandDelta: -3, reservedDelta: -3, actor: SUPERVISOR.id, balance: 7 });
    expect(ledger.entries[1]).toMatchObject({ reason: 'hold', onHandDelta: 0, reservedDelta: 3, actor: PLANNER.id, reference: 'cart-1' });
  });

  it('a hold with a TTL is released by the expiry sweeper', async () => {
    const h = await engine.dispatch(
      'inventory.hold',
      { locationId: 'loc-palermo', sku: 'SKU-B', quantity: 2, channel: 'web', ref: 'cart-ttl', ttlSeconds: 1 },
      PLANNER,
    );
    expect(h.expiresAt).not.toBeNull();
    expect(await stock('loc-palermo', 'SKU-B')).toMatchObject({ reserved: 2 });
    // The engine's own background sweeper (every 5 s) releases it…
    await eventually(
      async () => ((await stock('loc-palermo', 'SKU-B')).reserved === 0 ? true : undefined),
      'the expired hold to be released',
      20_000,
    );
    const r = await db.pool.query(`SELECT status FROM reservations WHERE id = $1`, [h.reservationId]);
    expect(r.rows[0].status).toBe('released');
    const led = await db.pool.query(`SELECT reason, reserved_delta, actor FROM stock_movements WHERE reservation_id = $1 ORDER BY id`, [
      h.reservationId,
    ]);
    expect(led.rows).toEqual([
      { reason: 'hold', reserved_delta: 2, actor: PLANNER.id },
      { reason: 'expire', reserved_delta: -2, actor: 'system' },
    ]);
    // … and a direct pass finds nothing left to do.
    const ds = createDataSource({ url: db.url, poolSize: 1 });
    await ds.initialize();
    expect(await expireDueReservations({ ds })).toBe(0);
    await ds.destroy();
  });

  it('ring-fenced units are held for their channel: others cannot promise or reserve them', async () => {
    await expect(
      engine.dispatch(
        'inventory.setRingFence',
        { locationId: 'loc-palermo', sku: 'FENCED', channel: 'mercadolibre', quantity: 2 },
        PLANNER,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await engine.dispatch(
        'inventory.setRingFence',
        { locationId: 'loc-palermo', sku: 'FENCED', channel: 'mercadolibre', quantity: 2 },
        SUPERVISOR,
      ),
    ).toEqual({ ringFenced: 2 });
    const atp = await engine.dispatch('inventory.atp', { sku: 'FENCED' }, PLANNER);
    expect(atp.locations[0]).toMatchObject({ locationId: 'loc-palermo', atp: 3, ringFenced: 2 });
    expect(atp.channels.find((c) => c.channel === 'web')).toMatchObject({ atp: 1, fenced: 2 });
    expect(atp.channels.find((c) => c.channel === 'mercadolibre')).toMatchObject({ atp: 3, fenced: 0 });
    const web = await engine.dispatch(
      'inventory.hold',
      { locationId: 'loc-palermo', sku: 'FENCED', quantity: 2, channel: 'web', ref: 'w' },
      PLANNER,
    );
    expect(web.held).toBe(false);
    const ml = await engine.dispatch(
      'inventory.hold',
      { locationId: 'loc-palermo', sku: 'FENCED', quantity: 3, channel: 'mercadolibre', ref: 'm' },
      PLANNER,
    );
    expect(ml.held).toBe(true);
    await engine.dispatch('inventory.releaseHold', { reservationId: ml.reservationId! }, PLANNER);
  });

  it('an order from another channel is not sourced from fenced units', async () => {
    // Palermo's 3 FENCED units: 2 ring-fenced for Mercado Libre.
    await engine.dispatch(
      'inventory.setRingFence',
      { locationId: 'loc-palermo', sku: 'FENCED', channel: 'mercadolibre', quantity: 2 },
      SUPERVISOR,
    );
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ channel: 'web', lines: [{ sku: 'FENCED', quantity: 2 }] }) },
      PLANNER,
    );
    const final = await eventually(async () => {
      const o = await engine.dispatch('orders.get', { id: (order as Order).id }, PLANNER);
      return o.status === 'received' ? undefined : o.status;
    }, 'the order to be decided');
    expect(final).toBe('unfillable');
    expect(await stock('loc-palermo', 'FENCED')).toMatchObject({ reserved: 0 });
  });

  it('safety stock per location, network and channel shape the promise', async () => {
    await engine.dispatch('inventory.setSafety', { scope: 'location', locationId: 'loc-cordoba', sku: 'SKU-B', quantity: 1 }, SUPERVISOR);
    await engine.dispatch('inventory.setSafety', { scope: 'network', sku: 'SKU-B', quantity: 2 }, SUPERVISOR);
    await engine.dispatch('inventory.setSafety', { scope: 'channel', channel: 'mercadolibre', sku: 'SKU-B', quantity: 3 }, SUPERVISOR);
    const atp = await engine.dispatch('inventory.atp', { sku: 'SKU-B' }, PLANNER);
    expect(atp.locations.map((l) => [l.locationId, l.atp])).toEqual([
      ['loc-cordoba', 2],
      ['loc-palermo', 5],
    ]);
    expect(atp.network).toMatchObject({ atp: 5, safety: 2 });
    expect(atp.channels.find((c) => c.channel === 'web')).toMatchObject({ atp: 5, safety: 2 });
    expect(atp.channels.find((c) => c.channel === 'mercadolibre')).toMatchObject({ atp: 2, safety: 5 });
    await expect(engine.dispatch('inventory.setSafety', { scope: 'network', sku: 'NOPE', quantity: 1 }, SUPERVISOR)).rejects.toMatchObject({
      code: 'UNKNOWN_SKU',
    });
  });

  it('inbound receipts give the date a quantity can be promised; receiving puts them on hand', async () => {
    const expectedAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const r = await engine.dispatch(
      'inventory.expectReceipt',
      { kind: 'purchase_order', reference: 'PO-77', locationId: 'loc-quilmes', sku: 'INBOUND', quantity: 6, expectedAt },
      PLANNER,
    );
    let atp = await engine.dispatch('inventory.atp', { sku: 'INBOUND', quantity: 4 }, PLANNER);
    expect(atp.network).toMatchObject({
      atp: 0,
      inbound: 6,
      promiseDate: expectedAt.replace(/Z$/, '').slice(0, 19) + '.' + expectedAt.slice(20, 23) + 'Z',
    });
    const got = await engine.dispatch('inventory.receive', { receiptId: r.id }, SUPERVISOR);
    expect(got).toMatchObject({ status: 'received', receivedQuantity: 6 });
    await expect(engine.dispatch('inventory.receive', { receiptId: r.id }, SUPERVISOR)).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    atp = await engine.dispatch('inventory.atp', { sku: 'INBOUND', quantity: 4 }, PLANNER);
    expect(atp.locations).toMatchObject([{ locationId: 'loc-quilmes', onHand: 6, atp: 6, inbound: 0 }]);
    expect(atp.network.promiseDate).toBe(atp.at);
    expect(await ledgerSum('loc-quilmes', 'INBOUND')).toBe(6);
  });

  it('deltas: a stale or replayed event never overwrites a newer one', async () => {
    const d1 = await engine.dispatch(
      'inventory.deltas',
      {
        source: 'pos',
        events: [
          { locationId: 'loc-quilmes', sku: 'SKU-A', seq: 5, onHand: 9 },
          { locationId: 'loc-quilmes', sku: 'SKU-A', seq: 3, onHand: 1 },
        ],
      },
      INTEGRATOR,
    );
    // Sorted by sequence: 3 applies first, then 5.
    expect(d1).toMatchObject({ applied: 2, stale: 0 });
    expect(await stock('loc-quilmes', 'SKU-A')).toMatchObject({ on_hand: 9 });
    const d2 = await engine.dispatch(
      'inventory.deltas',
      {
        source: 'pos',
        events: [
          { locationId: 'loc-quilmes', sku: 'SKU-A', seq: 4, onHand: 0 },
          { locationId: 'loc-quilmes', sku: 'SKU-A', seq: 5, adjust: -9 },
        ],
      },
      INTEGRATOR,
    );
    expect(d2).toMatchObject({ applied: 0, stale: 2 });
    expect(await stock('loc-quilmes', 'SKU-A')).toMatchObject({ on_hand: 9 });
    // Another source has its own sequence.
    const d3 = await engine.dispatch(
      'inventory.deltas',
      { source: 'wms', events: [{ locationId: 'loc-quilmes', sku: 'SKU-A', seq: 1, adjust: -2 }] },
      INTEGRATOR,
    );
    expect(d3.results[0]).toMatchObject({ status: 'applied', applied: -2 });
    expect(await stock('loc-quilmes', 'SKU-A')).toMatchObject({ on_hand: 7 });
    expect(await ledgerSum('loc-quilmes', 'SKU-A')).toBe(7);
    await expect(
      engine.dispatch('inventory.deltas', { source: 'pos', events: [{ locationId: 'loc-quilmes', sku: 'SKU-A', seq: 9 }] }, INTEGRATOR),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      engine.dispatch(
        'inventory.deltas',
        { source: 'pos', events: [{ locationId: 'loc-quilmes', sku: 'GHOST', seq: 9, onHand: 1 }] },
        INTEGRATOR,
      ),
    ).rejects.toThrow(/unknown SKU GHOST/);
    await expect(
      engine.dispatch(
        'inventory.deltas',
        { source: 'pos', events: [{ locationId: 'loc-quilmes', sku: 'SKU-A', seq: 9, onHand: 1 }] },
        PLANNER,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a snapshot corrects stock set-based, zeroes what it omits, never below reserved, and reports it', async () => {
    // Quilmes before the snapshot: 7 of SKU-A (a count found 3 more) and 6 of INBOUND received on a purchase order.
    await db.pool.query(
      `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) VALUES ('loc-quilmes', 'SKU-A', 3, 'count', 'test')`,
    );
    const po = await engine.dispatch(
      'inventory.expectReceipt',
      {
        kind: 'purchase_order',
        reference: 'PO-78',
        locationId: 'loc-quilmes',
        sku: 'INBOUND',
        quantity: 6,
        expectedAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
      PLANNER,
    );
    await engine.dispatch('inventory.receive', { receiptId: po.id }, SUPERVISOR);
    const h = await engine.dispatch(
      'inventory.hold',
      { locationId: 'loc-quilmes', sku: 'SNAP', quantity: 2, channel: 'web', ref: 'snap-hold' },
      PLANNER,
    );
    expect(h.held).toBe(true);
    const csv = 'location_id,sku,on_hand\nloc-palermo,SNAP,4\nloc-palermo,NEW-1,11\nloc-quilmes,SNAP,0\nloc-quilmes,SKU-A,7\n';
    const sum = await engine.dispatch('inventory.snapshot', { source: 'erp', format: 'csv', csv }, INTEGRATOR);
    // Palermo: SNAP 7→4, NEW-1 0→11, SKU-A/SKU-B/FENCED omitted → 0. Quilmes: SNAP 2 (reserved 2, reported 0 → shortfall), SKU-A unchanged, INBOUND omitted → 0.
    expect(sum).toMatchObject({ rows: 4, locations: 2, unchanged: 2, shortfalls: 1 });
    expect(await stock('loc-palermo', 'SNAP')).toMatchObject({ on_hand: 4 });
    expect(await stock('loc-palermo', 'NEW-1')).toMatchObject({ on_hand: 11 });
    expect(await stock('loc-palermo', 'SKU-B')).toMatchObject({ on_hand: 0 });
    expect(await stock('loc-quilmes', 'SNAP')).toMatchObject({ on_hand: 2, reserved: 2 });
    expect(await stock('loc-cordoba', 'SKU-B')).toMatchObject({ on_hand: 3 }); // not in the snapshot's scope
    for (const [l, s] of [
      ['loc-palermo', 'SNAP'],
      ['loc-palermo', 'NEW-1'],
      ['loc-quilmes', 'INBOUND'],
    ] as const)
      expect(await ledgerSum(l, s)).toBe((await stock(l, s)).on_hand);
    const rec = await engine.dispatch('inventory.reconciliation', {}, PLANNER);
    expect(rec.snapshot).toMatchObject({ snapshotId: sum.snapshotId, source: 'erp', shortfalls: 1 });
    expect(rec.corrections).toContainEqual({ locationId: 'loc-palermo', sku: 'NEW-1', before: 0, reported: 11, after: 11 });
    expect(rec.corrections).toContainEqual({ locationId: 'loc-quilmes', sku: 'SNAP', before: 2, reported: 0, after: 2 });
    expect(rec.corrections).toContainEqual({ locationId: 'loc-quilmes', sku: 'INBOUND', before: 6, reported: 0, after: 0 });

    const json = await engine.dispatch(
      'inventory.snapshot',
      {
        source: 'erp',
        format: 'json',
        rows: [
          { locationId: 'loc-palermo', sku: 'SNAP', onHand: 4 },
          { locationId: 'loc-palermo', sku: 'NEW-1', onHand: 12 },
        ],
      },
      INTEGRATOR,
    );
    expect(json).toMatchObject({ rows: 2, changed: 1, unchanged: 1, unitsAdded: 1 });
  });

  it('a snapshot with a sequence older than what its source already sent for a location skips that location', async () => {
    await engine.dispatch(
      'inventory.deltas',
      { source: 'store-feed', events: [{ locationId: 'loc-cordoba', sku: 'SKU-B', seq: 10, onHand: 5 }] },
      INTEGRATOR,
    );
    const old = await engine.dispatch(
      'inventory.snapshot',
      {
        source: 'store-feed',
        seq: 5,
        format: 'json',
        rows: [
          { locationId: 'loc-cordoba', sku: 'SKU-B', onHand: 1 },
          { locationId: 'loc-dc-ezeiza', sku: 'SKU-B', onHand: 4 },
        ],
      },
      INTEGRATOR,
    );
    expect(old).toMatchObject({ staleLocations: ['loc-cordoba'], locations: 1, changed: 1, unchanged: 0 });
    expect(await stock('loc-cordoba', 'SKU-B')).toMatchObject({ on_hand: 5 });
    expect(await stock('loc-dc-ezeiza', 'SKU-B')).toMatchObject({ on_hand: 4 });
    const newer = await engine.dispatch(
      'inventory.snapshot',
      { source: 'store-feed', seq: 11, format: 'json', rows: [{ locationId: 'loc-cordoba', sku: 'SKU-B', onHand: 2 }] },
      INTEGRATOR,
    );
    expect(newer).toMatchObject({ staleLocations: [], changed: 1 });
    expect(await stock('loc-cordoba', 'SKU-B')).toMatchObject({ on_hand: 2 });
    const late = await engine.dispatch(
      'inventory.deltas',
      { source: 'store-feed', events: [{ locationId: 'loc-cordoba', sku: 'SKU-B', seq: 11, onHand: 9 }] },
      INTEGRATOR,
    );
    expect(late).toMatchObject({ applied: 0, stale: 1 });
    expect(await ledgerSum('loc-cordoba', 'SKU-B')).toBe(2);
  });

  it('a bad snapshot is rejected whole, naming the row and the fix', async () => {
    const before = await stock('loc-palermo', 'SNAP');
    await expect(
      engine.dispatch(
        'inventory.snapshot',
        { source: 'erp', format: 'csv', csv: 'location_id,sku,on_hand\nloc-palermo,SNAP,1\nloc-palermo,GHOST,3\n' },
        INTEGRATOR,
      ),
    ).rejects.toThrow(/GHOST: unknown SKU/);
    await expect(
      engine.dispatch(
        'inventory.snapshot',
        { source: 'erp', format: 'csv', csv: 'location_id,sku,on_hand\nloc-palermo,SNAP,abc\n' },
        INTEGRATOR,
      ),
    ).rejects.toThrow(/nothing applied.*line 2/);
    await expect(
      engine.dispatch('inventory.snapshot', { source: 'erp', format: 'csv', csv: 'sku,qty\nSNAP,1\n' }, INTEGRATOR),
    ).rejects.toThrow(/header/);
    await expect(
      engine.dispatch(
        'inventory.snapshot',
        { source: 'erp', format: 'csv', csv: 'location_id,sku,on_hand\nloc-palermo,SNAP,1\nloc-palermo,SNAP,2\n' },
        INTEGRATOR,
      ),
    ).rejects.toThrow(/more than once/);
    expect(await stock('loc-palermo', 'SNAP')).toEqual(before);
  });
});
