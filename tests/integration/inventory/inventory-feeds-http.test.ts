import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import { API_ACTOR } from '../../../src/server/actors';
import { buildHttpApp } from '../../../src/server/http-app';
import { migrateTestDatabase, PLANNER, startTestEngine } from '../../support/engine-under-test';
import { seedFixture } from '../../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/** The feed routes over real HTTP: CSV and JSON snapshots, sequenced deltas, roles and clear errors. */
describe('inventory feed routes', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [{ location: 'loc-palermo', sku: 'SKU-A', onHand: 5 }, { location: 'loc-quilmes', sku: 'SKU-A', onHand: 1 }]);
    engine = await startTestEngine(db.url, { workers: false });
    app = await buildHttpApp(engine, { deskActor: PLANNER, apiActor: API_ACTOR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  const onHand = async (loc: string) => (await db.pool.query(`SELECT on_hand FROM stock WHERE location_id = $1 AND sku = 'SKU-A'`, [loc])).rows[0].on_hand;

  it('applies a CSV snapshot streamed to COPY and answers what it corrected', async () => {
    const res = await fetch(`${base}/api/v1/inventory/snapshots?source=pos`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'location_id,sku,on_hand\r\nloc-palermo,SKU-A,8\r\n' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rows: 1, locations: 1, changed: 1, unitsAdded: 3 });
    expect(await onHand('loc-palermo')).toBe(8);
  });

  it('applies a JSON snapshot', async () => {
    const res = await fetch(`${base}/api/v1/inventory/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: 'erp', rows: [{ locationId: 'loc-quilmes', sku: 'SKU-A', onHand: 4 }] }) });
    expect(res.status).toBe(200);
    expect(await onHand('loc-quilmes')).toBe(4);
  });

  it('refuses a CSV without a source, and a JSON with a bad field, naming the fix', async () => {
    let res = await fetch(`${base}/api/v1/inventory/snapshots`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'location_id,sku,on_hand\nloc-palermo,SKU-A,1\n' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/\?source=/);
    res = await fetch(`${base}/api/v1/inventory/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: 'erp', rows: [{ locationId: 'loc-quilmes', sku: 'SKU-A', onHand: -1 }] }) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/onHand/);
    expect(await onHand('loc-palermo')).toBe(8);
  });

  it('tells every desk which SKUs a feed changed, once committed', async () => {
    const heard: { snapshotId?: string }[] = [];
    const off = engine.onEvent((e) => e.type === 'inventory.changed' && heard.push(e));
    const res = await fetch(`${base}/api/v1/inventory/snapshots?source=pos&seq=1`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'location_id,sku,on_hand\nloc-palermo,SKU-A,8\nloc-quilmes,SKU-A,5\n' });
    const { snapshotId } = (await res.json()) as { snapshotId: string };
    // Earlier tests' events may still be on their way: look for this snapshot's.
    await expect.poll(() => heard.filter((e) => e.snapshotId === snapshotId).length, { timeout: 10_000 }).toBe(1);
    expect(heard.find((e) => e.snapshotId === snapshotId)).toMatchObject({ type: 'inventory.changed', cause: 'snapshot', skus: ['SKU-A'], more: false });
    off();
  });

  it('applies deltas in sequence and ignores stale ones', async () => {
    const post = (events: unknown[]) => fetch(`${base}/api/v1/inventory/deltas`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: 'pos', events }) });
    let res = await post([{ locationId: 'loc-palermo', sku: 'SKU-A', seq: 10, adjust: -1 }]);
    expect(await res.json()).toMatchObject({ applied: 1, stale: 0 });
    res = await post([{ locationId: 'loc-palermo', sku: 'SKU-A', seq: 9, onHand: 100 }]);
    expect(await res.json()).toMatchObject({ applied: 0, stale: 1 });
    expect(await onHand('loc-palermo')).toBe(7);
  });

  it('the desk (a supervisor here, a planner in tests) may not push feeds: integrators only', async () => {
    const res = await fetch(`${base}/api/v1/desk/inventory.deltas`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: 'pos', events: [{ locationId: 'loc-palermo', sku: 'SKU-A', seq: 11, onHand: 1 }] }) });
    expect(res.status).toBe(403);
  });
});
