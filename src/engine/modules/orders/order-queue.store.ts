import type { Tx } from '../../db/data-source';
import {
  AT_RISK_HOURS,
  ORDER_STATUSES,
  QUEUE_OPEN_STATUSES,
  type OrderListQuery,
  type OrderPage,
  type OrderStatus,
  type QueueCounts,
  type QueueOrder,
} from '../../../shared';
import { ORDER_COLUMNS, ORDER_FROM, toOrder, type OrderSqlRow } from './order.store';
import { visibleAtSql } from './order-views.store';

/**
 * The planner's queue: filtered, sorted and paged in SQL (the desk never holds more than a page),
 * with each row's deadline (`orders.due_at`, kept by a trigger) and the toolbar's counts.
 */

/** The open statuses as SQL literals: the partial index `orders_queue_urgency_idx` is chosen only for this exact predicate. */
/** The queue's open statuses as an SQL list, and an order `o` being open / late / at risk at `asOf` (an SQL expression): the KPI strip and the exception inbox read the same. */
export const OPEN_LIST = `(${QUEUE_OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const IS_OPEN = `o.status IN ${OPEN_LIST}`;
export const isLate = (asOf: string) => `(${IS_OPEN} AND o.due_at < ${asOf})`;
const isAtRisk = (asOf: string) => `(${IS_OPEN} AND o.due_at >= ${asOf} AND o.due_at < ${asOf} + interval '${AT_RISK_HOURS} hours')`;

const SORT_SQL: Record<Exclude<OrderListQuery['sort'], 'urgency'>, string> = {
  number: 'o.number',
  createdAt: 'o.created_at',
  updatedAt: 'o.updated_at',
  status: 'o.status',
  channel: 'o.channel',
  totalUnits: 'o.total_units',
  customer: "(o.customer->>'name')",
  location: 'l.name',
};

/** The sort keys that can be missing (no customer name, no location yet). */
const NULLABLE_SORTS = new Set<string>(['customer', 'location']);

type QueueSqlRow = OrderSqlRow & { promised_at: Date | null; due_at: Date };
const toQueueOrder = (r: QueueSqlRow): QueueOrder => ({
  ...toOrder(r),
  promisedAt: r.promised_at?.toISOString() ?? null,
  dueAt: r.due_at.toISOString(),
});

/** Positional parameters and WHERE clauses built together. */
class Where {
  readonly params: unknown[] = [];
  readonly clauses: string[] = [];
  p(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
  sql(extra: readonly string[] = []): string {
    const all = [...this.clauses, ...extra];
    return all.length ? `WHERE ${all.join(' AND ')}` : '';
  }
}

/** Every filter but status and urgency: what the counts are over. */
function baseFilters(q: OrderListQuery, locations: readonly string[] | null | undefined): Where {
  const w = new Where();
  if (locations) w.clauses.push(visibleAtSql('o', w.p(locations)));
  if (q.channel) w.clauses.push(`o.channel = ${w.p(q.channel)}`);
  if (q.locationId) w.clauses.push(`o.location_id = ${w.p(q.locationId)}`);
  if (q.search) {
    const term = q.search;
    const asNumber = /^#?\d{1,15}$/.test(term) ? Number(term.replace('#', '')) : null;
    const like = w.p(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    w.clauses.push(
      `(${asNumber !== null ? `o.number = ${w.p(asNumber)} OR ` : ''}o.external_id ILIKE ${like} OR (o.customer->>'name') ILIKE ${like} OR (o.ship_to->>'city') ILIKE ${like})`,
    );
  }
  return w;
}

interface CountRow {
  as_of: Date;
  status: OrderStatus | null;
  n: number | null;
  late: number | null;
  at_risk: number | null;
}

/** Orders per status, late and at risk, in one pass over the filtered orders; `asOf` is the database's clock. */
async function countQueue(m: Tx, base: Where): Promise<{ counts: QueueCounts; per: CountRow[] }> {
  const rows: CountRow[] = await m.query(
    `WITH clock AS (SELECT now() AS as_of)
     SELECT clock.as_of, s.status, s.n, s.late, s.at_risk FROM clock LEFT JOIN LATERAL (
       SELECT o.status, count(*)::int AS n, count(*) FILTER (WHERE ${isLate('clock.as_of')})::int AS late,
              count(*) FILTER (WHERE ${isAtRisk('clock.as_of')})::int AS at_risk
       FROM orders o ${base.sql()} GROUP BY o.status) s ON true`,
    // A copy: the page's own filters are added to `base` while this count may still be waiting for a connection.
    [...base.params],
  );
  const per = rows.filter((r) => r.status !== null);
  const counts: QueueCounts = {
    byStatus: Object.fromEntries(per.map((r) => [r.status, r.n ?? 0])),
    late: per.reduce((a, r) => a + (r.late ?? 0), 0),
    atRisk: per.reduce((a, r) => a + (r.at_risk ?? 0), 0),
    asOf: rows[0]!.as_of.toISOString(),
  };
  return { counts, per };
}

/** How many rows the page's own filters match, per status, read off the counts (no second count). */
function matching(q: OrderListQuery, per: readonly CountRow[]): Map<OrderStatus, number> {
  const wanted = new Set<OrderStatus>(q.status?.length ? q.status : ORDER_STATUSES);
  const out = new Map<OrderStatus, number>();
  for (const r of per) {
    if (!r.status || !wanted.has(r.status)) continue;
    out.set(r.status, q.urgency === 'late' ? (r.late ?? 0) : q.urgency === 'atRisk' ? (r.at_risk ?? 0) : (r.n ?? 0));
  }
  return out;
}

/**
 * The queue page for a table state; `locations` limits it to a location scope's orders. The counts
 * and a page sorted by a column are read at once (two connections): only the urgency order and
 * filter need the counts first (the page is cut across the open and closed parts, at the counts' clock).
 */
export async function listOrders(m: Tx, q: OrderListQuery, locations?: readonly string[] | null): Promise<OrderPage> {
  const w = baseFilters(q, locations);
  const counting = countQueue(m, w);
  const filters: string[] = [];
  if (q.status?.length) filters.push(`o.status = ANY(${w.p(q.status)}::text[])`);
  const select = `SELECT ${ORDER_COLUMNS}, o.promised_at, o.due_at ${ORDER_FROM}`;
  const offset = q.page * q.pageSize;
  const read = async (extra: string[], orderBy: string, limit: number, skip: number): Promise<QueueSqlRow[]> =>
    m.query(`${select} ${w.sql([...filters, ...extra])} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${skip}`, [...w.params]);
  const bySort = (sort: Exclude<OrderListQuery['sort'], 'urgency'>) => {
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
    // NULLS LAST only where a value can be missing: on a NOT NULL column it would keep Postgres from
    // reading the column's index in order (a DESC index holds nulls first), sorting the whole table instead.
    const nulls = NULLABLE_SORTS.has(sort) ? ' NULLS LAST' : '';
    return read([], `${SORT_SQL[sort]} ${dir}${nulls}, o.number ${dir}`, q.pageSize, offset);
  };

  let rows: QueueSqlRow[];
  let counted: Awaited<typeof counting>;
  if (q.sort !== 'urgency' && !q.urgency) {
    [counted, rows] = await Promise.all([counting, bySort(q.sort)]);
  } else {
    counted = await counting;
    if (q.urgency) {
      const asOf = `${w.p(counted.counts.asOf)}::timestamptz`;
      filters.push(q.urgency === 'late' ? isLate(asOf) : isAtRisk(asOf));
    }
    rows = q.sort !== 'urgency' ? await bySort(q.sort) : await readByUrgency(q, matching(q, counted.per), offset, read);
  }
  const perStatus = matching(q, counted.per);
  const total = [...perStatus.values()].reduce((a, n) => a + n, 0);
  return { rows: rows.map(toQueueOrder), total, page: q.page, pageSize: q.pageSize, counts: counted.counts };
}

/**
 * Urgency order: open orders by deadline (late ones first, as their deadline has passed), then the
 * orders no longer open. Each part is read on its own — the open part from the partial index in
 * deadline order — and the page is cut across them with the counts already known.
 */
async function readByUrgency(
  q: OrderListQuery,
  perStatus: Map<OrderStatus, number>,
  offset: number,
  read: (extra: string[], orderBy: string, limit: number, skip: number) => Promise<QueueSqlRow[]>,
): Promise<QueueSqlRow[]> {
  const open = new Set<OrderStatus>(QUEUE_OPEN_STATUSES);
  let openN = 0;
  let closedN = 0;
  for (const [s, n] of perStatus) {
    if (open.has(s)) openN += n;
    else closedN += n;
  }
  const asc = q.dir === 'asc';
  const dir = asc ? 'ASC' : 'DESC';
  const orderBy = `o.due_at ${dir}, o.number ${dir}`;
  const parts = [
    { where: IS_OPEN, size: openN },
    { where: `o.status NOT IN ${OPEN_LIST}`, size: closedN },
  ];
  if (!asc) parts.reverse();
  const rows: QueueSqlRow[] = [];
  let start = 0;
  for (const part of parts) {
    const from = Math.max(offset, start);
    const to = Math.min(offset + q.pageSize, start + part.size);
    if (to > from) rows.push(...(await read([part.where], orderBy, to - from, from - start)));
    start += part.size;
  }
  return rows;
}
