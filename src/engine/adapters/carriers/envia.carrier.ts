import {
  CarrierError,
  type CarrierAccountConfig,
  type CarrierAdapter,
  type CarrierIo,
  type CarrierLabel,
  type HttpRequest,
  type HttpResponse,
  type Quote,
  type WebhookVerdict,
} from '../../ports/carrier.port';
import {
  ENVIA_ALREADY_CANCELLED,
  ENVIA_CANCELLED,
  EnviaBranches,
  EnviaGenerated,
  EnviaPickup,
  EnviaRates,
  EnviaShipmentRows,
  EnviaTracking,
  branchesFrom,
  enviaAddress,
  enviaError,
  enviaEvents,
  enviaPackage,
  externalIdOf,
  parseExternalId,
  parseServiceId,
  quotesFrom,
  readEnvia,
} from './envia-payload';
import { bodyKey, queryToken, sameSecret } from './webhook-token';

/**
 * Envia (Mexico; docs.envia.com), a multi-carrier platform: one account ships with Estafeta, FedEx,
 * DHL… — our service ids are `<carrier>:<service>`. Labels come at once from `POST /ship/generate/`
 * (a link to the file). Envia has no idempotency key, so a create first looks for a shipment already
 * made for our reference (we put it in the shipment's comments; the Queries API's `GET /shipments`
 * lists recent ones with it) and only buys when there is none: a retry after a timeout finds the
 * first purchase. Webhooks are not signed by Envia: the URL registered at Envia carries our secret
 * `?token=…`, compared in constant time.
 */

const DEFAULT_API = 'https://api.envia.com';
const DEFAULT_QUERIES = 'https://queries.envia.com';
/** How far back a create looks for an earlier purchase of the same reference (pages of 100 from the newest). */
const LOOKBACK_DAYS = 2;
const LOOKBACK_PAGES = 3;

const trim = (u: string) => u.replace(/\/+$/, '');
const apiUrl = (a: CarrierAccountConfig) => trim(a.settings.apiBaseUrl?.trim() || DEFAULT_API);
const queriesUrl = (a: CarrierAccountConfig) => trim(a.settings.queriesBaseUrl?.trim() || DEFAULT_QUERIES);
const commentOf = (reference: string) => `Atalaya ${reference}`;

function call(account: CarrierAccountConfig, io: CarrierIo, req: Omit<HttpRequest, 'body'> & { body?: unknown }): Promise<HttpResponse> {
  const token = account.secrets.apiToken?.trim();
  if (!token) {
    throw new CarrierError(
      `Envia account "${account.name}" has no apiToken: copy the API token from Envia (Settings → Developers) into the account`,
      'auth',
    );
  }
  return io.http.request({
    ...req,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' },
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
  });
}

/** The label file behind Envia's link (a public file: no credentials sent to it). */
async function labelFile(io: CarrierIo, url: string, what: string): Promise<CarrierLabel> {
  const res = await io.http.request({ what, method: 'GET', url });
  const bytes = res.bytes;
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return { format: 'pdf', bytes };
  if (/\^XA[\s\S]*\^XZ/.test(Buffer.from(bytes).toString('utf8'))) return { format: 'zpl', bytes };
  throw new CarrierError(`${what}: Envia's label link gave neither a PDF nor ZPL`, 'protocol');
}

async function guide(account: CarrierAccountConfig, io: CarrierIo, trackingNumber: string) {
  const what = `Envia shipment ${trackingNumber}`;
  const res = await call(account, io, { what, method: 'GET', url: `${queriesUrl(account)}/guide/${encodeURIComponent(trackingNumber)}` });
  const row = readEnvia(EnviaShipmentRows, res.json(), what).data[0];
  if (!row) throw new CarrierError(`${what}: not found at Envia`, 'not_found');
  return row;
}

/** A shipment Envia already made for this reference (not cancelled), from the recent ones. */
async function madeBefore(account: CarrierAccountConfig, io: CarrierIo, reference: string) {
  const day = (offset: number) => new Date(io.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  for (let page = 1; page <= LOOKBACK_PAGES; page++) {
    const q = new URLSearchParams({ date_from: day(-LOOKBACK_DAYS), date_to: day(1), limit: '100', page: String(page) });
    const what = `Envia shipments made for ${reference}`;
    const rows = readEnvia(
      EnviaShipmentRows,
      (await call(account, io, { what, method: 'GET', url: `${queriesUrl(account)}/shipments?${q}` })).json(),
      what,
    ).data;
    const hit = rows.find((r) => r.status_id !== ENVIA_CANCELLED && (r.comment ?? '').split(/\s+/).includes(reference));
    if (hit) return hit;
    if (rows.length < 100) return null;
  }
  return null;
}

export const enviaCarrier: CarrierAdapter = {
  kind: 'envia',
  displayName: 'Envia',
  capabilities: {
    quote: true,
    label: 'sync',
    labelFormats: ['pdf', 'zpl'],
    cancel: true,
    // Envia has manifests for some carriers; not integrated here.
    manifest: false,
    pickupBooking: true,
    branches: true,
    webhook: true,
    polling: true,
  },
  settingsSpec: [
    {
      key: 'carriers',
      secret: false,
      required: true,
      help: 'The Envia carriers to quote, comma separated, as Envia names them (estafeta, fedex, dhl, paquetexpress …)',
    },
    {
      key: 'apiToken',
      secret: true,
      required: true,
      help: 'The API token from Envia (Settings → Developers); a sandbox token works with the sandbox addresses below',
    },
    {
      key: 'webhookToken',
      secret: true,
      required: false,
      help: 'A long random text; register the webhook URL at Envia ending in ?token=… with it (Envia does not sign webhooks). Without it webhooks are refused',
    },
    {
      key: 'apiBaseUrl',
      secret: false,
      required: false,
      help: `Shipping API address; empty for ${DEFAULT_API} (sandbox: https://api-test.envia.com)`,
    },
    {
      key: 'queriesBaseUrl',
      secret: false,
      required: false,
      help: `Queries API address; empty for ${DEFAULT_QUERIES} (sandbox: https://queries-test.envia.com)`,
    },
    { key: 'printSize', secret: false, required: false, help: 'Label size as Envia names it; empty for STOCK_4X6 (4×6 in thermal)' },
    { key: 'country', secret: false, required: false, help: 'Country of the branches to look up (ISO code); empty for MX' },
  ],

  async quote(account, req, io) {
    const carriers = (account.settings.carriers ?? '')
      .split(',')
      .map((c) => c.trim().toLowerCase())
      .filter(Boolean);
    if (carriers.length === 0)
      throw new CarrierError(`Envia account "${account.name}": set carriers (e.g. estafeta,fedex) to quote`, 'invalid');
    const packages = req.parcels.map((p) => enviaPackage(p, req.declaredValue.amount / req.parcels.length));
    const perCarrier = await Promise.all(
      carriers.map(async (carrier): Promise<Quote[]> => {
        const what = `Envia rates ${carrier}`;
        const body = {
          origin: enviaAddress(req.from),
          destination: enviaAddress(req.to),
          packages,
          shipment: { type: 1, carrier },
          settings: { currency: req.declaredValue.currency },
        };
        // A quote buys nothing: safe to repeat. A carrier that does not serve the route answers 400: no quote from it.
        const res = await call(account, io, {
          what,
          method: 'POST',
          url: `${apiUrl(account)}/ship/rate/`,
          body,
          okStatuses: [400, 422],
          idempotent: true,
        });
        return res.status === 200 ? quotesFrom(readEnvia(EnviaRates, res.json(), what)) : [];
      }),
    );
    return perCarrier.flat();
  },

  async createShipment(account, req, io) {
    const svc = parseServiceId(req.service);
    if (!svc)
      throw new CarrierError(
        `Envia shipment ${req.reference}: service "${req.service}" is not <carrier>:<service> as Envia quotes it`,
        'invalid',
      );
    const what = `Envia label ${req.reference}`;
    const earlier = await madeBefore(account, io, req.reference);
    if (earlier) {
      const carrier = earlier.name ?? svc.carrier;
      const label = earlier.label_file ? await labelFile(io, earlier.label_file, what) : undefined;
      return {
        state: 'created',
        externalId: externalIdOf(carrier, earlier.tracking_number),
        trackingNumber: earlier.tracking_number,
        label,
      };
    }
    const body = {
      origin: enviaAddress(req.from),
      destination: enviaAddress(req.to),
      packages: [enviaPackage(req.parcel, req.declaredValue.amount)],
      shipment: { type: 1, carrier: svc.carrier, service: svc.service, orderReference: req.reference },
      settings: {
        printFormat: req.labelFormat === 'zpl' ? 'ZPL' : 'PDF',
        printSize: account.settings.printSize?.trim() || 'STOCK_4X6',
        currency: req.declaredValue.currency,
        comments: commentOf(req.reference),
      },
    };
    // Buys the label: never repeated by the client (a retry comes back here and finds it first).
    const res = await call(account, io, { what, method: 'POST', url: `${apiUrl(account)}/ship/generate/`, body, okStatuses: [400, 422] });
    const answer = res.json();
    if (res.status !== 200 || (answer as { meta?: unknown } | null)?.meta === 'error') {
      const e = enviaError(answer);
      return { state: 'rejected', reason: `Envia refused the label: ${e.message}${e.code ? ` (code ${e.code})` : ''}` };
    }
    const g = readEnvia(EnviaGenerated, answer, what).data[0]!;
    const label = await labelFile(io, g.label, what);
    return {
      state: 'created',
      externalId: externalIdOf(g.carrier, g.trackingNumber),
      trackingNumber: g.trackingNumber,
      trackingUrl: g.trackUrl ?? undefined,
      label,
    };
  },

  async checkShipment(account, externalId, io) {
    const { trackingNumber } = parseExternalId(externalId);
    const row = await guide(account, io, trackingNumber);
    if (row.status_id === ENVIA_CANCELLED)
      return { state: 'rejected', externalId, reason: `Envia shipment ${trackingNumber} is cancelled` };
    return { state: 'created', externalId, trackingNumber };
  },

  async label(account, externalId, _format, io) {
    // The file was made in the format asked at purchase; Envia keeps that one.
    const { trackingNumber } = parseExternalId(externalId);
    const row = await guide(account, io, trackingNumber);
    if (!row.label_file) throw new CarrierError(`Envia shipment ${trackingNumber} has no label file`, 'not_found');
    return labelFile(io, row.label_file, `Envia label ${trackingNumber}`);
  },

  async cancel(account, externalId, io) {
    const { carrier, trackingNumber } = parseExternalId(externalId);
    const what = `Envia cancel ${trackingNumber}`;
    const res = await call(account, io, {
      what,
      method: 'POST',
      url: `${apiUrl(account)}/ship/cancel/`,
      body: { carrier, trackingNumber },
      okStatuses: [400, 422],
      // Cancelling twice is harmless ("already cancelled" is success): safe to repeat.
      idempotent: true,
    });
    if (res.status === 200 && (res.json() as { meta?: unknown } | null)?.meta !== 'error') return { alreadyCancelled: false };
    const e = enviaError(res.json());
    if (e.code === ENVIA_ALREADY_CANCELLED) return { alreadyCancelled: true };
    throw new CarrierError(`${what}: Envia refused: ${e.message}${e.code ? ` (code ${e.code})` : ''}`, 'invalid');
  },

  async bookPickup(account, req, io) {
    const ids = req.externalIds.map(parseExternalId);
    const carriers = [...new Set(ids.map((i) => i.carrier))];
    if (carriers.length !== 1)
      throw new CarrierError(
        `Envia pickup: one pickup is for one carrier, these shipments are with ${carriers.join(', ') || 'none'}`,
        'invalid',
      );
    const what = `Envia pickup ${req.date}`;
    const body = {
      origin: enviaAddress(req.from),
      shipment: {
        type: 1,
        carrier: carriers[0],
        // Our request carries no weights: a kilo per parcel, which carriers use to size the van.
        pickup: {
          weightUnit: 'KG',
          totalWeight: req.parcels,
          totalPackages: req.parcels,
          date: req.date,
          timeFrom: 9,
          timeTo: 18,
          trackingNumbers: ids.map((i) => i.trackingNumber),
        },
      },
    };
    const res = await call(account, io, { what, method: 'POST', url: `${apiUrl(account)}/ship/pickup/`, body });
    return { confirmation: readEnvia(EnviaPickup, res.json(), what).data.confirmation };
  },

  async branches(account, postalCode, io) {
    const carrier = (account.settings.carriers ?? '').split(',')[0]?.trim().toLowerCase();
    if (!carrier) throw new CarrierError(`Envia account "${account.name}": set carriers to look up branches`, 'invalid');
    const country = (account.settings.country?.trim() || 'MX').toUpperCase();
    const what = `Envia branches ${carrier} ${postalCode}`;
    const url = `${queriesUrl(account)}/branches/${encodeURIComponent(carrier)}/${country}?${new URLSearchParams({ zipcode: postalCode })}`;
    return branchesFrom(readEnvia(EnviaBranches, (await call(account, io, { what, method: 'GET', url })).json(), what));
  },

  async track(account, trackingNumbers, io) {
    const asked = new Set(trackingNumbers);
    if (asked.size === 0) return [];
    const what = `Envia tracking (${asked.size})`;
    // A read: safe to repeat.
    const res = await call(account, io, {
      what,
      method: 'POST',
      url: `${apiUrl(account)}/ship/generaltrack/`,
      body: { trackingNumbers: [...asked] },
      idempotent: true,
    });
    return readEnvia(EnviaTracking, res.json(), what)
      .data.filter((t) => asked.has(t.trackingNumber))
      .flatMap(enviaEvents);
  },

  verifyWebhook(account, req): WebhookVerdict {
    const expected = account.secrets.webhookToken?.trim();
    if (!expected)
      return {
        ok: false,
        status: 401,
        reason: `Envia account "${account.name}" has no webhookToken: set one and register the webhook URL with ?token=… at Envia`,
      };
    if (!sameSecret(queryToken(req.path) ?? '', expected))
      return { ok: false, status: 401, reason: "the webhook URL token does not match this account's webhookToken" };
    let body: { trackingNumber?: unknown; data?: { trackingNumber?: unknown } } | null;
    try {
      body = JSON.parse(req.rawBody.toString('utf8')) as typeof body;
    } catch {
      return { ok: false, status: 400, reason: 'not an Envia webhook (the body is not JSON)' };
    }
    const tn = body?.trackingNumber ?? body?.data?.trackingNumber;
    if (typeof tn !== 'string' || !tn.trim()) return { ok: false, status: 400, reason: 'not an Envia webhook (no trackingNumber)' };
    return { ok: true, dedupeKey: bodyKey('envia', req.rawBody), refs: [tn.trim()] };
  },

  trackingUrl: (trackingNumber) => `https://envia.com/es-MX/tracking?label=${encodeURIComponent(trackingNumber)}`,
};
