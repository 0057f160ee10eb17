import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../src/engine';
import type { AppError, OrderInput, WaveDetail } from '../../src/shared';
import { gtin13 } from '../../src/engine/core/picking/gtin';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { ledgerMismatches, stockOf, waitForStatus } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

/**
 * Pick waves at a store against real Postgres and the real sourcing workers: a wave's walk in bin
 * order, scans by EAN and by SKU sorted to the right slot, wrong items and over-scans refused, the
 * wave completed through the floor's pick report (full → picked, short → the short-pick flow),
 * racing releases, and location scope.
 */
const EAN_D = gtin13('779000100004');
const EAN_X = gtin13('779000100009');
const OTHER_STORE: Actor = { id: 'u-cba', name: 'Carla Córdoba', role: 'associate', locations: ['loc-cordoba'] };

const refused = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as AppError,
  );

describe('picking waves', () => {
  let db: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'WA', onHand: 10, bin: 'A10-1' },
        { location: 'loc-palermo', sku: 'WB', onHand: 10, bin: 'A2-10' },
        { location: 'loc-palermo', sku: 'WC', onHand: 10 },
        { location: 'loc-palermo', sku: 'WD', onHand: 10, bin: 'B1-1', ean: EAN_D },
        { location: 'loc-cordoba', sku: 'WX', onHand: 5, ean: EAN_X },
        { location: 'loc-palermo', sku: 'WS', onHand: 2, bin: 'C1-1' },
        { location: 'loc-quilmes', sku: 'WS', onHand: 5 },
        { location: 'loc-palermo', sku: 'WR', onHand: 20, bin: 'D1-1' },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
    // Every location the same cut-off: after 16:00 each promise slips alike, so sourcing still
    // prefers Palermo whatever the hour the test runs at (one location alone past its cut-off lost to Quilmes).
    await db.pool.query(`UPDATE locations SET carrier_cutoff = '16:00'`);
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  async function order(lines: OrderInput['lines']) {
    const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines }) }, PLANNER);
    const o = await waitForStatus(engine, order.id, 'sourced');
    expect(o.locationId).toBe('loc-palermo');
    return o;
  }
  const foOf = async (orderId: string) =>
    (
      await db.pool.query(`SELECT id FROM fulfilment_orders WHERE order_id = $1 AND location_id = 'loc-palermo' AND status = 'assigned'`, [
        orderId,
      ])
    ).rows[0].id as string;

  let wave: WaveDetail;
  let orders: Awaited<ReturnType<typeof order>>[];

  it('releases a wave over three orders whose walk goes in bin order, slots in priority order', async () => {
    orders = [
      await order([
        { sku: 'WA', quantity: 1 },
        { sku: 'WB', quantity: 1 },
      ]),
      await order([
        { sku: 'WC', quantity: 1 },
        { sku: 'WD', quantity: 2 },
      ]),
      await order([{ sku: 'WA', quantity: 2 }]),
    ];
    const work = await engine.dispatch('picking.work', { locationId: 'loc-palermo' }, ASSOCIATE);
    expect(work.location).toMatchObject({ id: 'loc-palermo', carrierCutoff: '16:00' });
    expect(work.waiting.map((w) => w.number)).toEqual(orders.map((o) => o.number));
    expect(work.suggestions).toHaveLength(1);
    expect(work.suggestions[0]!.groupedBy).toMatch(/^cut-off 16:00( tomorrow)?$/);

    const res = await engine.dispatch('picking.releaseWave', { locationId: 'loc-palermo', print: false }, ASSOCIATE);
    wave = res.wave;
    expect(res.printJob).toBeNull();
    expect(wave.code).toMatch(/^W-\d+$/);
    expect(wave.status).toBe('released');
    expect(wave.orders.map((o) => [o.slot, o.orderNumber, o.units])).toEqual([
      ['A', orders[0]!.number, 2],
      ['B', orders[1]!.number, 3],
      ['C', orders[2]!.number, 2],
    ]);
    // A2-10 before A10-1 (natural order), then B1-1, the unbinned SKU last.
    expect(wave.lines.map((l) => [l.seq, l.bin, l.sku, l.quantity])).toEqual([
      [1, 'A2-10', 'WB', 1],
      [2, 'A10-1', 'WA', 3],
      [3, 'B1-1', 'WD', 2],
      [4, null, 'WC', 1],
    ]);
    expect(wave.lines[1]!.orders.map((o) => [o.slot, o.quantity])).toEqual([
      ['A', 1],
      ['C', 2],
    ]);
    expect(wave.lines[2]).toMatchObject({ ean: EAN_D, productName: 'Producto WD' });
    // Released orders no longer wait; the wave is open work.
    const after = await engine.dispatch('picking.work', { locationId: 'loc-palermo' }, ASSOCIATE);
    expect(after.waiting).toEqual([]);
    expect(after.waves.map((w) => w.id)).toEqual([wave.id]);
    const ev = await db.pool.query(
      `SELECT payload FROM engine_events WHERE payload->>'type' = 'floor.changed' AND payload->>'refId' = $1`,
      [wave.id],
    );
    expect(ev.rows[0].payload).toMatchObject({ locationId: 'loc-palermo', kind: 'wave' });
  });

  it('sorts a scan by EAN or SKU to the right slot', async () => {
    const d = await engine.dispatch('picking.scan', { waveId: wave.id, code: EAN_D }, ASSOCIATE);
    expect(d).toMatchObject({
      sku: 'WD',
      seq: 3,
      sortTo: [{ slot: 'B', orderNumber: orders[1]!.number, quantity: 1 }],
      linePicked: 1,
      lineQuantity: 2,
    });
    const a1 = await engine.dispatch('picking.scan', { waveId: wave.id, code: 'WA' }, ASSOCIATE);
    expect(a1.sortTo).toEqual([{ slot: 'A', orderNumber: orders[0]!.number, quantity: 1 }]);
    const a2 = await engine.dispatch('picking.scan', { waveId: wave.id, code: 'WA', quantity: 2 }, ASSOCIATE);
    expect(a2.sortTo).toEqual([{ slot: 'C', orderNumber: orders[2]!.number, quantity: 2 }]);
    expect(a2).toMatchObject({ linePicked: 3, lineQuantity: 3, wavePicked: 4, waveUnits: 7 });
  });

  it('refuses a wrong item and an over-scan with SCAN_MISMATCH, changing nothing', async () => {
    const wrong = await refused(engine.dispatch('picking.scan', { waveId: wave.id, code: EAN_X }, ASSOCIATE));
    expect(wrong).toMatchObject({ code: 'SCAN_MISMATCH', message: `EAN ${EAN_X} (Producto WX) is not on wave ${wave.code}` });
    const unknown = await refused(engine.dispatch('picking.scan', { waveId: wave.id, code: '0000' }, ASSOCIATE));
    expect(unknown).toMatchObject({ code: 'SCAN_MISMATCH', message: expect.stringContaining('0000 is not a known SKU or EAN') });
    const over = await refused(engine.dispatch('picking.scan', { waveId: wave.id, code: 'WA' }, ASSOCIATE));
    expect(over).toMatchObject({ code: 'SCAN_MISMATCH', message: 'all 3 units of WA are picked already' });
    const tooMany = await refused(engine.dispatch('picking.scan', { waveId: wave.id, code: 'WD', quantity: 2 }, ASSOCIATE));
    expect(tooMany).toMatchObject({ code: 'SCAN_MISMATCH', message: `only 1 unit of WD left to pick on wave ${wave.code}; you scanned 2` });
    const now = await engine.dispatch('picking.wave', { waveId: wave.id }, ASSOCIATE);
    expect(now.picked).toBe(4);
  });

  it('refuses an associate of another location', async () => {
    expect(await refused(engine.dispatch('picking.work', { locationId: 'loc-palermo' }, OTHER_STORE))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(engine.dispatch('picking.scan', { waveId: wave.id, code: 'WB' }, OTHER_STORE))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refused(engine.dispatch('picking.wave', { waveId: wave.id }, OTHER_STORE))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(engine.dispatch('picking.completeWave', { waveId: wave.id }, OTHER_STORE))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(engine.dispatch('picking.releaseWave', { locationId: 'loc-palermo', print: false }, OTHER_STORE))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('completes a wave picked in full: every order is picked', async () => {
    await engine.dispatch('picking.scan', { waveId: wave.id, code: 'WB' }, ASSOCIATE);
    await engine.dispatch('picking.scan', { waveId: wave.id, code: 'WD' }, ASSOCIATE);
    await engine.dispatch('picking.scan', { waveId: wave.id, code: 'WC' }, ASSOCIATE);
    const done = await engine.dispatch('picking.completeWave', { waveId: wave.id }, ASSOCIATE);
    expect(done.wave).toMatchObject({ status: 'completed', picked: 7, units: 7 });
    expect(done.orders.map((o) => [o.orderNumber, o.outcome])).toEqual(orders.map((o) => [o.number, 'picked']));
    for (const o of orders) expect((await engine.dispatch('orders.get', { id: o.id }, PLANNER)).status).toBe('picked');
    expect(await refused(engine.dispatch('picking.completeWave', { waveId: wave.id }, ASSOCIATE))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    expect(await refused(engine.dispatch('picking.scan', { waveId: wave.id, code: 'WB' }, ASSOCIATE))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });

  it('sends a short line the short-pick way: units found stay, the remainder is sourced elsewhere', async () => {
    const o = await order([{ sku: 'WS', quantity: 2 }]);
    const fo = await foOf(o.id);
    const { wave: w } = await engine.dispatch(
      'picking.releaseWave',
      { locationId: 'loc-palermo', fulfilmentOrderIds: [fo], print: false },
      PLANNER,
    );
    await engine.dispatch('picking.scan', { waveId: w.id, code: 'WS' }, ASSOCIATE);
    const done = await engine.dispatch('picking.completeWave', { waveId: w.id }, ASSOCIATE);
    expect(done.orders).toEqual([
      { orderId: o.id, orderNumber: o.number, outcome: 'remainder_sourced', shortfall: [{ sku: 'WS', ordered: 2, picked: 1 }] },
    ]);
    // Palermo: the unit not found leaves on hand, the one found stays reserved; Quilmes holds the remainder.
    expect(await stockOf(db.pool, 'WS')).toEqual({ 'loc-palermo': { onHand: 1, reserved: 1 }, 'loc-quilmes': { onHand: 5, reserved: 1 } });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('skips, on a re-run after a crash, the orders already reported', async () => {
    const a = await order([{ sku: 'WR', quantity: 1 }]);
    const b = await order([{ sku: 'WR', quantity: 2 }]);
    const { wave: w } = await engine.dispatch(
      'picking.releaseWave',
      { locationId: 'loc-palermo', fulfilmentOrderIds: [await foOf(a.id), await foOf(b.id)], print: false },
      PLANNER,
    );
    await engine.dispatch('picking.scan', { waveId: w.id, code: 'WR', quantity: 3 }, ASSOCIATE);
    // As if the first completion died after reporting order A: A is picked, the wave still released.
    await engine.dispatch(
      'fulfilment.shortPick',
      { orderId: a.id, locationId: 'loc-palermo', picked: [{ sku: 'WR', quantity: 1 }] },
      ASSOCIATE,
    );
    const done = await engine.dispatch('picking.completeWave', { waveId: w.id }, ASSOCIATE);
    expect(done.orders.map((o) => [o.orderNumber, o.outcome])).toEqual([
      [a.number, 'already_reported'],
      [b.number, 'picked'],
    ]);
    expect(done.wave.status).toBe('completed');
  });

  it('never puts one fulfilment order in two waves, however many releases race', async () => {
    const os = [await order([{ sku: 'WR', quantity: 1 }]), await order([{ sku: 'WR', quantity: 1 }])];
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => engine.dispatch('picking.releaseWave', { locationId: 'loc-palermo', print: false }, ASSOCIATE)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as AppError).code).toMatch(/^(ILLEGAL_TRANSITION|VALIDATION_FAILED)$/);
    }
    const open = await db.pool.query(
      `SELECT fulfilment_order_id, count(*)::int AS n FROM pick_wave_orders WHERE open GROUP BY fulfilment_order_id`,
    );
    expect(open.rows.map((r: { n: number }) => r.n)).toEqual([1, 1]);
    // Cancelling gives the orders back to the waiting list.
    const w = (won[0] as PromiseFulfilledResult<{ wave: WaveDetail }>).value.wave;
    expect((await engine.dispatch('picking.cancelWave', { waveId: w.id }, ASSOCIATE)).status).toBe('cancelled');
    const work = await engine.dispatch('picking.work', { locationId: 'loc-palermo' }, ASSOCIATE);
    expect(work.waiting.map((c) => c.orderId).sort()).toEqual(os.map((o) => o.id).sort());
  });

  it('prints the pick list in the release transaction: the walk in bin order; a bad station releases nothing', async () => {
    await db.pool.query(`INSERT INTO print_stations (id, name) VALUES ($1, 'Depósito') ON CONFLICT (id) DO NOTHING`, [
      engine.config.stationId,
    ]);
    const a = await order([
      { sku: 'WR', quantity: 1 },
      { sku: 'WB', quantity: 1 },
    ]);
    const b = await order([{ sku: 'WD', quantity: 1 }]);
    const ids = [await foOf(a.id), await foOf(b.id)];
    const bad = await refused(
      engine.dispatch(
        'picking.releaseWave',
        { locationId: 'loc-palermo', fulfilmentOrderIds: ids, stationId: 'no-such-station' },
        ASSOCIATE,
      ),
    );
    expect(bad.code).toBe('NOT_FOUND');
    expect(
      (await db.pool.query(`SELECT count(*)::int AS n FROM pick_wave_orders WHERE open AND fulfilment_order_id = ANY($1)`, [ids])).rows[0]
        .n,
    ).toBe(0);

    const res = await engine.dispatch('picking.releaseWave', { locationId: 'loc-palermo', fulfilmentOrderIds: ids }, ASSOCIATE);
    expect(res.printJob).toMatchObject({
      docType: 'pick_list',
      stationId: engine.config.stationId,
      title: `Lista de picking ${res.wave.code}`,
    });
    const job = (await db.pool.query(`SELECT doc_key, model FROM print_jobs WHERE id = $1`, [res.printJob!.id])).rows[0];
    expect(job.doc_key).toBe(`pick_list:${res.wave.id}`);
    expect(job.model).toMatchObject({ kind: 'pick_list', waveCode: res.wave.code, locationName: 'Tienda Palermo' });
    expect(job.model.lines.map((l: { bin: string; sku: string; slots: unknown }) => [l.bin, l.sku, l.slots])).toEqual([
      ['A2-10', 'WB', [{ slot: 'A', quantity: 1 }]],
      ['B1-1', 'WD', [{ slot: 'B', quantity: 1 }]],
      ['D1-1', 'WR', [{ slot: 'A', quantity: 1 }]],
    ]);
    await engine.dispatch('picking.cancelWave', { waveId: res.wave.id }, ASSOCIATE);
  });

  it('takes bins from the stock feeds: a bin given moves, one left out stays', async () => {
    const FEED: Actor = { id: 'pos', name: 'POS', role: 'integrator' };
    const bins = async () =>
      Object.fromEntries(
        (await db.pool.query(`SELECT sku, bin FROM stock WHERE location_id = 'loc-dc-ezeiza' ORDER BY sku`)).rows.map(
          (r: { sku: string; bin: string | null }) => [r.sku, r.bin],
        ),
      );
    await engine.dispatch(
      'inventory.snapshot',
      {
        source: 'wms',
        format: 'json',
        rows: [
          { locationId: 'loc-dc-ezeiza', sku: 'WA', onHand: 5, bin: 'A10-1' },
          { locationId: 'loc-dc-ezeiza', sku: 'WB', onHand: 5, bin: 'A2-1' },
          { locationId: 'loc-dc-ezeiza', sku: 'WC', onHand: 5 },
        ],
      },
      FEED,
    );
    expect(await bins()).toEqual({ WA: 'A10-1', WB: 'A2-1', WC: null });
    // CSV with a bin column: an empty field keeps the bin.
    await engine.dispatch(
      'inventory.snapshot',
      {
        source: 'wms',
        format: 'csv',
        csv: 'location_id,sku,on_hand,bin\nloc-dc-ezeiza,WA,6,\nloc-dc-ezeiza,WB,6,B7-3\nloc-dc-ezeiza,WC,6,C1-1\n',
      },
      FEED,
    );
    expect(await bins()).toEqual({ WA: 'A10-1', WB: 'B7-3', WC: 'C1-1' });
    // CSV without one, and JSON rows without bins: bins stay.
    await engine.dispatch(
      'inventory.snapshot',
      { source: 'wms', format: 'csv', csv: 'location_id,sku,on_hand\nloc-dc-ezeiza,WA,7\nloc-dc-ezeiza,WB,7\nloc-dc-ezeiza,WC,7\n' },
      FEED,
    );
    expect(await bins()).toEqual({ WA: 'A10-1', WB: 'B7-3', WC: 'C1-1' });
    const d = await engine.dispatch(
      'inventory.deltas',
      {
        source: 'pos',
        events: [
          { locationId: 'loc-dc-ezeiza', sku: 'WA', seq: 1, adjust: 1, bin: 'Z9-9' },
          { locationId: 'loc-dc-ezeiza', sku: 'WB', seq: 2, adjust: 1 },
        ],
      },
      FEED,
    );
    expect(d.applied).toBe(2);
    // A stale event moves no bin.
    await engine.dispatch(
      'inventory.deltas',
      { source: 'pos', events: [{ locationId: 'loc-dc-ezeiza', sku: 'WC', seq: 1, adjust: 1, bin: 'Q1-1' }] },
      FEED,
    );
    expect(await bins()).toEqual({ WA: 'Z9-9', WB: 'B7-3', WC: 'C1-1' });
    const bad = await refused(
      engine.dispatch(
        'inventory.snapshot',
        { source: 'wms', format: 'csv', csv: `location_id,sku,on_hand,bin\nloc-dc-ezeiza,WA,7,${'X'.repeat(33)}\n` },
        FEED,
      ),
    );
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('bin must be 1 to 32 characters') });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });
});
