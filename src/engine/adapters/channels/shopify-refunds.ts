import type { ChannelAccount, ChannelIo, ChannelRefundReceipt, ChannelRefundRequest } from '../../ports/channel.port';
import { ChannelPayloadError } from '../../ports/channel.port';
import { callJson, requireSecret, requireSetting } from './http-client';

/** The Admin REST API version Atalaya's Shopify calls are written to. */
export const SHOPIFY_API_VERSION = '2024-10';

interface ShopifyRefund {
  id: number | string;
  note?: string | null;
}
interface ShopifyLineItem {
  id: number | string;
  sku?: string | null;
  quantity: number;
}
interface ShopifyTransaction {
  parent_id: number | string;
  amount: string;
  kind: string;
  gateway: string;
}

/**
 * A return's refund on Shopify (Admin REST API, `X-Shopify-Access-Token` = the channel's
 * `adminAccessToken`): the order's refunds are read first — one whose note carries the return's
 * code is this refund already (a retry after a lost answer never refunds twice); then the SKUs
 * become line items, `refunds/calculate` says which transactions to refund (Shopify's own
 * arithmetic), capped at Atalaya's amount, and `refunds` creates it with the customer notified.
 */
export async function shopifyRefund(
  account: ChannelAccount,
  req: ChannelRefundRequest,
  io: Pick<ChannelIo, 'fetch' | 'now'>,
): Promise<ChannelRefundReceipt> {
  const shop = requireSetting(account, 'shopDomain');
  const token = requireSecret(account, 'adminAccessToken');
  // A test or a proxy may point the Admin API elsewhere (settings.adminApiBaseUrl); the shop's own host otherwise.
  const origin = account.settings.adminApiBaseUrl?.replace(/\/$/, '') ?? `https://${shop}`;
  const baseUrl = `${origin}/admin/api/${SHOPIFY_API_VERSION}/orders/${encodeURIComponent(req.externalOrderId)}`;
  const headers = { 'x-shopify-access-token': token, 'content-type': 'application/json' };
  const authHint = 'set the channel\u2019s adminAccessToken to an Admin API token with the write_orders scope';
  const what = `Shopify order ${req.externalOrderId}`;
  const io2 = { ...io, saveSecrets: async () => undefined };
  const mark = `[${req.key}]`;

  const existing = (await callJson(io2, { what: `${what} refunds`, url: `${baseUrl}/refunds.json`, init: { headers }, authHint })) as {
    refunds?: ShopifyRefund[];
  };
  const done = existing.refunds?.find((r) => (r.note ?? '').includes(mark));
  if (done) return { refundId: String(done.id), existing: true };

  const order = (await callJson(io2, { what, url: `${baseUrl}.json?fields=id,line_items`, init: { headers }, authHint })) as {
    order?: { line_items?: ShopifyLineItem[] };
  };
  const items = order.order?.line_items ?? [];
  const refundLineItems = req.lines.map((l, i) => {
    const item = items.find((x) => x.sku === l.sku);
    if (!item)
      throw new ChannelPayloadError(`${what} has no line item with SKU ${l.sku}`, [
        { path: `lines.${i}.sku`, message: 'not on the Shopify order' },
      ]);
    return { line_item_id: item.id, quantity: l.quantity, restock_type: 'no_restock' };
  });

  const calc = (await callJson(io2, {
    what: `${what} refund calculation`,
    url: `${baseUrl}/refunds/calculate.json`,
    init: { method: 'POST', headers, body: JSON.stringify({ refund: { shipping: { amount: 0 }, refund_line_items: refundLineItems } }) },
    authHint,
  })) as { refund?: { transactions?: ShopifyTransaction[] } };
  // Shopify suggests what to give back per payment; never more than Atalaya's amount.
  let left = Math.round(req.amount * 100);
  const transactions = (calc.refund?.transactions ?? []).flatMap((t) => {
    const cents = Math.min(left, Math.round(Number(t.amount) * 100));
    left -= cents;
    return cents > 0 ? [{ parent_id: t.parent_id, amount: (cents / 100).toFixed(2), kind: 'refund', gateway: t.gateway }] : [];
  });
  if (!transactions.length)
    throw new ChannelPayloadError(`${what}: Shopify suggests nothing to refund (already refunded, or not paid)`, [
      { path: 'amount', message: 'nothing refundable on the Shopify order' },
    ]);

  const created = (await callJson(io2, {
    what: `${what} refund`,
    url: `${baseUrl}/refunds.json`,
    init: {
      method: 'POST',
      headers,
      body: JSON.stringify({
        refund: { currency: req.currency, notify: true, note: `${req.note} ${mark}`, refund_line_items: refundLineItems, transactions },
      }),
    },
    authHint,
  })) as { refund?: ShopifyRefund };
  if (!created.refund) throw new ChannelPayloadError(`${what} refund: Shopify answered without a refund`);
  return { refundId: String(created.refund.id), existing: false };
}
