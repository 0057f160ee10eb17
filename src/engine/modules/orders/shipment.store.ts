import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/data-source';

/**
 * Shipments as the floor records them by hand today (carrier `manual`, no tracking): one per part
 * that leaves. The carriers module will own this table when it arrives.
 */
export async function recordManualShipments(m: Tx, fulfilmentOrderIds: readonly string[]): Promise<void> {
  for (const id of fulfilmentOrderIds) {
    await m.query(`INSERT INTO shipments (id, fulfilment_order_id, carrier, status) VALUES ($1, $2, 'manual', 'shipped')`, [
      randomUUID(),
      id,
    ]);
  }
}

/** The order's shipments on their way are delivered. */
export async function deliverShipments(m: Tx, orderId: string): Promise<void> {
  await m.query(
    `UPDATE shipments SET status = 'delivered', delivered_at = now()
     WHERE fulfilment_order_id IN (SELECT id FROM fulfilment_orders WHERE order_id = $1) AND status = 'shipped'`,
    [orderId],
  );
}
