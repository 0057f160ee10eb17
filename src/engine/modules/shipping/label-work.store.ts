import { randomUUID } from 'node:crypto';
import type { CarrierKind, ShipmentStatus } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';

/**
 * The label worker's SQL: claiming due shipments under a lease (two nodes never work one shipment),
 * what a step needs to know, and what it leaves behind. Status changes go through moveShipment;
 * these statements only touch the worker's own columns (lease, next action, attempts, carrier ids).
 */

/** How long a node holds a claimed shipment: longer than a carrier call with its retries. */
export const LABEL_LEASE_SECONDS = 120;

/**
 * Claims up to `limit` due shipments (draft or label pending, `next_action_at` passed, no live
 * lease) for `node`, skipping rows another node is claiming right now. One short statement: the
 * carrier calls happen after it, outside any transaction. `orderId` narrows to one order (the
 * nudge after packing).
 */
export async function claimDueShipments(m: Tx, node: string, limit: number, orderId?: string): Promise<string[]> {
  const rows = await returningRows<{ id: string }>(
    m,
    `UPDATE shipments SET lease_until = now() + make_interval(secs => $3), leased_by = $1
     WHERE id IN (
       SELECT id FROM shipments
       WHERE status IN ('draft','label_pending') AND next_action_at <= now() AND (lease_until IS NULL OR lease_until < now())
         AND ($4::uuid IS NULL OR order_id = $4::uuid)
       ORDER BY next_action_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [node, limit, LABEL_LEASE_SECONDS, orderId ?? null],
  );
  return rows.map((r) => r.id);
}

/** Whether `node` still holds the lease (a step that outlived it must not write its result). */
export async function holdsLease(m: Tx, id: string, node: string): Promise<boolean> {
  const rows: { ok: boolean }[] = await m.query(`SELECT (leased_by = $2 AND lease_until > now()) AS ok FROM shipments WHERE id = $1`, [
    id,
    node,
  ]);
  return rows[0]?.ok ?? false;
}

/** Ends a step: the lease is dropped and the next action set (null = nothing due: a person acts). */
export async function endStep(
  m: Tx,
  id: string,
  node: string,
  r: { nextActionAt: Date | null; lastError?: string | null; attempts?: 'reset' | 'count' },
): Promise<void> {
  await m.query(
    `UPDATE shipments SET lease_until = NULL, leased_by = NULL, next_action_at = $3, updated_at = now(),
       last_error = CASE WHEN $4::boolean THEN $5 ELSE last_error END,
       action_attempts = CASE $6 WHEN 'reset' THEN 0 WHEN 'count' THEN action_attempts + 1 ELSE action_attempts END
     WHERE id = $1 AND (leased_by = $2 OR leased_by IS NULL)`,
    [id, node, r.nextActionAt, r.lastError !== undefined, r.lastError ?? null, r.attempts ?? null],
  );
}

/** What one label step needs about a shipment, its order, parcel and location. */
export interface ShipmentWork {
  id: string;
  status: ShipmentStatus;
  orderId: string;
  orderNumber: number;
  channel: string;
  orderExternalId: string;
  orderTags: string[];
  raw: unknown;
  currency: string;
  customer: { name: string; phone?: string; email?: string };
  shipTo: { line1: string; city: string; region?: string; postalCode?: string; country?: string; lat?: number; lng?: number };
  locationId: string;
  locationName: string;
  locationCity: string;
  locationLat: number;
  locationLng: number;
  carrierCutoff: string | null;
  parcelId: string | null;
  parcelCode: string | null;
  weightGrams: number;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  /** What the parcel's lines are worth at the order's prices. */
  declaredValue: number;
  carrierAccountId: string | null;
  service: string | null;
  externalId: string | null;
  stationId: string | null;
  promisedAt: Date | null;
  attempts: number;
}

const WORK_SELECT = `SELECT s.id, s.status, s.order_id, o.number, o.channel, o.external_id AS order_external_id, o.tags, o.raw, o.currency, o.customer,
  o.ship_to, s.location_id, l.name AS location_name, l.city AS location_city, l.lat, l.lng, l.carrier_cutoff, s.parcel_id, p.code AS parcel_code,
  coalesce(p.weight_grams, 0) AS weight_grams, p.length_mm, p.width_mm, p.height_mm,
  coalesce((SELECT sum(x.quantity * coalesce((SELECT max(ol.unit_price) FROM order_lines ol WHERE ol.order_id = o.id AND ol.sku = x.sku), 0))
    FROM jsonb_to_recordset(p.lines) AS x(sku text, quantity int)), 0) AS declared,
  s.carrier_account_id, s.service, s.external_id, s.station_id, coalesce(s.promised_at, o.promised_at) AS promised_at, s.action_attempts
  FROM shipments s JOIN orders o ON o.id = s.order_id JOIN locations l ON l.id = s.location_id LEFT JOIN parcels p ON p.id = s.parcel_id`;

interface WorkRow {
  id: string;
  status: ShipmentStatus;
  order_id: string;
  number: string;
  channel: string;
  order_external_id: string;
  tags: string[] | null;
  raw: unknown;
  currency: string;
  customer: ShipmentWork['customer'];
  ship_to: ShipmentWork['shipTo'];
  location_id: string;
  location_name: string;
  location_city: string;
  lat: number;
  lng: number;
  carrier_cutoff: string | null;
  parcel_id: string | null;
  parcel_code: string | null;
  weight_grams: number;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  declared: string;
  carrier_account_id: string | null;
  service: string | null;
  external_id: string | null;
  station_id: string | null;
  promised_at: Date | null;
  action_attempts: number;
}

const toWork = (r: WorkRow): ShipmentWork => ({
  id: r.id,
  status: r.status,
  orderId: r.order_id,
  orderNumber: Number(r.number),
  channel: r.channel,
  orderExternalId: r.order_external_id,
  orderTags: r.tags ?? [],
  raw: r.raw,
  currency: r.currency,
  customer: r.customer,
  shipTo: r.ship_to,
  locationId: r.location_id,
  locationName: r.location_name,
  locationCity: r.location_city,
  locationLat: r.lat,
  locationLng: r.lng,
  carrierCutoff: r.carrier_cutoff,
  parcelId: r.parcel_id,
  parcelCode: r.parcel_code,
  weightGrams: r.weight_grams,
  lengthMm: r.length_mm,
  widthMm: r.width_mm,
  heightMm: r.height_mm,
  declaredValue: Number(r.declared),
  carrierAccountId: r.carrier_account_id,
  service: r.service,
  externalId: r.external_id,
  stationId: r.station_id,
  promisedAt: r.promised_at,
  attempts: r.action_attempts,
});

export async function shipmentWork(m: Tx, id: string): Promise<ShipmentWork | null> {
  const rows: WorkRow[] = await m.query(`${WORK_SELECT} WHERE s.id = $1`, [id]);
  return rows[0] ? toWork(rows[0]) : null;
}

/** The live (not cancelled) shipments of what an order packed at a location, by parcel. */
export async function placeShipments(m: Tx, orderId: string, locationId: string): Promise<ShipmentWork[]> {
  const rows: WorkRow[] = await m.query(
    `${WORK_SELECT} WHERE s.order_id = $1 AND s.location_id = $2 AND s.status <> 'cancelled' ORDER BY p.seq NULLS LAST, s.created_at`,
    [orderId, locationId],
  );
  return rows.map(toWork);
}

/** The drafts of an order+location still without a carrier take the chosen account and service (the rate shop decided). */
export async function assignCarrier(
  m: Tx,
  orderId: string,
  locationId: string,
  a: { accountId: string; kind: CarrierKind; service: string },
): Promise<void> {
  await m.query(
    `UPDATE shipments SET carrier_account_id = $3, carrier = $4, service = $5, updated_at = now()
     WHERE order_id = $1 AND location_id = $2 AND status = 'draft' AND carrier_account_id IS NULL`,
    [orderId, locationId, a.accountId, a.kind, a.service],
  );
}

/** Keeps what the carrier answered about the shipment (its id, tracking number and page, the label's format). */
export async function recordCarrierIds(
  m: Tx,
  id: string,
  c: {
    externalId?: string | null;
    trackingNumber?: string | null;
    trackingUrl?: string | null;
    labelFormat?: 'zpl' | 'pdf' | null;
    noLabel?: boolean;
  },
): Promise<void> {
  await m.query(
    `UPDATE shipments SET external_id = coalesce($2, external_id), tracking_number = coalesce($3, tracking_number),
       tracking_url = coalesce($4, tracking_url), label_format = coalesce($5, label_format), no_label = coalesce($6, no_label), updated_at = now()
     WHERE id = $1`,
    [id, c.externalId ?? null, c.trackingNumber ?? null, c.trackingUrl ?? null, c.labelFormat ?? null, c.noLabel ?? null],
  );
}

/** The label's bytes as the carrier gave them (kept for reprints). */
export async function storeLabel(m: Tx, id: string, label: { format: 'zpl' | 'pdf'; bytes: Uint8Array }): Promise<void> {
  await m.query(
    `INSERT INTO shipment_labels (shipment_id, format, bytes) VALUES ($1, $2, $3)
     ON CONFLICT (shipment_id) DO UPDATE SET format = EXCLUDED.format, bytes = EXCLUDED.bytes, fetched_at = now()`,
    [id, label.format, Buffer.from(label.bytes)],
  );
}

export async function labelOf(m: Tx, id: string): Promise<{ format: 'zpl' | 'pdf'; bytes: Buffer } | null> {
  const rows: { format: 'zpl' | 'pdf'; bytes: Buffer }[] = await m.query(
    `SELECT format, bytes FROM shipment_labels WHERE shipment_id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Tracking starts: F's poller asks the carrier from now on. */
export async function startTracking(m: Tx, id: string): Promise<void> {
  await m.query(`UPDATE shipments SET next_poll_at = now(), poll_attempts = 0, last_error = NULL, updated_at = now() WHERE id = $1`, [id]);
}

/**
 * New draft shipments, one per parcel, due now. The carrier is the account's kind, or `pending`
 * (with no account) until the rate shop chooses.
 */
export async function insertDraftShipments(
  m: Tx,
  d: {
    orderId: string;
    locationId: string;
    parcelIds: readonly string[];
    stationId: string | null;
    carrier: { accountId: string; kind: CarrierKind; service: string } | null;
  },
): Promise<string[]> {
  if (!d.parcelIds.length) return [];
  const ids = d.parcelIds.map(() => randomUUID());
  await m.query(
    `INSERT INTO shipments (id, fulfilment_order_id, order_id, location_id, parcel_id, carrier, carrier_account_id, service, status,
       station_id, promised_at, next_action_at, status_at, created_at)
     SELECT t.id, p.fulfilment_order_id, p.order_id, p.location_id, p.id, $3, $4, $5, 'draft', $6, o.promised_at, now(), now(), now()
     FROM unnest($1::uuid[], $2::uuid[]) AS t(id, parcel_id) JOIN parcels p ON p.id = t.parcel_id JOIN orders o ON o.id = p.order_id
     WHERE p.order_id = $7 AND p.location_id = $8`,
    [
      ids,
      [...d.parcelIds],
      d.carrier?.kind ?? 'pending',
      d.carrier?.accountId ?? null,
      d.carrier?.service ?? null,
      d.stationId,
      d.orderId,
      d.locationId,
    ],
  );
  return ids;
}

/** What a rate shop needs about an order's parcels at one location (with or without shipments yet). */
export interface PlaceFacts {
  orderId: string;
  orderNumber: number;
  channel: string;
  orderTags: string[];
  raw: unknown;
  currency: string;
  customer: ShipmentWork['customer'];
  shipTo: ShipmentWork['shipTo'];
  promisedAt: Date | null;
  locationId: string;
  locationName: string;
  locationCity: string;
  locationLat: number;
  locationLng: number;
  carrierCutoff: string | null;
  parcels: {
    id: string;
    code: string;
    weightGrams: number;
    lengthMm: number | null;
    widthMm: number | null;
    heightMm: number | null;
    value: number;
  }[];
}

/** The order's parcels at a location (not those of cancelled shipments only: every parcel packed there). */
export async function placeFacts(m: Tx, orderId: string, locationId: string): Promise<PlaceFacts | null> {
  const rows: {
    id: string;
    number: string;
    channel: string;
    tags: string[] | null;
    raw: unknown;
    currency: string;
    customer: ShipmentWork['customer'];
    ship_to: ShipmentWork['shipTo'];
    promised_at: Date | null;
    location_id: string;
    location_name: string;
    location_city: string;
    lat: number;
    lng: number;
    carrier_cutoff: string | null;
    parcels:
      | {
          id: string;
          code: string;
          weightGrams: number;
          lengthMm: number | null;
          widthMm: number | null;
          heightMm: number | null;
          value: number;
        }[]
      | null;
  }[] = await m.query(
    `SELECT o.id, o.number, o.channel, o.tags, o.raw, o.currency, o.customer, o.ship_to, o.promised_at, l.id AS location_id, l.name AS location_name,
       l.city AS location_city, l.lat, l.lng, l.carrier_cutoff,
       (SELECT jsonb_agg(jsonb_build_object('id', p.id, 'code', p.code, 'weightGrams', p.weight_grams, 'lengthMm', p.length_mm,
          'widthMm', p.width_mm, 'heightMm', p.height_mm,
          'value', coalesce((SELECT sum(x.quantity * coalesce((SELECT max(ol.unit_price) FROM order_lines ol WHERE ol.order_id = o.id AND ol.sku = x.sku), 0))
             FROM jsonb_to_recordset(p.lines) AS x(sku text, quantity int)), 0)) ORDER BY p.seq)
        FROM parcels p WHERE p.order_id = o.id AND p.location_id = l.id) AS parcels
     FROM orders o, locations l WHERE o.id = $1 AND l.id = $2`,
    [orderId, locationId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    orderId: r.id,
    orderNumber: Number(r.number),
    channel: r.channel,
    orderTags: r.tags ?? [],
    raw: r.raw,
    currency: r.currency,
    customer: r.customer,
    shipTo: r.ship_to,
    promisedAt: r.promised_at,
    locationId: r.location_id,
    locationName: r.location_name,
    locationCity: r.location_city,
    locationLat: r.lat,
    locationLng: r.lng,
    carrierCutoff: r.carrier_cutoff,
    parcels: (r.parcels ?? []).map((p) => ({ ...p, value: Number(p.value) })),
  };
}
