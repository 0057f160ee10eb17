import type { ShipmentStatus } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';

/**
 * Which shipments tracking asks carriers about: those due for a poll (claimed with SKIP LOCKED, a
 * lease in `next_poll_at`), their next poll, and the shipments a webhook names.
 */

const ts = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

/** A shipment as polling and webhook processing see it. */
export interface TrackedShipment {
  id: string;
  orderId: string;
  accountId: string;
  trackingNumber: string;
  /** The carrier's id for the shipment (a webhook may name it instead of the tracking number). */
  externalId: string | null;
  status: ShipmentStatus;
  lastEventAt: Date | null;
  createdAt: Date;
  /** Polls in a row that changed nothing (the backoff grows with it). */
  pollAttempts: number;
}

interface TrackedRow {
  id: string;
  order_id: string;
  carrier_account_id: string;
  tracking_number: string;
  external_id: string | null;
  status: ShipmentStatus;
  last_event_at: Date | null;
  created_at: Date;
  poll_attempts: number;
}

const tracked = (r: TrackedRow): TrackedShipment => ({
  id: r.id,
  orderId: r.order_id,
  accountId: r.carrier_account_id,
  trackingNumber: r.tracking_number,
  externalId: r.external_id,
  status: r.status,
  lastEventAt: ts(r.last_event_at),
  createdAt: new Date(r.created_at),
  pollAttempts: r.poll_attempts,
});

const TRACKED_COLUMNS =
  's.id, s.carrier_account_id, s.tracking_number, s.external_id, s.status, s.last_event_at, s.created_at, s.poll_attempts';

/**
 * Claims up to `limit` shipments whose next poll is due at `now`, pushing their `next_poll_at`
 * `leaseSeconds` ahead so another node passes them by; the poller sets the real next time after.
 */
export async function claimDuePolls(m: Tx, now: Date, limit: number, leaseSeconds: number): Promise<TrackedShipment[]> {
  const rows = await returningRows<TrackedRow & { trackable: boolean }>(
    m,
    `UPDATE shipments s SET next_poll_at = $1::timestamptz + make_interval(secs => $3)
     FROM (SELECT id FROM shipments WHERE next_poll_at <= $1 ORDER BY next_poll_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
     WHERE s.id = due.id RETURNING ${TRACKED_COLUMNS}, s.carrier_account_id IS NOT NULL AND s.tracking_number IS NOT NULL AS trackable`,
    [now, limit, leaseSeconds],
  );
  const out: TrackedShipment[] = [];
  const untrackable: string[] = [];
  for (const r of rows) {
    if (r.trackable) out.push(tracked(r));
    else untrackable.push(r.id);
  }
  // Without an account or a tracking number there is nothing to ask a carrier: no polling.
  if (untrackable.length) await m.query(`UPDATE shipments SET next_poll_at = NULL WHERE id = ANY($1::uuid[])`, [untrackable]);
  return out;
}

/**
 * The next poll of each shipment (null: not polled any more), polls in a row without change, and a
 * tracking failure (`tracking: …`) — cleared by the next poll that works; a label's failure stays.
 */
export async function schedulePolls(
  m: Tx,
  plans: readonly { id: string; nextPollAt: Date | null; pollAttempts: number; lastError: string | null }[],
): Promise<void> {
  if (!plans.length) return;
  await m.query(
    `UPDATE shipments s SET next_poll_at = p.next_poll_at, poll_attempts = p.attempts,
       last_error = CASE WHEN p.last_error IS NOT NULL THEN p.last_error WHEN s.last_error LIKE 'tracking: %' THEN NULL ELSE s.last_error END
     FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::text[]) AS p(id, next_poll_at, attempts, last_error)
     WHERE s.id = p.id`,
    [
      plans.map((p) => p.id),
      plans.map((p) => p.nextPollAt),
      plans.map((p) => p.pollAttempts),
      plans.map((p) => p.lastError?.slice(0, 1000) ?? null),
    ],
  );
}

/** The account's shipments a webhook names, by tracking number or the carrier's shipment id. */
export async function shipmentsByRefs(m: Tx, accountId: string, refs: readonly string[]): Promise<TrackedShipment[]> {
  if (!refs.length) return [];
  const rows: TrackedRow[] = await m.query(
    `SELECT ${TRACKED_COLUMNS} FROM shipments s
     WHERE s.carrier_account_id = $1 AND s.tracking_number IS NOT NULL AND (s.tracking_number = ANY($2::text[]) OR s.external_id = ANY($2::text[]))`,
    [accountId, [...refs]],
  );
  return rows.map(tracked);
}
