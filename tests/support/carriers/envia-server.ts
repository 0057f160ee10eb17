import { startLoopback, type LoopbackRequest, type Reply } from '../loopback/loopback-server';
import { LoopbackFaults, bearer, pdfLabel, zplLabel, type FailureReplies } from './loopback-faults';

/**
 * Envia's Shipping and Queries APIs (docs.envia.com) on one loopback server with state: rates per
 * carrier, labels bought by `/ship/generate/` (counted: `purchases`), their files at a public link,
 * tracking with an event history in the carriers' words, cancel (code 1115 when already cancelled),
 * pickups, branches, and the Queries API's shipment list where a create finds an earlier purchase.
 */

export interface EnviaServerShipment {
  id: number;
  trackingNumber: string;
  carrier: string;
  service: string;
  comment: string;
  statusId: number;
  status: string;
  createdAt: string;
  events: { timestamp: string; location: string; description: string }[];
  format: 'PDF' | 'ZPL';
  deliveredAt: string | null;
}

export interface EnviaServer {
  url: string;
  token: string;
  faults: LoopbackFaults;
  requests: LoopbackRequest[];
  shipments: Map<string, EnviaServerShipment>;
  purchases(): number;
  /** A scan at the carrier: the status name and the event in the carrier's words. */
  scan(trackingNumber: string, status: { id: number; name: string } | null, description: string): void;
  close(): Promise<void>;
}

const SERVICES: Record<
  string,
  { carrierDescription: string; services: { service: string; serviceDescription: string; days: number; price: number }[] }
> = {
  estafeta: {
    carrierDescription: 'Estafeta',
    services: [
      { service: 'ground', serviceDescription: 'Terrestre', days: 4, price: 148.5 },
      { service: 'express', serviceDescription: 'Día siguiente', days: 1, price: 262 },
    ],
  },
  fedex: { carrierDescription: 'FedEx', services: [{ service: 'express', serviceDescription: 'Express Saver', days: 2, price: 231.9 }] },
};

const enviaError = (status: number, code: number | string, message: string, description = message): Reply => ({
  status,
  body: { meta: 'error', error: { code, description, message } },
});

const replies: FailureReplies = (failure, retryAfterS) => {
  if (failure === 'auth') return enviaError(401, 401, 'Invalid or expired token', 'Unauthorized');
  if (failure === 'not_found') return enviaError(404, 404, 'Shipment not found');
  if (failure === 'rate_limited') return { ...enviaError(429, 429, 'Too many requests'), headers: { 'retry-after': String(retryAfterS) } };
  return enviaError(500, 500, 'Internal server error');
};

export async function startEnviaServer(): Promise<EnviaServer> {
  const faults = new LoopbackFaults();
  const shipments = new Map<string, EnviaServerShipment>();
  const token = 'envia-test-token-3b9f';
  let purchases = 0;
  let serial = 0;
  let clock = Date.now() - 86_400_000;
  const tick = () => new Date((clock += 60_000)).toISOString();
  let base = '';

  const row = (s: EnviaServerShipment) => ({
    id: s.id,
    tracking_number: s.trackingNumber,
    name: s.carrier,
    service: s.service,
    status_id: s.statusId,
    status: s.status,
    comment: s.comment,
    label_file: `${base}/labels/${s.trackingNumber}.${s.format === 'ZPL' ? 'zpl' : 'pdf'}`,
    created_at: s.createdAt.replace('T', ' ').slice(0, 19),
  });

  const body = (req: LoopbackRequest) => JSON.parse(req.body || '{}') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  const api = (req: LoopbackRequest): Reply => {
    if (bearer(req) !== token) return enviaError(401, 401, 'Invalid or expired token', 'Unauthorized');
    if (req.method === 'POST' && req.path === '/ship/rate/') {
      const b = body(req);
      const carrier = SERVICES[b.shipment?.carrier];
      if (!carrier) return enviaError(400, 1125, `Carrier ${b.shipment?.carrier} is not available for this route`);
      const rates = carrier.services.map((s) => ({
        carrier: b.shipment.carrier,
        carrierDescription: carrier.carrierDescription,
        service: s.service,
        serviceDescription: s.serviceDescription,
        deliveryEstimate: `${s.days} días`,
        deliveryDate: {
          date: new Date(Date.now() + s.days * 86_400_000).toISOString().slice(0, 10),
          dateDifference: s.days,
          timeUnit: 'days',
        },
        totalPrice: String(s.price),
        currency: 'MXN',
      }));
      return { status: 200, body: { meta: 'rate', data: rates } };
    }
    if (req.method === 'POST' && req.path === '/ship/generate/') {
      const b = body(req);
      if (!b.destination?.postalCode || b.destination.postalCode === '00000') {
        return enviaError(400, 1129, 'The destination postal code is not valid for this carrier');
      }
      purchases += 1;
      serial += 1;
      const tn = `${b.shipment.carrier === 'fedex' ? '7' : '8'}0${String(serial).padStart(8, '0')}`;
      const s: EnviaServerShipment = {
        id: 170_000 + serial,
        trackingNumber: tn,
        carrier: b.shipment.carrier,
        service: b.shipment.service,
        comment: String(b.settings?.comments ?? ''),
        statusId: 1,
        status: 'Created',
        createdAt: tick(),
        events: [],
        format: b.settings?.printFormat === 'ZPL' ? 'ZPL' : 'PDF',
        deliveredAt: null,
      };
      s.events.push({ timestamp: s.createdAt, location: 'Monterrey, NL', description: 'Guía creada' });
      shipments.set(tn, s);
      const r = row(s);
      return {
        status: 200,
        body: {
          meta: 'generate',
          data: [
            {
              carrier: s.carrier,
              service: s.service,
              shipmentId: s.id,
              trackingNumber: tn,
              trackUrl: `https://envia.com/tracking?label=${tn}`,
              label: r.label_file,
              totalPrice: 148.5,
              currency: 'MXN',
            },
          ],
        },
      };
    }
    if (req.method === 'POST' && req.path === '/ship/cancel/') {
      const b = body(req);
      const s = shipments.get(b.trackingNumber);
      if (!s || s.carrier !== b.carrier) return enviaError(400, 1116, `Tracking number ${b.trackingNumber} not found for ${b.carrier}`);
      if (s.statusId === 4) return enviaError(400, 1115, 'The shipment was already cancelled');
      s.statusId = 4;
      s.status = 'Cancelled';
      return {
        status: 200,
        body: { meta: 'cancel', data: { carrier: s.carrier, trackingNumber: s.trackingNumber, balanceReturned: true } },
      };
    }
    if (req.method === 'POST' && req.path === '/ship/generaltrack/') {
      const asked = (body(req).trackingNumbers ?? []) as string[];
      const data = asked.flatMap((tn) => {
        const s = shipments.get(tn);
        if (!s) return [];
        return [
          {
            trackingNumber: tn,
            carrier: s.carrier,
            status: s.status,
            estimatedDelivery: new Date(Date.parse(s.createdAt) + 4 * 86_400_000).toISOString(),
            deliveredAt: s.deliveredAt,
            createdAt: s.createdAt,
            eventHistory: s.events,
          },
        ];
      });
      return { status: 200, body: { meta: 'generaltrack', data } };
    }
    if (req.method === 'POST' && req.path === '/ship/pickup/') {
      const b = body(req);
      const unknown = (b.shipment?.pickup?.trackingNumbers ?? []).filter((tn: string) => !shipments.has(tn));
      if (unknown.length) return enviaError(400, 1140, `Unknown tracking numbers: ${unknown.join(', ')}`);
      return {
        status: 200,
        body: {
          meta: 'pickup',
          data: {
            carrier: b.shipment.carrier,
            confirmation: `PU${Date.now().toString(36).toUpperCase()}`,
            status: 'scheduled',
            date: b.shipment.pickup.date,
          },
        },
      };
    }
    if (req.method === 'GET' && req.path === '/shipments') {
      const limit = Number(req.query.get('limit') ?? 20);
      const page = Number(req.query.get('page') ?? 1);
      const from = req.query.get('date_from') ?? '0000';
      const to = req.query.get('date_to') ?? '9999';
      const rows = [...shipments.values()]
        .filter((s) => s.createdAt.slice(0, 10) >= from && s.createdAt.slice(0, 10) <= to)
        .reverse()
        .slice((page - 1) * limit, page * limit)
        .map(row);
      return { status: 200, body: { data: rows, total: shipments.size } };
    }
    const guide = /^\/guide\/(.+)$/.exec(req.path);
    if (req.method === 'GET' && guide) {
      const s = shipments.get(decodeURIComponent(guide[1]!));
      return s ? { status: 200, body: { data: [row(s)] } } : enviaError(404, 404, 'Shipment not found');
    }
    const branches = /^\/branches\/([^/]+)\/([A-Z]{2})$/.exec(req.path);
    if (req.method === 'GET' && branches) {
      const zip = req.query.get('zipcode') ?? '';
      return {
        status: 200,
        body: [1, 2].map((n) => ({
          branch_id: 900 + n,
          branch_code: `${branches[1]!.toUpperCase()}-${zip}-${n}`,
          branch_type: 3,
          reference: `${SERVICES[branches[1]!]?.carrierDescription ?? branches[1]} Sucursal ${n}`,
          distance: n * 1.4,
          address: {
            street: 'Av. Constitución',
            number: String(100 * n),
            city: 'Monterrey',
            state: 'NL',
            postalCode: zip,
            country: 'MX',
            latitude: String(25.67 + n / 100),
            longitude: -100.31,
            delivery: true,
            admission: true,
          },
        })),
      };
    }
    return enviaError(404, 404, `No route ${req.method} ${req.path}`);
  };

  const server = await startLoopback((req) => {
    // The label files are on a public file host (no token, no injected failures of the API).
    const file = /^\/labels\/(.+)\.(pdf|zpl)$/.exec(req.path);
    if (req.method === 'GET' && file) {
      const s = shipments.get(file[1]!);
      if (!s) return { status: 404, body: 'NoSuchKey' };
      return file[2] === 'zpl'
        ? { status: 200, body: zplLabel(s.trackingNumber) }
        : { status: 200, body: pdfLabel(s.trackingNumber), headers: { 'content-type': 'application/pdf' } };
    }
    return faults.answer(req, replies, () => api(req));
  });
  base = server.url;

  return {
    url: server.url,
    token,
    faults,
    requests: server.requests,
    shipments,
    purchases: () => purchases,
    scan(trackingNumber, status, description) {
      const s = shipments.get(trackingNumber);
      if (!s) throw new Error(`no Envia shipment ${trackingNumber} on the loopback server`);
      const at = tick();
      s.events.push({ timestamp: at, location: 'Saltillo, COAH', description });
      if (status) {
        s.statusId = status.id;
        s.status = status.name;
        if (status.name === 'Delivered') s.deliveredAt = at;
      }
    },
    close: async () => {
      faults.release();
      await server.close();
    },
  };
}
