import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../kernel/context';
import type { Actor, DelayReason } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { recordOrderEvent } from '../orders/order.store';
import { shippingChanged, shippingChangedMany, type ShipmentHead } from './shipment-status.store';

/**
 * Shipment alerts: what the desk must look at (the exception inbox's shipping part, the late board)
 * and what customer notifications hear of (order event `shipment.delayed`). One open alert per
 * shipment and reason: a rule that fires again changes nothing.
 */

/** Raises an alert unless one is open for the same shipment and reason; true when it was raised now. */
export async function raiseAlert(
  m: Tx,
  head: Pick<ShipmentHead, 'id' | 'orderId' | 'locationId' | 'status' | 'carrier' | 'trackingNumber'>,
  reason: DelayReason,
  detail: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `INSERT INTO shipment_alerts (id, shipment_id, order_id, reason, detail) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (shipment_id, reason) WHERE status = 'open' DO NOTHING RETURNING id`,
    [randomUUID(), head.id, head.orderId, reason, detail.slice(0, 1000)],
  );
  if (!rows.length) return false;
  await recordOrderEvent(m, {
    orderId: head.orderId,
    type: 'shipment.delayed',
    actor,
    reason: detail.slice(0, 500),
    data: { shipmentId: head.id, reason, carrier: head.carrier, trackingNumber: head.trackingNumber },
  });
  await shippingChanged(m, head, reason);
  return true;
}

/** Resolves the shipment's open alerts (all, or those of the given reasons); answers how many. */
export async function resolveAlerts(
  m: Tx,
  head: Pick<ShipmentHead, 'id' | 'orderId' | 'locationId' | 'status'>,
  by: string,
  reasons?: readonly DelayReason[],
): Promise<number> {
  const rows: unknown[] = await m.query(
    `UPDATE shipment_alerts SET status = 'resolved', resolved_at = now(), resolved_by = $2
     WHERE shipment_id = $1 AND status = 'open' AND ($3::text[] IS NULL OR reason = ANY($3::text[])) RETURNING id`,
    [head.id, by, reasons ? [...reasons] : null],
  );
  if (rows.length) await shippingChanged(m, head);
  return rows.length;
}

/** Resolves every open alert of these shipments (delivered: nothing left to watch), in one statement; answers how many. */
export async function resolveShipmentAlerts(
  m: Tx,
  heads: readonly Pick<ShipmentHead, 'id' | 'orderId' | 'locationId' | 'status'>[],
  by: string,
): Promise<number> {
  if (!heads.length) return 0;
  const rows: { shipment_id: string }[] = await m.query(
    `UPDATE shipment_alerts SET status = 'resolved', resolved_at = now(), resolved_by = $2
     WHERE shipment_id = ANY($1::uuid[]) AND status = 'open' RETURNING shipment_id`,
    [heads.map((h) => h.id), by],
  );
  const touched = new Set(rows.map((r) => r.shipment_id));
  await shippingChangedMany(
    m,
    heads.filter((h) => touched.has(h.id)),
  );
  return rows.length;
}
