import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import type { Order } from '../../src/shared';
import { startFixtureEngine, startTestEngine } from '../support/engine-under-test';
import { eventually, queueBackends, type TestDatabase } from '../support/test-database';
import { TEST_ADMIN } from '../support/sessions';

const orderBody = (externalId: string, sku = 'SKU-IDEM', quantity = 1) => ({
  channel: 'api',
  externalId,
  customer: { name: 'Ana' },
  shipTo: { line1: 'Calle 1', city: 'Buenos Aires', country: 'AR', lat: -34.6, lng: -58.4 },
  lines: [{ sku, quantity }],
});

/**
 * `POST /api/v1/orders` is committed to the inbox before it is handled. When the process dies
 * between that commit and the answer, a worker takes the row later; the client, who never got an
 * answer, retries with the same Idempotency-Key and body and must get that order (2xx), not a 409.
 */
describe.each(queueBackends('REST idempotency'))('REST orders after a crash, on $name queues', ({ redisUrl }) => {
  let db: TestDatabase;
  let engine: Engine | undefined;
  let app: FastifyInstance | undefined;
  let apiKey = '';
  let channelId = '';

  const post = (body: unknown, key: string, idempotencyKey?: string) =>
    app!.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      payload: JSON.stringify(body),
    });

  /** What `POST /api/v1/orders` commits before anything else: the request in the inbox (then the process "dies"). */
  const recordOnly = (on: Engine, body: unknown, idempotencyKey: string) =>
    on.intake.recordRest(channelId, {
      method: 'POST',
      path: '/orders',
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      rawBody: Buffer.from(JSON.stringify(body)),
      receivedAt: new Date(),
    });

  const inboxRow = async (id: string) =>
    (await db.pool.query('SELECT status, order_id, error FROM inbox WHERE id = $1', [id])).rows[0] as {
      status: string;
      order_id: string | null;
      error: { reason: string } | null;
    };

  /** Restarts on the same database with workers; the row's job died with the process, so the sweeper finds it (made stale now, not waited for). */
  const restartWithWorkers = async () => {
    await app?.close();
    await engine?.close();
    await db.pool.query(`UPDATE inbox SET updated_at = now() - interval '1 hour' WHERE status = 'received'`);
    engine = await startTestEngine(db.url, { redisUrl, workers: true });
    app = await buildHttpApp(engine, { apiActor: API_ACTOR });
  };

  const settled = (id: string) =>
    eventually(async () => {
      const r = await inboxRow(id);
      return r.status !== 'received' ? r : undefined;
    }, `inbox row ${id} settled by a worker`);

  beforeAll(async () => {
    process.env.ATALAYA_SECRET_KEY ??= randomBytes(32).toString('base64');
    // No workers at first: what is committed to the inbox stays there, as after a crash.
    ({ db, engine } = await startFixtureEngine([{ location: 'loc-palermo', sku: 'SKU-IDEM', onHand: 100 }], { redisUrl, workers: false }));
    app = await buildHttpApp(engine, { apiActor: API_ACTOR });
    const created = await engine.dispatch('channels.create', { kind: 'api', name: 'ERP' }, TEST_ADMIN);
    apiKey = created.apiKey!;
    channelId = created.channel.id;
  });

  afterAll(async () => {
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  it('a request that reached the inbox, processed by a worker after the crash: the identical retry gets that order', async () => {
    const body = orderBody(`CRASH-${randomBytes(3).toString('hex')}`);
    const key = `idem-${randomBytes(6).toString('hex')}`;
    const inboxId = await recordOnly(engine!, body, key);
    await restartWithWorkers();

    const row = await settled(inboxId);
    expect(row.status).toBe('processed');
    expect(row.order_id).toEqual(expect.any(String));

    const retry = await post(body, apiKey, key);
    expect(retry.statusCode).toBe(200);
    expect((retry.json() as Order).id).toBe(row.order_id);
    // Once more, and still the one order.
    expect((await post(body, apiKey, key)).json().id).toBe(row.order_id);
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM orders WHERE external_id = $1', [body.externalId])).rows[0].n)).toBe(1);

    // Another body under the same key names the key.
    const other = await post({ ...body, lines: [{ sku: 'SKU-IDEM', quantity: 2 }] }, apiKey, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', message: expect.stringContaining(key) });
  });

  it('a retry that overtakes the worker creates the order; the worker then settles the first row with that same order', async () => {
    await app?.close();
    await engine?.close();
    engine = await startTestEngine(db.url, { redisUrl, workers: false });
    app = await buildHttpApp(engine, { apiActor: API_ACTOR });

    const body = orderBody(`RACE-${randomBytes(3).toString('hex')}`);
    const key = `idem-${randomBytes(6).toString('hex')}`;
    const inboxId = await recordOnly(engine, body, key);
    const retry = await post(body, apiKey, key);
    expect(retry.statusCode).toBe(201);
    const orderId = (retry.json() as Order).id;

    await restartWithWorkers();
    expect(await settled(inboxId)).toMatchObject({ status: 'processed', order_id: orderId });
    expect((await post(body, apiKey, key)).json().id).toBe(orderId);
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM orders WHERE external_id = $1', [body.externalId])).rows[0].n)).toBe(1);
  });

  it('a request the worker refuses is recorded as the synchronous call would have been, and the retry gets the same refusal', async () => {
    const body = { ...orderBody(`BAD-${randomBytes(3).toString('hex')}`), lines: [] };
    const key = `idem-${randomBytes(6).toString('hex')}`;
    const inboxId = await recordOnly(engine!, body, key);
    await restartWithWorkers();
    const row = await settled(inboxId);
    expect(row.status).toBe('ignored');
    expect(row.error?.reason).toMatch(/^rejected: .*lines/);
    const retry = await post(body, apiKey, key);
    expect(retry.statusCode).toBe(400);
    expect(retry.json().error.issues).toEqual([{ path: 'lines', message: expect.any(String) }]);
  });

  it('idempotency keys are per API channel: two integrations sending the same key do not collide', async () => {
    const second = await engine!.dispatch('channels.create', { kind: 'api', name: 'Marketplace' }, TEST_ADMIN);
    const key = `shared-${randomBytes(6).toString('hex')}`;
    const a = orderBody(`A-${randomBytes(3).toString('hex')}`);
    const b = orderBody(`B-${randomBytes(3).toString('hex')}`, 'SKU-IDEM', 3);

    const first = await post(a, apiKey, key);
    const other = await post(b, second.apiKey!, key);
    expect([first.statusCode, other.statusCode]).toEqual([201, 201]);
    expect(other.json().id).not.toBe(first.json().id);
    // Even the very same body under one key is a different order for each channel.
    const key2 = `shared-${randomBytes(6).toString('hex')}`;
    const c = orderBody(`C-${randomBytes(3).toString('hex')}`);
    const [viaFirst, viaSecond] = [await post(c, apiKey, key2), await post(c, second.apiKey!, key2)];
    expect([viaFirst.statusCode, viaSecond.statusCode]).toEqual([201, 201]);
    expect(viaSecond.json().id).not.toBe(viaFirst.json().id);

    // Each channel's retry gets its own order back.
    expect([(await post(a, apiKey, key)).json().id, (await post(b, second.apiKey!, key)).json().id]).toEqual([
      first.json().id,
      other.json().id,
    ]);
    // And a different body under a key is refused within the channel that used it.
    expect((await post(b, apiKey, key)).statusCode).toBe(409);
  });
});
