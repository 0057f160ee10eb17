import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import { API_ACTOR } from '../../../src/server/actors';
import { buildHttpApp } from '../../../src/server/http-app';
import { startFixtureEngine, PLANNER } from '../../support/engine-under-test';
import { startShopifyAdmin, type ShopifyAdmin } from '../../support/loopback/shopify-admin';
import { TEST_ADMIN } from '../../support/sessions';
import { eventually, type TestDatabase } from '../../support/test-database';
import { fixture, hmac64 } from './kits';

const SECRET = 'shpss_returns_7f3a9c2e1b4d';
const SHOP = 'atalaya-demo.myshopify.com';
const ORDER_ID = '5873927110801';

/**
 * Returns a customer asks for in their Shopify account (`returns/request`, Admin API 2024-10): the
 * signed webhook through the inbox becomes a return on the order, decided by the policy; the SKUs
 * come from the order's line items at a loopback Admin API; Shopify's reasons become the list's.
 */
describe('Shopify returns/request webhooks', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let admin: ShopifyAdmin;
  let channelId = '';

  const post = (topic: string, body: unknown, opts: { secret?: string; webhookId?: string } = {}) => {
    const raw = JSON.stringify(body);
    return app.inject({
      method: 'POST',
      url: `/api/v1/channels/${channelId}/webhooks`,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': hmac64(opts.secret ?? SECRET, raw),
        'x-shopify-shop-domain': SHOP,
        'x-shopify-api-version': '2024-10',
        'x-shopify-webhook-id': opts.webhookId ?? randomUUID(),
      },
      payload: raw,
    });
  };
  const settled = (inboxId: string) =>
    eventually(async () => {
      const r = (
        await db.pool.query(`SELECT status, error->>'reason' AS reason, error->'issues' AS issues FROM inbox WHERE id = $1`, [inboxId])
      ).rows[0] as { status: string; reason: string | null; issues: { path: string; message: string }[] | null } | undefined;
      return r && r.status !== 'received' ? r : undefined;
    }, `inbox row ${inboxId} settled`);
  /** Shopify's Return as its webhook sends it: line items name only their order line item's id. */
  const shopifyReturn = (id: number, lines: { lineItemId: number; quantity: number; reason: string; note?: string }[]) => ({
    id,
    admin_graphql_api_id: `gid://shopify/Return/${id}`,
    name: `#1001-R${id % 10}`,
    status: 'requested',
    order: { id: Number(ORDER_ID), admin_graphql_api_id: `gid://shopify/Order/${ORDER_ID}` },
    total_return_line_items: lines.length,
    return_line_items: lines.map((l, i) => ({
      id: id * 10 + i,
      admin_graphql_api_id: `gid://shopify/ReturnLineItem/${id * 10 + i}`,
      quantity: l.quantity,
      return_reason: l.reason,
      return_reason_note: '',
      customer_note: l.note ?? null,
      fulfillment_line_item: {
        id: 9_000 + i,
        admin_graphql_api_id: `gid://shopify/FulfillmentLineItem/${9_000 + i}`,
        line_item: { id: l.lineItemId, admin_graphql_api_id: `gid://shopify/LineItem/${l.lineItemId}` },
      },
    })),
    exchange_line_items: [],
  });
  const returnsOf = async (orderId: string) => engine.dispatch('returns.list', { orderId }, PLANNER);

  beforeAll(async () => {
    process.env.ATALAYA_SECRET_KEY = randomBytes(32).toString('base64');
    ({ db, engine } = await startFixtureEngine([
      { location: 'loc-palermo', sku: 'ZAP-RUN-42-NEG', onHand: 5 },
      { location: 'loc-palermo', sku: 'MED-DEP-3', onHand: 5 },
    ]));
    app = await buildHttpApp(engine, { apiActor: API_ACTOR });
    admin = await startShopifyAdmin({
      token: 'shpat_returns',
      orders: [
        {
          id: ORDER_ID,
          lineItems: [
            { id: 14398243487889, sku: 'ZAP-RUN-42-NEG', quantity: 1, price: '64900.00' },
            { id: 14398243520657, sku: 'MED-DEP-3', quantity: 2, price: '11200.00' },
          ],
          transactionId: 7001,
          gateway: 'mercado_pago',
        },
      ],
    });
    const { channel } = await engine.dispatch(
      'channels.create',
      {
        kind: 'shopify',
        name: 'Shopify AR',
        settings: { shopDomain: SHOP, adminApiBaseUrl: admin.url },
        secrets: { webhookSecret: SECRET, adminAccessToken: 'shpat_returns' },
      },
      TEST_ADMIN,
    );
    channelId = channel.id;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await admin?.close();
    await engine?.close();
    await db?.drop();
  });

  it('the customer’s return becomes Atalaya’s, once, with its reasons and notes; forged or unplaceable ones are refused or quarantined', async () => {
    // The order arrives from Shopify and is delivered.
    const created = await post('orders/create', fixture('shopify-order.json'));
    expect(created.statusCode).toBe(200);
    expect((await settled(created.json().inboxId)).status).toBe('processed');
    const orderId = (await db.pool.query(`SELECT id FROM orders WHERE external_id = $1`, [ORDER_ID])).rows[0].id as string;
    await eventually(
      async () => ((await engine.dispatch('orders.get', { id: orderId }, PLANNER)).status === 'sourced' ? true : undefined),
      'sourced',
    );
    for (const to of ['picked', 'packed', 'shipped', 'delivered'] as const)
      await engine.dispatch('orders.advance', { id: orderId, to }, PLANNER);

    // A forged return is refused before anything is written.
    const body = shopifyReturn(9123451, [
      { lineItemId: 14398243487889, quantity: 1, reason: 'size_too_small', note: 'Me quedó chico' },
      { lineItemId: 14398243520657, quantity: 1, reason: 'defective' },
      { lineItemId: 14398243520657, quantity: 1, reason: 'defective' },
    ]);
    expect((await post('returns/request', body, { secret: 'not-the-secret' })).statusCode).toBe(401);

    const first = await post('returns/request', body);
    expect(first.statusCode).toBe(200);
    expect(await settled(first.json().inboxId)).toMatchObject({ status: 'processed' });
    const [summary] = await returnsOf(orderId);
    const got = (await engine.dispatch('returns.get', { id: summary!.id }, PLANNER))!.return;
    // Within Argentina's withdrawal and under the automatic limit: approved at once, shipped back by the customer.
    expect(got).toMatchObject({
      source: 'channel',
      status: 'approved',
      method: 'carrier_label',
      resolution: 'refund',
      legalWithdrawal: true,
    });
    expect(got.lines.map((l) => [l.sku, l.quantity, l.reason])).toEqual([
      ['ZAP-RUN-42-NEG', 1, 'wrong_size'],
      ['MED-DEP-3', 2, 'defective'],
    ]);
    expect(got.notes).toContain('#1001-R1');
    expect(got.notes).toContain('ZAP-RUN-42-NEG: Me quedó chico');

    // Shopify delivers the same return again under another webhook id: nothing new.
    const again = await post('returns/request', body);
    expect(await settled(again.json().inboxId)).toMatchObject({ status: 'processed' });
    expect(await returnsOf(orderId)).toHaveLength(1);

    // A reason the settings cannot place is quarantined with the fix named.
    const odd = await post(
      'returns/request',
      shopifyReturn(9123452, [{ lineItemId: 14398243487889, quantity: 1, reason: 'gift_duplicate' }]),
    );
    const quarantined = await settled(odd.json().inboxId);
    expect(quarantined.status).toBe('quarantined');
    expect(quarantined.issues).toEqual([
      {
        path: 'lines.0.reason',
        message: expect.stringContaining('map it in the return settings (channelReasons.gift_duplicate'),
      },
    ]);
    expect(await returnsOf(orderId)).toHaveLength(1);
  }, 120_000);
});
