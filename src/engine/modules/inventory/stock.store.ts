import type { Tx } from '../../db/data-source';
import type { Actor } from '../../../shared';
import { preparedNamedRows, preparedRows, returningRows } from '../../db/sql';

/**
 * The guard every reservation passes, in SQL: what is left after reserved units, safety stock and
 * the units ring-fenced for OTHER channels covers the quantity. `$ch` is the reserving channel.
 */
const GUARD = (s: string, qty: string, ch: string) => `${availableSql(s, ch)} >= ${qty}`;

/**
 * What a channel may still promise from a stock row `s`, in SQL: the guard's left-hand side, and what every reader of
 * availability uses. The one definition is `atalaya_available` (src/engine/db/functions/atalaya_available.sql), which
 * Postgres inlines into the statement; `ch` is the channel (an expression; `NULL::text` when there is none, which may
 * promise no ring-fenced unit).
 */
export const availableSql = (s: string, ch: string) =>
  `atalaya_available(${s}.on_hand, ${s}.reserved, ${s}.safety_stock, ${s}.ring_fenced, ${s}.location_id, ${s}.sku, ${ch})`;

/**
 * The statement that reserves an order's lines at one location (:locationId) and, when every line was
 * reserved, assigns the order there: fulfilment order (:fulfilmentOrderId), reservations, ledger rows, status,
 * timeline event (carrying :decision) and the outbox row. `lockIfWaiting` also locks the order and
 * does nothing unless it is still in `:fromStatus` and unchanged since it was read (row version `:version`), for
 * callers outside a transaction. `select` is the
 * statement's answer, over the CTEs `ch`, `upd` and `ok`.
 */
function assignSql(o: { lockIfWaiting: boolean }, select: string): string {
  return `WITH ch AS (SELECT channel FROM orders WHERE id = :orderId${o.lockIfWaiting ? ' AND status = :fromStatus AND xmin = :version::xid FOR NO KEY UPDATE' : ''}),
     want AS (SELECT * FROM unnest(:skus::text[], :quantities::int[]) AS w(sku, qty)),
     upd AS (
       UPDATE stock s SET reserved = s.reserved + w.qty, updated_at = now()
       FROM want w, ch
       WHERE s.location_id = :locationId AND s.sku = w.sku AND ${GUARD('s', 'w.qty', 'ch.channel')}
       RETURNING s.sku, w.qty, ch.channel),
     ok AS (SELECT count(*) = :lineCount AS all_reserved FROM upd),
     fo AS (
       INSERT INTO fulfilment_orders (id, order_id, location_id, status)
       SELECT :fulfilmentOrderId, :orderId, :locationId, 'assigned' FROM ok WHERE ok.all_reserved RETURNING id),
     res AS (
       INSERT INTO reservations (order_id, fulfilment_order_id, location_id, sku, quantity, status, channel)
       SELECT :orderId, fo.id, :locationId, upd.sku, upd.qty, 'reserved', upd.channel FROM upd, fo),
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor)
       SELECT :locationId, upd.sku, 0, upd.qty, 'reserve', :orderId, :actorId FROM upd, ok WHERE ok.all_reserved),
     ord AS (
       UPDATE orders SET status = 'sourced', location_id = :locationId, unfillable_reason = NULL, updated_at = now()
       FROM ok WHERE orders.id = :orderId AND ok.all_reserved RETURNING orders.id, orders.number, orders.updated_at),
     ev AS (
       INSERT INTO order_events (order_id, type, from_status, to_status, actor_id, actor_name, data)
       SELECT ord.id, 'order.sourced', :fromStatus, 'sourced', :actorId, :actorName, :decision FROM ord),
     out AS (
       INSERT INTO engine_events (payload) SELECT atalaya_order_changed(ord.id, ord.number, 'sourced', :fromStatus::text, :locationId::text, ord.updated_at) FROM ord)
     ${select}`;
}

/** The values of {@link assignSql}'s named parameters (`:version` is added by the caller that locks). */
function assignParams(
  r: {
    locationId: string;
    orderId: string;
    fromStatus: string;
    fulfilmentOrderId: string;
    actor: Actor;
    decision: Record<string, unknown>;
  },
  lines: readonly { sku: string; quantity: number }[],
) {
  return {
    locationId: r.locationId,
    skus: lines.map((l) => l.sku),
    quantities: lines.map((l) => l.quantity),
    fulfilmentOrderId: r.fulfilmentOrderId,
    orderId: r.orderId,
    lineCount: lines.length,
    actorId: r.actor.id,
    actorName: r.actor.name,
    fromStatus: r.fromStatus,
    decision: r.decision,
  };
}

/**
 * Reserves every line at one location and, if all were reserved, assigns the order there — the
 * fulfilment order, reservations, ledger rows, the order's new status, its timeline event and the
 * announcement, all in one statement. The guard is in the UPDATE itself
 * (`on_hand − reserved − safety − fenced for other channels ≥ qty`): two transactions can never
 * both take the last unit, because the second re-checks the guard on the row the first one changed
 * and updates nothing. With several lines, some rows may be reserved when another line failed: the
 * caller wraps multi-line calls in a savepoint and rolls it back when this returns false.
 */
export async function reserveAndAssign(
  m: Tx,
  r: {
    locationId: string;
    orderId: string;
    fromStatus: string;
    fulfilmentOrderId: string;
    lines: { sku: string; quantity: number }[];
    actor: Actor;
    decision: Record<string, unknown>;
  },
): Promise<boolean> {
  const lines = [...r.lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  const rows = await preparedNamedRows<{ reserved: number }>(
    m,
    'atalaya_reserve_v4',
    assignSql({ lockIfWaiting: false }, 'SELECT (SELECT count(*) FROM upd)::int AS reserved'),
    assignParams(r, lines),
  );
  return rows[0]?.reserved === lines.length;
}

/** SQLSTATE raised by `atalaya_contended()`: a one-statement assignment found some line's stock taken. */
export const CONTENDED_SQLSTATE = 'AT409';

/**
 * {@link reserveAndAssign} as one autocommitted statement, for an order read without a lock: the
 * statement locks the order and goes ahead only if it is still in `fromStatus` and unchanged since
 * the read (`version`). Another worker that sourced it first makes this a no-op (`gone`); a change
 * to the order since the read (a channel update of its lines) makes it `stale`: nothing happens
 * and the caller reads it again. Should a line's stock have been taken since the decision, the
 * statement raises {@link CONTENDED_SQLSTATE} so nothing of it stays (no half-reserved lines), and
 * the caller sources the order again in a transaction. Two round trips fewer than BEGIN … COMMIT
 * around the claim and the reservation.
 */
export async function assignIfWaiting(
  m: Tx,
  r: {
    locationId: string;
    orderId: string;
    fromStatus: string;
    version: string;
    fulfilmentOrderId: string;
    lines: { sku: string; quantity: number }[];
    actor: Actor;
    decision: Record<string, unknown>;
  },
): Promise<'assigned' | 'gone' | 'stale'> {
  const lines = [...r.lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  const rows = await preparedNamedRows<{ claimed: number; waiting: boolean | null }>(
    m,
    'atalaya_assign_if_waiting_v4',
    assignSql(
      { lockIfWaiting: true },
      `SELECT (SELECT count(*) FROM ch)::int AS claimed,
         (SELECT status = :fromStatus FROM orders WHERE id = :orderId) AS waiting,
         CASE WHEN EXISTS (SELECT 1 FROM ch) AND NOT (SELECT all_reserved FROM ok) THEN atalaya_contended() END AS contended,
         -- Re-made after a crash like any sourcing decision (see claimForSourcing): no WAL flush wait.
         set_config('synchronous_commit', 'off', true) AS async_commit`,
    ),
    { ...assignParams(r, lines), version: r.version },
  );
  const row = rows[0];
  return row?.claimed ? 'assigned' : row?.waiting ? 'stale' : 'gone';
}

/** Releases an order's open reservations (cancel): reserved goes down, on hand stays. */
export async function releaseReservations(m: Tx, orderId: string, actor: Actor): Promise<number> {
  return settled(await settle(m, { orderIds: [orderId] }, actor, 'released', 'release'));
}

/** Commits an order's reservations at shipment: the units leave on hand (through the ledger) and reserved together. */
export async function commitReservations(m: Tx, orderId: string, actor: Actor): Promise<number> {
  return settled(await settle(m, { orderIds: [orderId] }, actor, 'committed', 'ship'));
}

/**
 * {@link commitReservations} for many orders in one statement (orders shipped together, as
 * tracking applies in batches). Answers the units committed per order (absent: none).
 */
export async function commitReservationsOf(m: Tx, orderIds: readonly string[], actor: Actor): Promise<Map<string, number>> {
  if (!orderIds.length) return new Map();
  return settle(m, { orderIds }, actor, 'committed', 'ship');
}

/**
 * One statement: the reservations move from `reserved` (the guard — a reservation settles once,
 * whoever races for it) and stock and the ledger follow. A commit's ledger row carries
 * `on_hand_delta = −qty`, which the ledger trigger applies to on hand.
 */
async function settle(
  m: Tx,
  who: { orderIds: readonly string[] } | { reservationId: string },
  actor: Actor,
  to: 'released' | 'committed',
  reason: string,
  source = 'engine',
): Promise<Map<string, number>> {
  const rows: { order_id: string; n: number }[] = await m.query(
    `WITH r AS (
       UPDATE reservations SET status = $2, updated_at = now()
       WHERE status = 'reserved' AND ${'orderIds' in who ? 'order_id = ANY($1::uuid[])' : 'id = $1::bigint'}
       RETURNING id, order_id, location_id, sku, quantity),
     agg AS (SELECT location_id, sku, sum(quantity)::int AS q FROM r GROUP BY location_id, sku),
     s AS (UPDATE stock SET reserved = stock.reserved - agg.q, updated_at = now() FROM agg WHERE stock.location_id = agg.location_id AND stock.sku = agg.sku RETURNING 1),
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor, source, reservation_id)
       SELECT r.location_id, r.sku, CASE WHEN $2 = 'committed' THEN -r.quantity ELSE 0 END, -r.quantity, $3, r.order_id, $4, $5, r.id
       FROM r ORDER BY r.location_id, r.sku)
     SELECT order_id, count(*)::int AS n FROM r GROUP BY order_id`,
    ['orderIds' in who ? [...who.orderIds] : who.reservationId, to, reason, actor.id, source],
  );
  return new Map(rows.map((r) => [r.order_id, r.n]));
}

/** How many reservations a settle moved, over every order. */
const settled = (byOrder: ReadonlyMap<string, number>): number => [...byOrder.values()].reduce((a, b) => a + b, 0);

export interface HoldRequest {
  locationId: string;
  sku: string;
  quantity: number;
  channel: string;
  /** Who the hold is for (a cart, an assisted order being entered). */
  ref: string;
  /** Released by the expiry sweeper after this many seconds; none = until released or committed. */
  ttlSeconds?: number;
  source?: string;
}

/**
 * Reserves units without an order (a cart or a desk hold), guarded like every reservation. Null when
 * not available. Durable when it returns a hold.
 *
 * One statement; the stock row stays locked from its guarded UPDATE until the transaction ends, so
 * on a hot SKU every hold waits for the one before it. Outside a caller's transaction (a manager
 * without a query runner) the lock is not held across the WAL flush: the statement commits with
 * `synchronous_commit = off` for itself only (`set_config(…, true)`), which releases the row at
 * once, and the hold is acknowledged only after a second, ordinary durable commit on the pool has
 * flushed the WAL past it (WAL is flushed in order; concurrent holds share one flush). A crash
 * before that flush loses the unacknowledged hold whole — reservation, reserved units and ledger
 * row together — never part of it. Inside a caller's transaction the caller's commit makes it durable.
 */
export async function holdStock(m: Tx, h: HoldRequest, actor: Actor): Promise<{ reservationId: string; expiresAt: Date | null } | null> {
  const own = !m.queryRunner;
  const rows: { id: string; expires_at: Date | null }[] = await preparedRows(
    m,
    own ? 'atalaya_hold_early_release_v1' : 'atalaya_hold_v1',
    `WITH upd AS (
       UPDATE stock s SET reserved = s.reserved + $3, updated_at = now()
       WHERE s.location_id = $1 AND s.sku = $2 AND ${GUARD('s', '$3', '$4::text')}
       RETURNING s.location_id, s.sku),
     ${own ? "cfg AS (SELECT set_config('synchronous_commit', 'off', true) AS v)," : ''}
     res AS (
       INSERT INTO reservations (location_id, sku, quantity, status, channel, hold_ref, expires_at)
       SELECT upd.location_id, upd.sku, $3, 'reserved', $4, $5, CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(secs => $6::int) END
       FROM upd${own ? ' CROSS JOIN cfg' : ''}
       RETURNING id, location_id, sku, expires_at),
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, actor, source, reservation_id, reference)
       SELECT res.location_id, res.sku, 0, $3, 'hold', $7, $8, res.id, $5 FROM res)
     SELECT id::text, expires_at FROM res`,
    [h.locationId, h.sku, h.quantity, h.channel, h.ref, h.ttlSeconds ?? null, actor.id, h.source ?? 'engine'],
  );
  const row = rows[0];
  if (!row) return null;
  if (own) await flushWal(m);
  return { reservationId: row.id, expiresAt: row.expires_at };
}

/**
 * Returns once everything committed before the call is on disk: a transaction with an xid commits
 * with the server's `synchronous_commit` (on), and its flush covers all earlier WAL.
 */
async function flushWal(m: Tx): Promise<void> {
  await preparedRows(m, 'atalaya_wal_flush_v1', 'SELECT txid_current()', []);
}

/** The location of a reservation, or null when there is no such reservation (a location scope's check). */
export async function reservationLocation(m: Tx, reservationId: string): Promise<string | null> {
  const rows: { location_id: string }[] = await m.query(`SELECT location_id FROM reservations WHERE id = $1::bigint`, [reservationId]);
  return rows[0]?.location_id ?? null;
}

/** Releases one reservation (cancel of a hold). False when it was not open any more. */
export async function releaseReservation(m: Tx, reservationId: string, actor: Actor, reason = 'release'): Promise<boolean> {
  return settled(await settle(m, { reservationId }, actor, 'released', reason)) === 1;
}

/** Commits one reservation (shipped): the units leave on hand. False when it was not open any more. */
export async function commitReservation(m: Tx, reservationId: string, actor: Actor): Promise<boolean> {
  return settled(await settle(m, { reservationId }, actor, 'committed', 'ship')) === 1;
}

/**
 * Releases reservations whose TTL has passed, at most `limit` per call, in one statement. Rows
 * another transaction is settling are skipped (SKIP LOCKED) and that transaction decides them.
 */
export async function expireReservations(m: Tx, limit: number, actor: Actor): Promise<number> {
  const rows = await m.query(
    `WITH due AS (
       SELECT id FROM reservations WHERE status = 'reserved' AND expires_at <= now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED),
     r AS (
       UPDATE reservations SET status = 'released', updated_at = now() FROM due
       WHERE reservations.id = due.id AND reservations.status = 'reserved'
       RETURNING reservations.id, reservations.order_id, reservations.location_id, reservations.sku, reservations.quantity),
     agg AS (SELECT location_id, sku, sum(quantity)::int AS q FROM r GROUP BY location_id, sku),
     s AS (UPDATE stock SET reserved = stock.reserved - agg.q, updated_at = now() FROM agg WHERE stock.location_id = agg.location_id AND stock.sku = agg.sku RETURNING 1),
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor, source, reservation_id)
       SELECT r.location_id, r.sku, 0, -r.quantity, 'expire', r.order_id, $2, 'engine', r.id FROM r)
     SELECT count(*)::int AS n FROM r`,
    [limit, actor.id],
  );
  return (rows as { n: number }[])[0]?.n ?? 0;
}

export interface Adjustment {
  locationId: string;
  sku: string;
  /** Units to add (positive) or remove (negative)… */
  delta?: number;
  /** …or the count on hand now (e.g. a store rejection "not in stock" sets it to what is reserved elsewhere: 0 free). Exactly one. */
  target?: number;
  reason: string;
  source: string;
  reference?: string;
}

/**
 * Moves on hand by `delta` (or to `target`) through the ledger, in one guarded statement: the stock row is locked
 * and the delta clamped so on hand never drops below what is reserved (the shortfall is returned
 * — reservations it leaves uncovered need re-sourcing). Creates the stock row when it is new.
 */
export async function adjustOnHand(m: Tx, a: Adjustment, actor: Actor): Promise<{ applied: number; shortfall: number; onHand: number }> {
  if ((a.delta === undefined) === (a.target === undefined)) throw new Error('adjustOnHand: give exactly one of delta or target');
  await m.query(`INSERT INTO stock (location_id, sku) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [a.locationId, a.sku]);
  const rows = await returningRows<{ applied: number; shortfall: number; on_hand: number }>(
    m,
    `WITH cur AS (SELECT on_hand, reserved, coalesce($8::int, on_hand + $3::int) AS target FROM stock WHERE location_id = $1 AND sku = $2 FOR UPDATE),
     calc AS (SELECT on_hand, greatest(target, reserved) - on_hand AS applied, greatest(0, reserved - target) AS shortfall FROM cur),
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor, source, reference)
       SELECT $1, $2, calc.applied, $4, $5, $6, $7 FROM calc WHERE calc.applied <> 0)
     SELECT applied::int, shortfall::int, (on_hand + applied)::int AS on_hand FROM calc`,
    [a.locationId, a.sku, a.delta ?? null, a.reason, actor.id, a.source, a.reference ?? null, a.target ?? null],
  );
  const r = rows[0]!;
  return { applied: r.applied, shortfall: r.shortfall, onHand: r.on_hand };
}

/**
 * Commits part of an order's open reservations — `lines` (SKU → units), as a store counter hands
 * them over — in one statement: per SKU the reservations are taken oldest first; one that is only
 * partly taken is split (it keeps the rest, reserved, and a committed row carries the units taken),
 * so what is left stays reserved for a later hand-over or a release. Stock's reserved units go down
 * and the ledger gets a row per committed reservation (`on_hand_delta = −qty`, applied to on hand by
 * the ledger trigger). The reservations are locked first and only those still `reserved` count:
 * answers what was committed per SKU, which the caller compares with what it asked for.
 */
export async function commitOrderUnits(
  m: Tx,
  orderId: string,
  lines: readonly { sku: string; quantity: number }[],
  actor: Actor,
  reason = 'pickup',
): Promise<Record<string, number>> {
  if (!lines.length) return {};
  const rows: { sku: string; q: number }[] = await m.query(
    `WITH want AS (SELECT sku, sum(qty)::int AS qty FROM unnest($2::text[], $3::int[]) AS w(sku, qty) GROUP BY sku),
     locked AS (
       SELECT id, order_id, fulfilment_order_id, location_id, sku, quantity, channel FROM reservations
       WHERE order_id = $1::uuid AND status = 'reserved' AND sku IN (SELECT sku FROM want) ORDER BY id FOR UPDATE),
     ranked AS (
       SELECT l.*, least(l.quantity, greatest(0, w.qty - (sum(l.quantity) OVER (PARTITION BY l.sku ORDER BY l.id) - l.quantity)))::int AS take
       FROM locked l JOIN want w ON w.sku = l.sku),
     upd AS (
       UPDATE reservations r
       SET status = CASE WHEN k.take = k.quantity THEN 'committed' ELSE 'reserved' END,
           quantity = CASE WHEN k.take = k.quantity THEN r.quantity ELSE r.quantity - k.take END, updated_at = now()
       FROM ranked k WHERE r.id = k.id AND k.take > 0 RETURNING r.id),
     split AS (
       INSERT INTO reservations (order_id, fulfilment_order_id, location_id, sku, quantity, status, channel)
       SELECT order_id, fulfilment_order_id, location_id, sku, take, 'committed', channel FROM ranked WHERE take > 0 AND take < quantity
       RETURNING id, location_id, sku, quantity),
     taken AS (
       SELECT id, location_id, sku, take AS q FROM ranked WHERE take > 0 AND take = quantity
       UNION ALL SELECT id, location_id, sku, quantity FROM split),
     agg AS (SELECT location_id, sku, sum(q)::int AS q FROM taken GROUP BY location_id, sku),
     s AS (UPDATE stock SET reserved = stock.reserved - agg.q, updated_at = now() FROM agg WHERE stock.location_id = agg.location_id AND stock.sku = agg.sku RETURNING 1),
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor, source, reservation_id)
       SELECT t.location_id, t.sku, -t.q, -t.q, $4, $1::uuid, $5, 'engine', t.id FROM taken t)
     SELECT sku, sum(q)::int AS q FROM taken GROUP BY sku`,
    [orderId, lines.map((l) => l.sku), lines.map((l) => l.quantity), reason, actor.id],
  );
  return Object.fromEntries(rows.map((r) => [r.sku, r.q]));
}
