import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { EngineEvent } from '../../src/shared';
import { migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { anOrder, seedFixture } from '../support/fixtures';
import { createTestDatabase, eventually, type TestDatabase } from '../support/test-database';

describe('live events across desks sharing one database', () => {
  let db: TestDatabase;
  let deskA: Engine;
  let deskB: Engine;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [{ location: 'loc-palermo', sku: 'SKU-A', onHand: 3 }]);
    deskA = await startTestEngine(db.url, { workers: true });
    deskB = await startTestEngine(db.url, { workers: false });
  });
  afterAll(async () => {
    await deskA?.close();
    await deskB?.close();
    await db?.drop();
  });

  it('an order taken on desk A is heard on desk B as received, then sourced', async () => {
    const heard: EngineEvent[] = [];
    const off = deskB.onEvent((e) => heard.push(e));
    const { order } = await deskA.dispatch('orders.create', { order: anOrder() }, PLANNER);
    const statuses = await eventually(async () => {
      const s = heard
        .filter((e) => e.type === 'order.changed' && e.orderId === order.id)
        .map((e) => (e.type === 'order.changed' ? e.status : ''));
      return s.includes('sourced') ? s : undefined;
    }, 'desk B to hear the order sourced');
    off();
    // The promise computed just after sourcing is announced as a change of the sourced order too.
    expect(statuses.filter((s, i) => s !== statuses[i - 1])).toEqual(['received', 'sourced']);
  });

  it('a rolled-back change is never announced', async () => {
    const heard: EngineEvent[] = [];
    const off = deskB.onEvent((e) => heard.push(e));
    await expect(deskA.dispatch('orders.create', { order: { ...anOrder(), lines: [] } }, PLANNER)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const { order } = await deskA.dispatch('orders.create', { order: anOrder({ externalId: 'dup-ext' }) }, PLANNER);
    await expect(
      deskA.dispatch('orders.create', { order: anOrder({ externalId: 'dup-ext', notes: 'other' }) }, PLANNER),
    ).rejects.toMatchObject({ code: 'DUPLICATE_ORDER' });
    await eventually(
      async () => (heard.some((e) => e.type === 'order.changed' && e.orderId === order.id) ? true : undefined),
      'the committed order event',
    );
    // Events arrive in the order their transactions began (the outbox is read in xid order): once an
    // order taken after the rejected attempts is heard, anything those attempts had announced would
    // have been heard before it — no fixed wait needed.
    const { order: marker } = await deskA.dispatch('orders.create', { order: anOrder({ externalId: 'after-the-rejections' }) }, PLANNER);
    await eventually(
      async () => (heard.some((e) => e.type === 'order.changed' && e.orderId === marker.id) ? true : undefined),
      'the event of an order taken after the rejected ones',
    );
    off();
    const received = heard.filter((e) => e.type === 'order.changed' && e.status === 'received' && e.orderId !== marker.id);
    expect(received.map((e) => (e.type === 'order.changed' ? e.orderId : ''))).toEqual([order.id]);
  });
});
