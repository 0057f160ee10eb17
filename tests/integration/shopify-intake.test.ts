import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../src/engine';
import { adapterFor } from '../../src/engine/adapters/channels/registry';
import type { InboundRequest } from '../../src/engine/ports/channel.port';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { startFixtureEngine } from '../support/engine-under-test';
import { eventually, queueBackends, type TestDatabase } from '../support/test-database';
import { fixture, shopifyKit } from './channels/kits';
import { TEST_ADMIN } from '../support/sessions';

const SUPERVISOR: Actor = { id: 'u-super', name: 'Sofía Supervisora', role: 'supervisor' };

/** The real Shopify connector through the inbox over HTTP: the documented webhook becomes an order, and its cancellation releases the stock. */
describe.each(queueBackends('shopify intake'))('Shopify webhooks through the inbox on $name queues', ({ redisUrl }) => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let channelId = '';
  const kit = shopifyKit(adapterFor('shopify')!);
  const send = (req: InboundRequest) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/channels/${channelId}/webhooks`,
      headers: Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => e[1] !== undefined)),
      payload: req.rawBody,
    });
  /** The fixture's order under another external id: a case that needs an order of its own makes it with this. */
  const orderRequest = (externalId: string, extra: Record<string, unknown> = {}) =>
    kit.request(JSON.stringify({ ...fixture('shopify-order.json'), id: Number(externalId), ...extra }));
  const reservedInStock = async () => Number((await db.pool.query(`SELECT coalesce(sum(reserved), 0) AS n FROM stock`)).rows[0].n);
  const status = (id: string) =>
    eventually(async () => {
      const s = (await db.pool.query('SELECT status FROM inbox WHERE id = $1', [id])).rows[0]?.status as string | undefined;
      return s && s !== 'received' ? s : undefined;
    }, `inbox row ${id} processed`);

  beforeAll(async () => {
    process.env.ATALAYA_SECRET_KEY = randomBytes(32).toString('base64');
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'ZAP-RUN-42-NEG', onHand: 5 },
        { location: 'loc-palermo', sku: 'MED-DEP-3', onHand: 5 },
      ],
      { redisUrl },
    ));
    app = await buildHttpApp(engine, { apiActor: API_ACTOR });
    const account = kit.account();
    const { channel } = await engine.dispatch(
      'channels.create',
      { kind: 'shopify', name: account.name, settings: { ...account.settings }, secrets: { ...account.secrets } },
      TEST_ADMIN,
    );
    channelId = channel.id;
  });
  afterAll(async () => {
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  it('a signed order webhook becomes a sourced order; the redelivery is a no-op; an altered body is 401 and writes nothing', async () => {
    const req = kit.request();
    const inboxRows = async () => Number((await db.pool.query('SELECT count(*) AS n FROM inbox')).rows[0].n);
    const before = await inboxRows();
    const altered = await send(kit.alteredBody(req));
    expect(altered.statusCode).toBe(401);
    expect(await inboxRows()).toBe(before);

    const first = await send(req);
    expect(first.statusCode).toBe(200);
    const again = await send(kit.redelivery(req));
    expect(again.json()).toMatchObject({ duplicate: true, inboxId: first.json().inboxId });
    expect(await status(first.json().inboxId)).toBe('processed');

    const order = await eventually(async () => {
      const o = (
        await db.pool.query(`SELECT id, status, channel_id, external_number, geocode_source FROM orders WHERE external_id = $1`, [
          kit.externalId,
        ])
      ).rows[0];
      return o?.status === 'sourced' ? o : undefined;
    }, 'the Shopify order sourced');
    expect(order).toMatchObject({ channel_id: channelId });
    const lines = (await db.pool.query('SELECT sku, quantity FROM order_lines WHERE order_id = $1 ORDER BY sku', [order.id])).rows;
    expect(lines).toEqual([
      { sku: 'MED-DEP-3', quantity: 2 },
      { sku: 'ZAP-RUN-42-NEG', quantity: 1 },
    ]);
  });

  it('orders/cancelled before picking cancels the order and releases its stock', async () => {
    // This case's own order, sourced: it holds stock.
    const externalId = '5873927110802';
    const reservedBefore = await reservedInStock();
    await status((await send(orderRequest(externalId))).json().inboxId);
    await eventually(async () => {
      const o = (await db.pool.query(`SELECT status FROM orders WHERE external_id = $1`, [externalId])).rows[0];
      return o?.status === 'sourced' ? true : undefined;
    }, 'the Shopify order sourced');
    // Shopify sends the order JSON again, now with cancelled_at, under the orders/cancelled topic, with a new webhook id.
    const fresh = orderRequest(externalId, { cancelled_at: '2026-11-24T12:00:00-03:00', cancel_reason: 'customer' });
    const cancel: InboundRequest = { ...fresh, headers: { ...fresh.headers, 'x-shopify-topic': 'orders/cancelled' } };
    const res = await send(cancel);
    expect(res.statusCode).toBe(200);
    expect(await status(res.json().inboxId)).toBe('processed');
    const o = (await db.pool.query(`SELECT status FROM orders WHERE external_id = $1`, [externalId])).rows[0];
    expect(o.status).toBe('cancelled');
    expect(await reservedInStock()).toBe(reservedBefore);
  });

  it('the topic header is not signed: a genuine orders/create body resent as orders/cancelled cancels nothing; the inbox view hides the HMAC', async () => {
    const externalId = '5873927110803';
    await status((await send(orderRequest(externalId))).json().inboxId);
    const sourced = await eventually(async () => {
      const o = (await db.pool.query(`SELECT id, status FROM orders WHERE external_id = $1`, [externalId])).rows[0];
      return o?.status === 'sourced' ? o : undefined;
    }, 'the Shopify order sourced');
    // The same signed body (its HMAC still matches), replayed with a forged topic and a new webhook id.
    const genuine = orderRequest(externalId);
    const forged: InboundRequest = {
      ...genuine,
      headers: { ...genuine.headers, 'x-shopify-topic': 'orders/cancelled', 'x-shopify-webhook-id': randomBytes(8).toString('hex') },
    };
    const res = await send(forged);
    expect(res.statusCode).toBe(200);
    expect(await status(res.json().inboxId)).toBe('ignored');
    expect((await db.pool.query(`SELECT status FROM orders WHERE id = $1`, [sourced.id])).rows[0].status).toBe('sourced');
    const detail = await engine.dispatch('inbox.get', { id: res.json().inboxId }, SUPERVISOR);
    expect(detail.reason).toMatch(/no cancelled_at.*not signed/);
    expect(detail.headers['x-shopify-hmac-sha256']).toBe('[redacted]');
    expect(detail.headers['x-shopify-topic']).toBe('orders/cancelled');
    // Nor is it kept in the table: a signature with its body is a request anyone could send again.
    const stored = (await db.pool.query(`SELECT headers FROM inbox WHERE id = $1`, [res.json().inboxId])).rows[0].headers;
    expect(stored['x-shopify-hmac-sha256']).toBe('[redacted]');
  });
});
