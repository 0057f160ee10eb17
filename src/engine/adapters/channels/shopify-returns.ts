import { z } from 'zod';
import type { ChannelAccount, ChannelIo, ChannelReturnRequest } from '../../ports/channel.port';
import { ChannelPayloadError } from '../../ports/channel.port';
import { idLike, optText, parsePayload } from './common-mapping';
import { callJson, requireSecret, requireSetting } from './http-client';
import { SHOPIFY_API_VERSION } from './shopify-refunds';

/**
 * Shopify's `returns/request` webhook (a customer asked for a return from their account): the
 * Return with its order and `return_line_items` — each the units, Shopify's reason (`color`,
 * `defective`, `size_too_small`, … upper case in GraphQL, lower case here) and the customer's note,
 * and the fulfillment line item's order line item. The line item names only its id, so the SKUs are
 * read from the order through the Admin API (`shopDomain`, `adminAccessToken` with read_orders),
 * unless the payload already carries them.
 */
const ShopifyReturnLine = z.object({
  id: idLike,
  quantity: z.number().int().min(1, 'quantity: at least 1 unit'),
  return_reason: optText,
  return_reason_note: optText,
  customer_note: optText,
  fulfillment_line_item: z.object({ line_item: z.object({ id: idLike, sku: optText }) }),
});

const ShopifyReturn = z.object({
  id: idLike,
  name: optText,
  order: z.object({ id: idLike }),
  return_line_items: z.array(ShopifyReturnLine).min(1, 'a return needs at least one return line item'),
});

const note = (l: z.infer<typeof ShopifyReturnLine>) =>
  [l.customer_note, l.return_reason_note]
    .map((x) => x?.trim())
    .filter(Boolean)
    .join(' · ')
    .slice(0, 500) || undefined;

/** The SKUs of the order's line items, from the Admin API. */
async function lineItemSkus(account: ChannelAccount, orderId: string, io: ChannelIo): Promise<Map<string, string>> {
  const shop = requireSetting(account, 'shopDomain');
  const token = requireSecret(account, 'adminAccessToken');
  const origin = account.settings.adminApiBaseUrl?.replace(/\/$/, '') ?? `https://${shop}`;
  const order = (await callJson(io, {
    what: `Shopify order ${orderId}`,
    url: `${origin}/admin/api/${SHOPIFY_API_VERSION}/orders/${encodeURIComponent(orderId)}.json?fields=id,line_items`,
    init: { headers: { 'x-shopify-access-token': token } },
    authHint: 'set the channel\u2019s adminAccessToken to an Admin API token with the read_orders scope',
  })) as { order?: { line_items?: { id: number | string; sku?: string | null }[] } };
  return new Map((order.order?.line_items ?? []).flatMap((l) => (l.sku?.trim() ? [[String(l.id), l.sku.trim()] as const] : [])));
}

export async function shopifyReturnRequest(body: unknown, account: ChannelAccount, io: ChannelIo): Promise<ChannelReturnRequest> {
  const r = parsePayload(ShopifyReturn, body, 'Shopify return');
  const given = (l: z.infer<typeof ShopifyReturnLine>) => l.fulfillment_line_item.line_item.sku?.trim();
  const skus = r.return_line_items.every(given) ? new Map<string, string>() : await lineItemSkus(account, r.order.id, io);
  const lines = r.return_line_items.map((l, i) => {
    const sku = given(l) ?? skus.get(l.fulfillment_line_item.line_item.id);
    if (!sku)
      throw new ChannelPayloadError(`Shopify return ${r.name ?? r.id}: line item ${l.fulfillment_line_item.line_item.id} has no SKU`, [
        {
          path: `return_line_items.${i}.fulfillment_line_item.line_item`,
          message: 'the order line item has no SKU: give the variant a SKU in Shopify',
        },
      ]);
    return { channelSku: sku, quantity: l.quantity, reason: (l.return_reason?.trim() || 'unknown').toLowerCase(), note: note(l) };
  });
  return { externalOrderId: r.order.id, externalReturnId: r.id, ...(r.name ? { name: r.name } : {}), lines };
}
