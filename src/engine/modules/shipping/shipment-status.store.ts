import {
  AppError,
  SHIPMENT_FINAL,
  SHIPMENT_TRANSITIONS,
  WITH_CARRIER,
  type Actor,
  type DelayReason,
  type ShipmentStatus,
  type TrackingEvent,
} from '../../../shared';
import type { Tx } from '../../db/data-source';
import { recordOrderEvent } from '../orders/order.store';

/**
 * The one way a shipment's status changes (labels, tracking, cancel, close-out): the transition
 * table is checked, the event is kept in its three layers, the shipment row follows, the order's
 * timeline gets `shipment.<status>` (what customer notifications read), and desks hear
 * `shipping.changed` once it commits.
 */

export interface ShipmentHead {
  id: string;
  orderId: string;
  locationId: string;
  status: ShipmentStatus;
  carrier: string;
  trackingNumber: string | null;
  parcelCode: string | null;
}

export interface StatusEvent {
  source: TrackingEvent['source'];
  carrierCode: string;
  carrierText: string;
  reason?: string | null;
  occurredAt: Date;
  location?: string | null;
  etaAt?: Date | null;
  /** Identifies the event so it is kept once (e.g. `<carrierCode>@<occurredAt ISO>`, `label:ready`). */
  dedupeKey: string;
}

export function assertShipmentTransition(from: ShipmentStatus, to: ShipmentStatus): void {
  if (SHIPMENT_TRANSITIONS[from].includes(to)) return;
  const allowed = SHIPMENT_TRANSITIONS[from];
  throw new AppError(
    'ILLEGAL_TRANSITION',
    `A shipment in status "${from}" cannot move to "${to}"` + (allowed.length ? `; allowed next: ${allowed.join(', ')}` : '; it is final'),
  );
}

/** A shipment row as the head queries select it (with its parcel's code). */
export interface ShipmentHeadRow {
  id: string;
  order_id: string;
  location_id: string;
  status: ShipmentStatus;
  carrier: string;
  tracking_number: string | null;
  parcel_code: string | null;
}

/** The columns {@link ShipmentHeadRow} reads, from `shipments s LEFT JOIN parcels p`. */
export const SHIPMENT_HEAD_COLUMNS = 's.id, s.order_id, s.location_id, s.status, s.carrier, s.tracking_number, p.code AS parcel_code';

export const shipmentHeadOf = (r: ShipmentHeadRow): ShipmentHead => ({
  id: r.id,
  orderId: r.order_id,
  locationId: r.location_id,
  status: r.status,
  carrier: r.carrier,
  trackingNumber: r.tracking_number,
  parcelCode: r.parcel_code,
});

/** Locks a shipment row and reads what a status change needs. */
export async function lockShipmentHead(m: Tx, id: string): Promise<ShipmentHead | null> {
  // Its order first, then the shipment: the order every path takes (tracking batches lock orders, then
  // their shipments). A label bought while a batch tracks the same order deadlocked the other way round.
  await m.query(`SELECT o.id FROM orders o WHERE o.id = (SELECT order_id FROM shipments WHERE id = $1) FOR UPDATE`, [id]);
  const rows: ShipmentHeadRow[] = await m.query(
    `SELECT ${SHIPMENT_HEAD_COLUMNS} FROM shipments s LEFT JOIN parcels p ON p.id = s.parcel_id WHERE s.id = $1 FOR UPDATE OF s`,
    [id],
  );
  return rows[0] ? shipmentHeadOf(rows[0]) : null;
}

/** Desks hear that a shipment moved (or an alert on it was raised or resolved), after commit. */
export async function shippingChanged(
  m: Tx,
  s: Pick<ShipmentHead, 'id' | 'orderId' | 'locationId' | 'status'>,
  alert: DelayReason | null = null,
): Promise<void> {
  await shippingChangedMany(m, [{ ...s, alert }]);
}

/** {@link shippingChanged} for many shipments in one statement, in the order given. */
export async function shippingChangedMany(
  m: Tx,
  changes: readonly (Pick<ShipmentHead, 'id' | 'orderId' | 'locationId' | 'status'> & { alert?: DelayReason | null })[],
): Promise<void> {
  if (!changes.length) return;
  await m.query(
    `INSERT INTO engine_events (payload)
     SELECT jsonb_build_object('type', 'shipping.changed', 'shipmentId', c.id, 'orderId', c.order_id, 'locationId', c.location_id,
       'status', c.status, 'alert', c.alert, 'at', atalaya_iso(clock_timestamp()))
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS c(id, order_id, location_id, status, alert, n)
     ORDER BY c.n`,
    [
      changes.map((c) => c.id),
      changes.map((c) => c.orderId),
      changes.map((c) => c.locationId),
      changes.map((c) => c.status),
      changes.map((c) => c.alert ?? null),
    ],
  );
}

/**
 * Moves a locked shipment to `to` (checked against the transition table) and keeps the event that
 * did it (applied). Returns false when the same event was kept before (a redelivery): nothing moves.
 */
export async function moveShipment(m: Tx, head: ShipmentHead, to: ShipmentStatus, ev: StatusEvent, actor: Actor): Promise<boolean> {
  assertShipmentTransition(head.status, to);
  const kept: unknown[] = await m.query(
    `INSERT INTO tracking_events (shipment_id, status, reason, carrier_code, carrier_text, occurred_at, source, applied, location, eta_at, dedupe_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8, $9, $10) ON CONFLICT (shipment_id, dedupe_key) DO NOTHING RETURNING id`,
    [
      head.id,
      to,
      ev.reason ?? null,
      ev.carrierCode,
      ev.carrierText.slice(0, 1000),
      ev.occurredAt,
      ev.source,
      ev.location ?? null,
      ev.etaAt ?? null,
      ev.dedupeKey,
    ],
  );
  if (!kept.length) return false;
  const withCarrier = WITH_CARRIER.includes(to) || to === 'delivered';
  await m.query(
    `UPDATE shipments SET status = $2, status_at = now(), updated_at = now(),
       last_event_at = CASE WHEN $3 THEN greatest(coalesce(last_event_at, $4), $4) ELSE last_event_at END,
       first_scan_at = CASE WHEN $3 AND first_scan_at IS NULL THEN $4 ELSE first_scan_at END,
       shipped_at = CASE WHEN $3 AND shipped_at IS NULL THEN $4 ELSE shipped_at END,
       delivered_at = CASE WHEN $2 = 'delivered' THEN $4 ELSE delivered_at END,
       eta_at = coalesce($5, eta_at),
       next_poll_at = CASE WHEN $2 = ANY($6::text[]) THEN NULL ELSE next_poll_at END
     WHERE id = $1`,
    [head.id, to, withCarrier, ev.occurredAt, ev.etaAt ?? null, SHIPMENT_FINAL],
  );
  await recordOrderEvent(m, {
    orderId: head.orderId,
    type: `shipment.${to}`,
    actor,
    reason: ev.reason ?? null,
    data: {
      shipmentId: head.id,
      carrier: head.carrier,
      trackingNumber: head.trackingNumber,
      parcelCode: head.parcelCode,
      carrierCode: ev.carrierCode,
      carrierText: ev.carrierText.slice(0, 300),
      location: ev.location ?? null,
      occurredAt: ev.occurredAt.toISOString(),
    },
  });
  head.status = to;
  await shippingChanged(m, head);
  return true;
}
