import type { Actor } from '../../../shared';
import type { Db, Tx } from '../../db/data-source';
import { businessCalendar } from '../../core/shipping/business-calendar';
import { sourcedOrderPromise, type PromiseOrigin } from '../../core/shipping/promise-date';

/**
 * The order's delivery promise when the channel gave none: set once the order is sourced, from the
 * assigned locations' cut-offs, the shipping policy's handling hours and holiday country, and the
 * default transit days by distance (carriers have not quoted yet). One statement per order: the
 * sourcing hot path pays one round trip, and an order that already has a promise keeps it.
 */

/** The part of the shipping policy a promise needs. */
interface PromisePolicy {
  handlingHours: number;
  holidayCountry: string;
}

/** The policy changes rarely and sourcing runs hot: read it at most this often per database. */
const POLICY_TTL_MS = 30_000;
const policyCache = new WeakMap<Db, { at: number; policy: Promise<PromisePolicy> }>();

async function readPolicy(m: Tx): Promise<PromisePolicy> {
  const rows: { handling_hours: number; holiday_country: string }[] = await m.query(
    'SELECT handling_hours, holiday_country FROM shipping_policy WHERE id',
  );
  const r = rows[0];
  // The migration inserts the one row; without it, the defaults it would have had.
  return r ? { handlingHours: r.handling_hours, holidayCountry: r.holiday_country } : { handlingHours: 4, holidayCountry: 'AR' };
}

function cachedPolicy(ds: Db): Promise<PromisePolicy> {
  const hit = policyCache.get(ds);
  if (hit && Date.now() - hit.at < POLICY_TTL_MS) return hit.policy;
  const policy = readPolicy(ds.manager);
  policyCache.set(ds, { at: Date.now(), policy });
  policy.catch(() => policyCache.delete(ds));
  return policy;
}

/** Forget the cached policy (it was just changed): the next promise reads it again. */
export function forgetPromisePolicy(ds: Db): void {
  policyCache.delete(ds);
}

export interface SourcedOrder {
  id: string;
  shipTo: { lat: number; lng: number };
}

/**
 * Sets the order's promise unless it has one, and records `order.promised` (data `{promisedAt,
 * source: 'computed'}`) in its timeline. Home deliveries are promised by carrier cut-off and transit
 * days; store pickups at the end of the business day their handling ends. Answers the promise set,
 * or null when the order already had one (the channel's) or is gone.
 */
export async function promiseSourcedOrder(
  ds: Db,
  order: SourcedOrder,
  origins: readonly PromiseOrigin[],
  actor: Actor,
  now: Date = new Date(),
): Promise<Date | null> {
  const policy = await cachedPolicy(ds);
  const p = sourcedOrderPromise({
    from: now,
    handlingHours: policy.handlingHours,
    calendar: businessCalendar(policy.holidayCountry),
    shipTo: order.shipTo,
    origins,
  });
  // Which promise applies depends on the order's delivery type, read by the same statement. The
  // timeline row and the desk's order.changed are written as recordOrderEvent writes them.
  const rows: { promised_at: Date }[] = await ds.manager.query(
    `WITH o AS (
       UPDATE orders SET promised_at = CASE WHEN delivery_type = 'store_pickup' THEN $3::timestamptz ELSE $2::timestamptz END, updated_at = now()
       WHERE id = $1 AND promised_at IS NULL
       RETURNING id, number, status, location_id, updated_at, promised_at),
     ev AS (
       INSERT INTO order_events (order_id, type, from_status, to_status, actor_id, actor_name, reason, data)
       SELECT o.id, 'order.promised', NULL, NULL, $4, $5, NULL,
              jsonb_build_object('promisedAt', atalaya_iso(o.promised_at), 'source', 'computed') FROM o),
     ch AS (
       INSERT INTO engine_events (payload) SELECT atalaya_order_changed(o.id, o.number, o.status, o.status, o.location_id, o.updated_at) FROM o)
     SELECT promised_at FROM o`,
    [order.id, p.homeDelivery, p.storePickup, actor.id, actor.name],
  );
  return rows[0] ? new Date(rows[0].promised_at) : null;
}
