import type { ShipmentStatus } from '../../../shared';

/**
 * Mercado Envíos shipment statuses and sub-statuses (developers.mercadolibre.com.ar, "Envíos" →
 * "Gestionar envíos" / `GET /shipments/{id}` and `GET /shipments/{id}/history`) normalised to ours.
 *
 * The main status is a short, stable list; the sub-status list is long and grows (ML adds new ones
 * without notice), so an unknown sub-status takes the meaning of its main status, and an unknown main
 * status is kept with status null — never a crash.
 */

export interface MlNormalised {
  status: ShipmentStatus | null;
  /** Why, as our reason code (`customer_absent`, `address_not_found` …), or null. */
  reason: string | null;
}

/** What each main status means on its own (an unknown or absent sub-status falls back to this). */
const MAIN: Readonly<Record<string, ShipmentStatus | null>> = {
  // Before the carrier has it: the sale is being paid / prepared / the label is printable.
  pending: null,
  handling: null,
  ready_to_ship: null,
  shipped: 'in_transit',
  delivered: 'delivered',
  // Not delivered: the carrier gave up on this delivery; what happens next is in the sub-status.
  not_delivered: 'exception',
  cancelled: 'cancelled',
};

/** Sub-statuses whose meaning differs from their main status: [status, reason]. */
const SUB: Readonly<Record<string, readonly [ShipmentStatus | null, string | null]>> = {
  // ready_to_ship: the carrier took the parcel (first scan) — before that, label phase.
  picked_up: ['in_transit', null],
  dropped_off: ['in_transit', null],
  in_hub: ['in_transit', null],
  in_packing_list: [null, null],
  // shipped
  out_for_delivery: ['out_for_delivery', null],
  soon_deliver: ['in_transit', null],
  delayed: ['in_transit', 'delayed'],
  receiver_absent: ['attempt_failed', 'customer_absent'],
  not_visited: ['attempt_failed', 'not_visited'],
  delivery_failed: ['attempt_failed', 'delivery_failed'],
  bad_address: ['exception', 'address_not_found'],
  not_localized: ['exception', 'address_not_found'],
  changed_address: ['exception', 'address_changed'],
  refused_delivery: ['exception', 'refused'],
  retained: ['exception', 'retained'],
  at_customs: ['in_transit', 'customs'],
  damaged: ['exception', 'damaged'],
  waiting_for_withdrawal: ['at_branch', 'waiting_for_pickup'],
  contact_with_carrier_required: ['exception', 'contact_carrier'],
  stolen: ['lost', 'stolen'],
  lost: ['lost', null],
  returning_to_sender: ['returning', null],
  returning_to_hub: ['returning', null],
  // not_delivered
  returned: ['returned', null],
  returned_to_sender: ['returned', null],
  returned_to_hub: ['returned', null],
};

/** Sub-statuses that mean "the label cannot be printed yet" while the main status is ready_to_ship. */
export const NOT_PRINTABLE = new Set(['invoice_pending', 'waiting_for_carrier_authorization', 'buffered', 'under_review']);

/** Our status and reason for ML's (status, sub-status). */
export function normaliseMl(status: string, substatus: string | null | undefined): MlNormalised {
  if (!Object.hasOwn(MAIN, status)) return { status: null, reason: null };
  const main = MAIN[status]!;
  const sub = substatus ? SUB[substatus] : undefined;
  // A sub-status refines its main status; it never turns a finished main status into another one.
  if (!sub || status === 'delivered' || status === 'cancelled') return { status: main, reason: null };
  if (status === 'ready_to_ship' && sub[0] !== 'in_transit') return { status: null, reason: null };
  return { status: sub[0] ?? main, reason: sub[1] };
}

/** ML's raw code for an event: `status` or `status/substatus`. */
export const mlCode = (status: string, substatus: string | null | undefined): string => (substatus ? `${status}/${substatus}` : status);

const TEXT: Readonly<Record<string, string>> = {
  pending: 'Pendiente',
  handling: 'En preparación',
  ready_to_ship: 'Listo para despachar',
  shipped: 'En camino',
  delivered: 'Entregado',
  not_delivered: 'No entregado',
  cancelled: 'Cancelado',
};

/** A readable text for the raw layer (ML's API gives codes only; the sub-status is kept as it came). */
export function mlText(status: string, substatus: string | null | undefined): string {
  const main = TEXT[status] ?? status;
  return substatus ? `${main} (${substatus.replace(/_/g, ' ')})` : main;
}
