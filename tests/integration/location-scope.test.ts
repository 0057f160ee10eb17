import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../src/engine';
import type { AppError, OrderDetail } from '../../src/shared';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { placeOrder, SUPERVISOR, waitForStatus } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

const refused = async (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: unknown) => e as AppError,
  );

/** Ana works the Palermo store; Nico has no location yet. */
const ANA: Actor = { id: 'u-ana', name: 'Ana', role: 'associate', locations: ['loc-palermo'] };
const NICO: Actor = { id: 'u-nico', name: 'Nico', role: 'associate', locations: [] };
const ERP: Actor = { id: 'key:erp', name: 'ERP', role: 'integrator' };
const NOT_HERE = 'You work at loc-palermo; this is loc-quilmes';

/**
 * A store associate sees and acts on their own locations' work only, in the engine (whatever the
 * desk shows): the floor, the orders (another location's order does not exist for them), rejections,
 * picks and floor steps, holds, receipts and the ledger. Every other role sees the whole network.
 */
describe('location scope of store associates', () => {
  let db: TestDatabase;
  let engine: Engine;
  let atPalermo: OrderDetail;
  let atQuilmes: OrderDetail;

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'LS-P', onHand: 10 },
        { location: 'loc-quilmes', sku: 'LS-Q', onHand: 10 },
        { location: 'loc-palermo', sku: 'LS-SPLIT', onHand: 5 },
        { location: 'loc-quilmes', sku: 'LS-SPLIT', onHand: 5 },
        { location: 'loc-quilmes', sku: 'LS-QX', onHand: 5 },
        { location: 'loc-palermo', sku: 'LS-H', onHand: 10 },
        { location: 'loc-quilmes', sku: 'LS-H', onHand: 10 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
    atPalermo = await placeOrder(engine, 'LS-P');
    atQuilmes = await placeOrder(engine, 'LS-Q');
    expect([atPalermo.locationId, atQuilmes.locationId]).toEqual(['loc-palermo', 'loc-quilmes']);
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it("shows an associate their own location's floor only, and records the refusal", async () => {
    const floor = await engine.dispatch('floor.openFulfilments', { locationId: 'loc-palermo' }, ANA);
    expect(floor.rows.map((r) => r.orderId)).toContain(atPalermo.id);

    const e = await refused(engine.dispatch('floor.openFulfilments', { locationId: 'loc-quilmes' }, ANA));
    expect(e).toMatchObject({ code: 'FORBIDDEN', message: NOT_HERE });
    const nobody = await refused(engine.dispatch('floor.openFulfilments', { locationId: 'loc-palermo' }, NICO));
    expect(nobody.code).toBe('FORBIDDEN');
    expect(nobody.message).toMatch(/not assigned to any location/);

    const denied = await db.pool.query(
      `SELECT user_id, location_id, outcome FROM audit_log WHERE action = 'floor.openFulfilments' ORDER BY id`,
    );
    expect(denied.rows).toEqual([
      { user_id: 'u-ana', location_id: 'loc-quilmes', outcome: 'denied' },
      { user_id: 'u-nico', location_id: 'loc-palermo', outcome: 'denied' },
    ]);
    // Everyone else sees every floor.
    expect((await engine.dispatch('floor.openFulfilments', { locationId: 'loc-quilmes' }, PLANNER)).rows.map((r) => r.orderId)).toContain(
      atQuilmes.id,
    );
  });

  it("lists and reads only their locations' orders: another location's order is not found", async () => {
    const mine = await engine.dispatch('orders.list', { pageSize: 500 }, ANA);
    expect(mine.rows.map((o) => o.id)).toContain(atPalermo.id);
    expect(mine.rows.map((o) => o.id)).not.toContain(atQuilmes.id);
    expect(mine.total).toBe(mine.rows.length);
    const all = await engine.dispatch('orders.list', { pageSize: 500 }, PLANNER);
    expect(all.rows.map((o) => o.id)).toEqual(expect.arrayContaining([atPalermo.id, atQuilmes.id]));

    expect((await engine.dispatch('orders.list', { locationId: 'loc-palermo' }, ANA)).rows.map((o) => o.id)).toContain(atPalermo.id);
    expect(await refused(engine.dispatch('orders.list', { locationId: 'loc-quilmes' }, ANA))).toMatchObject({
      code: 'FORBIDDEN',
      message: NOT_HERE,
    });
    // The page without its counts (what a desk reads after a live change) is scoped the same.
    const minePage = await engine.dispatch('orders.page', { pageSize: 500 }, ANA);
    expect(minePage.rows.map((o) => o.id)).toEqual(mine.rows.map((o) => o.id));
    expect(await refused(engine.dispatch('orders.page', { locationId: 'loc-quilmes' }, ANA))).toMatchObject({
      code: 'FORBIDDEN',
      message: NOT_HERE,
    });
    expect((await engine.dispatch('orders.counts', {}, ANA)).total).toBe(mine.total);
    expect(await refused(engine.dispatch('orders.counts', { locationId: 'loc-quilmes' }, ANA))).toMatchObject({
      code: 'FORBIDDEN',
      message: NOT_HERE,
    });
    // Searching for it by number does not find it either.
    const search = await engine.dispatch('orders.list', { search: `#${atQuilmes.number}` }, ANA);
    expect(search.rows.map((o) => o.id)).not.toContain(atQuilmes.id);

    expect((await engine.dispatch('orders.get', { id: atPalermo.id }, ANA)).id).toBe(atPalermo.id);
    expect(await refused(engine.dispatch('orders.get', { id: atQuilmes.id }, ANA))).toMatchObject({
      code: 'NOT_FOUND',
      message: `No order with id ${atQuilmes.id}`,
    });

    expect(await engine.dispatch('orders.list', {}, NICO)).toMatchObject({ rows: [], total: 0 });
    expect((await refused(engine.dispatch('orders.get', { id: atPalermo.id }, NICO))).code).toBe('NOT_FOUND');
  });

  it("refuses rejections, picks and floor steps on another location's order, changing nothing", async () => {
    for (const call of [
      () => engine.dispatch('fulfilment.reject', { orderId: atQuilmes.id, reasonCode: 'damaged' }, ANA),
      () => engine.dispatch('fulfilment.reject', { orderId: atQuilmes.id, reasonCode: 'not_in_stock', locationId: 'loc-quilmes' }, ANA),
      () => engine.dispatch('fulfilment.shortPick', { orderId: atQuilmes.id, picked: [{ sku: 'LS-Q', quantity: 1 }] }, ANA),
    ]) {
      expect(await refused(call())).toMatchObject({ code: 'FORBIDDEN', message: NOT_HERE });
    }
    expect(await refused(engine.dispatch('orders.advance', { id: atQuilmes.id, to: 'picked' }, ANA))).toMatchObject({
      code: 'FORBIDDEN',
      message: `You work at loc-palermo; order #${atQuilmes.number} is at loc-quilmes`,
    });
    expect(
      (await refused(engine.dispatch('fulfilment.shortPick', { orderId: atPalermo.id, picked: [{ sku: 'LS-P', quantity: 1 }] }, NICO)))
        .code,
    ).toBe('FORBIDDEN');
    const still = await engine.dispatch('orders.get', { id: atQuilmes.id }, PLANNER);
    expect(still).toMatchObject({ status: 'sourced', locationId: 'loc-quilmes' });
    expect(still.timeline.map((e) => e.type)).not.toContain('order.rejected');

    // Their own order: picked, then walked along the floor.
    const picked = await engine.dispatch('fulfilment.shortPick', { orderId: atPalermo.id, picked: [{ sku: 'LS-P', quantity: 1 }] }, ANA);
    expect(picked.outcome).toBe('picked');
    expect((await engine.dispatch('orders.advance', { id: atPalermo.id, to: 'packed' }, ANA)).status).toBe('packed');
    const [advanced] = (
      await db.pool.query(`SELECT outcome, location_id, before, after FROM audit_log WHERE action = 'orders.advance' AND order_id = $1`, [
        atPalermo.id,
      ])
    ).rows;
    expect(advanced).toEqual({ outcome: 'ok', location_id: 'loc-palermo', before: { status: 'picked' }, after: { status: 'packed' } });
  });

  it('an associate rejects their own order', async () => {
    const o = await placeOrder(engine, 'LS-P');
    const res = await engine.dispatch('fulfilment.reject', { orderId: o.id, reasonCode: 'damaged', quantity: 1 }, ANA);
    expect(res.locationId).toBe('loc-palermo');
  });

  it("an order split between two stores: the associate's report without a location is about their part", async () => {
    const { order } = await engine.dispatch(
      'orders.create',
      {
        order: anOrder({
          lines: [
            { sku: 'LS-SPLIT', quantity: 1 },
            { sku: 'LS-QX', quantity: 1 },
          ],
        }),
      },
      PLANNER,
    );
    expect((await waitForStatus(engine, order.id, 'sourced')).locationId).toBe('loc-quilmes');
    await engine.dispatch(
      'sourcing.override',
      { orderId: order.id, locationId: 'loc-palermo', reason: 'split', skus: ['LS-SPLIT'] },
      SUPERVISOR,
    );
    // Ana sees it (a part is hers) with both parts, and reports hers without naming the location.
    const detail = await engine.dispatch('orders.get', { id: order.id }, ANA);
    expect(detail.parts.map((p) => p.locationId).sort()).toEqual(['loc-palermo', 'loc-quilmes']);
    const res = await engine.dispatch('fulfilment.shortPick', { orderId: order.id, picked: [{ sku: 'LS-SPLIT', quantity: 1 }] }, ANA);
    expect(res.outcome).toBe('part_picked');
    expect(
      await refused(
        engine.dispatch(
          'fulfilment.shortPick',
          { orderId: order.id, locationId: 'loc-quilmes', picked: [{ sku: 'LS-QX', quantity: 1 }] },
          ANA,
        ),
      ),
    ).toMatchObject({ code: 'FORBIDDEN', message: NOT_HERE });
  });

  it("holds stock, settles holds, reads the ledger and receives only at the associate's locations", async () => {
    const hold = (locationId: string, who: Actor, ref: string) =>
      engine.dispatch('inventory.hold', { locationId, sku: 'LS-H', quantity: 1, channel: 'endless_aisle', ref }, who);
    expect(await refused(hold('loc-quilmes', ANA, 'cart-q'))).toMatchObject({ code: 'FORBIDDEN', message: NOT_HERE });
    const mine = await hold('loc-palermo', ANA, 'cart-p');
    expect(mine.held).toBe(true);
    const theirs = await hold('loc-quilmes', PLANNER, 'cart-q2');
    for (const endpoint of ['inventory.releaseHold', 'inventory.commitHold'] as const) {
      expect(await refused(engine.dispatch(endpoint, { reservationId: theirs.reservationId! }, ANA))).toMatchObject({
        code: 'FORBIDDEN',
        message: NOT_HERE,
      });
    }
    const reserved = await db.pool.query(`SELECT status FROM reservations WHERE id = $1`, [theirs.reservationId]);
    expect(reserved.rows[0].status).toBe('reserved');
    expect(await engine.dispatch('inventory.releaseHold', { reservationId: mine.reservationId! }, ANA)).toEqual({ released: true });

    expect(await refused(engine.dispatch('inventory.ledger', { locationId: 'loc-quilmes', sku: 'LS-H' }, ANA))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await engine.dispatch('inventory.ledger', { locationId: 'loc-palermo', sku: 'LS-H' }, ANA)).entries.length).toBeGreaterThan(0);

    const expect1 = (locationId: string, reference: string) =>
      engine.dispatch(
        'inventory.expectReceipt',
        { kind: 'transfer', reference, locationId, sku: 'LS-H', quantity: 2, expectedAt: new Date().toISOString() },
        PLANNER,
      );
    const toPalermo = await expect1('loc-palermo', 'TR-P');
    const toQuilmes = await expect1('loc-quilmes', 'TR-Q');
    expect((await engine.dispatch('inventory.receipts', { sku: 'LS-H' }, ANA)).map((r) => r.id)).toEqual([toPalermo.id]);
    expect((await engine.dispatch('inventory.receipts', { sku: 'LS-H' }, PLANNER)).map((r) => r.id).sort()).toEqual(
      [toPalermo.id, toQuilmes.id].sort(),
    );
    expect(await refused(engine.dispatch('inventory.receive', { receiptId: toQuilmes.id }, ANA))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'You work at loc-palermo; this is loc-quilmes',
    });
    expect((await engine.dispatch('inventory.receive', { receiptId: toPalermo.id }, ANA)).status).toBe('received');
    expect((await engine.dispatch('inventory.receipts', { sku: 'LS-H' }, NICO)).length).toBe(0);
  });

  it("shows an associate the reconciliation of their locations' counts only", async () => {
    // Last: a snapshot counts every SKU of the locations it names that it does not list as zero.
    await engine.dispatch(
      'inventory.snapshot',
      {
        source: 'pos',
        format: 'json',
        rows: [
          { locationId: 'loc-palermo', sku: 'LS-H', onHand: 20 },
          { locationId: 'loc-quilmes', sku: 'LS-H', onHand: 30 },
        ],
      },
      ERP,
    );
    const all = await engine.dispatch('inventory.reconciliation', {}, PLANNER);
    expect(new Set(all.corrections.map((c) => c.locationId))).toEqual(new Set(['loc-palermo', 'loc-quilmes']));
    const mine = await engine.dispatch('inventory.reconciliation', {}, ANA);
    expect(mine.corrections.length).toBeGreaterThan(0);
    expect(mine.corrections.every((c) => c.locationId === 'loc-palermo')).toBe(true);
    expect((await engine.dispatch('inventory.reconciliation', {}, NICO)).corrections).toEqual([]);
  });
});
