import type { Tx } from '../../db/data-source';
import type { OrderInput } from '../../../shared';
import { named } from '../../db/sql';

/**
 * A channel's newer version of an order, applied before the floor starts on it: what it is
 * compared with, the fields it replaces and its lines. The order's insert and transitions are in
 * order.store.ts.
 */

/** What a channel update is compared with: the order's destination and lines as stored. */
export async function orderShape(
  m: Tx,
  orderId: string,
): Promise<{ shipTo: { lat: number; lng: number }; lines: { sku: string; quantity: number }[] } | null> {
  const rows: { ship_to: { lat: number; lng: number }; lines: { sku: string; quantity: number }[] }[] = await m.query(
    `SELECT o.ship_to, (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity) ORDER BY l.sku) FROM order_lines l WHERE l.order_id = o.id) AS lines
     FROM orders o WHERE o.id = $1`,
    [orderId],
  );
  return rows[0] ? { shipTo: rows[0].ship_to, lines: rows[0].lines } : null;
}

/** A channel's newer version of the order replaces what it may change (everything but its lines, which {@link replaceLines} swaps). */
export async function updateFromChannel(m: Tx, orderId: string, input: OrderInput, payloadHash: string): Promise<void> {
  const q = named(
    `UPDATE orders SET customer = :customer, ship_to = :shipTo, currency = :currency, total_units = :units, total_amount = :amount, notes = :notes,
       raw = :raw, payload_hash = :payloadHash, external_number = :externalNumber, bill_to = :billTo, promised_at = :promisedAt,
       payment_status = coalesce(:paymentStatus, payment_status), shipping_method = :shippingMethod, shipping_amount = :shippingAmount,
       tax_total = :taxTotal, discount_total = :discountTotal, tags = coalesce(:tags::text[], '{}'), geocode_source = :geocodeSource, updated_at = now()
     WHERE id = :orderId`,
    {
      orderId,
      customer: input.customer,
      shipTo: input.shipTo,
      currency: input.currency,
      units: input.lines.reduce((s, l) => s + l.quantity, 0),
      amount: input.lines.every((l) => l.unitPrice !== undefined)
        ? input.lines.reduce((s, l) => s + l.quantity * (l.unitPrice ?? 0), 0)
        : null,
      notes: input.notes ?? null,
      raw: input,
      payloadHash,
      externalNumber: input.externalNumber ?? null,
      billTo: input.billTo ?? null,
      promisedAt: input.promisedAt ?? null,
      paymentStatus: input.paymentStatus ?? null,
      shippingMethod: input.shipping?.method ?? null,
      shippingAmount: input.shipping?.amount ?? null,
      taxTotal: input.taxTotal ?? null,
      discountTotal: input.discountTotal ?? null,
      tags: input.tags ?? null,
      geocodeSource: input.geocodeSource ?? null,
    },
  );
  await m.query(q.text, q.values);
}

/** The order's lines become these (a channel changed them). */
export async function replaceLines(
  m: Tx,
  orderId: string,
  lines: readonly { sku: string; quantity: number; unitPrice?: number }[],
): Promise<void> {
  await m.query('DELETE FROM order_lines WHERE order_id = $1', [orderId]);
  await m.query(
    `INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price)
     SELECT $1, t.n, t.sku, t.qty, t.price FROM unnest($2::text[], $3::int[], $4::numeric[]) WITH ORDINALITY AS t(sku, qty, price, n)`,
    [orderId, lines.map((l) => l.sku), lines.map((l) => l.quantity), lines.map((l) => l.unitPrice ?? null)],
  );
}
