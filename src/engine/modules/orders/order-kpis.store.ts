import type { Tx } from '../../db/data-source';
import { AT_RISK_HOURS, type OrderKpis } from '../../../shared';
import { OPEN_LIST } from './order-queue.store';

/**
 * The KPI strip's figures (`orders.kpis`; each is defined in `shared/order-kpis.schema.ts`) in one
 * statement, every window ending at the same `now()`. Each part reads a range of an index, so the
 * cost follows the last day's orders and the open backlog, never the whole history or one probe
 * per order:
 *  - intake: `orders_created_idx` over the last 24 h;
 *  - fill: the last day's sourcing decisions from `order_events_kpi_idx` (an order received in the
 *    window was decided in it too), the first per order;
 *  - split: the last day's fulfilment orders from `fulfilment_orders_created_idx`, per order;
 *  - on time: the last day's departures from `order_events_kpi_idx`;
 *  - backlog: `orders_status_created_idx` for the open statuses (index only);
 *  - at risk and late: the queue's partial index `orders_queue_urgency_idx`, with the queue's own predicate.
 * An associate's scope is the orders with a part or a pickup at their locations.
 */

/** The open statuses as SQL literals: the partial index `orders_queue_urgency_idx` is chosen only for this exact predicate. */

interface KpiRow {
  as_of: Date;
  last_hour: number;
  previous_hour: number;
  decided: number;
  filled_first_time: number;
  sourced: number;
  split: number;
  left_n: number;
  on_time: number;
  open_n: number;
  oldest: Date | null;
  median: Date | null;
  at_risk: number;
  late: number;
}

/** The six figures as of the database's clock; `locations` limits them to a location scope's orders (an associate's). */
export async function orderKpis(m: Tx, locations?: readonly string[] | null): Promise<OrderKpis> {
  // An associate's orders: a part or the pickup at one of their locations (as `visibleAtSql`), written
  // as IN so that each part of the statement hashes the location's orders once rather than probing per order.
  const scope = (alias: string) =>
    locations
      ? ` AND (${alias}.id IN (SELECT sf.order_id FROM fulfilment_orders sf WHERE sf.location_id = ANY($1::text[])) OR ${alias}.pickup_location_id = ANY($1::text[]))`
      : '';
  const rows: KpiRow[] = await m.query(
    `WITH clock AS (SELECT now() AS t),
     -- Customer orders received in the last 24 h (not backorders: those are not new demand).
     recent AS (
       SELECT o.id, o.created_at FROM orders o, clock
       WHERE o.created_at > clock.t - interval '24 hours' AND o.created_at <= clock.t AND o.backorder_of IS NULL${scope('o')}),
     intake AS (
       SELECT count(*) FILTER (WHERE r.created_at > clock.t - interval '1 hour')::int AS last_hour,
              count(*) FILTER (WHERE r.created_at > clock.t - interval '2 hours' AND r.created_at <= clock.t - interval '1 hour')::int AS previous_hour
       FROM recent r, clock),
     -- Each order's first sourcing decision: the first event that moved it to sourced or unfillable.
     -- An order received in the window was decided after it arrived, so in the window too.
     first_decision AS (
       SELECT DISTINCT ON (e.order_id) e.order_id, e.to_status, coalesce(e.data ? 'partial', false) AS partial
       FROM order_events e, clock
       WHERE e.to_status IN ('sourced', 'unfillable') AND e.at > clock.t - interval '24 hours'
       ORDER BY e.order_id, e.id),
     decided AS (
       SELECT count(*)::int AS decided, count(*) FILTER (WHERE d.to_status = 'sourced' AND NOT d.partial)::int AS filled_first_time
       FROM recent r JOIN first_decision d ON d.order_id = r.id),
     -- Each order's fulfilment orders still standing (made after the order arrived, so in the window):
     -- one is an order sourced, two or more a split.
     standing AS (
       SELECT fo.order_id, count(*) AS n FROM fulfilment_orders fo, clock
       WHERE fo.created_at > clock.t - interval '24 hours' AND fo.status <> 'cancelled' GROUP BY fo.order_id),
     parts AS (
       SELECT count(*)::int AS sourced, count(*) FILTER (WHERE f.n >= 2)::int AS split
       FROM recent r JOIN standing f ON f.order_id = r.id),
     -- Orders that left in the last 24 h: shipped, or handed over at a counter (packed → delivered, never shipped).
     departed AS (
       SELECT e.order_id, min(e.at) AS at FROM order_events e, clock
       WHERE e.to_status IN ('shipped', 'delivered') AND e.at > clock.t - interval '24 hours'
         AND (e.to_status = 'shipped' OR e.from_status IS DISTINCT FROM 'shipped')
       GROUP BY e.order_id),
     on_time AS (
       -- Their deadlines by primary key (named as an array: joined plainly, the planner hashes the whole orders table).
       SELECT count(*)::int AS left_n, count(*) FILTER (WHERE d.at <= o.due_at)::int AS on_time
       FROM departed d JOIN orders o ON o.id = d.order_id
       WHERE o.id = ANY (ARRAY(SELECT order_id FROM departed))${scope('o')}),
     backlog AS (
       SELECT count(*)::int AS open_n, min(o.created_at) AS oldest,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY o.created_at) AS median
       FROM orders o WHERE o.status IN ${OPEN_LIST}${scope('o')}),
     risk AS (
       SELECT count(*) FILTER (WHERE o.due_at >= clock.t)::int AS at_risk, count(*) FILTER (WHERE o.due_at < clock.t)::int AS late
       FROM orders o, clock
       WHERE o.status IN ${OPEN_LIST} AND o.due_at < clock.t + interval '${AT_RISK_HOURS} hours'${scope('o')})
     SELECT clock.t AS as_of, intake.*, decided.*, parts.*, on_time.*, backlog.*, risk.*
     FROM clock, intake, decided, parts, on_time, backlog, risk`,
    locations ? [locations] : [],
  );
  const r = rows[0]!;
  return {
    asOf: r.as_of.toISOString(),
    throughput: { lastHour: r.last_hour, previousHour: r.previous_hour },
    fill: { decided: r.decided, filledFirstTime: r.filled_first_time },
    split: { sourced: r.sourced, split: r.split },
    onTime: { left: r.left_n, onTime: r.on_time },
    backlog: { open: r.open_n, oldestCreatedAt: r.oldest?.toISOString() ?? null, medianCreatedAt: r.median?.toISOString() ?? null },
    risk: { atRisk: r.at_risk, late: r.late },
  };
}
