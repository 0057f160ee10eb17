import type { NotificationEvent } from '../../../shared';
import type { Tx } from '../../db/data-source';

/**
 * The notification outbox in SQL (table `notification_outbox`, filled by the `order_events`
 * trigger in the change's own transaction): rows claimed with the facts their messages show, in
 * one statement, and marked once made into messages.
 */

/** An outbox row with what its messages need: the order, its customer, the shipment, the pickup. */
export interface OutboxFacts {
  outboxId: string;
  event: NotificationEvent;
  orderEventId: string;
  orderId: string;
  orderNumber: number;
  externalId: string;
  channel: string;
  orderStatus: string;
  customer: { name: string; email?: string; phone?: string };
  country: string;
  promisedAt: Date | null;
  eventReason: string | null;
  eventData: Record<string, unknown> | null;
  eventAt: Date;
  shipment: {
    id: string;
    status: string;
    carrier: string;
    carrierName: string | null;
    trackingNumber: string | null;
    trackingUrl: string | null;
    etaAt: Date | null;
  } | null;
  pickup: { code: string; expiresAt: Date; locationName: string; locationCity: string } | null;
}

interface FactsRow {
  outbox_id: string;
  event: NotificationEvent;
  order_event_id: string;
  order_id: string;
  number: string;
  external_id: string;
  channel: string;
  status: string;
  customer: OutboxFacts['customer'];
  country: string;
  promised_at: Date | null;
  reason: string | null;
  data: Record<string, unknown> | null;
  at: Date;
  shipment_id: string | null;
  shipment_status: string | null;
  carrier: string | null;
  carrier_name: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  eta_at: Date | null;
  pickup_code: string | null;
  pickup_expires_at: Date | null;
  location_name: string | null;
  location_city: string | null;
}

/**
 * Claims up to `limit` outbox rows not made into messages yet (oldest first; rows another node
 * holds are skipped), with their facts. The caller's transaction marks them expanded.
 */
export async function claimOutbox(m: Tx, limit: number): Promise<OutboxFacts[]> {
  const rows: FactsRow[] = await m.query(
    `WITH c AS (SELECT id FROM notification_outbox WHERE expanded_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
     SELECT x.id::text AS outbox_id, x.event, x.order_event_id::text, o.id AS order_id, o.number, o.external_id, o.channel, o.status,
       o.customer, o.ship_to->>'country' AS country, o.promised_at, e.reason, e.data, e.at,
       s.id AS shipment_id, s.status AS shipment_status, s.carrier, ca.name AS carrier_name, s.tracking_number, s.tracking_url, s.eta_at,
       p.code AS pickup_code, p.expires_at AS pickup_expires_at, l.name AS location_name, l.city AS location_city
     FROM c JOIN notification_outbox x ON x.id = c.id
     JOIN orders o ON o.id = x.order_id
     JOIN order_events e ON e.id = x.order_event_id
     LEFT JOIN shipments s ON s.id = x.shipment_id
     LEFT JOIN carrier_accounts ca ON ca.id = s.carrier_account_id
     LEFT JOIN pickups p ON p.order_id = o.id
     LEFT JOIN locations l ON l.id = p.location_id
     ORDER BY x.id`,
    [limit],
  );
  return rows.map((r) => ({
    outboxId: r.outbox_id,
    event: r.event,
    orderEventId: r.order_event_id,
    orderId: r.order_id,
    orderNumber: Number(r.number),
    externalId: r.external_id,
    channel: r.channel,
    orderStatus: r.status,
    customer: r.customer,
    country: r.country,
    promisedAt: r.promised_at,
    eventReason: r.reason,
    eventData: r.data,
    eventAt: r.at,
    shipment: r.shipment_id
      ? {
          id: r.shipment_id,
          status: r.shipment_status!,
          carrier: r.carrier!,
          carrierName: r.carrier_name,
          trackingNumber: r.tracking_number,
          trackingUrl: r.tracking_url,
          etaAt: r.eta_at,
        }
      : null,
    pickup:
      r.pickup_code && r.pickup_expires_at
        ? { code: r.pickup_code, expiresAt: r.pickup_expires_at, locationName: r.location_name ?? '', locationCity: r.location_city ?? '' }
        : null,
  }));
}

export async function markOutboxExpanded(m: Tx, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await m.query(`UPDATE notification_outbox SET expanded_at = now() WHERE id = ANY($1::bigint[])`, [[...ids]]);
}
