import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChannelAdapter, ChannelMessage } from '../../ports/channel.port';
import { clean, idLike, parsePayload } from './common-mapping';
import { header, hmacBase64Matches, jsonObjectBody } from './http-client';
import { shopifyOrderToDraft } from './shopify-mapping';
import { shopifyRefund } from './shopify-refunds';
import { shopifyReturnRequest } from './shopify-returns';

const ORDER_TOPICS = new Set(['orders/create', 'orders/updated', 'orders/cancelled']);

/**
 * Shopify order webhooks. Shopify signs the raw body: `X-Shopify-Hmac-Sha256` is the base64
 * HMAC-SHA256 with the app's client secret (our `webhookSecret`). `X-Shopify-Webhook-Id` is the
 * same on every retry of one delivery, so it is the de-duplication key. The order JSON is complete,
 * so nothing is fetched. The headers are not signed: the topic only chooses between "an order
 * event" and "something we ignore"; whether the order is cancelled is read from the signed body.
 * `returns/request` (a customer's return from their Shopify account) becomes a return request.
 */
export const shopifyAdapter: ChannelAdapter = {
  kind: 'shopify',
  requiredSecrets: ['webhookSecret'],
  requiredSettings: [],
  // Refunds and returns need the Admin API: settings.shopDomain and secrets.adminAccessToken (read_orders, write_orders).
  optionalSettings: ['shopDomain'],
  optionalSecrets: ['adminAccessToken'],
  refund: shopifyRefund,

  verify(req, account) {
    const signature = header(req, 'x-shopify-hmac-sha256');
    if (!signature) return { ok: false, status: 401, reason: 'missing X-Shopify-Hmac-Sha256 header' };
    if (!account.secrets.webhookSecret)
      return {
        ok: false,
        status: 401,
        reason: `channel "${account.name}" has no webhookSecret; set it to the app's webhook signing secret`,
      };
    if (!hmacBase64Matches(req.rawBody, account.secrets.webhookSecret, signature))
      return { ok: false, status: 401, reason: "X-Shopify-Hmac-Sha256 does not match the body signed with this channel's webhookSecret" };
    const shop = header(req, 'x-shopify-shop-domain');
    const expectedShop = account.settings.shopDomain;
    if (expectedShop && shop && shop.toLowerCase() !== expectedShop.toLowerCase())
      return { ok: false, status: 401, reason: `webhook from shop ${shop}, but this channel is ${expectedShop}` };
    const topic = header(req, 'x-shopify-topic');
    if (!topic) return { ok: false, status: 400, reason: 'missing X-Shopify-Topic header' };
    const id = header(req, 'x-shopify-webhook-id') ?? header(req, 'x-shopify-event-id');
    const dedupeKey = id ? `shopify:${id}` : `shopify:sha256:${createHash('sha256').update(req.rawBody).digest('hex')}`;
    return { ok: true, dedupeKey, topic };
  },

  async interpret(req, account, io): Promise<ChannelMessage[]> {
    const topic = header(req, 'x-shopify-topic') ?? '';
    // A return's body is a Return, not an order: nothing in it could be read as an order or a cancellation.
    if (topic === 'returns/request')
      return [{ type: 'return.request', request: await shopifyReturnRequest(jsonObjectBody(req, 'Shopify webhook'), account, io) }];
    if (!ORDER_TOPICS.has(topic))
      return [{ type: 'ignore', reason: `Shopify topic ${topic || '(none)'} is not an order event Atalaya uses` }];
    const body = jsonObjectBody(req, 'Shopify webhook');
    // The HMAC covers the body, not X-Shopify-Topic: a genuine body resent under another topic must
    // not cancel. The body says it: `cancelled_at` is set on a cancelled order, whatever the topic.
    const cancelled = typeof body.cancelled_at === 'string' && body.cancelled_at !== '';
    if (topic === 'orders/cancelled' && !cancelled)
      return [
        {
          type: 'ignore',
          reason:
            'X-Shopify-Topic says orders/cancelled but the signed body has no cancelled_at; the topic header is not signed, so nothing was cancelled',
        },
      ];
    if (cancelled) {
      // A cancel needs only the id: an order whose lines cannot be mapped can still be cancelled.
      const { id } = parsePayload(z.object({ id: idLike }), body, 'Shopify cancellation');
      const why = clean(typeof body.cancel_reason === 'string' ? body.cancel_reason : undefined);
      return [{ type: 'order.cancel', externalId: id, reason: `cancelled in Shopify${why ? ` (${why})` : ''}` }];
    }
    return [{ type: 'order.upsert', draft: shopifyOrderToDraft(body) }];
  },
};
