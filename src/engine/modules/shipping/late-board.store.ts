import type { DelayReason, LateBoard, ShipmentAlert, ShipmentStatus } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';

/**
 * The desk's reads of shipment alerts: the exception inbox's shipping part, the "why late" board
 * (open alerts grouped by reason and carrier account), and a person resolving one.
 */

interface AlertRow {
  id: string;
  shipment_id: string;
  order_id: string;
  number: string;
  location_id: string;
  carrier: string;
  carrier_name: string;
  tracking_number: string | null;
  reason: DelayReason;
  detail: string;
  status: 'open' | 'resolved';
  raised_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  promised_at: Date | null;
  region: string | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

const toAlert = (r: AlertRow): ShipmentAlert => ({
  id: r.id,
  shipmentId: r.shipment_id,
  orderId: r.order_id,
  orderNumber: Number(r.number),
  locationId: r.location_id,
  carrier: r.carrier,
  carrierName: r.carrier_name,
  trackingNumber: r.tracking_number,
  reason: r.reason,
  detail: r.detail,
  status: r.status,
  raisedAt: iso(r.raised_at)!,
  resolvedAt: iso(r.resolved_at),
  resolvedBy: r.resolved_by,
  promisedAt: iso(r.promised_at),
  region: r.region,
});

// `carrier` is the carrier kind (as on shipments and rate options); the name is the account's.
const ALERT_SELECT = `
  SELECT a.id, a.shipment_id, a.order_id, o.number, s.location_id, coalesce(ca.kind, s.carrier) AS carrier,
    coalesce(ca.name, s.carrier) AS carrier_name, s.tracking_number, a.reason, a.detail, a.status, a.raised_at, a.resolved_at,
    a.resolved_by, s.promised_at, nullif(trim(o.ship_to->>'region'), '') AS region
  FROM shipment_alerts a JOIN shipments s ON s.id = a.shipment_id JOIN orders o ON o.id = a.order_id
  LEFT JOIN carrier_accounts ca ON ca.id = s.carrier_account_id`;

/** Alerts in a status: open ones oldest first (the longest waiting on top), resolved ones newest first. */
export async function listAlerts(m: Tx, status: 'open' | 'resolved', limit: number): Promise<ShipmentAlert[]> {
  const rows: AlertRow[] = await m.query(
    `${ALERT_SELECT} WHERE a.status = $1 ORDER BY ${status === 'open' ? 'a.raised_at, a.id' : 'a.resolved_at DESC, a.id'} LIMIT $2`,
    [status, limit],
  );
  return rows.map(toAlert);
}

export async function getAlert(m: Tx, id: string): Promise<ShipmentAlert | null> {
  const rows: AlertRow[] = await m.query(`${ALERT_SELECT} WHERE a.id = $1`, [id]);
  return rows[0] ? toAlert(rows[0]) : null;
}

/** Open alerts grouped by reason and carrier account, biggest group first (then the longest waiting). */
export async function lateGroups(m: Tx): Promise<LateBoard['groups']> {
  const rows: { reason: DelayReason; carrier: string; carrier_name: string; n: number; oldest: Date }[] = await m.query(
    `SELECT a.reason, coalesce(ca.kind, s.carrier) AS carrier, coalesce(ca.name, s.carrier) AS carrier_name,
       count(*)::int AS n, min(a.raised_at) AS oldest
     FROM shipment_alerts a JOIN shipments s ON s.id = a.shipment_id LEFT JOIN carrier_accounts ca ON ca.id = s.carrier_account_id
     WHERE a.status = 'open'
     GROUP BY a.reason, coalesce(s.carrier_account_id, s.carrier), 2, 3
     ORDER BY n DESC, oldest, a.reason, carrier_name`,
  );
  return rows.map((r) => ({
    reason: r.reason,
    carrier: r.carrier,
    carrierName: r.carrier_name,
    count: r.n,
    oldestRaisedAt: new Date(r.oldest).toISOString(),
  }));
}

/**
 * Resolves one open alert as `by`; answers its shipment (for the order timeline and desks), or
 * null when the alert is not open (unknown, or resolved already).
 */
export async function resolveAlertById(
  m: Tx,
  id: string,
  by: string,
): Promise<{ shipmentId: string; orderId: string; locationId: string; status: ShipmentStatus; reason: DelayReason } | null> {
  const rows = await returningRows<{
    shipment_id: string;
    order_id: string;
    location_id: string;
    status: ShipmentStatus;
    reason: DelayReason;
  }>(
    m,
    `UPDATE shipment_alerts a SET status = 'resolved', resolved_at = now(), resolved_by = $2
       FROM shipments s WHERE a.id = $1 AND a.status = 'open' AND s.id = a.shipment_id
       RETURNING a.shipment_id, a.order_id, s.location_id, s.status, a.reason`,
    [id, by],
  );
  const r = rows[0];
  return r ? { shipmentId: r.shipment_id, orderId: r.order_id, locationId: r.location_id, status: r.status, reason: r.reason } : null;
}
