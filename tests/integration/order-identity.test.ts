import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { adapterFor } from '../../src/engine/adapters/channels/registry';
import type { InboundRequest } from '../../src/engine/ports/channel.port';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { eventually, type TestDatabase } from '../support/test-database';
import { fixture, shopifyKit } from './channels/kits';
import { TEST_ADMIN } from '../support/sessions';

/** Two Shopify stores may number their orders alike: identity is per channel account (migration 0011). */
describe('order identity per channel account', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  const kit = shopifyKit(adapterFor('shopify')!);
  const stores: string[] = [];
  const send = (channelId: string, req: InboundRequest) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/channels/${channelId}/webhooks`,
      headers: Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => e[1] !== undefined)),
      payload: req.rawBody,
    });
  const processed = async (channelId: string, req: InboundRequest) => {
    const res = await send(channelId, req);
    expect(res.statusCode).toBe(200);
    const id = res.json().inboxId as string;
    return eventually(async () => {
      const s = (await db.pool.query('SELECT status, error FROM inbox WHERE id = $1', [id])).rows[0] as
        { status: string; error: unknown } | undefined;
      return s && s.status !== 'received' ? s : undefined;
    }, `inbox row ${id} processed`);
  };
  /** The fixture's order under another external id: a case that needs orders of its own makes them with this. */
  const orderRequest = (externalId: string) => kit.request(JSON.stringify({ ...fixture('shopify-order.json'), id: Number(externalId) }));
  const orders = async (externalId = kit.externalId) =>
    (
      await db.pool.query('SELECT id, channel, channel_id, channel_key, status FROM orders WHERE external_id = $1 ORDER BY number', [
        externalId,
      ])
    ).rows as {
      id: string;
      channel: string;
      channel_id: string;
      channel_key: string;
      status: string;
    }[];

  beforeAll(async () => {
    process.env.ATALAYA_SECRET_KEY = randomBytes(32).toString('base64');
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'ZAP-RUN-42-NEG', onHand: 50 },
        { location: 'loc-palermo', sku: 'MED-DEP-3', onHand: 50 },
      ],
      {},
    ));
    app = await buildHttpApp(engine, { apiActor: API_ACTOR });
    for (const name of ['Shopify AR — Running', 'Shopify AR — Outlet']) {
      const account = kit.account();
      const { channel } = await engine.dispatch(
        'channels.create',
        { kind: 'shopify', name, settings: { ...account.settings }, secrets: { ...account.secrets } },
        TEST_ADMIN,
      );
      stores.push(channel.id);
    }
  });
  afterAll(async () => {
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  it('the same external id from two stores of one kind makes two orders; a resend to one store makes none', async () => {
    const [a, b] = stores as [string, string];
    expect(await processed(a, kit.request())).toMatchObject({ status: 'processed' });
    expect(await processed(b, kit.request())).toMatchObject({ status: 'processed' });
    const both = await orders();
    expect(both.map((o) => o.channel_id)).toEqual([a, b]);
    expect(both.map((o) => o.channel_key)).toEqual([a, b]);
    expect(new Set(both.map((o) => o.channel))).toEqual(new Set(['shopify']));

    // Store A sends the same order again under a new webhook id (not an inbox duplicate): still one order there.
    expect(await processed(a, kit.request())).toMatchObject({ status: 'processed' });
    expect((await orders()).length).toBe(2);
  });

  it('the order detail carries the canonical fields intake stored, with the channel account name', async () => {
    const externalId = '5873927110802';
    await processed(stores[0]!, orderRequest(externalId));
    const [first] = await orders(externalId);
    const d = await engine.dispatch('orders.get', { id: first!.id }, PLANNER);
    const row = (
      await db.pool.query('SELECT external_number, payment_status, tags, geocode_source, tax_total FROM orders WHERE id = $1', [first!.id])
    ).rows[0];
    expect(d.intake).toMatchObject({
      channelId: stores[0],
      channelName: 'Shopify AR — Running',
      externalNumber: row.external_number,
      paymentStatus: row.payment_status,
      tags: row.tags,
      geocodeSource: row.geocode_source,
      deliveryType: 'home_delivery',
    });
    expect(d.intake.externalNumber).toBeTruthy();
    expect(d.intake.taxTotal).toBe(row.tax_total === null ? null : Number(row.tax_total));
  });

  it('a cancellation from one store cancels only that store’s order', async () => {
    const externalId = '5873927110803';
    for (const store of stores) await processed(store, orderRequest(externalId));
    const [, b] = stores as [string, string];
    // Shopify's cancellation: the order with cancelled_at set (the signed body says it, not the topic header alone).
    const fresh = kit.request(
      JSON.stringify({ ...fixture('shopify-order.json'), id: Number(externalId), cancelled_at: '2026-11-24T12:00:00-03:00' }),
    );
    const out = await processed(b, { ...fresh, headers: { ...fresh.headers, 'x-shopify-topic': 'orders/cancelled' } });
    expect(out).toMatchObject({ status: 'processed' });
    const [first, second] = await orders(externalId);
    expect(second).toMatchObject({ channel_id: b, status: 'cancelled' });
    expect(first!.status).not.toBe('cancelled');
  });

  it('the database refuses a second order under one account and external id, and allows it under the kind for channel-less orders', async () => {
    const externalId = '5873927110804';
    await processed(stores[0]!, orderRequest(externalId));
    const insert = (channelId: string | null) =>
      db.pool.query(
        `INSERT INTO orders (id, channel, external_id, status, customer, ship_to, currency, total_units, raw, payload_hash, channel_id)
         VALUES (gen_random_uuid(), 'shopify', $1, 'received', '{}', '{}', 'ARS', 1, '{}', 'x', $2)`,
        [externalId, channelId],
      );
    await expect(insert(stores[0]!)).rejects.toMatchObject({ code: '23505', constraint: 'orders_channel_key_external_id_key' });
    await insert(null);
    await expect(insert(null)).rejects.toMatchObject({ code: '23505', constraint: 'orders_channel_key_external_id_key' });
    expect(
      (await db.pool.query(`SELECT channel_key FROM orders WHERE channel_id IS NULL AND external_id = $1`, [externalId])).rows,
    ).toEqual([{ channel_key: ':shopify' }]);
  });
});
