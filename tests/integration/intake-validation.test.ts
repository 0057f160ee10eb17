import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { ErrorBody, Order } from '../../src/shared';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { anOrder, seedFixture } from '../support/fixtures';
import { signInAs } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('intake: bad input, idempotency, nothing half-written', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  /** A planner's session cookie: the desk's endpoints and order reads need one. */
  let cookie: string;
  const count = async (table: string) => Number((await db.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [{ location: 'loc-palermo', sku: 'SKU-A', onHand: 3 }]);
    // No workers: these tests are about what intake stores, not what sourcing does.
    engine = await startTestEngine(db.url, { workers: false });
    app = await buildHttpApp(engine, { apiActor: API_ACTOR });
    ({ cookie } = await signInAs(engine, { role: 'planner' }));
  });
  afterAll(async () => {
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  it("stores the customer's tier for the unroutable queue's priority, and refuses an unknown tier naming the field", async () => {
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      payload: anOrder({ externalId: 'TIER-1', customer: { name: 'Ana Oro', tier: 'gold' } }),
    });
    expect(ok.statusCode).toBe(201);
    const id = (ok.json() as Order).id;
    expect((await db.pool.query(`SELECT customer_tier FROM orders WHERE id = $1`, [id])).rows[0].customer_tier).toBe('gold');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      payload: { ...anOrder({ externalId: 'TIER-2' }), customer: { name: 'X', tier: 'platinum' } },
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).error.issues!.map((i) => i.path)).toEqual(['customer.tier']);
  });

  it('rejects an invalid order with 400 naming every bad field, and stores nothing', async () => {
    const before = await count('orders');
    const bad = {
      ...anOrder(),
      channel: 'fax',
      customer: { name: '' },
      shipTo: { line1: 'x', city: 'y', country: 'AR', lat: 123, lng: 0 },
      lines: [{ sku: 'SKU-A', quantity: 0 }],
    };
    const res = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: bad });
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const paths = body.error.issues!.map((i) => i.path).sort();
    expect(paths).toEqual(['channel', 'customer.name', 'lines.0.quantity', 'shipTo.lat']);
    expect(body.error.message).toMatch(/shipTo\.lat/);
    expect(await count('orders')).toBe(before);
  });

  it('names duplicate SKU lines and a missing body', async () => {
    const dup = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      payload: anOrder({
        lines: [
          { sku: 'SKU-A', quantity: 1 },
          { sku: 'SKU-A', quantity: 2 },
        ],
      }),
    });
    expect(dup.statusCode).toBe(400);
    expect((dup.json() as ErrorBody).error.issues).toEqual([{ path: 'lines.1.sku', message: expect.stringMatching(/appears twice/) }]);
    const empty = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { 'content-type': 'application/json' },
      payload: 'null',
    });
    expect(empty.statusCode).toBe(400);
    const notJson = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { 'content-type': 'application/json' },
      payload: '{"channel":',
    });
    expect(notJson.statusCode).toBe(400);
    expect((notJson.json() as ErrorBody).error.code).toBe('VALIDATION_FAILED');
  });

  it('the same Idempotency-Key with the same body returns the first response; another body gets 409', async () => {
    const order = anOrder();
    const headers = { 'idempotency-key': `key-${order.externalId}` };
    const first = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: order, headers });
    expect(first.statusCode).toBe(201);
    const again = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: order, headers });
    expect(again.statusCode).toBe(200);
    expect((again.json() as Order).id).toBe((first.json() as Order).id);
    const other = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: { ...order, notes: 'changed' }, headers });
    expect(other.statusCode).toBe(409);
    expect((other.json() as ErrorBody).error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM orders WHERE external_id = $1', [order.externalId])).rows[0].n)).toBe(1);
  });

  it('concurrent requests with one key create one order', async () => {
    const order = anOrder();
    const headers = { 'idempotency-key': `race-${order.externalId}` };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => app.inject({ method: 'POST', url: '/api/v1/orders', payload: order, headers })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => (r.json() as Order).id)).size).toBe(1);
  });

  it('a channel redelivering the same order is a no-op; the same id with other content is a 409', async () => {
    const order = anOrder();
    const a = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: order });
    const b = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: order });
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    const c = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: { ...order, lines: [{ sku: 'SKU-A', quantity: 3 }] } });
    expect(c.statusCode).toBe(409);
    expect((c.json() as ErrorBody).error.code).toBe('DUPLICATE_ORDER');
  });

  it('the raw payload is kept and the timeline starts with the receipt', async () => {
    const order = anOrder({ notes: 'Timbre 3B' });
    const res = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: order });
    const id = (res.json() as Order).id;
    const row = (await db.pool.query('SELECT raw, notes FROM orders WHERE id = $1', [id])).rows[0];
    expect(row.raw).toMatchObject({ externalId: order.externalId, notes: 'Timbre 3B' });
    const detail = await engine.dispatch('orders.get', { id }, PLANNER);
    expect(detail.timeline).toMatchObject([{ type: 'order.received', toStatus: 'received', actor: 'REST API' }]);
  });

  it('unknown ids and endpoints are 404, not 500', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/orders/not-a-uuid', headers: { cookie } })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/orders/00000000-0000-0000-0000-000000000000', headers: { cookie } })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/v1/desk/orders.nuke', headers: { cookie }, payload: {} })).statusCode).toBe(404);
  });

  it('the desk endpoints refuse another web origin', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/desk/orders.list',
      payload: {},
      headers: { origin: 'https://evil.example', host: 'localhost:80', cookie },
    });
    expect(res.statusCode).toBe(403);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/desk/orders.list',
      payload: { pageSize: 5 },
      headers: { origin: 'http://localhost:80', host: 'localhost:80', cookie },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('the timeline and the ledger are append-only in the database', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: anOrder() });
    const id = (res.json() as Order).id;
    await expect(db.pool.query(`UPDATE order_events SET reason = 'edited' WHERE order_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`DELETE FROM stock_movements`)).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`UPDATE stock SET reserved = on_hand + 1`)).rejects.toThrow(/stock_reserved_within_on_hand/);
  });
});
