import type { Tx } from '../../db/data-source';
import type { OrderDetail, OrderIntakeFacts, OrderStatus } from '../../../shared';
import { getOrder } from './order.store';

/**
 * What the desk reads of orders: one order with its lines, timeline and intake facts, and the
 * queue's location scope (the queue itself is order-queue.store.ts). The writes — insert, transitions, channel updates —
 * are in order.store.ts, which owns the row shape both read.
 */

/**
 * An order a location scope may read: one with a fulfilment order (in any status) or the customer's
 * pickup at one of the locations `$n` (a text[]). The orders of a store associate's locations.
 */
export const visibleAtSql = (o: string, param: string) =>
  `(EXISTS (SELECT 1 FROM fulfilment_orders sf WHERE sf.order_id = ${o}.id AND sf.location_id = ANY(${param}::text[])) OR ${o}.pickup_location_id = ANY(${param}::text[]))`;

/** One order with everything the detail shows; null when there is none, or none the scope (`locations`, when given) may read. */
export async function getOrderDetail(m: Tx, id: string, locations?: readonly string[] | null): Promise<OrderDetail | null> {
  if (locations) {
    const visible: unknown[] = await m.query(`SELECT 1 FROM orders o WHERE o.id = $1 AND ${visibleAtSql('o', '$2')}`, [id, locations]);
    if (!visible.length) return null;
  }
  const order = await getOrder(m, id);
  if (!order) return null;
  const lines: {
    line_no: number;
    sku: string;
    name: string | null;
    quantity: number;
    unit_price: string | null;
    cancelled_quantity: number;
    backordered_quantity: number;
  }[] = await m.query(
    `SELECT ol.line_no, ol.sku, p.name, ol.quantity, ol.unit_price, ol.cancelled_quantity, ol.backordered_quantity
     FROM order_lines ol LEFT JOIN products p ON p.sku = ol.sku WHERE ol.order_id = $1 ORDER BY ol.line_no`,
    [id],
  );
  const related: { parts: OrderDetail['parts'] | null; parent: OrderDetail['backorderOf']; children: OrderDetail['backorders'] | null }[] =
    await m.query(
      `SELECT
       (SELECT json_agg(json_build_object('id', f.id, 'locationId', f.location_id, 'locationName', l.name, 'status', f.status,
          'lines', coalesce((SELECT json_agg(json_build_object('sku', r.sku, 'quantity', r.q) ORDER BY r.sku)
             FROM (SELECT sku, sum(quantity)::int AS q FROM reservations WHERE fulfilment_order_id = f.id AND status IN ('reserved', 'committed') GROUP BY sku) r), '[]'))
          ORDER BY f.created_at, f.id)
        FROM fulfilment_orders f JOIN locations l ON l.id = f.location_id WHERE f.order_id = o.id AND f.status <> 'cancelled') AS parts,
       (SELECT json_build_object('id', p.id, 'number', p.number, 'status', p.status) FROM orders p WHERE p.id = o.backorder_of) AS parent,
       (SELECT json_agg(json_build_object('id', c.id, 'number', c.number, 'status', c.status) ORDER BY c.number) FROM orders c WHERE c.backorder_of = o.id) AS children
     FROM orders o WHERE o.id = $1`,
      [id],
    );
  const events: {
    id: string;
    type: string;
    from_status: OrderStatus | null;
    to_status: OrderStatus | null;
    actor_name: string;
    reason: string | null;
    data: Record<string, unknown> | null;
    at: Date;
  }[] = await m.query(
    'SELECT id, type, from_status, to_status, actor_name, reason, data, at FROM order_events WHERE order_id = $1 ORDER BY id',
    [id],
  );
  const facts: IntakeFactsRow[] = await m.query(
    `SELECT o.channel_id, c.name AS channel_name, o.external_number, o.delivery_type, o.pickup_location_id, pl.name AS pickup_location_name,
            o.payment_status, o.promised_at, o.shipping_method, o.shipping_amount, o.tax_total, o.discount_total, o.tags, o.bill_to, o.geocode_source
     FROM orders o LEFT JOIN channels c ON c.id = o.channel_id LEFT JOIN locations pl ON pl.id = o.pickup_location_id WHERE o.id = $1`,
    [id],
  );
  return {
    ...order,
    intake: toIntakeFacts(facts[0]!),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      sku: l.sku,
      productName: l.name,
      quantity: l.quantity,
      unitPrice: l.unit_price === null ? null : Number(l.unit_price),
      cancelledQuantity: l.cancelled_quantity,
      backorderedQuantity: l.backordered_quantity,
    })),
    parts: related[0]?.parts ?? [],
    backorderOf: related[0]?.parent ? { ...related[0].parent, number: Number(related[0].parent.number) } : null,
    backorders: (related[0]?.children ?? []).map((c) => ({ ...c, number: Number(c.number) })),
    timeline: events.map((e) => ({
      id: Number(e.id),
      type: e.type,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actor: e.actor_name,
      reason: e.reason,
      data: e.data,
      at: e.at.toISOString(),
    })),
  };
}

interface IntakeFactsRow {
  channel_id: string | null;
  channel_name: string | null;
  external_number: string | null;
  delivery_type: OrderIntakeFacts['deliveryType'];
  pickup_location_id: string | null;
  pickup_location_name: string | null;
  payment_status: OrderIntakeFacts['paymentStatus'];
  promised_at: Date | null;
  shipping_method: string | null;
  shipping_amount: string | null;
  tax_total: string | null;
  discount_total: string | null;
  tags: string[];
  bill_to: OrderIntakeFacts['billTo'];
  geocode_source: string | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));

function toIntakeFacts(r: IntakeFactsRow): OrderIntakeFacts {
  return {
    channelId: r.channel_id,
    channelName: r.channel_name,
    externalNumber: r.external_number,
    deliveryType: r.delivery_type,
    pickupLocationId: r.pickup_location_id,
    pickupLocationName: r.pickup_location_name,
    paymentStatus: r.payment_status,
    promisedAt: r.promised_at ? r.promised_at.toISOString() : null,
    shippingMethod: r.shipping_method,
    shippingAmount: num(r.shipping_amount),
    taxTotal: num(r.tax_total),
    discountTotal: num(r.discount_total),
    tags: r.tags,
    billTo: r.bill_to,
    geocodeSource: r.geocode_source,
  };
}
