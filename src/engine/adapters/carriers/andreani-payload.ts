import { z } from 'zod';
import {
  CarrierError,
  type CarrierAccountConfig,
  type CarrierAddress,
  type CarrierParcel,
  type CarrierTrackingEvent,
  type CreateResult,
  type QuoteRequest,
  type ShipmentRequest,
} from '../../ports/carrier.port';
import { motiveReason, andreaniStatus } from './andreani-status';
import { fit, postcodeDigits, provinceCode, splitStreet } from './ar-address';

/**
 * Andreani API v2 request bodies and answers, as developers.andreani.com documents them:
 * quote `GET /v1/tarifas` (query `cpDestino`, `contrato`, `cliente`, `sucursalOrigen`,
 * `bultos[i][volumen|kilos|valorDeclarado|altoCm|anchoCm|largoCm]`) → `tarifaConIva.total`;
 * create `POST /v2/ordenes-de-envio` (`contrato`, `origen.postal`, `destino.postal`, `remitente`,
 * `destinatario[]`, `bultos[]`) → `estado`, `bultos[].numeroDeEnvio`, `agrupadorDeBultos`;
 * tracking `GET /v2/envios/{numero}/trazas` → `eventos[]`; branches `GET /v2/sucursales`.
 */

/** Numbers arrive as numbers or as decimal strings ("5819.18"). */
const num = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

export const TarifaAnswer = z.object({
  tarifaConIva: z.object({ total: num }).passthrough(),
  tarifaSinIva: z.object({ total: num }).passthrough().optional(),
  pesoAforado: z.unknown().optional(),
});

export const OrdenAnswer = z
  .object({
    estado: z.string().min(1),
    agrupadorDeBultos: z.string().nullish(),
    bultos: z
      .array(
        z
          .object({ numeroDeEnvio: z.union([z.string(), z.number()]).transform(String), numeroDeBulto: z.unknown().optional() })
          .passthrough(),
      )
      .default([]),
    // The rejection's reason: Andreani's examples do not show the field's name (A CONFIRMAR with a
    // rejected order in QA); these are the names its other answers use for a reason.
    motivo: z.string().nullish(),
    motivoDeRechazo: z.string().nullish(),
    mensaje: z.string().nullish(),
    detalle: z.string().nullish(),
  })
  .passthrough();
export type OrdenAnswer = z.infer<typeof OrdenAnswer>;

export const EnviosSearchAnswer = z.object({
  envios: z.array(z.object({ numeroDeTracking: z.union([z.string(), z.number()]).transform(String) }).passthrough()).default([]),
});

const Traza = z
  .object({
    Fecha: z.string().min(1),
    Estado: z.string().min(1),
    EstadoId: z.union([z.number(), z.string()]).nullish(),
    Motivo: z.string().nullish(),
    MotivoId: z.unknown().optional(),
    Sucursal: z.string().nullish(),
    Ciclo: z.string().nullish(),
    Traduccion: z.string().nullish(),
  })
  .passthrough();
export const TrazasAnswer = z.object({ eventos: z.array(Traza).default([]) });

export const SucursalesAnswer = z.array(
  z
    .object({
      id: z.union([z.string(), z.number()]).transform(String),
      descripcion: z.string().nullish(),
      nomenclatura: z.string().nullish(),
      direccion: z
        .object({
          calle: z.string().nullish(),
          numero: z.union([z.string(), z.number()]).nullish(),
          localidad: z.string().nullish(),
          codigoPostal: z.union([z.string(), z.number()]).nullish(),
        })
        .passthrough()
        .nullish(),
      coordenadas: z.object({ latitud: num.nullish(), longitud: num.nullish() }).passthrough().nullish(),
    })
    .passthrough(),
);

/** Reads an answer with its schema; a mismatch is a format change at Andreani, said as such. */
export function readAndreani<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new CarrierError(
      `${what}: Andreani answered in a shape we do not read (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unexpected'}); the API may have changed`,
      'protocol',
    );
  }
  return r.data;
}

function volumeCm3(p: CarrierParcel): number {
  if (p.lengthMm && p.widthMm && p.heightMm) return Math.max(1, Math.round((p.lengthMm * p.widthMm * p.heightMm) / 1000));
  // No dimensions: a shoebox (Andreani needs a volume to quote and bill by volumetric weight).
  return 6_000;
}

const kilos = (p: CarrierParcel) => Math.max(0.01, Math.round(p.weightGrams) / 1000);

/** Query parameters of `GET /v1/tarifas` for a contract. */
export function tarifaQuery(account: CarrierAccountConfig, contract: string, req: QuoteRequest): URLSearchParams {
  const q = new URLSearchParams({
    cpDestino: postcodeDigits(req.to),
    contrato: contract,
    cliente: account.settings.clientCode?.trim() ?? '',
  });
  if (account.settings.originBranch?.trim()) q.set('sucursalOrigen', account.settings.originBranch.trim());
  const each = req.parcels.length ? req.declaredValue.amount / req.parcels.length : 0;
  req.parcels.forEach((p, i) => {
    q.set(`bultos[${i}][volumen]`, String(volumeCm3(p)));
    q.set(`bultos[${i}][kilos]`, String(kilos(p)));
    q.set(`bultos[${i}][valorDeclarado]`, each.toFixed(2));
    if (p.heightMm) q.set(`bultos[${i}][altoCm]`, String(Math.ceil(p.heightMm / 10)));
    if (p.widthMm) q.set(`bultos[${i}][anchoCm]`, String(Math.ceil(p.widthMm / 10)));
    if (p.lengthMm) q.set(`bultos[${i}][largoCm]`, String(Math.ceil(p.lengthMm / 10)));
  });
  return q;
}

function postal(a: CarrierAddress) {
  const s = splitStreet(a.line1);
  const components = [
    { meta: 'calle', contenido: fit(s.street, 60) },
    { meta: 'numero', contenido: fit(s.number, 10) },
    ...(s.rest ? [{ meta: 'observaciones', contenido: fit(s.rest, 60) }] : []),
  ];
  return {
    codigoPostal: postcodeDigits(a),
    calle: fit(s.street, 60),
    numero: fit(s.number, 10),
    localidad: fit(a.city, 60),
    region: provinceCode(a.region) ?? '',
    pais: 'Argentina',
    componentesDeDireccion: components,
  };
}

function person(a: CarrierAddress, doc?: { type: string; number: string }) {
  return {
    nombreCompleto: fit(a.name, 80),
    ...(a.email ? { email: a.email } : {}),
    ...(doc ? { documentoTipo: doc.type, documentoNumero: doc.number } : {}),
    // tipo 1 = móvil in Andreani's phone types.
    ...(a.phone ? { telefonos: [{ tipo: 1, numero: fit(a.phone, 20) }] } : {}),
  };
}

/**
 * The body of `POST /v2/ordenes-de-envio`. Our reference goes as the bulto's `idCliente` reference —
 * what the shipments search (`GET /v1/envios?idDeProducto=`) finds it by — and as `idPedido`.
 */
export function ordenBody(account: CarrierAccountConfig, contract: string, req: ShipmentRequest): Record<string, unknown> {
  const taxId = account.settings.senderTaxId?.replace(/\D/g, '');
  const p = req.parcel;
  return {
    contrato: contract,
    idPedido: req.reference,
    ...(account.settings.originBranch?.trim() ? { sucursalClienteID: account.settings.originBranch.trim() } : {}),
    origen: { postal: postal(req.from) },
    destino: { postal: postal(req.to) },
    remitente: person(req.from, taxId ? { type: 'CUIT', number: taxId } : undefined),
    destinatario: [person(req.to)],
    bultos: [
      {
        kilos: kilos(p),
        volumenCm: volumeCm3(p),
        ...(p.lengthMm ? { largoCm: Math.ceil(p.lengthMm / 10) } : {}),
        ...(p.widthMm ? { anchoCm: Math.ceil(p.widthMm / 10) } : {}),
        ...(p.heightMm ? { altoCm: Math.ceil(p.heightMm / 10) } : {}),
        valorDeclaradoConImpuestos: Math.round(req.declaredValue.amount * 100) / 100,
        referencias: [
          { meta: 'idCliente', contenido: req.reference },
          { meta: 'observaciones', contenido: `Pedido #${req.orderNumber}` },
        ],
      },
    ],
  };
}

/** How an order stands: "Creada" is made (label ready); "Pendiente"/"Solicitada" still with Andreani's TMS; "Rechazada" refused. */
export function ordenResult(o: OrdenAnswer, trackingUrl: (n: string) => string): CreateResult {
  const numero = o.bultos[0]?.numeroDeEnvio;
  const estado = o.estado.toLowerCase();
  if (estado.startsWith('rechaz')) {
    const reason = o.motivo || o.motivoDeRechazo || o.mensaje || o.detalle || 'Andreani rejected the order without saying why';
    return { state: 'rejected', ...(numero ? { externalId: numero } : {}), reason: `Andreani rejected the shipment: ${reason}` };
  }
  if (!numero) throw new CarrierError(`Andreani answered an order "${o.estado}" without a numeroDeEnvio`, 'protocol');
  if (estado.startsWith('cread')) return { state: 'created', externalId: numero, trackingNumber: numero, trackingUrl: trackingUrl(numero) };
  // Pendiente: the API has not reached the TMS yet; Solicitada: it has and awaits its answer (seconds to minutes).
  if (estado.startsWith('pendiente') || estado.startsWith('solicitad'))
    return { state: 'pending', externalId: numero, retryAfterMs: 30_000 };
  throw new CarrierError(`Andreani answered an order state we do not know: "${o.estado}"`, 'protocol');
}

/** Andreani's dates come without an offset and are Argentine time (UTC−3, no daylight saving since 2009). */
export function andreaniDate(text: string): Date {
  const hasZone = /(z|[+-]\d{2}:?\d{2})$/i.test(text.trim());
  const d = new Date(hasZone ? text : `${text.trim()}-03:00`);
  return Number.isNaN(d.getTime()) ? new Date(Number.NaN) : d;
}

/** One shipment's traces as tracking events: normalised status and reason beside Andreani's own code and text. */
export function trazasEvents(trackingNumber: string, body: z.infer<typeof TrazasAnswer>): CarrierTrackingEvent[] {
  const events: CarrierTrackingEvent[] = [];
  for (const t of body.eventos) {
    const occurredAt = andreaniDate(t.Fecha);
    if (Number.isNaN(occurredAt.getTime())) continue; // an event without a readable date cannot be ordered
    const estadoId = t.EstadoId === null || t.EstadoId === undefined || t.EstadoId === '' ? null : Number(t.EstadoId);
    const motivo = t.Motivo?.trim() || null;
    events.push({
      trackingNumber,
      status: andreaniStatus(t.Estado, Number.isFinite(estadoId) ? estadoId : null, t.Ciclo),
      reason: motiveReason(motivo),
      carrierCode: estadoId !== null && Number.isFinite(estadoId) ? String(estadoId) : t.Estado,
      carrierText: motivo ? `${t.Estado}: ${motivo}` : t.Estado,
      occurredAt,
      ...(t.Sucursal ? { location: t.Sucursal } : {}),
    });
  }
  // Oldest first, whatever order Andreani lists them in (stable: same-second events keep theirs).
  return events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}
