import type { Shipment, ShipmentStatus, TrackingEvent } from '../../../shared';
import type { Tx } from '../../db/data-source';

/**
 * Shipments as people see them (the order detail, the dock): each with its carrier account's name
 * and its tracking events (oldest first, newest last), read in two statements whatever the count.
 */

interface Row {
  id: string;
  order_id: string;
  number: string;
  parcel_id: string | null;
  parcel_code: string | null;
  location_id: string;
  carrier_account_id: string | null;
  carrier: string;
  account_name: string | null;
  service: string | null;
  status: ShipmentStatus;
  tracking_number: string | null;
  tracking_url: string | null;
  label_format: 'zpl' | 'pdf' | null;
  promised_at: Date | null;
  eta_at: Date | null;
  last_event_at: Date | null;
  last_error: string | null;
  created_at: Date;
}

interface EventRow {
  id: string;
  shipment_id: string;
  status: ShipmentStatus | null;
  reason: string | null;
  carrier_code: string;
  carrier_text: string;
  occurred_at: Date;
  received_at: Date;
  source: TrackingEvent['source'];
  applied: boolean;
  location: string | null;
}

/** How a shipment's carrier reads when no account names it. */
export function carrierNameOf(carrier: string, accountName: string | null): string {
  if (accountName) return accountName;
  if (carrier === 'manual') return 'Manual hand-over';
  if (carrier === 'pending') return 'Carrier not chosen yet';
  return carrier;
}

const SELECT = `SELECT s.id, s.order_id, o.number, s.parcel_id, p.code AS parcel_code, s.location_id, s.carrier_account_id, s.carrier,
  a.name AS account_name, s.service, s.status, s.tracking_number, s.tracking_url, s.label_format, s.promised_at, s.eta_at, s.last_event_at,
  s.last_error, s.created_at
  FROM shipments s JOIN orders o ON o.id = s.order_id LEFT JOIN parcels p ON p.id = s.parcel_id
  LEFT JOIN carrier_accounts a ON a.id = s.carrier_account_id`;

/**
 * Shipments by order, by location and status (the dock), or by id; `locations` limits to an
 * associate's own (null = every location).
 */
export async function listShipments(
  m: Tx,
  f: {
    orderId?: string;
    ids?: readonly string[];
    locationId?: string;
    statuses?: readonly ShipmentStatus[];
    locations?: readonly string[] | null;
  },
): Promise<Shipment[]> {
  const rows: Row[] = await m.query(
    `${SELECT}
     WHERE ($1::uuid IS NULL OR s.order_id = $1::uuid) AND ($2::uuid[] IS NULL OR s.id = ANY($2::uuid[]))
       AND ($3::text IS NULL OR s.location_id = $3) AND ($4::text[] IS NULL OR s.status = ANY($4::text[]))
       AND ($5::text[] IS NULL OR s.location_id = ANY($5::text[]))
     ORDER BY s.created_at, p.seq NULLS LAST, s.id`,
    [
      f.orderId ?? null,
      f.ids ? [...f.ids] : null,
      f.locationId ?? null,
      f.statuses ? [...f.statuses] : null,
      f.locations === undefined || f.locations === null ? null : [...f.locations],
    ],
  );
  if (!rows.length) return [];
  const events: EventRow[] = await m.query(
    `SELECT id::text, shipment_id, status, reason, carrier_code, carrier_text, occurred_at, received_at, source, applied, location
     FROM tracking_events WHERE shipment_id = ANY($1::uuid[]) ORDER BY occurred_at, id`,
    [rows.map((r) => r.id)],
  );
  const byShipment = new Map<string, TrackingEvent[]>();
  for (const e of events) {
    const list = byShipment.get(e.shipment_id) ?? [];
    list.push({
      id: e.id,
      status: e.status,
      reason: e.reason,
      carrierCode: e.carrier_code,
      carrierText: e.carrier_text,
      occurredAt: e.occurred_at.toISOString(),
      receivedAt: e.received_at.toISOString(),
      source: e.source,
      applied: e.applied,
      location: e.location,
    });
    byShipment.set(e.shipment_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    orderNumber: Number(r.number),
    parcelId: r.parcel_id,
    parcelCode: r.parcel_code,
    locationId: r.location_id,
    carrierAccountId: r.carrier_account_id,
    carrier: r.carrier,
    carrierName: carrierNameOf(r.carrier, r.account_name),
    service: r.service,
    status: r.status,
    trackingNumber: r.tracking_number,
    trackingUrl: r.tracking_url,
    labelFormat: r.label_format,
    promisedAt: r.promised_at?.toISOString() ?? null,
    etaAt: r.eta_at?.toISOString() ?? null,
    lastEventAt: r.last_event_at?.toISOString() ?? null,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    events: byShipment.get(r.id) ?? [],
  }));
}

/** The facts a person's action on one shipment checks (cancel, retry, print). */
export interface ShipmentFacts {
  id: string;
  orderId: string;
  locationId: string;
  parcelId: string | null;
  status: ShipmentStatus;
  carrierAccountId: string | null;
  externalId: string | null;
  noLabel: boolean;
  stationId: string | null;
  /** A node is buying its label right now. */
  leased: boolean;
}

export async function shipmentFacts(m: Tx, id: string): Promise<ShipmentFacts | null> {
  const rows: {
    id: string;
    order_id: string;
    location_id: string;
    parcel_id: string | null;
    status: ShipmentStatus;
    carrier_account_id: string | null;
    external_id: string | null;
    no_label: boolean;
    station_id: string | null;
    leased: boolean;
  }[] = await m.query(
    `SELECT id, order_id, location_id, parcel_id, status, carrier_account_id, external_id, no_label, station_id,
       coalesce(lease_until > now(), false) AS leased
     FROM shipments WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  return r
    ? {
        id: r.id,
        orderId: r.order_id,
        locationId: r.location_id,
        parcelId: r.parcel_id,
        status: r.status,
        carrierAccountId: r.carrier_account_id,
        externalId: r.external_id,
        noLabel: r.no_label,
        stationId: r.station_id,
        leased: r.leased,
      }
    : null;
}

/** The live shipments of an order at a location (not cancelled), for a choice or a close-out. */
export async function liveShipmentFacts(m: Tx, orderId: string, locationId: string): Promise<ShipmentFacts[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM shipments WHERE order_id = $1 AND location_id = $2 AND status <> 'cancelled' ORDER BY created_at, id`,
    [orderId, locationId],
  );
  const out: ShipmentFacts[] = [];
  for (const r of rows) out.push((await shipmentFacts(m, r.id))!);
  return out;
}

/** Where an order has parcels (packing locations), for a decision or quote that names none. */
export async function parcelLocations(m: Tx, orderId: string): Promise<{ locationId: string; parcelIds: string[] }[]> {
  const rows: { location_id: string; ids: string[] }[] = await m.query(
    `SELECT location_id, array_agg(id::text ORDER BY seq) AS ids FROM parcels WHERE order_id = $1 GROUP BY location_id ORDER BY location_id`,
    [orderId],
  );
  return rows.map((r) => ({ locationId: r.location_id, parcelIds: r.ids }));
}

/** Ready shipments of a location for one account (a close-out), oldest first. */
export async function readyForCloseOut(m: Tx, locationId: string, accountId: string): Promise<{ id: string; externalId: string | null }[]> {
  const rows: { id: string; external_id: string | null }[] = await m.query(
    `SELECT id, external_id FROM shipments WHERE location_id = $1 AND carrier_account_id = $2 AND status = 'ready' ORDER BY created_at, id`,
    [locationId, accountId],
  );
  return rows.map((r) => ({ id: r.id, externalId: r.external_id }));
}

/** Records a close-out. */
export async function insertManifest(
  m: Tx,
  r: {
    id: string;
    accountId: string;
    locationId: string;
    externalId: string | null;
    shipmentIds: string[];
    pickup: string | null;
    by: string;
  },
): Promise<Date> {
  const rows: { created_at: Date }[] = await m.query(
    `INSERT INTO shipping_manifests (id, carrier_account_id, location_id, external_id, shipment_ids, pickup_confirmation, created_by)
     VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7) RETURNING created_at`,
    [r.id, r.accountId, r.locationId, r.externalId, r.shipmentIds, r.pickup, r.by],
  );
  return rows[0]!.created_at;
}

/** A person asks for the label again now: attempts counted afresh, the last error cleared. */
export async function dueNow(m: Tx, id: string): Promise<void> {
  await m.query(
    `UPDATE shipments SET next_action_at = now(), action_attempts = 0, last_error = NULL, updated_at = now()
     WHERE id = $1 AND status IN ('draft','label_pending')`,
    [id],
  );
}

/**
 * Shipments of an account still waiting for their label (label_pending) that a carrier's refs name
 * by its shipment id — a webhook about one (Mercado Libre: the shipment is ready to ship) means the
 * label may be there now.
 */
export async function awaitingLabelByRefs(
  m: Tx,
  accountId: string,
  refs: readonly string[],
): Promise<{ id: string; orderId: string; externalId: string }[]> {
  if (!refs.length) return [];
  const rows: { id: string; order_id: string; external_id: string }[] = await m.query(
    `SELECT id, order_id, external_id FROM shipments
     WHERE carrier_account_id = $1 AND status = 'label_pending' AND external_id = ANY($2::text[])`,
    [accountId, [...refs]],
  );
  return rows.map((r) => ({ id: r.id, orderId: r.order_id, externalId: r.external_id }));
}

/** Marks a carrier-side failure a person should read (cancel refused, …). */
export async function noteShipmentError(m: Tx, id: string, message: string | null): Promise<void> {
  await m.query(`UPDATE shipments SET last_error = $2, updated_at = now() WHERE id = $1`, [id, message?.slice(0, 1000) ?? null]);
}

/** A location as a carrier's origin (name, city, position, cut-off); null for an unknown id. */
export async function locationPlace(
  m: Tx,
  id: string,
): Promise<{ id: string; name: string; city: string; lat: number; lng: number; carrierCutoff: string | null } | null> {
  const rows: { id: string; name: string; city: string; lat: number; lng: number; carrier_cutoff: string | null }[] = await m.query(
    `SELECT id, name, city, lat, lng, carrier_cutoff FROM locations WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  return r ? { id: r.id, name: r.name, city: r.city, lat: r.lat, lng: r.lng, carrierCutoff: r.carrier_cutoff } : null;
}

/** An order's number, channel, tags and raw payload (NOT_FOUND is the caller's), or null. */
export async function orderBrief(
  m: Tx,
  id: string,
): Promise<{ id: string; number: number; channel: string; tags: string[]; raw: unknown } | null> {
  const rows: { id: string; number: string; channel: string; tags: string[] | null; raw: unknown }[] = await m.query(
    `SELECT id, number, channel, tags, raw FROM orders WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  return r ? { id: r.id, number: Number(r.number), channel: r.channel, tags: r.tags ?? [], raw: r.raw } : null;
}
