import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { migrateTestDatabase, startTestEngine } from '../support/engine-under-test';
import { seedFixture } from '../support/fixtures';
import { signInAs, TEST_ADMIN } from '../support/sessions';
import { startTcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, eventually, queueBackends, redisUrlOrWarn } from '../support/test-database';

const SKU = 'SKU-OUTAGE';

const orderBody = (externalId: string) => ({
  channel: 'api',
  externalId,
  customer: { name: 'Ana' },
  shipTo: { line1: 'Calle 1', city: 'Buenos Aires', country: 'AR', lat: -34.6, lng: -58.4 },
  lines: [{ sku: SKU, quantity: 1 }],
});

/** An engine whose database (and Redis, when given) is reached through proxies the test cuts and restores. */
async function engineBehindProxies(redisUrl: string | undefined) {
  const db = await createTestDatabase();
  await migrateTestDatabase(db.url);
  await seedFixture(db.pool, [{ location: 'loc-palermo', sku: SKU, onHand: 1000 }]);
  const pgProxy = await startTcpProxy(Number(new URL(db.url).port || 5432));
  const redisProxy = redisUrl ? await startTcpProxy(Number(new URL(redisUrl).port || 6379)) : undefined;
  const engine = await startTestEngine(pgProxy.url(db.url), { redisUrl: redisProxy?.url(redisUrl!), workers: true });
  const app = await buildHttpApp(engine, { apiActor: API_ACTOR });
  process.env.ATALAYA_SECRET_KEY ??= randomBytes(32).toString('base64');
  const { channel, apiKey } = await engine.dispatch('channels.create', { kind: 'api', name: 'ERP' }, TEST_ADMIN);
  // A supervisor at the desk and a POS with a feed key: the doors are locked, the outage must still answer 503.
  const supervisor = await signInAs(engine, { role: 'supervisor' });
  const feedKey = (await engine.dispatch('apiKeys.create', { name: 'POS', scopes: ['inventory.feeds'] }, TEST_ADMIN)).secret;
  return { db, pgProxy, redisProxy, engine, app, channelId: channel.id, apiKey: apiKey!, cookie: supervisor.cookie, feedKey };
}

type Rig = Awaited<ReturnType<typeof engineBehindProxies>>;

/** Every public door of the engine once: a desk query, a REST order, a channel's webhook, the inventory feeds. */
function doors(rig: Rig) {
  const { app, apiKey, channelId, cookie, feedKey } = rig;
  const feed = { authorization: `Bearer ${feedKey}` };
  return {
    desk: (endpoint: string, body: unknown = {}) =>
      app.inject({ method: 'POST', url: `/api/v1/desk/${endpoint}`, headers: { cookie }, payload: body as object }),
    rest: (externalId: string) =>
      app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'x-api-key': apiKey }, payload: orderBody(externalId) }),
    webhook: (externalId: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/channels/${channelId}/orders`,
        headers: { 'x-api-key': apiKey, 'idempotency-key': externalId },
        payload: orderBody(externalId),
      }),
    deltas: (seq: number) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/inventory/deltas',
        headers: feed,
        payload: { source: 'pos', events: [{ locationId: 'loc-palermo', sku: SKU, seq, onHand: 1000 }] },
      }),
    csvSnapshot: () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/inventory/snapshots?source=wms',
        headers: { ...feed, 'content-type': 'text/csv' },
        payload: `location_id,sku,on_hand\nloc-palermo,${SKU},1000\n`,
      }),
  };
}

const unavailable = (res: LightMyRequestResponse) => ({
  status: res.statusCode,
  code: (res.json() as { error?: { code?: string } }).error?.code,
  retryAfter: Number(res.headers['retry-after']) > 0,
});
const UNAVAILABLE = { status: 503, code: 'UNAVAILABLE', retryAfter: true };

const orderStatus = async (rig: Rig, externalId: string) =>
  (await rig.db.pool.query('SELECT status FROM orders WHERE external_id = $1', [externalId])).rows[0]?.status as string | undefined;

const close = async (rig: Rig | undefined) => {
  await rig?.app.close();
  await rig?.engine.close();
  await rig?.pgProxy.close();
  await rig?.redisProxy?.close();
  await rig?.db.drop();
};

describe.each(queueBackends('outage'))('the database goes away and comes back ($name queues)', ({ redisUrl }) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await engineBehindProxies(redisUrl);
  });
  afterAll(() => close(rig));

  it('answers 503 with Retry-After at every door while it is away, then normally again without a restart', async () => {
    const d = doors(rig);
    expect((await d.rest('BEFORE-1')).statusCode).toBe(201);
    // The desk is in use (its session seen live by this host) when the database goes.
    expect((await d.desk('orders.list', {})).statusCode).toBe(200);

    await rig.pgProxy.cut();
    expect(unavailable(await d.desk('orders.list', {}))).toEqual(UNAVAILABLE);
    expect(unavailable(await d.desk('orders.cancel', { id: '00000000-0000-4000-8000-000000000000', reason: 'x' }))).toEqual(UNAVAILABLE);
    expect(unavailable(await d.rest('DURING-1'))).toEqual(UNAVAILABLE);
    expect(unavailable(await d.webhook('DURING-2'))).toEqual(UNAVAILABLE);
    expect(unavailable(await d.deltas(1))).toEqual(UNAVAILABLE);
    expect(unavailable(await d.csvSnapshot())).toEqual(UNAVAILABLE);
    // The desk's health check still answers, and says what is wrong; the load balancer's check fails.
    const health = await d.desk('system.health');
    expect(health.statusCode).toBe(200);
    expect(health.json().database.ok).toBe(false);
    expect((await rig.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(503);

    await rig.pgProxy.restore();
    // The same engine: the pools reconnect on their own.
    await eventually(async () => ((await d.desk('orders.list', {})).statusCode === 200 ? true : undefined), 'the desk answering again');
    expect((await d.desk('system.health')).json().database.ok).toBe(true);
    expect((await d.rest('AFTER-1')).statusCode).toBe(201);
    expect((await d.webhook('AFTER-2')).statusCode).toBe(200);
    expect((await d.deltas(2)).statusCode).toBe(200);
    expect((await d.csvSnapshot()).statusCode).toBe(200);
    // What the 503s turned away was not half-written; what came after is sourced by the workers, which recovered too.
    expect(await orderStatus(rig, 'DURING-1')).toBeUndefined();
    expect(await orderStatus(rig, 'DURING-2')).toBeUndefined();
    for (const id of ['BEFORE-1', 'AFTER-1', 'AFTER-2'])
      await eventually(async () => ((await orderStatus(rig, id)) === 'sourced' ? true : undefined), `order ${id} sourced`, 60_000);
  });
});

const redisUrl = redisUrlOrWarn('outage (Redis)');
describe.skipIf(!redisUrl)('Redis goes away and comes back', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await engineBehindProxies(redisUrl);
  });
  afterAll(() => close(rig));

  it('keeps taking orders (nothing lost, no 500), says the queue is down, and works off what came in once it is back', async () => {
    const d = doors(rig);
    await rig.redisProxy!.cut();
    // Intake commits to the database first: accepted, their jobs wait for Redis or the sweepers.
    expect((await d.rest('R-DURING-1')).statusCode).toBe(201);
    expect((await d.webhook('R-DURING-2')).statusCode).toBe(200);
    expect((await d.desk('orders.list', {})).statusCode).toBe(200);
    const health = await d.desk('system.health');
    expect(health.statusCode).toBe(200);
    expect(health.json().queue.ok).toBe(false);
    // An upload is saved before its job is queued: it is accepted (a 503 would make the user send it
    // again, and import it twice), and it runs once the queue is back or the import sweeper finds it.
    const upload = await d.desk('imports.upload', {
      fileName: 'one.csv',
      contentBase64: Buffer.from(`external_id,sku,quantity\nR-IMP-1,${SKU},1\n`).toString('base64'),
    });
    expect(upload.statusCode).toBe(200);
    const importId = upload.json().id as string;

    await rig.redisProxy!.restore();
    for (const id of ['R-DURING-1', 'R-DURING-2'])
      await eventually(async () => ((await orderStatus(rig, id)) === 'sourced' ? true : undefined), `order ${id} sourced`, 90_000);
    expect((await d.desk('system.health')).json().queue.ok).toBe(true);
    await eventually(
      async () => {
        const status = (await d.desk('imports.get', { id: importId })).json().import.status as string;
        return status === 'queued' || status === 'running' ? undefined : status;
      },
      'the import saved during the outage to finish',
      150_000,
    );
    expect((await d.desk('imports.list', {})).json().filter((i: { fileName: string }) => i.fileName === 'one.csv')).toHaveLength(1);
    expect((await d.rest('R-AFTER-1')).statusCode).toBe(201);
    await eventually(
      async () => ((await orderStatus(rig, 'R-AFTER-1')) === 'sourced' ? true : undefined),
      'order R-AFTER-1 sourced',
      60_000,
    );
  });
});
