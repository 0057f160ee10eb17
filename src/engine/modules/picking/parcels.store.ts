import type { Tx } from '../../db/data-source';
import type { Parcel } from '../../../shared';

/**
 * Parcels in SQL: what an order has picked at a location and not packed yet, the parcels packing
 * writes (ready to ship, for the carrier). Moving the parts to packed is sourcing's (moveFulfilmentsAt).
 */

/** The locations where the order has parts picked and not packed yet. */
export async function pickedPartLocations(m: Tx, orderId: string): Promise<string[]> {
  const rows: { location_id: string }[] = await m.query(
    `SELECT DISTINCT location_id FROM fulfilment_orders WHERE order_id = $1 AND status = 'picked' ORDER BY location_id`,
    [orderId],
  );
  return rows.map((r) => r.location_id);
}

/** Units per SKU the order's picked parts hold at a location (their open reservations): what its parcels must carry. */
export async function pickedUnitsAt(m: Tx, orderId: string, locationId: string): Promise<{ sku: string; quantity: number }[]> {
  return m.query(
    `SELECT r.sku, sum(r.quantity)::int AS quantity FROM reservations r JOIN fulfilment_orders f ON f.id = r.fulfilment_order_id
     WHERE f.order_id = $1 AND f.location_id = $2 AND f.status = 'picked' AND r.status = 'reserved'
     GROUP BY r.sku ORDER BY r.sku`,
    [orderId, locationId],
  );
}

export interface NewParcel {
  id: string;
  weightGrams: number;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  lines: { sku: string; quantity: number }[];
}

/** Writes an order's parcels from one location, ready to ship, numbered after any it has already (codes AT<number>-<seq>). */
export async function insertParcels(
  m: Tx,
  p: { orderId: string; orderNumber: number; locationId: string; packedBy: string; parcels: NewParcel[] },
): Promise<void> {
  const before: { n: number }[] = await m.query(`SELECT coalesce(max(seq), 0)::int AS n FROM parcels WHERE order_id = $1`, [p.orderId]);
  const first = before[0]!.n + 1;
  const of = first - 1 + p.parcels.length;
  const fo: { id: string }[] = await m.query(
    `SELECT id FROM fulfilment_orders WHERE order_id = $1 AND location_id = $2 AND status IN ('picked', 'packed') ORDER BY created_at LIMIT 1`,
    [p.orderId, p.locationId],
  );
  await m.query(
    `INSERT INTO parcels (id, code, order_id, fulfilment_order_id, location_id, seq, of, weight_grams, length_mm, width_mm, height_mm, lines, status, packed_by)
     SELECT t.id, 'AT' || $2::text || '-' || t.seq, $1, $3, $4, t.seq, $5, t.weight, t.l, t.w, t.h, t.lines, 'ready_to_ship', $6
     FROM unnest($7::uuid[], $8::int[], $9::int[], $10::int[], $11::int[], $12::int[], $13::jsonb[]) AS t(id, seq, weight, l, w, h, lines)`,
    [
      p.orderId,
      String(p.orderNumber),
      fo[0]?.id ?? null,
      p.locationId,
      of,
      p.packedBy,
      p.parcels.map((x) => x.id),
      p.parcels.map((_, i) => first + i),
      p.parcels.map((x) => x.weightGrams),
      p.parcels.map((x) => x.lengthMm),
      p.parcels.map((x) => x.widthMm),
      p.parcels.map((x) => x.heightMm),
      p.parcels.map((x) => JSON.stringify(x.lines)),
    ],
  );
}

interface ParcelRow {
  id: string;
  code: string;
  order_id: string;
  number: string;
  location_id: string;
  seq: number;
  of: number;
  weight_grams: number;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  lines: { sku: string; quantity: number }[];
  status: Parcel['status'];
  carrier: string | null;
  tracking_number: string | null;
  created_at: Date;
}

function toParcel(r: ParcelRow): Parcel {
  return {
    id: r.id,
    code: r.code,
    orderId: r.order_id,
    orderNumber: Number(r.number),
    locationId: r.location_id,
    seq: r.seq,
    of: r.of,
    weightGrams: r.weight_grams,
    lengthMm: r.length_mm,
    widthMm: r.width_mm,
    heightMm: r.height_mm,
    lines: r.lines,
    status: r.status,
    carrier: r.carrier,
    trackingNumber: r.tracking_number,
    createdAt: r.created_at.toISOString(),
  };
}

const PARCEL = `SELECT p.id, p.code, p.order_id, o.number, p.location_id, p.seq, p.of, p.weight_grams, p.length_mm, p.width_mm, p.height_mm,
  p.lines, p.status, p.carrier, p.tracking_number, p.created_at FROM parcels p JOIN orders o ON o.id = p.order_id`;

/** An order's parcels in seq order. */
export async function orderParcels(m: Tx, orderId: string): Promise<Parcel[]> {
  const rows: ParcelRow[] = await m.query(`${PARCEL} WHERE p.order_id = $1 ORDER BY p.seq`, [orderId]);
  return rows.map(toParcel);
}

/** One parcel, or null. */
export async function parcelById(m: Tx, parcelId: string): Promise<Parcel | null> {
  const rows: ParcelRow[] = await m.query(`${PARCEL} WHERE p.id::text = $1`, [parcelId]);
  return rows[0] ? toParcel(rows[0]) : null;
}
