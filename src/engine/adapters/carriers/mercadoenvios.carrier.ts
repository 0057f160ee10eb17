import {
  CarrierError,
  type CarrierAccountConfig,
  type CarrierAdapter,
  type CarrierIo,
  type CarrierLabel,
  type CarrierTrackingEvent,
  type CreateResult,
  type WebhookVerdict,
} from '../../ports/carrier.port';
import { BearerSession } from './carrier-oauth';
import { mlLabelBytes } from './mercadoenvios-label';
import {
  MlHistory,
  MlLabelRefusal,
  MlNotification,
  MlShipment,
  logisticMode,
  logisticType,
  mlEvents,
  readMl,
} from './mercadoenvios-payload';
import { NOT_PRINTABLE } from './mercadoenvios-status';
import { bodyKey, queryToken, sameSecret } from './webhook-token';

/**
 * Mercado Envíos (Mercado Libre's own shipping, "Mercado Envíos 2"), per developers.mercadolibre.com.ar
 * "Envíos". The shipment exists at ML from the sale on: the adapter never creates or buys anything,
 * it reads ML's shipment (named by `ShipmentRequest.external.mlShipmentId`, the order's
 * `shipping.id`) and prints ML's label once ML says `ready_to_ship` — before that `createShipment`
 * answers `pending` and the engine asks again. Flex (`self_service`: the seller delivers) has no label.
 * ML sets the price (quote: no) and sellers cannot cancel an ME shipment by API — cancelling the sale
 * in ML cancels it (cancel: no). The tracking number is ML's shipment id: ML tracks by it, and its
 * notifications name it. OAuth tokens are refreshed on 401 and the rotated pair saved.
 */

const DEFAULT_API = 'https://api.mercadolibre.com';
const NOT_READY_RETRY_MS = 5 * 60_000;
const TRACK_CONCURRENCY = 4;

const base = (a: CarrierAccountConfig) => (a.settings.apiBaseUrl?.trim() || DEFAULT_API).replace(/\/+$/, '');

function api(account: CarrierAccountConfig, io: CarrierIo): BearerSession {
  const seller = account.settings.sellerId ?? '?';
  const reauthorize = `Re-authorize the Atalaya app for seller ${seller} in Mercado Libre and save the new refreshToken in the carrier account "${account.name}".`;
  return new BearerSession(
    account,
    io,
    {
      carrier: 'Mercado Libre',
      tokenUrl: `${base(account)}/oauth/token`,
      clientId: account.settings.applicationId?.trim() ?? '',
      clientSecret: account.secrets.clientSecret?.trim() ?? '',
      body: 'form',
      reauthorize,
    },
    `Mercado Envíos account "${account.name}" has no access token or refreshToken. ${reauthorize}`,
  );
}

async function getShipment(session: BearerSession, account: CarrierAccountConfig, id: string, okStatuses?: number[]) {
  const res = await session.request({
    what: `Mercado Envíos shipment ${id}`,
    method: 'GET',
    url: `${base(account)}/shipments/${encodeURIComponent(id)}`,
    headers: { 'x-format-new': 'true', accept: 'application/json' },
    okStatuses,
  });
  return res.status === 200 ? readMl(MlShipment, res.json(), `Mercado Envíos shipment ${id}`) : null;
}

/** The label, or why ML will not print it yet. */
async function fetchLabel(
  session: BearerSession,
  account: CarrierAccountConfig,
  id: string,
  format: 'zpl' | 'pdf',
): Promise<CarrierLabel | { refused: string }> {
  const what = `Mercado Envíos label ${id}`;
  const q = new URLSearchParams({ shipment_ids: id, response_type: format === 'zpl' ? 'zpl2' : 'pdf' });
  const res = await session.request({ what, method: 'GET', url: `${base(account)}/shipment_labels?${q}`, okStatuses: [400, 409] });
  const type = res.headers.get('content-type') ?? '';
  if (res.status !== 200 || type.includes('json')) {
    const r = readMl(MlLabelRefusal, res.json(), what);
    const f = r.failed_shipments?.[0];
    const state = f?.status ? ` (${f.status}${f.substatus ? `/${f.substatus}` : ''})` : '';
    return { refused: `${f?.message ?? r.message ?? 'not printable'}${state}` };
  }
  return mlLabelBytes(res.bytes, format, what);
}

/** Where ML's shipment stands, as the port's create/check answer. */
async function settle(account: CarrierAccountConfig, id: string, format: 'zpl' | 'pdf', io: CarrierIo): Promise<CreateResult> {
  const session = api(account, io);
  const s = (await getShipment(session, account, id))!;
  const type = logisticType(s);
  const mode = logisticMode(s);
  if (s.status === 'cancelled')
    return { state: 'rejected', externalId: id, reason: `Mercado Libre cancelled shipment ${id} (the sale was cancelled or returned)` };
  if (mode && mode !== 'me2') {
    return {
      state: 'rejected',
      externalId: id,
      reason: `shipment ${id} is ${mode}, not Mercado Envíos 2: ship it with another carrier account`,
    };
  }
  if (type === 'fulfillment')
    return {
      state: 'rejected',
      externalId: id,
      reason: `shipment ${id} is Mercado Envíos Full: Mercado Libre ships it from its own warehouse`,
    };
  if (type === 'self_service') return { state: 'created', externalId: id, trackingNumber: id, noLabel: true };
  const notYet =
    s.status === 'pending' || s.status === 'handling' || (s.status === 'ready_to_ship' && NOT_PRINTABLE.has(s.substatus ?? ''));
  if (notYet) return { state: 'pending', externalId: id, retryAfterMs: NOT_READY_RETRY_MS };
  if (s.status === 'ready_to_ship') {
    const label = await fetchLabel(session, account, id, format);
    if ('refused' in label) return { state: 'pending', externalId: id, retryAfterMs: NOT_READY_RETRY_MS };
    return { state: 'created', externalId: id, trackingNumber: id, label };
  }
  // shipped / delivered / not_delivered: the carrier has it already; the label was printed before.
  if (['shipped', 'delivered', 'not_delivered'].includes(s.status)) return { state: 'created', externalId: id, trackingNumber: id };
  // A main status we do not know yet: not a reason to give up — ask again later.
  return { state: 'pending', externalId: id, retryAfterMs: NOT_READY_RETRY_MS };
}

async function trackOne(session: BearerSession, account: CarrierAccountConfig, id: string): Promise<CarrierTrackingEvent[]> {
  // 400 too: ML refuses an id that is not a number — not ours to know, so left out like a 404.
  const shipment = await getShipment(session, account, id, [400, 404]);
  if (!shipment) return [];
  const res = await session.request({
    what: `Mercado Envíos shipment ${id} history`,
    method: 'GET',
    url: `${base(account)}/shipments/${encodeURIComponent(id)}/history`,
    headers: { 'x-format-new': 'true', accept: 'application/json' },
    okStatuses: [404],
  });
  const history = res.status === 200 ? readMl(MlHistory, res.json(), `Mercado Envíos shipment ${id} history`) : null;
  return mlEvents(shipment, history);
}

export const mercadoEnviosCarrier: CarrierAdapter = {
  kind: 'mercadoenvios',
  displayName: 'Mercado Envíos',
  capabilities: {
    // ML sets the shipping of its sales: nothing to quote.
    quote: false,
    // Labels exist only once ML marks the shipment ready_to_ship.
    label: 'async',
    labelFormats: ['pdf', 'zpl'],
    // Sellers cannot cancel an ME shipment by API (cancelling the sale in ML cancels it).
    cancel: false,
    manifest: false,
    pickupBooking: false,
    branches: false,
    webhook: true,
    polling: true,
  },
  settingsSpec: [
    {
      key: 'applicationId',
      secret: false,
      required: true,
      help: 'The App ID of your Mercado Libre application (developers.mercadolibre.com → Mis aplicaciones)',
    },
    {
      key: 'sellerId',
      secret: false,
      required: true,
      help: "The seller's Mercado Libre user id: notifications for other users are refused",
    },
    {
      key: 'clientSecret',
      secret: true,
      required: true,
      help: 'The Secret Key of the same application (used to refresh the access token)',
    },
    {
      key: 'refreshToken',
      secret: true,
      required: true,
      help: 'The refresh token from authorizing the app for the seller (OAuth); Atalaya keeps it rotated',
    },
    {
      key: 'accessToken',
      secret: true,
      required: false,
      help: 'Optional: a current access token; Atalaya refreshes it when Mercado Libre refuses it',
    },
    {
      key: 'webhookToken',
      secret: true,
      required: false,
      help: "A long random text; put it in the app's notifications URL as ?token=… (ML does not sign notifications, so this proves they came through your URL)",
    },
    { key: 'apiBaseUrl', secret: false, required: false, help: `API address; leave empty for ${DEFAULT_API}` },
  ],

  quote() {
    return Promise.reject(
      new CarrierError('Mercado Envíos: Mercado Libre sets the shipping cost of its sales; there is nothing to quote', 'invalid'),
    );
  },

  async createShipment(account, req, io) {
    const id = req.external?.mlShipmentId?.trim();
    if (!id) {
      throw new CarrierError(
        `Mercado Envíos shipment ${req.reference}: external.mlShipmentId is missing — Mercado Envíos ships Mercado Libre sales only, and needs the sale's shipment id (the order's shipping.id at Mercado Libre)`,
        'invalid',
      );
    }
    return settle(account, id, req.labelFormat, io);
  },

  checkShipment(account, externalId, io) {
    return settle(account, externalId, 'pdf', io);
  },

  async label(account, externalId, format, io) {
    const label = await fetchLabel(api(account, io), account, externalId, format);
    if ('refused' in label) {
      throw new CarrierError(
        `Mercado Envíos label ${externalId}: Mercado Libre will not print it yet — ${label.refused}; it prints once the shipment is ready_to_ship`,
        'invalid',
      );
    }
    return label;
  },

  cancel(_account, externalId) {
    return Promise.reject(
      new CarrierError(
        `Mercado Envíos shipment ${externalId} cannot be cancelled by API: cancel the sale in Mercado Libre, which cancels its shipment`,
        'invalid',
      ),
    );
  },

  async track(account, trackingNumbers, io) {
    const session = api(account, io);
    const ids = [...new Set(trackingNumbers)];
    const out: CarrierTrackingEvent[][] = [];
    // A few at a time (each shipment is two calls, one after the other).
    for (let i = 0; i < ids.length; i += TRACK_CONCURRENCY) {
      out.push(...(await Promise.all(ids.slice(i, i + TRACK_CONCURRENCY).map((id) => trackOne(session, account, id)))));
    }
    return out.flat();
  },

  verifyWebhook(account, req): WebhookVerdict {
    const expected = account.secrets.webhookToken?.trim();
    if (expected && !sameSecret(queryToken(req.path) ?? '', expected)) {
      return { ok: false, status: 401, reason: "the notification URL token does not match this account's webhookToken" };
    }
    let body: unknown;
    try {
      body = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      return { ok: false, status: 400, reason: 'not a Mercado Libre notification (the body is not JSON)' };
    }
    const n = MlNotification.safeParse(body);
    if (!n.success)
      return { ok: false, status: 400, reason: 'not a Mercado Libre notification (expected resource, user_id, topic, application_id)' };
    const { applicationId, sellerId } = account.settings;
    if (n.data.application_id !== applicationId?.trim()) {
      return { ok: false, status: 401, reason: `notification for application ${n.data.application_id}, not this account's applicationId` };
    }
    if (n.data.user_id !== sellerId?.trim())
      return { ok: false, status: 401, reason: `notification for seller ${n.data.user_id}, not this account's sellerId` };
    const m = /^\/shipments\/(\d+)$/.exec(n.data.resource);
    const dedupeKey = n.data._id ? `ml:${n.data._id}` : bodyKey('ml', req.rawBody);
    // Other topics reach the same URL when the app subscribes to them: acknowledged, nothing to fetch.
    return { ok: true, dedupeKey, refs: n.data.topic === 'shipments' && m ? [m[1]!] : [] };
  },
};
