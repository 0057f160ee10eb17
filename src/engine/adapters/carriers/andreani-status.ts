import type { ShipmentStatus } from '../../../shared';
import { fold } from './ar-address';

/**
 * Andreani's tracking states (`GET /v2/envios/{numero}/trazas`, each event with `Estado`, `EstadoId`,
 * `Motivo`, `MotivoId`, `Sucursal`, `Fecha`, `Ciclo`) mapped to our shipment statuses. Andreani
 * publishes its "Maestro de eventos y estados" to integrators as a spreadsheet; the ids below are the
 * ones in its public examples (1 pendiente de ingreso, 5 ingreso al circuito operativo, 6 en
 * distribución, 11 visita), everything else is matched by the state's text, which is what the
 * public tracking page shows too. A state we do not know maps to null: kept with its raw code and
 * text, never applied, never thrown.
 *
 * The cycle matters: in a return cycle ("Devolucion", "Rescate", "Drop") a delivery is the parcel
 * reaching the sender again, not the customer.
 */

const BY_ID: Readonly<Record<number, ShipmentStatus>> = {
  1: 'ready',
  5: 'in_transit',
  6: 'out_for_delivery',
  11: 'attempt_failed',
};

/** Folded state text → status. Longer phrases first so "no entregado" never reads as "entregado". */
const BY_TEXT: readonly (readonly [string, ShipmentStatus])[] = [
  ['pendiente de ingreso', 'ready'],
  ['no entregado', 'exception'],
  ['entrega fallida', 'attempt_failed'],
  ['visita', 'attempt_failed'],
  ['en devolucion', 'returning'],
  ['devolucion en curso', 'returning'],
  ['devuelto', 'returned'],
  ['devolucion entregada', 'returned'],
  ['siniestrado', 'lost'],
  ['extraviado', 'lost'],
  ['anulado', 'cancelled'],
  ['cancelado', 'cancelled'],
  ['disponible para retirar', 'at_branch'],
  ['en espera en sucursal', 'at_branch'],
  ['listo para retirar', 'at_branch'],
  ['pendiente de retiro', 'at_branch'],
  ['en distribucion', 'out_for_delivery'],
  ['salida a reparto', 'out_for_delivery'],
  ['entregado', 'delivered'],
  ['ingreso al circuito operativo', 'in_transit'],
  ['ingresado', 'in_transit'],
  ['admitido', 'in_transit'],
  ['en camino', 'in_transit'],
  ['en transito', 'in_transit'],
  ['en viaje', 'in_transit'],
  ['arribo', 'in_transit'],
  ['en sucursal', 'in_transit'],
  ['en centro de distribucion', 'in_transit'],
  ['demorado', 'exception'],
  ['con novedad', 'exception'],
  ['retenido', 'exception'],
];

const RETURN_CYCLES = new Set(['devolucion', 'rescate', 'drop', 'logistica inversa']);

/** Motive text → reason code, shared wording of AR carriers' "motivo" lists. */
const MOTIVES: readonly (readonly [RegExp, string])[] = [
  [/no se encuentra|ausente|nadie en (el )?domicilio|no atiende|titular ausente/, 'customer_absent'],
  [
    /domicilio (inexistente|incorrecto|incompleto|insuficiente)|direccion (inexistente|incorrecta|incompleta)|no existe (el )?domicilio|falta de datos/,
    'address_not_found',
  ],
  [/rechaz|no acepta|no quiere/, 'refused'],
  [/dan(o|ado)|roto|averia|deterior/, 'damaged'],
  [/zona (peligrosa|roja|insegura)|inseguridad/, 'unsafe_area'],
  [/cerrado|feriado/, 'business_closed'],
  [/mudo|se mudo|desconocido/, 'recipient_moved'],
  [/extravi|siniestr|robo/, 'lost'],
];

/** A carrier motive as a reason code; null without a motive ("Sin motivo" counts as none); `other` when unknown. */
export function motiveReason(motive: string | undefined | null): string | null {
  const m = fold(motive ?? '');
  if (!m || m === 'sin motivo' || m === '0' || m === 'ninguno') return null;
  for (const [re, reason] of MOTIVES) if (re.test(m)) return reason;
  return 'other';
}

/** The normalised status of one Andreani state; null for a state the adapter does not know. */
export function andreaniStatus(estado: string, estadoId?: number | null, ciclo?: string | null): ShipmentStatus | null {
  const text = fold(estado);
  let status: ShipmentStatus | null = null;
  for (const [phrase, s] of BY_TEXT) {
    if (text.includes(phrase)) {
      status = s;
      break;
    }
  }
  status ??= estadoId !== undefined && estadoId !== null ? (BY_ID[estadoId] ?? null) : null;
  if (status && ciclo && RETURN_CYCLES.has(fold(ciclo))) {
    // In a return cycle the parcel moves towards the sender: it is returning until it is back.
    if (status === 'delivered') return 'returned';
    if (status === 'in_transit' || status === 'out_for_delivery') return 'returning';
  }
  return status;
}
