import type { DelayReason, ShipmentStatus } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { SYSTEM_ACTOR } from '../../kernel/context';
import type { ShipmentFacts } from '../../core/shipping/delay-rules';
import type { ShipmentHead } from './shipment-status.store';

/**
 * What the delay watch reads: shipments still on their way (label ready, or with the carrier and not
 * final) with the facts the delay rules look at, and the alerts open on each.
 */

/** The statuses the delay watch looks at (the partial index `shipments_on_the_way_idx` covers them). */
export const ON_THE_WAY: readonly ShipmentStatus[] = [
  'ready',
  'manifested',
  'in_transit',
  'out_for_delivery',
  'exception',
  'at_branch',
  'attempt_failed',
  'returning',
];

export interface DelayRow {
  head: Omit<ShipmentHead, 'parcelCode'>;
  facts: ShipmentFacts;
  openReasons: DelayReason[];
  /**
   * Reasons a person resolved since the shipment last moved (status or scan): their word holds —
   * the rule is not raised again until the parcel moves.
   */
  dismissedReasons: DelayReason[];
}

interface Row {
  id: string;
  order_id: string;
  location_id: string;
  status: ShipmentStatus;
  carrier: string;
  tracking_number: string | null;
  created_at: Date;
  cutoff_at: Date | null;
  first_scan_at: Date | null;
  last_event_at: Date | null;
  status_at: Date;
  promised_at: Date | null;
  eta_at: Date | null;
  previous_eta_at: Date | null;
  last_reason: string | null;
  open_reasons: DelayReason[] | null;
  dismissed_reasons: DelayReason[] | null;
}

const d = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

const toRow = (r: Row): DelayRow => ({
  head: {
    id: r.id,
    orderId: r.order_id,
    locationId: r.location_id,
    status: r.status,
    carrier: r.carrier,
    trackingNumber: r.tracking_number,
  },
  facts: {
    status: r.status,
    createdAt: new Date(r.created_at),
    handOverDueAt: d(r.cutoff_at),
    firstScanAt: d(r.first_scan_at),
    lastEventAt: d(r.last_event_at),
    statusAt: new Date(r.status_at),
    promisedAt: d(r.promised_at),
    etaAt: d(r.eta_at),
    previousEtaAt: d(r.previous_eta_at),
    lastReason: r.last_reason,
  },
  openReasons: r.open_reasons ?? [],
  dismissedReasons: r.dismissed_reasons ?? [],
});

// Alerts Atalaya resolved itself (the rule stopped firing) are not a person's word.
const ENGINE_NAME = `'${SYSTEM_ACTOR.name.replaceAll("'", "''")}'`;

const SELECT = `
  SELECT s.id, s.order_id, s.location_id, s.status, s.carrier, s.tracking_number, s.created_at, dec.cutoff_at, s.first_scan_at,
    s.last_event_at, s.status_at, s.promised_at, s.eta_at, s.previous_eta_at,
    (SELECT t.reason FROM tracking_events t WHERE t.shipment_id = s.id AND t.applied ORDER BY t.occurred_at DESC, t.id DESC LIMIT 1) AS last_reason,
    (SELECT array_agg(a.reason ORDER BY a.reason) FROM shipment_alerts a WHERE a.shipment_id = s.id AND a.status = 'open') AS open_reasons,
    (SELECT array_agg(DISTINCT a.reason) FROM shipment_alerts a WHERE a.shipment_id = s.id AND a.status = 'resolved'
       AND a.resolved_by <> ${ENGINE_NAME} AND a.resolved_at >= greatest(s.status_at, s.last_event_at)) AS dismissed_reasons
  FROM shipments s
  LEFT JOIN shipping_decisions dec ON dec.order_id = s.order_id AND dec.location_id = s.location_id AND dec.current`;

/** A page of shipments on their way, by id after `afterId` (keyset: the watch walks them all). */
export async function shipmentsOnTheWay(m: Tx, afterId: string | null, limit: number): Promise<DelayRow[]> {
  const rows: Row[] = await m.query(
    `${SELECT} WHERE s.status = ANY($1::text[]) AND ($2::uuid IS NULL OR s.id > $2) ORDER BY s.id LIMIT $3`,
    [[...ON_THE_WAY], afterId, limit],
  );
  return rows.map(toRow);
}

/** One shipment's row again (the caller holds its lock), or null. */
export async function delayRowOf(m: Tx, shipmentId: string): Promise<DelayRow | null> {
  const rows: Row[] = await m.query(`${SELECT} WHERE s.id = $1`, [shipmentId]);
  return rows[0] ? toRow(rows[0]) : null;
}
