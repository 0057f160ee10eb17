import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../src/engine';
import type { AppError, BulkResult } from '../../src/shared';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { placeOrder, stockOf, SUPERVISOR } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

const refused = async (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: unknown) => e as AppError,
  );

const PLAN: Actor = { ...PLANNER, id: 'u-bulk-planner', session: 'sess-bulk-planner' };
const SUPER: Actor = { ...SUPERVISOR, id: 'u-bulk-super', session: 'sess-bulk-super' };
const ASSOC: Actor = { ...ASSOCIATE, id: 'u-bulk-assoc', session: 'sess-bulk-assoc' };

/** What a bulk answer says of each order, without the engine's English message. */
const brief = (results: BulkResult[]) => results.map((r) => ({ id: r.id, ok: r.ok, code: r.code, status: r.status }));

/**
 * Bulk actions of the queue: one action, many orders, each through its single endpoint in its own
 * transaction — a failure is named for its order and the others go on; the roles of the single
 * action apply to the whole call; each change has the single action's audit row.
 */
describe('orders.bulk', () => {
  let db: TestDatabase;
  let engine: Engine;

  const audit = async (where: string, params: unknown[] = []) =>
    (await db.pool.query(`SELECT * FROM audit_log WHERE ${where} ORDER BY id`, params)).rows as Record<string, unknown>[];
  const statusOf = async (id: string) => (await engine.dispatch('orders.get', { id }, PLANNER)).status;

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'BLK-CXL', onHand: 10 },
        { location: 'loc-palermo', sku: 'BLK-ADV', onHand: 10 },
        { location: 'loc-palermo', sku: 'BLK-MOVE', onHand: 10 },
        { location: 'loc-cordoba', sku: 'BLK-MOVE', onHand: 10 },
        { location: 'loc-palermo', sku: 'BLK-ROLE', onHand: 10 },
        { location: 'loc-palermo', sku: 'BLK-PRINT', onHand: 10 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('cancels a mixed batch: the cancellable ones are cancelled, the others are named with their reason', async () => {
    const [a, b, done] = [
      await placeOrder(engine, 'BLK-CXL', 2),
      await placeOrder(engine, 'BLK-CXL', 3),
      await placeOrder(engine, 'BLK-CXL'),
    ];
    await engine.dispatch('orders.cancel', { id: done.id, reason: 'duplicate' }, PLAN);
    expect((await stockOf(db.pool, 'BLK-CXL'))['loc-palermo']).toEqual({ onHand: 10, reserved: 5 });
    const ghost = randomUUID();

    const out = await engine.dispatch(
      'orders.bulk',
      { ids: [a.id, done.id, ghost, b.id, a.id], action: { kind: 'cancel', reason: '  customer changed their mind  ' } },
      PLAN,
    );

    expect(brief(out.results)).toEqual([
      { id: a.id, ok: true, code: undefined, status: 'cancelled' },
      { id: done.id, ok: false, code: 'ILLEGAL_TRANSITION', status: 'cancelled' },
      { id: ghost, ok: false, code: 'NOT_FOUND', status: null },
      { id: b.id, ok: true, code: undefined, status: 'cancelled' },
    ]);
    expect(out.results.map((r) => r.number)).toEqual([a.number, done.number, null, b.number]);
    expect(out.results[1]!.message).toMatch(/cancelled/);
    expect([out.done, out.failed]).toEqual([2, 2]);
    // Each cancelled order released its stock, as a single cancel does.
    expect((await stockOf(db.pool, 'BLK-CXL'))['loc-palermo']).toEqual({ onHand: 10, reserved: 0 });
    const timeline = (await engine.dispatch('orders.get', { id: a.id }, PLANNER)).timeline.find((e) => e.toStatus === 'cancelled');
    expect(timeline).toMatchObject({ actor: PLAN.name, reason: 'customer changed their mind' });

    // The audit log: one orders.cancel row per order tried, exactly as for a single cancel, and the bulk call itself.
    const rows = await audit(`action = 'orders.cancel' AND user_id = $1 AND order_id = ANY($2)`, [PLAN.id, [a.id, b.id, done.id, ghost]]);
    const byOrder = (id: string) => rows.filter((r) => r.order_id === id);
    for (const id of [a.id, b.id]) {
      expect(byOrder(id)).toHaveLength(1);
      expect(byOrder(id)[0]).toMatchObject({
        outcome: 'ok',
        reason: 'customer changed their mind',
        session_id: PLAN.session,
        location_id: 'loc-palermo',
        before: { status: 'sourced' },
        after: { status: 'cancelled' },
        input: { id, reason: 'customer changed their mind' },
      });
    }
    expect(byOrder(done.id).map((r) => r.outcome)).toEqual(['ok', 'failed']); // the single cancel, then the bulk's refused one
    expect(byOrder(ghost)).toMatchObject([{ outcome: 'failed', error: `No order with id ${ghost}` }]);
    const bulk = await audit(`action = 'orders.bulk' AND user_id = $1`, [PLAN.id]);
    expect(bulk).toHaveLength(1);
    expect(bulk[0]).toMatchObject({ outcome: 'ok', reason: null });
  });

  it('advances what can move to the step and names the rest; cancelling is not a floor step', async () => {
    const a = await placeOrder(engine, 'BLK-ADV');
    const b = await placeOrder(engine, 'BLK-ADV');
    await engine.dispatch('orders.advance', { id: b.id, to: 'picked' }, PLAN);

    const out = await engine.dispatch('orders.bulk', { ids: [a.id, b.id], action: { kind: 'advance', to: 'picked' } }, PLAN);
    expect(brief(out.results)).toEqual([
      { id: a.id, ok: true, code: undefined, status: 'picked' },
      { id: b.id, ok: false, code: 'ILLEGAL_TRANSITION', status: 'picked' },
    ]);
    expect(await audit(`action = 'orders.advance' AND order_id = $1 AND outcome = 'ok'`, [a.id])).toMatchObject([
      { user_id: PLAN.id, before: { status: 'sourced' }, after: { status: 'picked' } },
    ]);

    const e = await refused(engine.dispatch('orders.bulk', { ids: [a.id], action: { kind: 'advance', to: 'cancelled' } }, PLAN));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.issues?.map((i) => i.path)).toEqual(['action.to']);
    expect(await statusOf(a.id)).toBe('picked');
  });

  it('refuses an associate cancelling or moving, and a planner moving, before any order is touched', async () => {
    const o = await placeOrder(engine, 'BLK-ROLE');
    for (const [actor, action] of [
      [ASSOC, { kind: 'cancel', reason: 'no stock on the shelf' }],
      [ASSOC, { kind: 'move', locationId: 'loc-cordoba', reason: 'closer' }],
      [PLAN, { kind: 'move', locationId: 'loc-cordoba', reason: 'closer' }],
    ] as const) {
      const e = await refused(engine.dispatch('orders.bulk', { ids: [o.id], action }, actor));
      expect(e.code, `${actor.role} ${action.kind}`).toBe('FORBIDDEN');
      expect(e.message).toContain(action.kind === 'cancel' ? 'orders.cancel' : 'sourcing.override');
    }
    expect(await statusOf(o.id)).toBe('sourced');
    expect((await engine.dispatch('orders.get', { id: o.id }, PLANNER)).locationId).toBe('loc-palermo');
    expect((await audit(`action = 'orders.bulk' AND user_id = $1`, [ASSOC.id])).map((r) => r.outcome)).toEqual(['denied', 'denied']);
    expect(await audit(`action IN ('orders.cancel', 'sourcing.override') AND order_id = $1`, [o.id])).toEqual([]);

    // What the associate may do one order at a time, they may do in bulk: advance their location's orders.
    const out = await engine.dispatch('orders.bulk', { ids: [o.id], action: { kind: 'advance', to: 'picked' } }, ASSOC);
    expect(brief(out.results)).toEqual([{ id: o.id, ok: true, code: undefined, status: 'picked' }]);
  });

  it('moves orders to another location as a supervisor override does, each audited; a picked order stays', async () => {
    const a = await placeOrder(engine, 'BLK-MOVE', 2);
    const b = await placeOrder(engine, 'BLK-MOVE', 1);
    const picked = await placeOrder(engine, 'BLK-MOVE', 1);
    await engine.dispatch('orders.advance', { id: picked.id, to: 'picked' }, PLAN);
    expect([a.locationId, b.locationId]).toEqual(['loc-palermo', 'loc-palermo']);

    const out = await engine.dispatch(
      'orders.bulk',
      { ids: [a.id, picked.id, b.id], action: { kind: 'move', locationId: 'loc-cordoba', reason: 'Palermo closes early' } },
      SUPER,
    );
    expect(brief(out.results)).toEqual([
      { id: a.id, ok: true, code: undefined, status: 'sourced' },
      { id: picked.id, ok: false, code: 'ILLEGAL_TRANSITION', status: 'picked' },
      { id: b.id, ok: true, code: undefined, status: 'sourced' },
    ]);
    for (const id of [a.id, b.id]) expect((await engine.dispatch('orders.get', { id }, PLANNER)).locationId).toBe('loc-cordoba');
    expect(await stockOf(db.pool, 'BLK-MOVE')).toEqual({
      'loc-palermo': { onHand: 10, reserved: 1 },
      'loc-cordoba': { onHand: 10, reserved: 3 },
    });
    const rows = await audit(`action = 'sourcing.override' AND user_id = $1`, [SUPER.id]);
    expect(rows.map((r) => [r.order_id, r.outcome, r.location_id, r.reason])).toEqual([
      [a.id, 'ok', 'loc-cordoba', 'Palermo closes early'],
      [picked.id, 'failed', 'loc-cordoba', 'Palermo closes early'],
      [b.id, 'ok', 'loc-cordoba', 'Palermo closes early'],
    ]);
  });

  it('prints each order’s packing slip once; printing again is refused per order with ALREADY_PRINTED', async () => {
    const a = await placeOrder(engine, 'BLK-PRINT');
    const b = await placeOrder(engine, 'BLK-PRINT');
    const first = await engine.dispatch(
      'orders.bulk',
      { ids: [a.id, b.id], action: { kind: 'print', what: 'packing_slip', locale: 'es' } },
      PLAN,
    );
    expect(brief(first.results)).toEqual([
      { id: a.id, ok: true, code: undefined, status: 'sourced' },
      { id: b.id, ok: true, code: undefined, status: 'sourced' },
    ]);
    const jobs = await engine.dispatch('printing.jobs', { orderId: a.id, limit: 10 }, PLAN);
    expect(jobs.map((j) => [j.docType, j.title])).toEqual([['packing_slip', expect.stringContaining(`${a.number}`)]]);

    const again = await engine.dispatch('orders.bulk', { ids: [a.id, b.id], action: { kind: 'print', what: 'packing_slip' } }, PLAN);
    expect(again.results.map((r) => r.code)).toEqual(['ALREADY_PRINTED', 'ALREADY_PRINTED']);
    expect([again.done, again.failed]).toEqual([0, 2]);
    // As for a single print: a refused one names its order in the input only (the handler noted nothing).
    expect(
      (await audit(`action = 'printing.print' AND input->'ref'->>'orderId' = $1`, [b.id])).map((r) => [r.outcome, r.order_id]),
    ).toEqual([
      ['ok', b.id],
      ['failed', null],
    ]);
  });
});
