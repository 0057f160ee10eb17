import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Engine } from '../../src/engine';
import { adapterFor } from '../../src/engine/adapters/channels/registry';
import type { InboundRequest } from '../../src/engine/ports/channel.port';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { eventually, queueBackends, type TestDatabase } from '../support/test-database';
import { shopifyKit } from './channels/kits';

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
    app = await buildHttpApp(engine, { deskActor: PLANNER, apiActor: API_ACTOR });
    const account = kit.account();
    const { channel } = await engine.dispatch(
      'channels.create',
      { kind: 'shopify', name: account.name, settings: { ...account.settings }, secrets: { ...account.secrets } },
      SUPERVISOR,
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
    const altered = await send(kit.alteredBody(req));
    expect(altered.statusCode).toBe(401);
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM inbox')).rows[0].n)).toBe(0);

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
    // Shopify sends the order JSON again under the orders/cancelled topic, with a new webhook id.
    const fresh = kit.request();
    const cancel: InboundRequest = { ...fresh, headers: { ...fresh.headers, 'x-shopify-topic': 'orders/cancelled' } };
    const res = await send(cancel);
    expect(res.statusCode).toBe(200);
    expect(await status(res.json().inboxId)).toBe('processed');
    const o = (await db.pool.query(`SELECT status FROM orders WHERE external_id = $1`, [kit.externalId])).rows[0];
    expect(o.status).toBe('cancelled');
    expect(Number((await db.pool.query(`SELECT coalesce(sum(reserved), 0) AS n FROM stock`)).rows[0].n)).toBe(0);
  });
});
