import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelTransientError } from '../../../src/engine/adapters/channels/http-client';
import { shopifyRefund } from '../../../src/engine/adapters/channels/shopify-refunds';
import { ChannelPayloadError, type ChannelAccount } from '../../../src/engine/ports/channel.port';
import { startShopifyAdmin, type ShopifyAdmin } from '../../support/loopback/shopify-admin';

/** Shopify refunds (Admin REST 2024-10) against a loopback Admin API that speaks its format. */
describe('Shopify refunds', () => {
  let admin: ShopifyAdmin;
  const account = (token = 'shpat_ok'): ChannelAccount => ({
    id: 'shop-1',
    kind: 'shopify',
    name: 'Tienda Shopify',
    settings: { shopDomain: 'tienda.myshopify.com', adminApiBaseUrl: admin.url },
    secrets: { webhookSecret: 'x', adminAccessToken: token },
  });
  const io = { fetch, now: () => new Date() };
  const req = (over: Partial<Parameters<typeof shopifyRefund>[1]> = {}) => ({
    externalOrderId: '1001',
    lines: [{ sku: 'A', quantity: 1 }],
    amount: 1500,
    currency: 'ARS',
    key: 'R-7',
    note: 'Atalaya: devolución R-7',
    ...over,
  });

  beforeAll(async () => {
    admin = await startShopifyAdmin({
      token: 'shpat_ok',
      orders: [
        { id: '1001', lineItems: [{ id: 11, sku: 'A', quantity: 2, price: '1000.00' }], transactionId: 55, gateway: 'shopify_payments' },
      ],
    });
  });
  afterAll(() => admin?.close());

  it('creates the refund from Shopify’s calculation, capped at Atalaya’s amount; a retry finds it instead of refunding twice', async () => {
    const first = await shopifyRefund(account(), req(), io);
    expect(first.existing).toBe(false);
    expect(admin.refunds).toHaveLength(1);
    expect(admin.refunds[0]!.transactions).toEqual([{ parent_id: 55, amount: '1000.00', kind: 'refund', gateway: 'shopify_payments' }]);
    const again = await shopifyRefund(account(), req(), io);
    expect(again).toEqual({ refundId: first.refundId, existing: true });
    expect(admin.refunds).toHaveLength(1);
  });

  it('a wrong token, an unknown order or SKU are refusals that name the fix; a 503 is transient with its Retry-After', async () => {
    const bad = await shopifyRefund(account('nope'), req({ key: 'R-8' }), io).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ChannelPayloadError);
    expect((bad as Error).message).toMatch(/adminAccessToken .*write_orders/);
    const order = await shopifyRefund(account(), req({ key: 'R-9', externalOrderId: '404' }), io).catch((e: unknown) => e);
    expect(order).toBeInstanceOf(ChannelPayloadError);
    const sku = await shopifyRefund(account(), req({ key: 'R-10', lines: [{ sku: 'ZZZ', quantity: 1 }] }), io).catch((e: unknown) => e);
    expect((sku as ChannelPayloadError).issues).toEqual([{ path: 'lines.0.sku', message: 'not on the Shopify order' }]);
    admin.failNext(1);
    const down = await shopifyRefund(account(), req({ key: 'R-11' }), io).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(ChannelTransientError);
    expect((down as ChannelTransientError).retryAfterMs).toBe(1000);
  });
});
