import {
  CarrierError,
  type CarrierAccountConfig,
  type CarrierAdapter,
  type CarrierIo,
  type WebhookVerdict,
} from '../../ports/carrier.port';
import { BearerSession, type RefreshSpec } from './carrier-oauth';
import { MeQuotes, MeTracking, MeWebhook, calculateBody, cartBody, meError, meEvents, quotesFrom, readMe } from './melhorenvio-payload';
import { addToCart, continueOrder, getOrder, meCall, orderFor, printLabel, type MeContext } from './melhorenvio-purchase';
import { bodyKey, hmacBase64, sameSecret } from './webhook-token';

/**
 * Melhor Envio (Brazil; docs.melhorenvio.com.br, API v2). Quotes by CEP; a label is bought in four
 * steps (cart → checkout → generate → print) made retry-safe in melhorenvio-purchase.ts; generation
 * may finish later, so labels are "async" (pending → created). Tracking is Melhor Envio's own and
 * coarse: the time each milestone was reached (posted, delivered …) — it has no out-for-delivery step.
 * The tracking number is Melhor Envio's order id (what its tracking and webhooks name). Webhooks are
 * signed: `X-ME-Signature` = base64 HMAC-SHA256 of the raw body with the app's secret. Every call
 * carries the User-Agent Melhor Envio requires; the OAuth token is refreshed on 401 when the account
 * has the app's client id, secret and a refresh token.
 */

const DEFAULT_API = 'https://melhorenvio.com.br';

function context(account: CarrierAccountConfig, io: CarrierIo): MeContext {
  const base = (account.settings.apiBaseUrl?.trim() || DEFAULT_API).replace(/\/+$/, '');
  const userAgent = account.settings.userAgent?.trim();
  if (!userAgent) {
    throw new CarrierError(
      `Melhor Envio account "${account.name}": set userAgent — Melhor Envio requires your app's name and a technical e-mail, e.g. "Loja X (ti@lojax.com.br)"`,
      'invalid',
    );
  }
  const headers = { 'user-agent': userAgent };
  const clientId = account.settings.clientId?.trim();
  const clientSecret = account.secrets.clientSecret?.trim();
  const reauthorize = `Authorize the app again in Melhor Envio and save the new tokens in the carrier account "${account.name}".`;
  const refresh: RefreshSpec | null =
    clientId && clientSecret && account.secrets.refreshToken?.trim()
      ? { carrier: 'Melhor Envio', tokenUrl: `${base}/oauth/token`, clientId, clientSecret, body: 'json', reauthorize, headers }
      : null;
  // Without refresh settings the token is used as it is (a long-lived token from the panel): a 401 is `auth` at once.
  const missing = `Melhor Envio account "${account.name}" has no accessToken: create a token in Melhor Envio (Integrações → Permissões de acesso) and save it`;
  return { account, io, base, session: new BearerSession(account, io, refresh, missing, headers) };
}

export const melhorEnvioCarrier: CarrierAdapter = {
  kind: 'melhorenvio',
  displayName: 'Melhor Envio',
  capabilities: {
    quote: true,
    // Generation may finish after the call: pending → created (or rejected).
    label: 'async',
    labelFormats: ['pdf'],
    cancel: true,
    manifest: false,
    pickupBooking: false,
    branches: false,
    webhook: true,
    polling: true,
  },
  settingsSpec: [
    {
      key: 'userAgent',
      secret: false,
      required: true,
      help: 'Your app name and a technical e-mail, as Melhor Envio requires on every call: "Loja X (ti@lojax.com.br)"',
    },
    {
      key: 'senderDocument',
      secret: false,
      required: true,
      help: "The sender's CNPJ (or CPF), printed on the label and the content declaration",
    },
    { key: 'senderStateRegister', secret: false, required: false, help: "The sender's inscrição estadual, when it has one" },
    {
      key: 'services',
      secret: false,
      required: false,
      help: 'Melhor Envio service ids to quote, comma separated (1 = PAC, 2 = SEDEX …); empty for all',
    },
    {
      key: 'accessToken',
      secret: true,
      required: true,
      help: 'The access token (Melhor Envio → Integrações → Permissões de acesso, or from authorizing your app)',
    },
    {
      key: 'clientId',
      secret: false,
      required: false,
      help: "Your Melhor Envio app's client id: with the secret and a refresh token, Atalaya renews the access token itself",
    },
    {
      key: 'clientSecret',
      secret: true,
      required: false,
      help: "Your app's secret: renews tokens and checks the X-ME-Signature of webhooks (required for webhooks)",
    },
    { key: 'refreshToken', secret: true, required: false, help: 'The refresh token from authorizing your app (kept rotated)' },
    {
      key: 'apiBaseUrl',
      secret: false,
      required: false,
      help: `API address; empty for ${DEFAULT_API} (sandbox: https://sandbox.melhorenvio.com.br)`,
    },
  ],

  async quote(account, req, io) {
    const ctx = context(account, io);
    const what = 'Melhor Envio quote';
    const services = (account.settings.services ?? '').replace(/\s+/g, '');
    // A quote buys nothing: safe to repeat.
    const res = await meCall(ctx, {
      what,
      method: 'POST',
      path: '/me/shipment/calculate',
      body: calculateBody(req, services),
      idempotent: true,
      okStatuses: [422],
    });
    if (res.status === 422) throw new CarrierError(`${what}: Melhor Envio refused the request: ${meError(res.json())}`, 'invalid');
    return quotesFrom(readMe(MeQuotes, res.json(), what));
  },

  async createShipment(account, req, io) {
    const ctx = context(account, io);
    if (!/^\d+$/.test(req.service.trim()))
      throw new CarrierError(
        `Melhor Envio shipment ${req.reference}: service "${req.service}" is not a Melhor Envio service id (as quoted)`,
        'invalid',
      );
    const document = account.settings.senderDocument?.trim();
    if (!document)
      throw new CarrierError(
        `Melhor Envio account "${account.name}": set senderDocument (the sender's CNPJ or CPF), which every label carries`,
        'invalid',
      );
    const existing = await orderFor(ctx, req.reference);
    const order =
      existing ??
      (await addToCart(ctx, req.reference, cartBody(req, { document, stateRegister: account.settings.senderStateRegister?.trim() })));
    return continueOrder(ctx, order);
  },

  async checkShipment(account, externalId, io) {
    const ctx = context(account, io);
    return continueOrder(ctx, await getOrder(ctx, externalId));
  },

  label(account, externalId, _format, io) {
    // Melhor Envio prints PDF only.
    return printLabel(context(account, io), externalId);
  },

  async cancel(account, externalId, io) {
    const ctx = context(account, io);
    const order = await getOrder(ctx, externalId);
    if (order.status === 'canceled' || order.status === 'cancelled') return { alreadyCancelled: true };
    const what = `Melhor Envio cancel ${order.protocol ?? externalId}`;
    if (order.status === 'pending') {
      // Still in the cart, never paid: taking it out of the cart is the cancel.
      await meCall(ctx, { what, method: 'DELETE', path: `/me/cart/${encodeURIComponent(externalId)}`, idempotent: true });
      return { alreadyCancelled: false };
    }
    const body = { order: { id: externalId, reason_id: '2', description: 'Cancelado pelo OMS Atalaya' } };
    const res = await meCall(ctx, { what, method: 'POST', path: '/me/shipment/cancel', body, okStatuses: [400, 422], idempotent: true });
    if (res.status >= 400) throw new CarrierError(`${what}: Melhor Envio refused: ${meError(res.json())}`, 'invalid');
    return { alreadyCancelled: false };
  },

  async track(account, trackingNumbers, io) {
    const ids = [...new Set(trackingNumbers)];
    if (ids.length === 0) return [];
    const ctx = context(account, io);
    const what = `Melhor Envio tracking (${ids.length})`;
    const res = await meCall(ctx, { what, method: 'POST', path: '/me/shipment/tracking', body: { orders: ids }, idempotent: true });
    const byId = readMe(MeTracking, res.json(), what);
    return ids.flatMap((id) => (byId[id] ? meEvents(byId[id]) : []));
  },

  verifyWebhook(account, req): WebhookVerdict {
    const secret = account.secrets.clientSecret?.trim();
    if (!secret)
      return {
        ok: false,
        status: 401,
        reason: `Melhor Envio account "${account.name}" has no clientSecret to check the X-ME-Signature with`,
      };
    const given = req.headers['x-me-signature'] ?? '';
    if (!sameSecret(given, hmacBase64(secret, req.rawBody)))
      return { ok: false, status: 401, reason: 'X-ME-Signature does not match the body signed with the app secret' };
    let body: unknown;
    try {
      body = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      return { ok: false, status: 400, reason: 'not a Melhor Envio webhook (the body is not JSON)' };
    }
    const hook = MeWebhook.safeParse(body);
    // A signed body without an order is Melhor Envio's test when the webhook is registered: acknowledged.
    return { ok: true, dedupeKey: bodyKey('me', req.rawBody), refs: hook.success ? [hook.data.data.id] : [] };
  },
};
