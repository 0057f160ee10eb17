import type { Tx } from '../../db/data-source';
import { AppError, type FloorRow, type OutputOf } from '../../../shared';

type FloorPage = OutputOf<'floor.openFulfilments'>;

interface Row {
  id: string;
  order_id: string;
  status: 'assigned' | 'picked';
  created_at: Date;
  number: string;
  channel: string;
  customer_name: string;
  customer_tier: string | null;
  order_status: FloorRow['orderStatus'];
  promised_at: Date | null;
  lines: { sku: string; quantity: number; name: string | null }[] | null;
  elsewhere: { sku: string; quantity: number; locationId: string }[] | null;
  order_lines: { sku: string; quantity: number; name: string | null }[] | null;
}

/**
 * A location's open fulfilment orders (assigned or picked), oldest first, each with the units this
 * location holds for it (its reservations), the lines that ship from elsewhere, and the order's
 * lines as ordered. One read; no write.
 */
export async function listOpenFulfilments(m: Tx, locationId: string, limit: number): Promise<FloorPage> {
  const loc: { id: string; name: string; kind: string; city: string }[] = await m.query(
    `SELECT id, name, kind, city FROM locations WHERE id = $1`,
    [locationId],
  );
  if (!loc[0]) {
    throw new AppError('NOT_FOUND', `No location with id ${locationId}`, [
      { path: 'locationId', message: 'use the id of a store or warehouse from locations.list' },
    ]);
  }
  const rows: Row[] = await m.query(
    `WITH fo AS (
       SELECT f.id, f.order_id, f.status, f.created_at FROM fulfilment_orders f
       WHERE f.location_id = $1 AND f.status IN ('assigned', 'picked')
       ORDER BY f.created_at, f.id LIMIT $2)
     SELECT fo.id, fo.order_id, fo.status, fo.created_at, o.number, o.channel, o.customer->>'name' AS customer_name, o.customer_tier,
       o.status AS order_status, o.promised_at,
       (SELECT json_agg(json_build_object('sku', r.sku, 'quantity', r.qty, 'name', p.name) ORDER BY r.sku)
          FROM (SELECT sku, sum(quantity)::int AS qty FROM reservations WHERE fulfilment_order_id = fo.id AND status IN ('reserved', 'committed') GROUP BY sku) r
          LEFT JOIN products p ON p.sku = r.sku) AS lines,
       (SELECT json_agg(json_build_object('sku', r.sku, 'quantity', r.quantity, 'locationId', r.location_id) ORDER BY r.sku)
          FROM reservations r JOIN fulfilment_orders f2 ON f2.id = r.fulfilment_order_id
          WHERE r.order_id = fo.order_id AND r.status = 'reserved' AND f2.id <> fo.id) AS elsewhere,
       (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.open_quantity, 'name', p.name) ORDER BY l.line_no)
          FROM order_lines l LEFT JOIN products p ON p.sku = l.sku WHERE l.order_id = fo.order_id AND l.open_quantity > 0) AS order_lines
     FROM fo JOIN orders o ON o.id = fo.order_id
     ORDER BY fo.created_at, o.number`,
    [locationId, limit],
  );
  const total: { n: number }[] = await m.query(
    `SELECT count(*)::int AS n FROM fulfilment_orders WHERE location_id = $1 AND status IN ('assigned', 'picked')`,
    [locationId],
  );
  return { location: loc[0], rows: rows.map(toFloorRow), total: total[0]?.n ?? 0 };
}

function toFloorRow(r: Row): FloorRow {
  const elsewhere = r.elsewhere ?? [];
  const away = new Set(elsewhere.map((e) => e.sku));
  // Without reservations (none recorded for this fulfilment order) the location holds the order's lines not held elsewhere.
  const ordered = r.order_lines ?? [];
  const held = r.lines?.length ? r.lines : ordered.filter((l) => !away.has(l.sku));
  return {
    fulfilmentOrderId: r.id,
    orderId: r.order_id,
    number: Number(r.number),
    channel: r.channel,
    customerName: r.customer_name,
    customerTier: r.customer_tier,
    status: r.status,
    orderStatus: r.order_status,
    assignedAt: r.created_at.toISOString(),
    promisedAt: r.promised_at?.toISOString() ?? null,
    lines: held.map((l) => ({ sku: l.sku, productName: l.name, quantity: l.quantity })),
    elsewhere,
    orderLines: ordered.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    actionable: r.status === 'assigned' && r.order_status === 'sourced',
  };
}
