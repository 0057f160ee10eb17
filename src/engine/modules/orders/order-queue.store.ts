import type { Tx } from '../../db/data-source';
import {
  AT_RISK_HOURS,
  ORDER_STATUSES,
  QUEUE_OPEN_STATUSES,
  type OrderListQuery,
  type OrderPage,
  type OrderQueueCounts,
  type OrderRowsPage,
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

/** How many rows the page's own filters match, read off the counts per status (no second count). */
function matchingTotal(q: OrderListQuery, per: readonly CountRow[]): number {
  const wanted = new Set<OrderStatus>(q.status?.length ? q.status : ORDER_STATUSES);
  let total = 0;
  for (const r of per) {
    if (!r.status || !wanted.has(r.status)) continue;
    total += q.urgency === 'late' ? (r.late ?? 0) : q.urgency === 'atRisk' ? (r.at_risk ?? 0) : (r.n ?? 0);
  }
  return total;
}

/**
 * The queue page for a table state; `locations` limits it to a location scope's orders. The counts
 * and the page are read at once (two connections); only the urgency filter waits for the counts,
 * so that "late" in the page means late at the counts' clock.
 */
export async function listOrders(m: Tx, q: OrderListQuery, locations?: readonly string[] | null): Promise<OrderPage> {
  const counting = countOrders(m, q, locations);
  const reading = q.urgency ? counting.then((c) => readPage(m, q, locations, c.counts.asOf)) : readPage(m, q, locations, null);
  const [{ total, counts }, rows] = await Promise.all([counting, reading]);
  return { rows, total, page: q.page, pageSize: q.pageSize, counts };
}

/** The counts alone (`orders.counts`): the toolbar's, and how many orders the page's filters match. */
export async function countOrders(m: Tx, q: OrderListQuery, locations?: readonly string[] | null): Promise<OrderQueueCounts> {
  const { counts, per } = await countQueue(m, baseFilters(q, locations));
  return { total: matchingTotal(q, per), counts };
}

/** The page alone (`orders.page`): what a desk reads again after a live change. Late and at risk are as of now. */
export async function pageOfOrders(m: Tx, q: OrderListQuery, locations?: readonly string[] | null): Promise<OrderRowsPage> {
  return { rows: await readPage(m, q, locations, null), page: q.page, pageSize: q.pageSize };
}

/** The page's rows; `asOf` is the clock of the urgency filter (the database's `now()` when null). */
async function readPage(m: Tx, q: OrderListQuery, locations: readonly string[] | null | undefined, asOf: string | null) {
  const w = baseFilters(q, locations);
  const filters: string[] = [];
  if (q.status?.length) filters.push(`o.status = ANY(${w.p(q.status)}::text[])`);
  if (q.urgency) {
    const clock = asOf === null ? 'now()' : `${w.p(asOf)}::timestamptz`;
    filters.push(q.urgency === 'late' ? isLate(clock) : isAtRisk(clock));
  }
  const select = `SELECT ${ORDER_COLUMNS}, o.promised_at, o.due_at ${ORDER_FROM}`;
  const offset = q.page * q.pageSize;
  const read: ReadPart = async (extra, orderBy, limit, skip) =>
    m.query(`${select} ${w.sql([...filters, ...extra])} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${skip}`, [...w.params]);
  const countPart = async (where: string): Promise<number> => {
    const r: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM orders o ${w.sql([...filters, where])}`, [...w.params]);
    return r[0]!.n;
  };
  let rows: QueueSqlRow[];
  if (q.sort === 'urgency') rows = await readByUrgency(q, offset, read, countPart);
  else {
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
    // NULLS LAST only where a value can be missing: on a NOT NULL column it would keep Postgres from
    // reading the column's index in order (a DESC index holds nulls first), sorting the whole table instead.
    const nulls = NULLABLE_SORTS.has(q.sort) ? ' NULLS LAST' : '';
    rows = await read([], `${SORT_SQL[q.sort]} ${dir}${nulls}, o.number ${dir}`, q.pageSize, offset);
  }
  return rows.map(toQueueOrder);
}

type ReadPart = (extra: string[], orderBy: string, limit: number, skip: number) => Promise<QueueSqlRow[]>;

/**
 * Urgency order: open orders by deadline (late ones first, as their deadline has passed), then the
 * orders no longer open. Each part is read on its own — the open part from the partial index in
 * deadline order — and the page continues into the next part where one runs out. A part's size is
 * counted only when the page starts beyond its end (a deep page); otherwise what was read tells it.
 */
async function readByUrgency(
  q: OrderListQuery,
  offset: number,
  read: ReadPart,
  countPart: (where: string) => Promise<number>,
): Promise<QueueSqlRow[]> {
  const asc = q.dir === 'asc';
  const dir = asc ? 'ASC' : 'DESC';
  const orderBy = `o.due_at ${dir}, o.number ${dir}`;
  const parts = [IS_OPEN, `o.status NOT IN ${OPEN_LIST}`];
  if (!asc) parts.reverse();
  const rows: QueueSqlRow[] = [];
  let skip = offset;
  for (const part of parts) {
    const want = q.pageSize - rows.length;
    const got = await read([part], orderBy, want, skip);
    rows.push(...got);
    if (got.length === want) break;
    // This part ran out: skip what is left of the offset in the next one.
    const size = got.length > 0 || skip === 0 ? skip + got.length : await countPart(part);
    skip = Math.max(0, skip - size);
  }
  return rows;
}
