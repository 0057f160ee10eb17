import { createHmac, randomUUID } from 'node:crypto';
import { hashApiKey } from '../../../src/engine/adapters/crypto/secret-box';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChannelAccount, ChannelAdapter, ChannelIo, InboundRequest } from '../../../src/engine/ports/channel.port';
import { type MlApi, startMercadoLibreApi } from '../../support/loopback/mercadolibre-api';
import { startVtexOms, type VtexOms } from '../../support/loopback/vtex-oms';

/**
 * Fixture kits: what the conformance suite needs from each connector — an account, a genuine
 * request (signed as the platform signs it), how to tamper with it, and the loopback API the
 * adapter talks to when the notification only names the order.
 */

const FIXTURES = fileURLToPath(new URL('../../fixtures/channels/', import.meta.url));
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

export const hmac64 = (secret: string, body: Buffer | string) => createHmac('sha256', secret).update(body).digest('base64');

export function inbound(body: Buffer | string, headers: Record<string, string>, path = '/webhooks'): InboundRequest {
  return {
    method: 'POST',
    path,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
    receivedAt: new Date(),
  };
}

export interface SavedSecrets {
  saved: Record<string, string>[];
}

export function testIo(): ChannelIo & SavedSecrets {
  const saved: Record<string, string>[] = [];
  return { fetch: globalThis.fetch, saveSecrets: async (u) => void saved.push(u), now: () => new Date(), saved };
}

export interface ConnectorKit {
  adapter: ChannelAdapter;
  /** Starts the loopback API the adapter needs, if any. */
  setup(): Promise<void>;
  teardown(): Promise<void>;
  account(): ChannelAccount;
  /** A genuine delivery of `body` (the fixture when omitted), signed or addressed as the platform does. */
  request(body?: Buffer | string): InboundRequest;
  /** The same delivery sent again by the platform (its retry). */
  redelivery(req: InboundRequest): InboundRequest;
  /** A body changed after signing (a price, the seller …), keeping the original headers. */
  alteredBody(req: InboundRequest): InboundRequest;
  /** The account with the wrong secret / credentials. */
  wrongSecret(account: ChannelAccount): ChannelAccount;
  /** The request without its authenticating header (or, for unsigned platforms, the account without what identifies it). */
  missingAuth(req: InboundRequest, account: ChannelAccount): { req: InboundRequest; account: ChannelAccount };
  /** The external id the fixture's order has. */
  externalId: string;
  /**
   * How the platform authenticates: a signature over the raw body (the default: an altered body is
   * refused), or a per-channel API key that names the caller but not the body (REST: an altered
   * body is a different request, with another de-duplication key).
   */
  auth?: 'body-signature' | 'api-key';
}

const WRONG = 'not-the-secret-0000';

export function shopifyKit(adapter: ChannelAdapter): ConnectorKit {
  const secret = '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';
  const body = JSON.stringify(fixture('shopify-order.json'));
  const sign = (raw: Buffer | string, webhookId = randomUUID()) =>
    inbound(raw, {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-hmac-sha256': hmac64(secret, raw),
      'x-shopify-shop-domain': 'atalaya-demo.myshopify.com',
      'x-shopify-api-version': '2025-10',
      'x-shopify-webhook-id': webhookId,
      'x-shopify-event-id': randomUUID(),
      'x-shopify-triggered-at': new Date().toISOString(),
    });
  return {
    adapter,
    setup: async () => {},
    teardown: async () => {},
    account: () => ({
      id: 'ch-shopify',
      kind: 'shopify',
      name: 'Shopify AR',
      settings: { shopDomain: 'atalaya-demo.myshopify.com' },
      secrets: { webhookSecret: secret },
    }),
    request: (raw = body) => sign(raw),
    // Shopify retries with the same X-Shopify-Webhook-Id and body.
    redelivery: (req) => ({
      ...req,
      headers: { ...req.headers, 'x-shopify-triggered-at': new Date(Date.now() + 60_000).toISOString() },
      receivedAt: new Date(Date.now() + 60_000),
    }),
    alteredBody: (req) => ({ ...req, rawBody: Buffer.from(req.rawBody.toString('utf8').replace('"64900.00"', '"1.00"')) }),
    wrongSecret: (a) => ({ ...a, secrets: { webhookSecret: WRONG } }),
    missingAuth: (req, account) => ({ req: { ...req, headers: { ...req.headers, 'x-shopify-hmac-sha256': undefined } }, account }),
    externalId: '5873927110801',
  };
}

export function woocommerceKit(adapter: ChannelAdapter): ConnectorKit {
  const secret = 'wc-4N!x8q#Lr2@Tz7$Vb';
  const body = JSON.stringify(fixture('woocommerce-order.json'));
  return {
    adapter,
    setup: async () => {},
    teardown: async () => {},
    account: () => ({
      id: 'ch-woo',
      kind: 'woocommerce',
      name: 'Tienda Woo',
      settings: { storeUrl: 'https://tienda.example.com.ar' },
      secrets: { webhookSecret: secret },
    }),
    request: (raw = body) =>
      inbound(raw, {
        'content-type': 'application/json',
        'user-agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
        'x-wc-webhook-source': 'https://tienda.example.com.ar/',
        'x-wc-webhook-topic': 'order.created',
        'x-wc-webhook-resource': 'order',
        'x-wc-webhook-event': 'created',
        'x-wc-webhook-signature': hmac64(secret, raw),
        'x-wc-webhook-id': '12',
        'x-wc-webhook-delivery-id': randomUUID().replace(/-/g, ''),
      }),
    redelivery: (req) => ({ ...req, receivedAt: new Date(Date.now() + 60_000) }),
    alteredBody: (req) => ({ ...req, rawBody: Buffer.from(req.rawBody.toString('utf8').replace('"total":"52300"', '"total":"100"')) }),
    wrongSecret: (a) => ({ ...a, secrets: { webhookSecret: WRONG } }),
    missingAuth: (req, account) => ({ req: { ...req, headers: { ...req.headers, 'x-wc-webhook-signature': undefined } }, account }),
    externalId: '4821',
  };
}

export function vtexKit(adapter: ChannelAdapter): ConnectorKit & { oms(): VtexOms } {
  const hookKey = 'hk_9d8e7f6a5b4c3d2e1f0a';
  const creds = { appKey: 'vtexappkey-atalayademo-KQWXYZ', appToken: 'TOKEN-QWERTYUIOPASDFGHJKLZXCVBNM123456' };
  const order = fixture('vtex-order.json');
  const body = JSON.stringify(fixture('vtex-hook.json'));
  let oms: VtexOms | undefined;
  return {
    adapter,
    setup: async () => {
      oms = await startVtexOms({
        ...creds,
        orders: { [String(order.orderId)]: order },
        forbiddenKeys: ['vtexappkey-atalayademo-READONLY'],
      });
    },
    teardown: async () => oms?.close(),
    oms: () => oms!,
    account: () => ({
      id: 'ch-vtex',
      kind: 'vtex',
      name: 'VTEX atalayademo',
      settings: { account: 'atalayademo', environment: 'vtexcommercestable', apiBaseUrl: oms!.url },
      secrets: { hookKey, ...creds },
    }),
    request: (raw = body) => inbound(raw, { 'content-type': 'application/json; charset=utf-8', 'x-atalaya-hook-key': hookKey }, '/hook'),
    redelivery: (req) => ({ ...req, receivedAt: new Date(Date.now() + 60_000) }),
    // The hook is not signed: what a forger can change is who it claims to be from.
    alteredBody: (req) => ({ ...req, rawBody: Buffer.from(req.rawBody.toString('utf8').replace('"atalayademo"', '"otracuenta"')) }),
    wrongSecret: (a) => ({ ...a, secrets: { ...a.secrets, hookKey: WRONG } }),
    missingAuth: (req, account) => ({ req: { ...req, headers: { ...req.headers, 'x-atalaya-hook-key': undefined } }, account }),
    externalId: String(order.orderId),
  };
}

export function mercadolibreKit(adapter: ChannelAdapter): ConnectorKit & { api(): MlApi } {
  const app = { clientId: '5503910054141466', clientSecret: 'mlsecret-Hk29dLq8vPzX0aBc', sellerId: '412345678' };
  const order = fixture('mercadolibre-order.json') as Record<string, unknown> & { id: number; shipping: { id: number } };
  const shipment = fixture('mercadolibre-shipment.json');
  const notification = fixture('mercadolibre-notification.json');
  let api: MlApi | undefined;
  const initialRefresh = 'TG-initial-refresh-412345678';
  return {
    adapter,
    setup: async () => {
      api = await startMercadoLibreApi({
        ...app,
        refreshToken: initialRefresh,
        orders: { [String(order.id)]: order },
        shipments: { [String(order.shipping.id)]: shipment },
      });
    },
    teardown: async () => api?.close(),
    api: () => api!,
    // No access token yet: the first interpret refreshes, as after the 6 hours a token lasts.
    account: () => ({
      id: 'ch-ml',
      kind: 'mercadolibre',
      name: 'Mercado Libre tienda oficial',
      settings: { applicationId: app.clientId, sellerId: app.sellerId, apiBaseUrl: api!.url },
      secrets: { clientSecret: app.clientSecret, ...api!.tokens() } as Record<string, string>,
    }),
    request: (raw = JSON.stringify(notification)) =>
      inbound(raw, { 'content-type': 'application/json', 'user-agent': 'MeLi-Notifications' }, '/notifications'),
    // ML retries the same notification (`_id`) with attempts + 1 and a new `received`.
    redelivery: (req) => {
      const n = JSON.parse(req.rawBody.toString('utf8')) as Record<string, unknown>;
      return {
        ...req,
        rawBody: Buffer.from(JSON.stringify({ ...n, attempts: Number(n.attempts ?? 1) + 1, received: new Date().toISOString() })),
        receivedAt: new Date(Date.now() + 60_000),
      };
    },
    alteredBody: (req) => ({
      ...req,
      rawBody: Buffer.from(req.rawBody.toString('utf8').replace('"user_id":412345678', '"user_id":999999999')),
    }),
    // Unsigned: the "secret" that identifies the account is its application and seller.
    wrongSecret: (a) => ({ ...a, settings: { ...a.settings, applicationId: '1111111111111111' } }),
    missingAuth: (req, account) => ({ req, account: { ...account, settings: { apiBaseUrl: account.settings.apiBaseUrl! } } }),
    externalId: String(order.id),
  };
}

export function restApiKit(adapter: ChannelAdapter): ConnectorKit {
  const key = 'atk_live_Q2x9bV7mR4tY8wN3pL6sK1dF';
  const body = JSON.stringify(fixture('rest-order.json'));
  return {
    adapter,
    auth: 'api-key',
    setup: async () => {},
    teardown: async () => {},
    // The desk issues the key and stores only its hash; the adapter compares hashes.
    account: () => ({ id: 'ch-api', kind: 'api', name: 'Tienda propia (REST)', settings: {}, secrets: { apiKeyHash: hashApiKey(key) } }),
    request: (raw = body) =>
      inbound(raw, { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() }, '/orders'),
    // A client retry sends the same Idempotency-Key and body.
    redelivery: (req) => ({ ...req, receivedAt: new Date(Date.now() + 60_000) }),
    alteredBody: (req) => ({ ...req, rawBody: Buffer.from(req.rawBody.toString('utf8').replace('"quantity":1', '"quantity":9')) }),
    wrongSecret: (a) => ({ ...a, secrets: { apiKeyHash: hashApiKey('atk_live_someone-else-entirely') } }),
    missingAuth: (req, account) => ({ req: { ...req, headers: { ...req.headers, authorization: undefined } }, account }),
    externalId: 'API-20261125-0042',
  };
}
