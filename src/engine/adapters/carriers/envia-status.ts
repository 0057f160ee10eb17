import type { ShipmentStatus } from '../../../shared';

/**
 * Envia's tracking (docs.envia.com, `POST /ship/generaltrack/`) gives the shipment's status by name
 * ("Created", "In transit", "Out for delivery", "Delivered", "Delivery attempt", "Incident",
 * "Returned", "Lost", "Damaged", "Cancelled" — the status list of the Queries API) and an event history
 * of `{timestamp, location, description}` in the words of the carrier behind Envia (Estafeta, FedEx,
 * DHL…, in Spanish or English), without codes. Statuses are read by name; events by the phrases
 * carriers use, most specific first ("no entregado" before "entregado"). Anything else: null, kept.
 */

export interface EnviaNormalised {
  status: ShipmentStatus | null;
  reason: string | null;
}

/** Lower case, no accents, single spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Phrases (on folded text) in priority order: the first that matches decides. */
const PHRASES: readonly (readonly [RegExp, ShipmentStatus | null, string | null])[] = [
  [/\b(ausente|not home|customer absent|nadie en domicilio)\b/, 'attempt_failed', 'customer_absent'],
  [/\b(no entregad|intento de entrega|delivery attempt|attempted delivery|visita fallida)/, 'attempt_failed', 'delivery_failed'],
  [
    /\b(domicilio incorrecto|direccion incorrecta|address not found|incorrect address|direccion no localizada)/,
    'exception',
    'address_not_found',
  ],
  [/\b(danad|damaged|averiad)/, 'exception', 'damaged'],
  [/\b(extraviad|lost|robad|stolen)/, 'lost', null],
  [/\b(devuelto al remitente|returned to sender|devolucion entregada|returned)\b/, 'returned', null],
  [/\b(en devolucion|retorno al remitente|return to sender|returning)/, 'returning', null],
  [/\b(en ruta de entrega|en reparto|salio a entrega|out for delivery|vehicle for delivery)/, 'out_for_delivery', null],
  [/\b(disponible en sucursal|ocurre|listo para recoger|available for pickup|held at location)/, 'at_branch', 'waiting_for_pickup'],
  [/\b(entregad|delivered)/, 'delivered', null],
  [/\b(cancelad|cancelled|canceled)/, 'cancelled', null],
  [/\b(incidencia|incident|excepcion|exception|retenid)/, 'exception', null],
  [
    /\b(recolectad|picked up|recibido en|en transito|in transit|transit|arribo|llegada a|salida de|centro de distribucion|hub|shipped|enviado)/,
    'in_transit',
    null,
  ],
  // Known, and before the carrier has the parcel: nothing to apply.
  [/\b(guia creada|guia generada|label created|created|creada|informacion recibida|information received|pending|pendiente)\b/, null, null],
];

/** Envia's status names (the Queries API's list) → ours. */
const STATUS_NAMES: Readonly<Record<string, EnviaNormalised>> = {
  created: { status: null, reason: null },
  pending: { status: null, reason: null },
  'picked up': { status: 'in_transit', reason: null },
  shipped: { status: 'in_transit', reason: null },
  transit: { status: 'in_transit', reason: null },
  'in transit': { status: 'in_transit', reason: null },
  'out for delivery': { status: 'out_for_delivery', reason: null },
  delivered: { status: 'delivered', reason: null },
  'delivery attempt': { status: 'attempt_failed', reason: 'delivery_failed' },
  incident: { status: 'exception', reason: null },
  returned: { status: 'returned', reason: null },
  lost: { status: 'lost', reason: null },
  damaged: { status: 'exception', reason: 'damaged' },
  cancelled: { status: 'cancelled', reason: null },
  canceled: { status: 'cancelled', reason: null },
};

/** A status name as Envia gives it; unknown names → null (kept raw by the caller). */
export function normaliseEnviaStatus(name: string): EnviaNormalised {
  const key = foldText(name);
  return Object.hasOwn(STATUS_NAMES, key) ? STATUS_NAMES[key]! : { status: null, reason: null };
}

/** A history event's description in the carrier's words; unrecognised → null. */
export function normaliseEnviaEvent(description: string): EnviaNormalised {
  const text = foldText(description);
  for (const [re, status, reason] of PHRASES) if (re.test(text)) return { status, reason };
  return { status: null, reason: null };
}

/** A short stable code for an event that has none: its folded words, dashed (the raw text stays beside it). */
export function eventCode(description: string): string {
  return foldText(description).split(' ').slice(0, 8).join('-') || 'event';
}
