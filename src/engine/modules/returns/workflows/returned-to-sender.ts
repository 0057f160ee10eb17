import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { recordOrderEvent } from '../../orders/order.store';

/**
 * Parcels the carrier is bringing back undelivered (returning, returned to sender) become returns
 * on their way back to the location that shipped them, without a request: each is in transit, to
 * be received at that location's dock like any return (its number on the desk's list). One return
 * per shipment (a unique shipment id), whichever node sees it first. The units are the parcel's,
 * else those the location committed for the order. Answers how many returns were made.
 */
export async function returnsFromCarrier(ctx: Pick<ModuleContext, 'ds'>, actor: Actor, limit = 50): Promise<number> {
  return inTransaction(ctx.ds, async (m) => {
    const due: {
      shipment_id: string;
      order_id: string;
      location_id: string;
      status: string;
      lines: { sku: string; quantity: number }[];
    }[] = await m.query(
      `SELECT s.id AS shipment_id, s.order_id, s.location_id, s.status,
           coalesce(p.lines, (SELECT jsonb_agg(jsonb_build_object('sku', r.sku, 'quantity', r.qty)) FROM (
              SELECT sku, sum(quantity)::int AS qty FROM reservations WHERE order_id = s.order_id AND location_id = s.location_id AND status = 'committed'
              GROUP BY sku) r), '[]') AS lines
         FROM shipments s LEFT JOIN parcels p ON p.id = s.parcel_id
         WHERE s.status IN ('returning', 'returned') AND s.order_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM returns x WHERE x.shipment_id = s.id)
         ORDER BY s.status_at LIMIT $1 FOR UPDATE OF s SKIP LOCKED`,
      [limit],
    );
    let made = 0;
    for (const d of due) {
      const lines = d.lines.filter((l) => l.quantity > 0);
      if (!lines.length) continue;
      const id = randomUUID();
      const rows: { number: string }[] = await m.query(
        `WITH r AS (
           INSERT INTO returns (id, order_id, shipment_id, status, source, method, resolution, location_id, verdict, reasons, value, notes,
             requested_by, decided_by, decided_at)
           SELECT $1, $2, $3, 'in_transit', 'carrier', 'carrier_label', 'refund', $4, 'approve', '[]',
             coalesce((SELECT sum(x.quantity * coalesce(ol.price, 0)) FROM jsonb_to_recordset($5::jsonb) AS x(sku text, quantity int)
               LEFT JOIN LATERAL (SELECT max(unit_price) AS price FROM order_lines WHERE order_id = $2 AND sku = x.sku) ol ON true), 0),
             $6, $7, $7, now()
           ON CONFLICT (shipment_id) DO NOTHING RETURNING id, number),
         l AS (
           INSERT INTO return_lines (return_id, line_no, sku, quantity, unit_price, reason, condition, verdict)
           SELECT r.id, x.n, x.sku, x.quantity,
             coalesce((SELECT max(unit_price) FROM order_lines WHERE order_id = $2 AND sku = x.sku), 0), 'returned_to_sender', 'unopened', 'approve'
           FROM r, ROWS FROM (jsonb_to_recordset($5::jsonb) AS (sku text, quantity int)) WITH ORDINALITY AS x(sku, quantity, n)),
         e AS (
           INSERT INTO return_events (return_id, type, from_status, to_status, actor_id, actor_name, reason)
           SELECT id, 'return.from_carrier', NULL, 'in_transit', $8, $7, $6 FROM r)
         SELECT number FROM r`,
        [
          id,
          d.order_id,
          d.shipment_id,
          d.location_id,
          JSON.stringify(lines),
          `the carrier is bringing the parcel back (${d.status})`,
          actor.name,
          actor.id,
        ],
      );
      if (!rows[0]) continue;
      await recordOrderEvent(m, {
        orderId: d.order_id,
        type: 'return.from_carrier',
        actor,
        data: { returnId: id, returnNumber: Number(rows[0].number), shipmentId: d.shipment_id, locationId: d.location_id },
      });
      made++;
    }
    return made;
  });
}
