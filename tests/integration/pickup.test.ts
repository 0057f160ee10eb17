import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { openDatabase, type Db } from '../../src/engine/db/data-source';
import { expireDuePickups } from '../../src/engine/modules/pickup/workflows/expire-pickups';
import type { Actor, AppError, EngineEvent, OrderDetail, OrderInput, Pickup } from '../../src/shared';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { ledgerMismatches, stockOf, SUPERVISOR, waitForStatus } from '../support/sourcing-ops';
import { eventually, type TestDatabase } from '../support/test-database';

/** An associate of another store: the Palermo counter is not theirs. */
const QUILMES_ASSOCIATE: Actor = { id: 'u-quilmes', name: 'Quique Quilmes', role: 'associate', locations: ['loc-quilmes'] };
const HOUR = 3_600_000;

/**
 * Store pickup on real Postgres: a packed store-pickup order is made ready with a code, handed over
 * at the Palermo counter against that code (whole, in parts, or with the rest declined), and a
 * no-show expires — stock, the ledger, the order and its lines follow each time.
 */
describe('store pickup', () => {
  let db: TestDatabase;
  let engine: Engine;
  let ds: Db;
  let ds2: Db;
  const events: EngineEvent[] = [];

  const skus = [
    'PK-WHOLE',
    'PK-CODES',
    'PK-PART',
    'PK-DECL',
    'PK-EXP',
    'PK-EXPART',
    'PK-RACE',
    'PK-HOME',
    'PK-POLICY',
    'PK-LOCK',
    'PK-PRINT',
    'PK-CANCEL',
  ];
  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      skus.map((sku) => ({ location: 'loc-palermo', sku, onHand: 10 })),
      { redisUrl: process.env.REDIS_URL },
    ));
    engine.onEvent((e) => events.push(e));
    // The no-show pass is run by the test with its own clock, on connections of its own (two, to race it against itself).
    ds = await openDatabase({ url: db.url, poolSize: 4 });
    ds2 = await openDatabase({ url: db.url, poolSize: 4 });
  });
  afterAll(async () => {
    await ds?.destroy();
    await ds2?.destroy();
    await engine?.close();
    await db?.drop();
  });

  /** A store-pickup order at Palermo, sourced there, then picked and packed through the contract. */
  async function packedPickupOrder(lines: OrderInput['lines'], opts: Partial<OrderInput> = {}): Promise<OrderDetail> {
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ deliveryType: 'store_pickup', pickupLocationId: 'loc-palermo', lines, ...opts }) },
      PLANNER,
    );
    const sourced = await waitForStatus(engine, order.id, 'sourced');
    expect(sourced.locationId).toBe('loc-palermo');
    await engine.dispatch('orders.advance', { id: order.id, to: 'picked' }, ASSOCIATE);
    await engine.dispatch('orders.advance', { id: order.id, to: 'packed' }, ASSOCIATE);
    return waitForStatus(engine, order.id, 'packed');
  }

  const ready = async (orderId: string, actor: Actor = ASSOCIATE) =>
    (await engine.dispatch('pickup.ready', { orderId, print: false }, actor)).pickup;
  const refused = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: AppError) => e,
    );
  const ledgerOf = async (orderId: string) =>
    (
      await db.pool.query(
        `SELECT sku, on_hand_delta, reserved_delta, reason FROM stock_movements WHERE order_id = $1 AND reason <> 'reserve' ORDER BY id`,
        [orderId],
      )
    ).rows;
  const eventTypes = async (orderId: string) =>
    (await db.pool.query(`SELECT type FROM order_events WHERE order_id = $1 ORDER BY id`, [orderId])).rows.map(
      (r: { type: string }) => r.type,
    );
  const partsOf = async (orderId: string) =>
    (await db.pool.query(`SELECT status FROM fulfilment_orders WHERE order_id = $1`, [orderId])).rows.map(
      (r: { status: string }) => r.status,
    );

  it('makes a packed pickup order ready with a code only its maker and supervisors see', async () => {
    const order = await packedPickupOrder([{ sku: 'PK-WHOLE', quantity: 2 }]);
    const made = await engine.dispatch('pickup.ready', { orderId: order.id, print: false }, ASSOCIATE);
    expect(made.printJob).toBeNull();
    const p = made.pickup;
    expect(p).toMatchObject({ orderId: order.id, orderNumber: order.number, locationId: 'loc-palermo', status: 'ready', wrongCodes: 0 });
    expect(p.code).toMatch(/^[0-9]{6}$/);
    expect(p.qrSvg).toMatch(/^<svg/);
    expect(p.lines).toEqual([{ sku: 'PK-WHOLE', productName: 'Producto PK-WHOLE', quantity: 2, collected: 0 }]);
    expect(Date.parse(p.expiresAt) - Date.parse(p.readyAt)).toBe(168 * HOUR);

    // The associate at the counter cannot read it off the screen; a supervisor can.
    const seen = await engine.dispatch('pickup.get', { orderId: order.id }, ASSOCIATE);
    expect(seen).toMatchObject({ orderId: order.id, code: null, qrSvg: null });
    expect((await engine.dispatch('pickup.get', { orderId: order.id }, SUPERVISOR))?.code).toBe(p.code);
    expect(await engine.dispatch('pickup.get', { orderId: order.id }, QUILMES_ASSOCIATE)).toBeNull();

    // Ready again: the same pickup, the code still hidden from the associate.
    const again = await ready(order.id);
    expect(again).toMatchObject({ readyAt: p.readyAt, code: null });
    expect((await ready(order.id, SUPERVISOR)).code).toBe(p.code);

    const counter = await engine.dispatch('pickup.list', { locationId: 'loc-palermo' }, ASSOCIATE);
    expect(counter.find((x) => x.orderId === order.id)).toMatchObject({ status: 'ready', code: null });
    expect(await refused(engine.dispatch('pickup.list', { locationId: 'loc-palermo' }, QUILMES_ASSOCIATE))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await eventTypes(order.id)).toContain('order.ready_for_pickup');
    await eventually(
      async () => events.find((e) => e.type === 'floor.changed' && e.kind === 'pickup' && e.refId === order.id),
      'the counter to hear of the pickup',
    );
    // Nothing left the shelf yet: the units are still reserved.
    expect((await stockOf(db.pool, 'PK-WHOLE'))['loc-palermo']).toEqual({ onHand: 10, reserved: 2 });

    // The right code hands everything over: delivered, the units leave on hand through the ledger.
    const done = await engine.dispatch('pickup.handover', { orderId: order.id, code: p.code! }, ASSOCIATE);
    expect(done.order.status).toBe('delivered');
    expect(done.pickup).toMatchObject({ status: 'collected', code: null, lines: [{ sku: 'PK-WHOLE', quantity: 2, collected: 2 }] });
    expect(done.pickup.collectedAt).not.toBeNull();
    expect((await stockOf(db.pool, 'PK-WHOLE'))['loc-palermo']).toEqual({ onHand: 8, reserved: 0 });
    expect(await ledgerOf(order.id)).toEqual([{ sku: 'PK-WHOLE', on_hand_delta: -2, reserved_delta: -2, reason: 'pickup' }]);
    expect(await partsOf(order.id)).toEqual(['delivered']);
    const detail = await engine.dispatch('orders.get', { id: order.id }, PLANNER);
    expect(detail.timeline.at(-1)).toMatchObject({
      type: 'order.delivered',
      fromStatus: 'packed',
      toStatus: 'delivered',
      actor: ASSOCIATE.name,
    });
    expect(await refused(engine.dispatch('pickup.handover', { orderId: order.id, code: p.code! }, ASSOCIATE))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: `the pickup of order #${order.number} is collected: there is nothing left to hand over`,
    });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('refuses a home delivery, an order not packed yet, and an associate of another store', async () => {
    const home = await packedPickupOrder([{ sku: 'PK-HOME', quantity: 1 }], { deliveryType: 'home_delivery', pickupLocationId: undefined });
    expect(await refused(ready(home.id))).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringMatching(/home delivery/) });
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ deliveryType: 'store_pickup', pickupLocationId: 'loc-palermo', lines: [{ sku: 'PK-HOME', quantity: 1 }] }) },
      PLANNER,
    );
    await waitForStatus(engine, order.id, 'sourced');
    expect(await refused(ready(order.id))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: `order #${(await engine.dispatch('orders.get', { id: order.id }, PLANNER)).number} is sourced: pack it first`,
    });
    await engine.dispatch('orders.advance', { id: order.id, to: 'picked' }, PLANNER);
    await engine.dispatch('orders.advance', { id: order.id, to: 'packed' }, PLANNER);
    expect(await refused(ready(order.id, QUILMES_ASSOCIATE))).toMatchObject({ code: 'FORBIDDEN' });
    // And a packed pickup order is delivered only at the counter, never by advancing it.
    expect(await refused(engine.dispatch('orders.advance', { id: order.id, to: 'delivered' }, PLANNER))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });

  it('counts wrong codes even though the call fails, locks after five, and a supervisor’s new code unlocks it', async () => {
    const order = await packedPickupOrder([{ sku: 'PK-LOCK', quantity: 1 }]);
    const { code } = await ready(order.id);
    const wrong = code === '000000' ? '000001' : '000000';
    const first = await refused(engine.dispatch('pickup.handover', { orderId: order.id, code: wrong }, ASSOCIATE));
    expect(first).toMatchObject({ code: 'SCAN_MISMATCH', message: "that is not this order's pickup code (4 tries left)" });
    expect(await engine.dispatch('pickup.get', { orderId: order.id }, ASSOCIATE)).toMatchObject({ wrongCodes: 1, locked: false });
    for (const left of ['3 tries', '2 tries', '1 try'])
      expect((await refused(engine.dispatch('pickup.handover', { orderId: order.id, code: wrong }, ASSOCIATE))).message).toBe(
        `that is not this order's pickup code (${left} left)`,
      );
    const fifth = await refused(engine.dispatch('pickup.handover', { orderId: order.id, code: wrong }, ASSOCIATE));
    expect(fifth.message).toMatch(/no tries left\): the pickup is locked — ask a supervisor for a new code$/);
    expect(await engine.dispatch('pickup.get', { orderId: order.id }, ASSOCIATE)).toMatchObject({ wrongCodes: 5, locked: true });
    // Locked: even the right code is refused, and the count does not move.
    expect(await refused(engine.dispatch('pickup.handover', { orderId: order.id, code: code! }, ASSOCIATE))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: `the pickup of order #${order.number} is locked after 5 wrong codes: ask a supervisor for a new code`,
    });
    expect((await stockOf(db.pool, 'PK-LOCK'))['loc-palermo']).toEqual({ onHand: 10, reserved: 1 });

    expect(await refused(engine.dispatch('pickup.reissueCode', { orderId: order.id }, ASSOCIATE))).toMatchObject({ code: 'FORBIDDEN' });
    const fresh = await engine.dispatch('pickup.reissueCode', { orderId: order.id }, SUPERVISOR);
    expect(fresh).toMatchObject({ wrongCodes: 0, locked: false, status: 'ready' });
    expect(fresh.code).toMatch(/^[0-9]{6}$/);
    if (fresh.code !== code)
      expect(await refused(engine.dispatch('pickup.handover', { orderId: order.id, code: code! }, ASSOCIATE))).toMatchObject({
        code: 'SCAN_MISMATCH',
      });
    // Spaces and a dash, as people read it out, still match.
    const spaced = `${fresh.code!.slice(0, 3)} - ${fresh.code!.slice(3)}`;
    const done = await engine.dispatch('pickup.handover', { orderId: order.id, code: spaced }, ASSOCIATE);
    expect(done.order.status).toBe('delivered');
    expect((await stockOf(db.pool, 'PK-LOCK'))['loc-palermo']).toEqual({ onHand: 9, reserved: 0 });
    expect(await eventTypes(order.id)).toEqual(expect.arrayContaining(['order.pickup_code_reissued', 'order.delivered']));
  });

  it('hands over part, then the rest: delivered once everything is collected', async () => {
    const order = await packedPickupOrder([{ sku: 'PK-PART', quantity: 3 }]);
    const { code } = await ready(order.id);
    const over = await refused(
      engine.dispatch('pickup.handover', { orderId: order.id, code: code!, lines: [{ sku: 'PK-PART', quantity: 4 }] }, ASSOCIATE),
    );
    expect(over).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'only 3 of SKU PK-PART are left to hand over (0 of 3 collected already)',
    });
    const part = await engine.dispatch(
      'pickup.handover',
      { orderId: order.id, code: code!, lines: [{ sku: 'PK-PART', quantity: 1 }] },
      ASSOCIATE,
    );
    expect(part.pickup).toMatchObject({ status: 'partially_collected', lines: [{ sku: 'PK-PART', quantity: 3, collected: 1 }] });
    expect(part.order.status).toBe('packed');
    expect((await stockOf(db.pool, 'PK-PART'))['loc-palermo']).toEqual({ onHand: 9, reserved: 2 });
    const rest = await engine.dispatch('pickup.handover', { orderId: order.id, code: code! }, ASSOCIATE);
    expect(rest.pickup).toMatchObject({ status: 'collected', lines: [{ sku: 'PK-PART', quantity: 3, collected: 3 }] });
    expect(rest.order.status).toBe('delivered');
    expect((await stockOf(db.pool, 'PK-PART'))['loc-palermo']).toEqual({ onHand: 7, reserved: 0 });
    expect(await ledgerOf(order.id)).toEqual([
      { sku: 'PK-PART', on_hand_delta: -1, reserved_delta: -1, reason: 'pickup' },
      { sku: 'PK-PART', on_hand_delta: -2, reserved_delta: -2, reason: 'pickup' },
    ]);
    expect(await eventTypes(order.id)).toEqual(expect.arrayContaining(['order.pickup_partial', 'order.delivered']));
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('a part with the rest declined: the rest is available again and cancelled on the order', async () => {
    const order = await packedPickupOrder([{ sku: 'PK-DECL', quantity: 3 }]);
    const { code } = await ready(order.id);
    const atpBefore = (await stockOf(db.pool, 'PK-DECL'))['loc-palermo']!;
    expect(atpBefore).toEqual({ onHand: 10, reserved: 3 });
    const done = await engine.dispatch(
      'pickup.handover',
      { orderId: order.id, code: code!, lines: [{ sku: 'PK-DECL', quantity: 1 }], declineRest: true },
      ASSOCIATE,
    );
    expect(done.order.status).toBe('delivered');
    expect(done.pickup).toMatchObject({ status: 'collected', lines: [{ sku: 'PK-DECL', quantity: 3, collected: 1 }] });
    // 1 left the shelf; the 2 declined are free again: 9 on hand, none reserved.
    expect((await stockOf(db.pool, 'PK-DECL'))['loc-palermo']).toEqual({ onHand: 9, reserved: 0 });
    const detail = await engine.dispatch('orders.get', { id: order.id }, PLANNER);
    expect(detail.lines).toMatchObject([{ sku: 'PK-DECL', quantity: 3, cancelledQuantity: 2 }]);
    expect(await ledgerOf(order.id)).toEqual([
      { sku: 'PK-DECL', on_hand_delta: -1, reserved_delta: -1, reason: 'pickup' },
      { sku: 'PK-DECL', on_hand_delta: 0, reserved_delta: -2, reason: 'release' },
    ]);
    // The declined units are sold again: an order for all 9 left is sourced at Palermo.
    const next = await packedPickupOrder([{ sku: 'PK-DECL', quantity: 9 }]);
    expect(next.locationId).toBe('loc-palermo');
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('a pickup policy for whole orders refuses a part; the hold time sets the expiry', async () => {
    const before = await engine.dispatch('pickup.policy', {}, ASSOCIATE);
    expect(before).toEqual({ holdHours: 168, onNoShow: 'cancel', allowPartial: true });
    expect(await refused(engine.dispatch('pickup.setPolicy', { ...before, allowPartial: false }, ASSOCIATE))).toMatchObject({
      code: 'FORBIDDEN',
    });
    await engine.dispatch('pickup.setPolicy', { holdHours: 48, onNoShow: 'cancel', allowPartial: false }, SUPERVISOR);
    try {
      const order = await packedPickupOrder([{ sku: 'PK-POLICY', quantity: 2 }]);
      const p = await ready(order.id);
      expect(Date.parse(p.expiresAt) - Date.parse(p.readyAt)).toBe(48 * HOUR);
      const part = await refused(
        engine.dispatch('pickup.handover', { orderId: order.id, code: p.code!, lines: [{ sku: 'PK-POLICY', quantity: 1 }] }, ASSOCIATE),
      );
      expect(part).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/handed over whole \(pickup policy\)/) });
      expect((await engine.dispatch('pickup.get', { orderId: order.id }, ASSOCIATE))?.status).toBe('ready');
      expect((await stockOf(db.pool, 'PK-POLICY'))['loc-palermo']).toEqual({ onHand: 10, reserved: 2 });
      // The whole order is handed over as usual.
      const whole = await engine.dispatch('pickup.handover', { orderId: order.id, code: p.code! }, ASSOCIATE);
      expect(whole.order.status).toBe('delivered');
    } finally {
      await engine.dispatch('pickup.setPolicy', before, SUPERVISOR);
    }
  });

  it('a no-show expires: nothing taken → cancelled with the units back; part taken → delivered with the rest cancelled', async () => {
    const none = await packedPickupOrder([{ sku: 'PK-EXP', quantity: 2 }]);
    const p = await ready(none.id);
    const expiresAt = new Date(p.expiresAt);
    expect(await expireDuePickups({ ds }, new Date(expiresAt.getTime() - 60_000))).toBe(0);
    expect((await engine.dispatch('pickup.get', { orderId: none.id }, ASSOCIATE))?.status).toBe('ready');

    const partly = await packedPickupOrder([{ sku: 'PK-EXPART', quantity: 3 }]);
    const q = await ready(partly.id);
    await engine.dispatch('pickup.handover', { orderId: partly.id, code: q.code!, lines: [{ sku: 'PK-EXPART', quantity: 1 }] }, ASSOCIATE);

    const later = new Date(Date.parse(q.expiresAt) + 60_000);
    expect(await expireDuePickups({ ds }, later)).toBe(2);

    const cancelled = await engine.dispatch('orders.get', { id: none.id }, PLANNER);
    expect(cancelled.status).toBe('cancelled');
    const when = `${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    expect(cancelled.timeline.at(-1)).toMatchObject({ type: 'order.cancelled', toStatus: 'cancelled', reason: `not collected by ${when}` });
    expect(cancelled.lines).toMatchObject([{ sku: 'PK-EXP', quantity: 2, cancelledQuantity: 2 }]);
    expect((await engine.dispatch('pickup.get', { orderId: none.id }, ASSOCIATE))?.status).toBe('expired');
    expect((await stockOf(db.pool, 'PK-EXP'))['loc-palermo']).toEqual({ onHand: 10, reserved: 0 });
    expect(await partsOf(none.id)).toEqual(['cancelled']);

    const delivered = await engine.dispatch('orders.get', { id: partly.id }, PLANNER);
    expect(delivered.status).toBe('delivered');
    expect(delivered.lines).toMatchObject([{ sku: 'PK-EXPART', quantity: 3, cancelledQuantity: 2 }]);
    expect((await stockOf(db.pool, 'PK-EXPART'))['loc-palermo']).toEqual({ onHand: 9, reserved: 0 });
    const closed = await engine.dispatch('pickup.list', { locationId: 'loc-palermo', includeClosed: true }, SUPERVISOR);
    expect(closed.find((x: Pickup) => x.orderId === partly.id)).toMatchObject({
      status: 'expired',
      lines: [{ quantity: 3, collected: 1 }],
    });
    const open = await engine.dispatch('pickup.list', { locationId: 'loc-palermo' }, ASSOCIATE);
    expect(open.map((x) => x.orderId)).not.toContain(none.id);
    // Once closed, nothing more happens on a later pass.
    expect(await expireDuePickups({ ds }, later)).toBe(0);
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('prints the bag label in the same transaction: the order reference on it, never the code', async () => {
    // The engine's own station (the printing module registers it at start; here it may not have yet).
    await db.pool.query(`INSERT INTO print_stations (id, name) VALUES ($1, 'Mostrador') ON CONFLICT (id) DO NOTHING`, [
      engine.config.stationId,
    ]);
    const order = await packedPickupOrder([{ sku: 'PK-PRINT', quantity: 2 }]);
    // A station that does not exist: nothing is made ready (the label and the pickup are one transaction).
    expect(
      await refused(engine.dispatch('pickup.ready', { orderId: order.id, print: true, stationId: 'no-such-station' }, ASSOCIATE)),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await engine.dispatch('pickup.get', { orderId: order.id }, SUPERVISOR)).toBeNull();

    const made = await engine.dispatch('pickup.ready', { orderId: order.id }, ASSOCIATE);
    expect(made.printJob).toMatchObject({
      docType: 'pickup_label',
      stationId: engine.config.stationId,
      status: 'queued',
      ref: { orderId: order.id },
      title: `Etiqueta de retiro #${order.number}`,
      requestedBy: ASSOCIATE.name,
    });
    const job = (await db.pool.query(`SELECT doc_key, model FROM print_jobs WHERE id = $1`, [made.printJob!.id])).rows[0];
    expect(job.doc_key).toBe(`pickup_label:${order.id}`);
    expect(job.model).toMatchObject({
      kind: 'pickup_label',
      orderNumber: order.number,
      customerName: 'Lucía Fernández',
      locationName: 'Tienda Palermo',
      reference: `AT${order.number}`,
      units: 2,
      expiresAt: made.pickup.expiresAt,
    });
    expect(JSON.stringify(job.model)).not.toContain(made.pickup.code);
    // Ready again prints nothing more.
    expect((await engine.dispatch('pickup.ready', { orderId: order.id }, ASSOCIATE)).printJob).toBeNull();
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM print_jobs WHERE doc_key = $1`, [job.doc_key])).rows[0].n).toBe(1);
    await engine.dispatch('pickup.handover', { orderId: order.id, code: made.pickup.code! }, ASSOCIATE);
  });

  it('an order cancelled from the desk takes its pickup with it', async () => {
    const order = await packedPickupOrder([{ sku: 'PK-CANCEL', quantity: 1 }]);
    const { code } = await ready(order.id);
    await engine.dispatch('orders.cancel', { id: order.id, reason: 'customer called to cancel' }, PLANNER);
    expect((await stockOf(db.pool, 'PK-CANCEL'))['loc-palermo']).toEqual({ onHand: 10, reserved: 0 });
    expect(await refused(engine.dispatch('pickup.handover', { orderId: order.id, code: code! }, ASSOCIATE))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: `order #${order.number} is cancelled: nothing to hand over`,
    });
    // The next pass closes it whatever the clock says; nothing moves twice.
    expect(await expireDuePickups({ ds }, new Date())).toBe(1);
    expect((await engine.dispatch('pickup.get', { orderId: order.id }, ASSOCIATE))?.status).toBe('cancelled');
    expect((await stockOf(db.pool, 'PK-CANCEL'))['loc-palermo']).toEqual({ onHand: 10, reserved: 0 });
    expect((await eventTypes(order.id)).filter((t) => t === 'order.cancelled')).toHaveLength(1);
  });

  it('two no-show passes at once close each pickup once', async () => {
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await packedPickupOrder([{ sku: 'PK-RACE', quantity: 2 }]));
    const pickups = [];
    for (const o of orders) pickups.push(await ready(o.id));
    const later = new Date(Math.max(...pickups.map((p) => Date.parse(p.expiresAt))) + 60_000);
    const [a, b] = await Promise.all([expireDuePickups({ ds }, later), expireDuePickups({ ds: ds2 }, later)]);
    expect(a + b).toBe(4);
    for (const o of orders) {
      const types = await eventTypes(o.id);
      expect(types.filter((t) => t === 'order.cancelled')).toHaveLength(1);
      const released = (await ledgerOf(o.id)).filter((r: { reason: string }) => r.reason === 'release');
      expect(released).toEqual([{ sku: 'PK-RACE', on_hand_delta: 0, reserved_delta: -2, reason: 'release' }]);
    }
    expect((await stockOf(db.pool, 'PK-RACE'))['loc-palermo']).toEqual({ onHand: 10, reserved: 0 });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });
});
