import type { Tx } from '../../db/data-source';
import { AppError } from '../../../shared';

/** What a packing slip or a shipping label says of its order: read once, no write. */
export interface OrderForDocuments {
  id: string;
  number: number;
  externalNumber: string | null;
  channel: string;
  createdAt: string;
  customer: { name: string; phone?: string };
  shipTo: { line1: string; city: string; region?: string; postalCode?: string; country?: string };
  deliveryType: 'home_delivery' | 'store_pickup';
  promisedAt: string | null;
  shippingMethod: string | null;
  notes: string | null;
  locationId: string | null;
}

export async function orderForDocuments(m: Tx, orderId: string): Promise<OrderForDocuments> {
  const rows: {
    id: string;
    number: string;
    external_number: string | null;
    channel: string;
    created_at: Date;
    customer: OrderForDocuments['customer'];
    ship_to: OrderForDocuments['shipTo'];
    delivery_type: OrderForDocuments['deliveryType'];
    promised_at: Date | null;
    shipping_method: string | null;
    notes: string | null;
    location_id: string | null;
  }[] = await m.query(
    `SELECT id, number, external_number, channel, created_at, customer, ship_to, delivery_type, promised_at, shipping_method, notes, location_id
     FROM orders WHERE id::text = $1`,
    [orderId],
  );
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND', `No order with id ${orderId}`, [{ path: 'ref.orderId', message: 'use the id of an order' }]);
  return {
    id: r.id,
    number: Number(r.number),
    externalNumber: r.external_number,
    channel: r.channel,
    createdAt: r.created_at.toISOString(),
    customer: r.customer,
    shipTo: r.ship_to,
    deliveryType: r.delivery_type,
    promisedAt: r.promised_at?.toISOString() ?? null,
    shippingMethod: r.shipping_method,
    notes: r.notes,
    locationId: r.location_id,
  };
}
