import type { Branch } from '../../../shared';
import {
  CarrierError,
  type CarrierAccountConfig,
  type CarrierAdapter,
  type CarrierIo,
  type CarrierLabel,
  type CarrierTrackingEvent,
  type CreateResult,
  type Quote,
} from '../../ports/carrier.port';
import {
  EnviosSearchAnswer,
  OrdenAnswer,
  SucursalesAnswer,
  TarifaAnswer,
  TrazasAnswer,
  ordenBody,
  ordenResult,
  readAndreani,
  tarifaQuery,
  trazasEvents,
} from './andreani-payload';
import { AndreaniSession, andreaniSetting } from './andreani-session';

/**
 * Andreani (Argentina), API v2 as documented at developers.andreani.com. Orders are created
 * asynchronously: `POST /v2/ordenes-de-envio` may answer 202 with estado "Pendiente" and the label
 * is ready only once `GET /v2/ordenes-de-envio/{numero}` says "Creada" (or never: "Rechazada").
 *
 * What the public docs do not have, and so neither does this adapter: a cancel for an order
 * (capabilities.cancel false — an order never handed over is not admitted, and Andreani bills on
 * admission; ask the account manager to void one), signed webhooks (their "novedades" push is set
 * up by hand per client: we poll), a close-out/manifest or pickup-booking call for e-commerce
 * contracts, and a transit time in the quote (the account's `transitDays` setting stands in).
 */

/** Our service codes → the account setting holding the Andreani contract for it. */
const SERVICES = [
  { service: 'standard', setting: 'contract', name: 'Andreani Estándar', days: 'transitDays', defaultDays: 3 },
  { service: 'urgent', setting: 'urgentContract', name: 'Andreani Urgente', days: 'urgentTransitDays', defaultDays: 1 },
] as const;

const trackingUrl = (n: string) => `https://www.andreani.com/envio/${encodeURIComponent(n)}`;

function contractFor(account: CarrierAccountConfig, service: string): string {
  const s = SERVICES.find((x) => x.service === service);
  if (!s) {
    throw new CarrierError(
      `Andreani has no service "${service}" in Atalaya: use ${SERVICES.map((x) => x.service).join(' or ')}`,
      'invalid',
    );
  }
  return andreaniSetting(account, s.setting, `the Andreani contract number for ${s.name}`);
}

function days(account: CarrierAccountConfig, key: string, fallback: number): number {
  const n = Number(account.settings[key]);
  return Number.isInteger(n) && n >= 0 && n <= 60 ? n : fallback;
}

const path = (n: string) => encodeURIComponent(n);

async function readOrden(s: AndreaniSession, numero: string, what: string): Promise<OrdenAnswer> {
  const res = await s.request({ what, method: 'GET', path: `/v2/ordenes-de-envio/${path(numero)}` });
  return readAndreani(OrdenAnswer, res.json(), what);
}

/**
 * The shipment made earlier for this reference, if any: `GET /v1/envios?codigoCliente&idDeProducto`
 * searches by the `idCliente` reference we put on the bulto. A rejected one does not count (the
 * person fixed the address and asks again). A CONFIRMAR with a real account: whether the search also
 * lists orders still "Pendiente" in Andreani's queue; if it does not, a create retried within those
 * seconds could buy a second label.
 */
async function findByReference(s: AndreaniSession, account: CarrierAccountConfig, reference: string): Promise<CreateResult | undefined> {
  const what = `Andreani search for shipment ${reference}`;
  const q = new URLSearchParams({
    codigoCliente: andreaniSetting(account, 'clientCode', 'the Andreani client code (e.g. CL0001234)'),
    idDeProducto: reference,
  });
  const res = await s.request({ what, method: 'GET', path: `/v1/envios?${q.toString()}`, okStatuses: [404] });
  if (res.status === 404) return undefined;
  for (const envio of readAndreani(EnviosSearchAnswer, res.json(), what).envios) {
    const found = ordenResult(await readOrden(s, envio.numeroDeTracking, what), trackingUrl);
    if (found.state !== 'rejected') return found;
  }
  return undefined;
}

export const andreaniCarrier: CarrierAdapter = {
  kind: 'andreani',
  displayName: 'Andreani',
  capabilities: {
    quote: true,
    label: 'async',
    labelFormats: ['pdf'],
    cancel: false,
    manifest: false,
    pickupBooking: false,
    branches: true,
    webhook: false,
    polling: true,
  },
  settingsSpec: [
    {
      key: 'baseUrl',
      secret: false,
      required: false,
      help: 'API address: https://apis.andreani.com (production, the default) or https://apisqa.andreani.com (QA). QA and production credentials differ.',
    },
    {
      key: 'clientCode',
      secret: false,
      required: true,
      help: 'Your Andreani client code (código de cliente, e.g. CL0001234), from your Andreani account manager.',
    },
    { key: 'contract', secret: false, required: true, help: 'Contract number for standard home delivery (e.g. 400006709).' },
    {
      key: 'urgentContract',
      secret: false,
      required: false,
      help: 'Contract number for urgent delivery, if you have one (adds the "urgent" service).',
    },
    {
      key: 'originBranch',
      secret: false,
      required: false,
      help: 'Andreani branch that receives your parcels (sucursal de origen), when your contract names one.',
    },
    { key: 'senderTaxId', secret: false, required: false, help: 'CUIT of the sender printed on labels (digits, with or without dashes).' },
    {
      key: 'transitDays',
      secret: false,
      required: false,
      help: 'Business days Andreani takes for standard delivery (its quote does not say; default 3).',
    },
    { key: 'urgentTransitDays', secret: false, required: false, help: 'Business days for urgent delivery (default 1).' },
    {
      key: 'username',
      secret: true,
      required: true,
      help: 'API user Andreani gave you for the web services (not the e-commerce portal login).',
    },
    { key: 'password', secret: true, required: true, help: 'API password for that user.' },
  ],

  async quote(account, req, io): Promise<Quote[]> {
    andreaniSetting(account, 'clientCode', 'the Andreani client code (e.g. CL0001234)');
    const s = new AndreaniSession(account, io);
    const quotes: Quote[] = [];
    for (const svc of SERVICES) {
      const contract = account.settings[svc.setting]?.trim();
      if (!contract) {
        if (svc.service === 'standard') contractFor(account, svc.service); // throws: the contract is required
        continue;
      }
      const what = `Andreani quote (${svc.name}) to ${req.to.postalCode ?? '?'}`;
      const res = await s.request({ what, method: 'GET', path: `/v1/tarifas?${tarifaQuery(account, contract, req).toString()}` });
      const t = readAndreani(TarifaAnswer, res.json(), what);
      quotes.push({
        service: svc.service,
        serviceName: svc.name,
        price: { amount: Math.round(t.tarifaConIva.total * 100) / 100, currency: 'ARS' },
        transitDays: days(account, svc.days, svc.defaultDays),
      });
    }
    return quotes;
  },

  async createShipment(account, req, io): Promise<CreateResult> {
    const contract = contractFor(account, req.service);
    const s = new AndreaniSession(account, io);
    // Retry-safe: a create that timed out may have gone through; find it before buying another.
    const earlier = await findByReference(s, account, req.reference);
    if (earlier) return earlier;
    const what = `Andreani create shipment ${req.reference}`;
    let res;
    try {
      res = await s.request({
        what,
        method: 'POST',
        path: '/v2/ordenes-de-envio',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ordenBody(account, contract, req)),
        idempotent: false,
      });
    } catch (e) {
      // A 400 is Andreani refusing this order as it is (address, postcode, contract): a person chooses again.
      if (e instanceof CarrierError && e.kind === 'invalid') return { state: 'rejected', reason: e.message };
      throw e;
    }
    return ordenResult(readAndreani(OrdenAnswer, res.json(), what), trackingUrl);
  },

  async checkShipment(account, externalId, io): Promise<CreateResult> {
    const s = new AndreaniSession(account, io);
    return ordenResult(await readOrden(s, externalId, `Andreani order ${externalId}`), trackingUrl);
  },

  async label(account, externalId, _format, io): Promise<CarrierLabel> {
    const s = new AndreaniSession(account, io);
    const what = `Andreani label of ${externalId}`;
    const orden = await readOrden(s, externalId, what);
    const state = ordenResult(orden, trackingUrl);
    if (state.state !== 'created') {
      throw new CarrierError(
        `${what}: the order is "${orden.estado}" at Andreani, its label is not ready; check the shipment again later`,
        'invalid',
      );
    }
    // Labels are by bulto group (agrupadorDeBultos); Andreani also answers them by shipment number.
    const group = orden.agrupadorDeBultos || externalId;
    const res = await s.request({
      what,
      method: 'GET',
      path: `/v2/ordenes-de-envio/${path(group)}/etiquetas`,
      headers: { accept: 'application/pdf' },
    });
    if (Buffer.from(res.bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return { format: 'pdf', bytes: res.bytes };
    // Some gateways wrap the PDF as base64 in JSON ({ pdf }); anything else is a format change.
    try {
      const body = res.json() as { pdf?: unknown };
      if (typeof body.pdf === 'string') {
        const bytes = new Uint8Array(Buffer.from(body.pdf, 'base64'));
        if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return { format: 'pdf', bytes };
      }
    } catch {
      // not JSON: reported below
    }
    throw new CarrierError(`${what}: Andreani answered ${res.status} with something that is not a PDF label`, 'protocol');
  },

  cancel(account): Promise<{ alreadyCancelled: boolean }> {
    return Promise.reject(
      new CarrierError(
        `Andreani's API has no cancellation for an order (account "${account.name}"): do not hand the parcel over — an order Andreani never admits is not billed — or ask your Andreani account manager to void it`,
        'invalid',
      ),
    );
  },

  async branches(account, postalCode, io): Promise<Branch[]> {
    const s = new AndreaniSession(account, io);
    const what = `Andreani branches near ${postalCode}`;
    const res = await s.request({
      what,
      method: 'GET',
      path: `/v2/sucursales?${new URLSearchParams({ codigoPostal: postalCode }).toString()}`,
      okStatuses: [404],
    });
    if (res.status === 404) return [];
    return readAndreani(SucursalesAnswer, res.json(), what).map((b) => {
      const d = b.direccion;
      const street = [d?.calle, d?.numero].filter((x) => x !== null && x !== undefined && x !== '').join(' ');
      return {
        id: b.id,
        name: b.descripcion || b.nomenclatura || `Andreani ${b.id}`,
        address: [street, d?.localidad].filter(Boolean).join(', '),
        postalCode: d?.codigoPostal !== null && d?.codigoPostal !== undefined ? String(d.codigoPostal) : null,
        lat: b.coordenadas?.latitud ?? null,
        lng: b.coordenadas?.longitud ?? null,
      };
    });
  },

  async track(account, trackingNumbers, io: CarrierIo): Promise<CarrierTrackingEvent[]> {
    const s = new AndreaniSession(account, io);
    const numbers = [...new Set(trackingNumbers)];
    const found = new Map<string, CarrierTrackingEvent[]>();
    // Andreani has no batch tracking call: one request per shipment, a few at a time.
    const queue = [...numbers];
    const worker = async () => {
      for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
        const what = `Andreani tracking of ${n}`;
        const res = await s.request({ what, method: 'GET', path: `/v2/envios/${path(n)}/trazas`, okStatuses: [404] });
        if (res.status === 404) continue; // not (yet) a shipment Andreani knows: left out
        found.set(n, trazasEvents(n, readAndreani(TrazasAnswer, res.json(), what)));
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
    return numbers.flatMap((n) => found.get(n) ?? []);
  },

  trackingUrl,
};
