import { ReturnSettingsSchema, type ReturnSettings } from '../../../shared';
import type { Tx } from '../../db/data-source';

/** What the return policy needs to know of an order, per SKU: delivered units and when, price, category, units in other returns. */
export interface OrderReturnFacts {
  orderId: string;
  status: string;
  country: string;
  currency: string;
  skus: Map<
    string,
    { category: string | null; unitPrice: number; ordered: number; delivered: number; deliveredAt: Date | null; alreadyReturned: number }
  >;
}

/**
 * The order's facts for a return request, read under the order's lock (the caller's). Delivered:
 * the committed units of its delivered fulfilment orders, delivered when their parcel was (else
 * when the part was marked delivered). Already returned: units on its other returns not rejected,
 * cancelled or expired (what was received, once received).
 */
export async function orderReturnFacts(m: Tx, orderId: string): Promise<OrderReturnFacts | null> {
  const orders: { id: string; status: string; country: string | null; currency: string }[] = await m.query(
    `SELECT id, status, ship_to->>'country' AS country, currency FROM orders WHERE id = $1 FOR UPDATE`,
    [orderId],
  );
  const o = orders[0];
  if (!o) return null;
  const rows: {
    sku: string;
    category: string | null;
    unit_price: string | null;
    ordered: number;
    delivered: number;
    delivered_at: Date | null;
    returned: number;
  }[] = await m.query(
    `WITH ol AS (SELECT sku, sum(quantity)::int AS ordered, max(unit_price) AS unit_price FROM order_lines WHERE order_id = $1 GROUP BY sku),
     dl AS (
       SELECT r.sku, sum(r.quantity)::int AS delivered,
         max(coalesce((SELECT max(s.delivered_at) FROM shipments s WHERE s.fulfilment_order_id = f.id), f.updated_at)) AS delivered_at
       FROM reservations r JOIN fulfilment_orders f ON f.id = r.fulfilment_order_id
       WHERE r.order_id = $1 AND r.status = 'committed' AND f.status = 'delivered' GROUP BY r.sku),
     rl AS (
       SELECT l.sku, sum(CASE WHEN rt.status IN ('received','inspected','closed') THEN l.received ELSE l.quantity END)::int AS returned
       FROM return_lines l JOIN returns rt ON rt.id = l.return_id
       WHERE rt.order_id = $1 AND rt.status NOT IN ('rejected','cancelled','expired') AND l.verdict <> 'reject' GROUP BY l.sku)
     SELECT ol.sku, p.category, coalesce(ol.unit_price, p.price) AS unit_price, ol.ordered,
       coalesce(dl.delivered, 0) AS delivered, dl.delivered_at, coalesce(rl.returned, 0) AS returned
     FROM ol LEFT JOIN products p ON p.sku = ol.sku LEFT JOIN dl ON dl.sku = ol.sku LEFT JOIN rl ON rl.sku = ol.sku`,
    [orderId],
  );
  return {
    orderId: o.id,
    status: o.status,
    country: (o.country ?? '').toUpperCase(),
    currency: o.currency.trim(),
    skus: new Map(
      rows.map((r) => [
        r.sku,
        {
          category: r.category,
          unitPrice: Number(r.unit_price ?? 0),
          ordered: r.ordered,
          delivered: r.delivered,
          deliveredAt: r.delivered_at,
          alreadyReturned: r.returned,
        },
      ]),
    ),
  };
}

/** A location's name (what a customer is told to bring a return to), or null. */
export async function locationNameOf(m: Tx, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  const rows: { name: string }[] = await m.query(`SELECT name FROM locations WHERE id = $1`, [id]);
  return rows[0]?.name ?? null;
}

export async function readReturnSettings(m: Tx): Promise<ReturnSettings> {
  const rows: { settings: unknown }[] = await m.query(`SELECT settings FROM return_settings WHERE id`);
  return ReturnSettingsSchema.parse(rows[0]?.settings ?? {});
}

/** Saves the settings; answers what they were. */
export async function writeReturnSettings(m: Tx, s: ReturnSettings, by: string): Promise<ReturnSettings> {
  const before = await readReturnSettings(m);
  await m.query(
    `INSERT INTO return_settings (id, settings, updated_by) VALUES (true, $1, $2)
     ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now(), updated_by = EXCLUDED.updated_by`,
    [JSON.stringify(s), by],
  );
  return before;
}
