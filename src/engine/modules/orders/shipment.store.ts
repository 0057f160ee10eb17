import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/data-source';

/**
 * Shipments recorded by hand (carrier `manual`, no tracking): a part handed over without a carrier
 * account. Only parts that have no shipment yet get one — a parcel the carriers module planned is
 * tracked by its carrier. Everything else about shipments lives in the shipping module.
 */
export async function recordManualShipments(m: Tx, fulfilmentOrderIds: readonly string[]): Promise<void> {
  for (const id of fulfilmentOrderIds) {
    await m.query(
      `INSERT INTO shipments (id, fulfilment_order_id, order_id, location_id, carrier, status, shipped_at)
       SELECT $1, f.id, f.order_id, f.location_id, 'manual', 'in_transit', now() FROM fulfilment_orders f
       WHERE f.id = $2
         AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = f.order_id AND s.location_id = f.location_id AND s.status <> 'cancelled')`,
      [randomUUID(), id],
    );
  }
}

/** The order's shipments still on their way are delivered (a person recorded the delivery by hand). */
export async function deliverShipments(m: Tx, orderId: string): Promise<void> {
  await deliverShipmentsOf(m, [orderId]);
}

/** {@link recordManualShipments} for every part of these orders, in one statement (a part that has a shipment is left as it is). */
export async function recordManualShipmentsOf(m: Tx, orderIds: readonly string[]): Promise<void> {
  if (!orderIds.length) return;
  await m.query(
    `INSERT INTO shipments (id, fulfilment_order_id, order_id, location_id, carrier, status, shipped_at)
     SELECT gen_random_uuid(), f.id, f.order_id, f.location_id, 'manual', 'in_transit', now() FROM fulfilment_orders f
     WHERE f.order_id = ANY($1::uuid[]) AND f.status <> 'cancelled'
       AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = f.order_id AND s.location_id = f.location_id AND s.status <> 'cancelled')`,
    [[...orderIds]],
  );
}

/** {@link deliverShipments} for many orders, in one statement. */
export async function deliverShipmentsOf(m: Tx, orderIds: readonly string[]): Promise<void> {
  if (!orderIds.length) return;
  await m.query(
    `UPDATE shipments SET status = 'delivered', delivered_at = now(), status_at = now(), next_poll_at = NULL, updated_at = now()
     WHERE order_id = ANY($1::uuid[]) AND status IN ('in_transit','out_for_delivery','exception','at_branch','attempt_failed','manifested','ready')`,
    [[...orderIds]],
  );
}
