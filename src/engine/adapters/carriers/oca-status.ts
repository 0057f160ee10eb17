import type { ShipmentStatus } from '../../../shared';
import { motiveReason } from './andreani-status';
import { fold } from './ar-address';

/**
 * OCA e-Pak tracking states (`Tracking_Pieza` rows: `Desdcripcion_Estado` — sic —, `Descripcion_Motivo`,
 * `SUC`, `fecha`) mapped to our statuses. OCA does not publish its state list; these are the texts
 * its tracking shows (and integrators report), matched without accents or case. Where a row also
 * carries OCA's numeric state (`IdEstado`, in the `…ConIdEstado` variants) the ids integrators have
 * seen are a fallback. Unknown → null: kept with the raw text, never applied, never thrown.
 */

/** Folded phrase → status; more specific phrases first ("no entregad" before "entregad"). */
const BY_TEXT: readonly (readonly [string, ShipmentStatus])[] = [
  ['no entregad', 'exception'],
  ['entregada en sucursal', 'delivered'],
  ['devolucion por accion', 'returning'],
  ['en devolucion', 'returning'],
  ['retorno', 'returning'],
  ['devuelt', 'returned'],
  ['siniestr', 'lost'],
  ['extravi', 'lost'],
  ['anulad', 'cancelled'],
  ['visita', 'attempt_failed'],
  ['disponible para retir', 'at_branch'],
  ['en espera de retiro', 'at_branch'],
  ['en sucursal para retiro', 'at_branch'],
  ['listo para retirar', 'at_branch'],
  ['entregad', 'delivered'],
  ['en calle', 'out_for_delivery'],
  ['a despachar a calle', 'out_for_delivery'],
  ['en distribucion', 'out_for_delivery'],
  ['en reparto', 'out_for_delivery'],
  ['logico recibido', 'ready'],
  ['a imprimir', 'ready'],
  ['impresion realizada', 'ready'],
  ['en proceso de retiro', 'ready'],
  ['pre imposicion', 'ready'],
  ['a generar manifiesto', 'ready'],
  ['fisico recibido', 'in_transit'],
  ['retirad', 'in_transit'],
  ['admitid', 'in_transit'],
  ['despachada a', 'in_transit'],
  ['en transito', 'in_transit'],
  ['en viaje', 'in_transit'],
  ['arribo', 'in_transit'],
  ['retenid', 'exception'],
];

/** OCA's numeric states seen in the field (IdEstadoPiezaOCA), used only when the text says nothing. */
const BY_ID: Readonly<Record<string, ShipmentStatus>> = {
  '29': 'ready',
  '34': 'ready',
  '35': 'ready',
  '12': 'in_transit',
  '19': 'in_transit',
  '41': 'in_transit',
  '42': 'in_transit',
  '9': 'out_for_delivery',
  '45': 'out_for_delivery',
  '10': 'attempt_failed',
  '17': 'delivered',
  '103': 'delivered',
  '104': 'delivered',
  '90': 'returned',
  '36': 'exception',
};

export function ocaStatus(estado: string, idEstado?: string | null): ShipmentStatus | null {
  const text = fold(estado);
  for (const [phrase, s] of BY_TEXT) if (text.includes(phrase)) return s;
  return idEstado ? (BY_ID[idEstado.trim()] ?? null) : null;
}

/** OCA's motive as a reason code (same wording family as Andreani's). */
export const ocaReason = motiveReason;
