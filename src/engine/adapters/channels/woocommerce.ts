import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChannelAdapter, ChannelMessage } from '../../ports/channel.port';
import { idLike, parsePayload } from './common-mapping';
import { header, hmacBase64Matches, jsonObjectBody } from './http-client';
import { wooOrderToDraft } from './woocommerce-mapping';

/** The unsigned request WooCommerce sends once when a webhook is saved: `webhook_id=12`, form-encoded, no headers. */
const PING = /^webhook_id=(\d+)$/;
const CANCELLING = new Set(['cancelled', 'refunded']);

/**
 * WooCommerce order webhooks. `X-WC-Webhook-Signature` is the base64 HMAC-SHA256 of the raw body
 * with the webhook's secret (our `webhookSecret`); `X-WC-Webhook-Delivery-ID` names the delivery.
 * The body is the REST API v3 order, so nothing is fetched. The headers are not signed: a cancel
 * is decided by the signed body (status cancelled or refunded, or a deletion's id-only body), never
 * by the topic header alone.
 */
export const woocommerceAdapter: ChannelAdapter = {
  kind: 'woocommerce',
  requiredSecrets: ['webhookSecret'],
  requiredSettings: [],

  verify(req, account) {
    const signature = header(req, 'x-wc-webhook-signature');
    if (!signature) {
      const ping = PING.exec(req.rawBody.toString('utf8').trim());
      // The ping proves only that a URL was saved; it creates nothing, so it is accepted unsigned and ignored.
      if (ping) return { ok: true, dedupeKey: `woocommerce:ping:${ping[1]}`, topic: 'ping' };
      return { ok: false, status: 401, reason: 'missing X-WC-Webhook-Signature header' };
    }
    if (!account.secrets.webhookSecret)
      return {
        ok: false,
        status: 401,
        reason: `channel "${account.name}" has no webhookSecret; set it to the webhook's secret in WooCommerce`,
      };
    if (!hmacBase64Matches(req.rawBody, account.secrets.webhookSecret, signature))
      return { ok: false, status: 401, reason: "X-WC-Webhook-Signature does not match the body signed with this channel's webhookSecret" };
    const source = header(req, 'x-wc-webhook-source');
    const store = account.settings.storeUrl;
    if (store && source && source.replace(/\/+$/, '').toLowerCase() !== store.replace(/\/+$/, '').toLowerCase()) {
      return { ok: false, status: 401, reason: `webhook from ${source}, but this channel is ${store}` };
    }
    const topic = header(req, 'x-wc-webhook-topic');
    if (!topic) return { ok: false, status: 400, reason: 'missing X-WC-Webhook-Topic header' };
    const delivery = header(req, 'x-wc-webhook-delivery-id');
    const dedupeKey = delivery ? `woocommerce:${delivery}` : `woocommerce:sha256:${createHash('sha256').update(req.rawBody).digest('hex')}`;
    return { ok: true, dedupeKey, topic };
  },

  async interpret(req): Promise<ChannelMessage[]> {
    const topic = header(req, 'x-wc-webhook-topic');
    if (!topic && PING.test(req.rawBody.toString('utf8').trim()))
      return [{ type: 'ignore', reason: 'WooCommerce webhook ping (sent when the webhook is saved)' }];
    if (topic === 'order.deleted') {
      const body = jsonObjectBody(req, 'WooCommerce order.deleted');
      const { id } = parsePayload(z.object({ id: idLike }), body, 'WooCommerce order.deleted');
      // The signature covers the body, not X-WC-Webhook-Topic: only a body that is itself a deletion
      // (WooCommerce sends just the id, or the order with status trash) cancels.
      const deletion = Object.keys(body).every((k) => k === 'id') || body.status === 'trash';
      if (!deletion)
        return [
          {
            type: 'ignore',
            reason: `X-WC-Webhook-Topic says order.deleted but the signed body is order ${id} with status ${typeof body.status === 'string' ? body.status : '(none)'}; the topic header is not signed, so nothing was cancelled`,
          },
        ];
      return [{ type: 'order.cancel', externalId: id, reason: 'deleted in WooCommerce' }];
    }
    if (topic !== 'order.created' && topic !== 'order.updated' && topic !== 'order.restored')
      return [{ type: 'ignore', reason: `WooCommerce topic ${topic ?? '(none)'} is not an order event Atalaya uses` }];
    const body = jsonObjectBody(req, 'WooCommerce webhook');
    if (typeof body.status === 'string' && CANCELLING.has(body.status)) {
      const { id } = parsePayload(z.object({ id: idLike }), body, 'WooCommerce order');
      return [{ type: 'order.cancel', externalId: id, reason: `${body.status} in WooCommerce` }];
    }
    return [{ type: 'order.upsert', draft: wooOrderToDraft(body) }];
  },
};
