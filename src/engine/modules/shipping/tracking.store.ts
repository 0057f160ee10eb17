import { SHIPMENT_FINAL, type ShipmentStatus } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';
import { SHIPMENT_HEAD_COLUMNS, shipmentHeadOf, type ShipmentHead, type ShipmentHeadRow, type StatusEvent } from './shipment-status.store';

/**
 * Applying tracking's SQL: what applying needs to know about a (locked) shipment, the events it
 * keeps without moving (older, unknown, not allowed) in one statement, the latest scan and ETA, and
 * what the order's status follows. Which shipments are asked about: tracked-shipments.store.ts.
 */

const ts = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

/** The orders the shipments belong to (read before locking: orders are locked first). */
export async function shipmentOrderIds(m: Tx, shipmentIds: readonly string[]): Promise<Map<string, string>> {
  if (!shipmentIds.length) return new Map();
  const rows: { id: string; order_id: string }[] = await m.query(`SELECT id, order_id FROM shipments WHERE id = ANY($1::uuid[])`, [
    [...shipmentIds],
  ]);
  return new Map(rows.map((r) => [r.id, r.order_id]));
}

export interface TrackingState {
  etaAt: Date | null;
  lastEventAt: Date | null;
  /**
   * When the last carrier event that moved the shipment happened. Our own events (the label, a
   * person) are left out: they are on our clock, and a carrier's first scan stamped a little before
   * the label was stored must still apply.
   */
  lastCarrierAppliedAt: Date | null;
  /**
   * The dedupe keys of the carrier events applied at that instant: an event seen again at the same
   * instant is not older, and must not be applied twice.
   */
  appliedAtLast: ReadonlySet<string>;
}

/**
 * Locks shipment rows — in id order, so two batches never wait on each other in a cycle (their
 * orders are locked first by the caller) — and reads what applying carrier events needs: the head
 * a status change takes and the tracking state, for every shipment in one statement.
 */
export async function lockTrackedShipments(
  m: Tx,
  shipmentIds: readonly string[],
): Promise<Map<string, { head: ShipmentHead; state: TrackingState }>> {
  const out = new Map<string, { head: ShipmentHead; state: TrackingState }>();
  if (!shipmentIds.length) return out;
  const rows: (ShipmentHeadRow & {
    eta_at: Date | null;
    last_event_at: Date | null;
    applied_at: Date | null;
    applied_keys: string[] | null;
  })[] = await m.query(
    `SELECT ${SHIPMENT_HEAD_COLUMNS}, s.eta_at, s.last_event_at,
       a.at AS applied_at,
       (SELECT array_agg(t.dedupe_key) FROM tracking_events t
         WHERE t.shipment_id = s.id AND t.applied AND t.source IN ('webhook','poll') AND t.occurred_at = a.at) AS applied_keys
     FROM shipments s LEFT JOIN parcels p ON p.id = s.parcel_id
     CROSS JOIN LATERAL (SELECT max(t.occurred_at) AS at FROM tracking_events t
                          WHERE t.shipment_id = s.id AND t.applied AND t.source IN ('webhook','poll')) a
     WHERE s.id = ANY($1::uuid[]) ORDER BY s.id FOR UPDATE OF s`,
    [[...shipmentIds]],
  );
  for (const r of rows)
    out.set(r.id, {
      head: shipmentHeadOf(r),
      state: {
        etaAt: ts(r.eta_at),
        lastEventAt: ts(r.last_event_at),
        lastCarrierAppliedAt: ts(r.applied_at),
        appliedAtLast: new Set(r.applied_keys ?? []),
      },
    });
  return out;
}

/** One carrier event of one shipment, to keep: `applied` when it moved the shipment to `status`. */
export interface EventToKeep extends StatusEvent {
  shipmentId: string;
  status: ShipmentStatus | null;
  applied: boolean;
}

/** The key of one shipment's event in the sets these functions answer. */
export const eventRef = (shipmentId: string, dedupeKey: string): string => `${shipmentId} ${dedupeKey}`;

/**
 * Keeps events in their three layers, for many shipments in one statement, in the order given
 * (which is their id order, so the timeline reads as they happened). An event kept before is left
 * as it was. Answers the events kept now ({@link eventRef}).
 */
export async function keepTrackingEvents(m: Tx, events: readonly EventToKeep[]): Promise<Set<string>> {
  if (!events.length) return new Set();
  const rows: { shipment_id: string; dedupe_key: string }[] = await m.query(
    `INSERT INTO tracking_events (shipment_id, status, reason, carrier_code, carrier_text, occurred_at, source, applied, location, eta_at, dedupe_key)
     SELECT e.shipment_id, e.status, e.reason, e.code, e.text, e.at, e.source, e.applied, e.location, e.eta, e.key
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::boolean[], $9::text[],
                 $10::timestamptz[], $11::text[]) WITH ORDINALITY
       AS e(shipment_id, status, reason, code, text, at, source, applied, location, eta, key, n)
     ORDER BY e.n
     ON CONFLICT (shipment_id, dedupe_key) DO NOTHING RETURNING shipment_id, dedupe_key`,
    [
      events.map((e) => e.shipmentId),
      events.map((e) => e.status),
      events.map((e) => e.reason ?? null),
      events.map((e) => e.carrierCode),
      events.map((e) => e.carrierText.slice(0, 1000)),
      events.map((e) => e.occurredAt),
      events.map((e) => e.source),
      events.map((e) => e.applied),
      events.map((e) => e.location ?? null),
      events.map((e) => e.etaAt ?? null),
      events.map((e) => e.dedupeKey),
    ],
  );
  return new Set(rows.map((r) => eventRef(r.shipment_id, r.dedupe_key)));
}

/**
 * Drops events kept earlier without moving their shipment, so they can be applied now: one arrived
 * before the step that allows it (a `returned` before the first scan), and the carrier's full
 * history, fetched again, now puts it in place. Answers the events that were there ({@link eventRef}).
 */
export async function forgetUnappliedEvents(m: Tx, events: readonly { shipmentId: string; dedupeKey: string }[]): Promise<Set<string>> {
  if (!events.length) return new Set();
  const rows = await returningRows<{ shipment_id: string; dedupe_key: string }>(
    m,
    `DELETE FROM tracking_events t USING unnest($1::uuid[], $2::text[]) AS f(shipment_id, key)
     WHERE t.shipment_id = f.shipment_id AND t.dedupe_key = f.key AND NOT t.applied RETURNING t.shipment_id, t.dedupe_key`,
    [events.map((e) => e.shipmentId), events.map((e) => e.dedupeKey)],
  );
  return new Set(rows.map((r) => eventRef(r.shipment_id, r.dedupe_key)));
}

/** The events each shipment keeps already (dedupe keys), for many shipments in one statement. */
export async function knownEventKeys(m: Tx, shipmentIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>(shipmentIds.map((id) => [id, new Set<string>()]));
  if (!shipmentIds.length) return out;
  const rows: { shipment_id: string; dedupe_key: string }[] = await m.query(
    `SELECT shipment_id, dedupe_key FROM tracking_events WHERE shipment_id = ANY($1::uuid[])`,
    [[...shipmentIds]],
  );
  for (const r of rows) out.get(r.shipment_id)?.add(r.dedupe_key);
  return out;
}

/** What a batch of carrier events did to one shipment, for its row. */
export interface TrackedShipmentNote {
  id: string;
  /** Its status now, when the events moved it (else null: the status stays). */
  movedTo: ShipmentStatus | null;
  /** The latest time the parcel was seen with the carrier (a move with the carrier, or any scan while it is with them). */
  lastEventAt: Date | null;
  /** The first move with the carrier (stamps first scan and shipped when not stamped yet). */
  firstWithCarrierAt: Date | null;
  /** When it was delivered, if it was now. */
  deliveredAt: Date | null;
  etaAt: Date | null;
  /** The ETA before, when the ETA moved now (for `eta_slipping`); undefined: the one before stays. */
  previousEtaAt?: Date | null;
}

/**
 * After a batch of events, every shipment's row in one statement: its status when it moved (and
 * polling stops at a final status), the latest scan — a hub scan that does not change the status
 * still means it moves — first scan, shipped and delivered times, and the ETA with the one before
 * it when it moved.
 */
export async function noteTrackedShipments(m: Tx, notes: readonly TrackedShipmentNote[]): Promise<void> {
  if (!notes.length) return;
  await m.query(
    `UPDATE shipments s SET
       status = coalesce(n.moved_to, s.status),
       status_at = CASE WHEN n.moved_to IS NULL THEN s.status_at ELSE now() END,
       last_event_at = CASE WHEN n.last_event_at IS NULL THEN s.last_event_at ELSE greatest(coalesce(s.last_event_at, n.last_event_at), n.last_event_at) END,
       first_scan_at = coalesce(s.first_scan_at, n.first_at),
       shipped_at = coalesce(s.shipped_at, n.first_at),
       delivered_at = coalesce(n.delivered_at, s.delivered_at),
       eta_at = n.eta_at,
       previous_eta_at = CASE WHEN n.set_previous THEN n.previous_eta_at ELSE s.previous_eta_at END,
       next_poll_at = CASE WHEN n.moved_to = ANY($9::text[]) THEN NULL ELSE s.next_poll_at END,
       updated_at = now()
     FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::boolean[], $8::timestamptz[])
       AS n(id, moved_to, last_event_at, first_at, delivered_at, eta_at, set_previous, previous_eta_at)
     WHERE s.id = n.id`,
    [
      notes.map((n) => n.id),
      notes.map((n) => n.movedTo),
      notes.map((n) => n.lastEventAt),
      notes.map((n) => n.firstWithCarrierAt),
      notes.map((n) => n.deliveredAt),
      notes.map((n) => n.etaAt),
      notes.map((n) => n.previousEtaAt !== undefined),
      notes.map((n) => n.previousEtaAt ?? null),
      SHIPMENT_FINAL,
    ],
  );
}

/** What an order's status follows: its live shipments, parcels with none, parts not packed yet. */
export interface OrderShipmentFacts {
  live: ShipmentStatus[];
  parcelsWithoutShipment: number;
  unpackedParts: number;
}

/** {@link OrderShipmentFacts} of many orders, in one statement. */
export async function orderShipmentFacts(m: Tx, orderIds: readonly string[]): Promise<Map<string, OrderShipmentFacts>> {
  if (!orderIds.length) return new Map();
  const rows: { id: string; live: ShipmentStatus[] | null; bare: number; unpacked: number }[] = await m.query(
    `SELECT o.id,
       (SELECT array_agg(status) FROM shipments WHERE order_id = o.id AND status <> 'cancelled') AS live,
       (SELECT count(*)::int FROM parcels p WHERE p.order_id = o.id AND p.status <> 'cancelled'
          AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.parcel_id = p.id AND s.status <> 'cancelled')) AS bare,
       (SELECT count(*)::int FROM fulfilment_orders WHERE order_id = o.id AND status IN ('assigned','picked')) AS unpacked
     FROM unnest($1::uuid[]) AS o(id)`,
    [[...orderIds]],
  );
  return new Map(rows.map((r) => [r.id, { live: r.live ?? [], parcelsWithoutShipment: r.bare, unpackedParts: r.unpacked }]));
}
