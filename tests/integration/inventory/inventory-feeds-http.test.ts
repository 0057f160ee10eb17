import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import { API_ACTOR } from '../../../src/server/actors';
import { buildHttpApp } from '../../../src/server/http-app';
import { startFixtureEngine } from '../../support/engine-under-test';
import { signInAs, TEST_ADMIN } from '../../support/sessions';
import type { TestDatabase } from '../../support/test-database';

/** The feed routes over real HTTP: CSV and JSON snapshots, sequenced deltas, roles and clear errors. */
describe('inventory feed routes', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let base: string;
  /** The POS's API key (scope inventory.feeds), as `Authorization: Bearer`. */
  let feed: { authorization: string };

  // A snapshot corrects whole locations, and every case counts Palermo's and Quilmes' SKU-A: each case
  // starts from this stock on a database of its own.
  beforeEach(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'SKU-A', onHand: 5 },
        { location: 'loc-quilmes', sku: 'SKU-A', onHand: 1 },
      ],
      { workers: false },
    ));
    app = await buildHttpApp(engine, { apiActor: API_ACTOR });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const key = await engine.dispatch('apiKeys.create', { name: 'POS', scopes: ['inventory.feeds'] }, TEST_ADMIN);
    feed = { authorization: `Bearer ${key.secret}` };
  });
  afterEach(async () => {
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  const onHand = async (loc: string) =>
    (await db.pool.query(`SELECT on_hand FROM stock WHERE location_id = $1 AND sku = 'SKU-A'`, [loc])).rows[0].on_hand;
  /** A count at Palermo finds `n` of SKU-A (a ledger row: stock follows it). */
  const palermoCounts = (n: number) =>
    db.pool.query(
      `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor)
       SELECT location_id, sku, $1 - on_hand, 'count', 'test' FROM stock WHERE location_id = 'loc-palermo' AND sku = 'SKU-A'`,
      [n],
    );

  it('applies a CSV snapshot streamed to COPY and answers what it corrected', async () => {
    const res = await fetch(`${base}/api/v1/inventory/snapshots?source=pos`, {
      method: 'POST',
      headers: { ...feed, 'content-type': 'text/csv' },
      body: 'location_id,sku,on_hand\r\nloc-palermo,SKU-A,8\r\n',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rows: 1, locations: 1, changed: 1, unitsAdded: 3 });
    expect(await onHand('loc-palermo')).toBe(8);
  });

  it('applies a JSON snapshot', async () => {
    const res = await fetch(`${base}/api/v1/inventory/snapshots`, {
      method: 'POST',
      headers: { ...feed, 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'erp', rows: [{ locationId: 'loc-quilmes', sku: 'SKU-A', onHand: 4 }] }),
    });
    expect(res.status).toBe(200);
    expect(await onHand('loc-quilmes')).toBe(4);
  });

  it('refuses a CSV without a source, and a JSON with a bad field, naming the fix', async () => {
    await palermoCounts(8);
    let res = await fetch(`${base}/api/v1/inventory/snapshots`, {
      method: 'POST',
      headers: { ...feed, 'content-type': 'text/csv' },
      body: 'location_id,sku,on_hand\nloc-palermo,SKU-A,1\n',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/\?source=/);
    res = await fetch(`${base}/api/v1/inventory/snapshots`, {
      method: 'POST',
      headers: { ...feed, 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'erp', rows: [{ locationId: 'loc-quilmes', sku: 'SKU-A', onHand: -1 }] }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/onHand/);
    expect(await onHand('loc-palermo')).toBe(8);
  });

  it('tells every desk which SKUs a feed changed, once committed', async () => {
    const heard: { snapshotId?: string }[] = [];
    const off = engine.onEvent((e) => e.type === 'inventory.changed' && heard.push(e));
    const res = await fetch(`${base}/api/v1/inventory/snapshots?source=pos&seq=1`, {
      method: 'POST',
      headers: { ...feed, 'content-type': 'text/csv' },
      body: 'location_id,sku,on_hand\nloc-palermo,SKU-A,8\nloc-quilmes,SKU-A,5\n',
    });
    const { snapshotId } = (await res.json()) as { snapshotId: string };
    // Earlier tests' events may still be on their way: look for this snapshot's.
    await expect.poll(() => heard.filter((e) => e.snapshotId === snapshotId).length, { timeout: 10_000 }).toBe(1);
    expect(heard.find((e) => e.snapshotId === snapshotId)).toMatchObject({
      type: 'inventory.changed',
      cause: 'snapshot',
      skus: ['SKU-A'],
      more: false,
    });
    off();
  });

  it('applies deltas in sequence and ignores stale ones', async () => {
    await palermoCounts(8);
    const post = (events: unknown[]) =>
      fetch(`${base}/api/v1/inventory/deltas`, {
        method: 'POST',
        headers: { ...feed, 'content-type': 'application/json' },
        body: JSON.stringify({ source: 'pos', events }),
      });
    let res = await post([{ locationId: 'loc-palermo', sku: 'SKU-A', seq: 10, adjust: -1 }]);
    expect(await res.json()).toMatchObject({ applied: 1, stale: 0 });
    res = await post([{ locationId: 'loc-palermo', sku: 'SKU-A', seq: 9, onHand: 100 }]);
    expect(await res.json()).toMatchObject({ applied: 0, stale: 1 });
    expect(await onHand('loc-palermo')).toBe(7);
  });

  it('a person at the desk may not push feeds: integrators only', async () => {
    const planner = await signInAs(engine, { role: 'planner' });
    const res = await fetch(`${base}/api/v1/desk/inventory.deltas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: planner.cookie },
      body: JSON.stringify({ source: 'pos', events: [{ locationId: 'loc-palermo', sku: 'SKU-A', seq: 11, onHand: 1 }] }),
    });
    expect(res.status).toBe(403);
  });

  it('streams a chunked CSV body into COPY without buffering it; a bad header or an oversized body applies nothing', async () => {
    // A body sent in pieces (chunked transfer encoding), the header line split across two chunks.
    const chunks = ['location_id,sku,', 'on_hand\n', 'loc-palermo,SKU-A,11\n', 'loc-quilmes,SKU-A,4\n'];
    const body = new ReadableStream({
      start(c) {
        for (const piece of chunks) c.enqueue(new TextEncoder().encode(piece));
        c.close();
      },
    });
    const res = await fetch(`${base}/api/v1/inventory/snapshots?source=wms`, {
      method: 'POST',
      headers: { ...feed, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rows: 2, locations: 2 });
    expect([await onHand('loc-palermo'), await onHand('loc-quilmes')]).toEqual([11, 4]);

    const bad = await fetch(`${base}/api/v1/inventory/snapshots?source=wms`, {
      method: 'POST',
      headers: { ...feed, 'content-type': 'text/csv' },
      body: 'sku,qty\nSKU-A,1\n',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/location_id,sku,on_hand/);

    // Over the size limit part-way through: the COPY is aborted and its transaction applies nothing.
    const { applySnapshotStream } = await import('../../../src/engine/modules/inventory/snapshot-stream');
    const { API_ACTOR: integrator } = await import('../../../src/server/actors');
    const ds = (await import('../../../src/engine/db/data-source')).openDatabase({ url: db.url, poolSize: 2 });
    const big = (async function* () {
      yield 'location_id,sku,on_hand\n';
      for (let i = 0; i < 100; i++) yield 'loc-palermo,SKU-A,99\n';
    })();
    const d = await ds;
    try {
      await expect(applySnapshotStream(d, { source: 'wms', seq: undefined, body: big }, integrator, 512)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    } finally {
      await d.destroy();
    }
    expect(await onHand('loc-palermo')).toBe(11);
  });
});
