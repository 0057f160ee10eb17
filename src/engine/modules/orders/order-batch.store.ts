import type { Actor, OrderStatus } from '../../../shared';
import type { Tx } from '../../db/data-source';

/**
 * Orders moved together, set-based (tracking applies in batches): many orders locked in id order,
 * many timeline events, many status changes — each one statement, with the outbox beside it.
 * One order at a time: order.store.ts (whose `recordOrderEvent` is a batch of one here).
 */

/**
 * Locks many orders, in id order (so two batches that share orders never wait on each other in a
 * cycle), and answers each one's status. Orders that do not exist are absent.
 */
export async function lockOrders(m: Tx, ids: readonly string[]): Promise<Map<string, OrderStatus>> {
  if (!ids.length) return new Map();
  const rows: { id: string; status: OrderStatus }[] = await m.query(
    'SELECT id, status FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r.status]));
}

/**
 * {@link recordOrderEvent} for many events in one statement (tracking applied in batches): each
 * goes on its order's timeline in the order given, and desks hear each order changed once.
 */
export async function recordOrderEvents(
  m: Tx,
  events: readonly { orderId: string; type: string; actor: Actor; reason?: string | null; data?: Record<string, unknown> | null }[],
): Promise<void> {
  if (!events.length) return;
  await m.query(
    `WITH e AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) WITH ORDINALITY
         AS e(order_id, type, actor_id, actor_name, reason, data, n)),
     o AS (UPDATE orders SET updated_at = now() WHERE id IN (SELECT order_id FROM e) RETURNING id, number, status, location_id, updated_at),
     ev AS (
       INSERT INTO order_events (order_id, type, from_status, to_status, actor_id, actor_name, reason, data)
       SELECT e.order_id, e.type, NULL, NULL, e.actor_id, e.actor_name, e.reason, e.data FROM e JOIN o ON o.id = e.order_id ORDER BY e.n)
     INSERT INTO engine_events (payload) SELECT atalaya_order_changed(o.id, o.number, o.status, o.status, o.location_id, o.updated_at) FROM o`,
    [
      events.map((e) => e.orderId),
      events.map((e) => e.type),
      events.map((e) => e.actor.id),
      events.map((e) => e.actor.name),
      events.map((e) => e.reason ?? null),
      events.map((e) => (e.data ? JSON.stringify(e.data) : null)),
    ],
  );
}

/**
 * {@link recordTransition} for many orders in one statement (status, timeline, outbox), without
 * the sourcing fields: orders moved together by the engine (shipped and delivered as their
 * parcels are tracked).
 */
export async function recordTransitions(
  m: Tx,
  moves: readonly {
    orderId: string;
    from: OrderStatus;
    to: OrderStatus;
    type: string;
    actor: Actor;
    reason?: string | null;
    data?: Record<string, unknown> | null;
  }[],
): Promise<void> {
  if (!moves.length) return;
  await m.query(
    `WITH t AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[]) WITH ORDINALITY
         AS t(order_id, from_status, to_status, type, actor_id, actor_name, reason, data, n)),
     o AS (
       UPDATE orders SET status = t.to_status, updated_at = now() FROM t WHERE orders.id = t.order_id
       RETURNING orders.id, orders.number, orders.location_id, orders.updated_at),
     e AS (
       INSERT INTO order_events (order_id, type, from_status, to_status, actor_id, actor_name, reason, data)
       SELECT t.order_id, t.type, t.from_status, t.to_status, t.actor_id, t.actor_name, t.reason, t.data FROM t JOIN o ON o.id = t.order_id ORDER BY t.n)
     INSERT INTO engine_events (payload)
     SELECT atalaya_order_changed(o.id, o.number, t.to_status, t.from_status, o.location_id, o.updated_at) FROM o JOIN t ON t.order_id = o.id ORDER BY t.n`,
    [
      moves.map((x) => x.orderId),
      moves.map((x) => x.from),
      moves.map((x) => x.to),
      moves.map((x) => x.type),
      moves.map((x) => x.actor.id),
      moves.map((x) => x.actor.name),
      moves.map((x) => x.reason ?? null),
      moves.map((x) => (x.data ? JSON.stringify(x.data) : null)),
    ],
  );
}
