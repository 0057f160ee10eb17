import { ORDER_SORT_FIELDS, type InputOf, type OrderStatus, type QueueUrgencyFilter } from '../../../../shared';

export type SortField = (typeof ORDER_SORT_FIELDS)[number];
export type SortDir = 'asc' | 'desc';

/** The queue's table state as the planner sets it; the engine answers it from SQL. */
export interface QueueQuery {
  page: number;
  pageSize: number;
  sort: SortField;
  dir: SortDir;
  status: OrderStatus[];
  channel: string | null;
  locationId: string | null;
  search: string;
  /** Late orders only, or those at risk of being late; null for all. */
  urgency: QueueUrgencyFilter | null;
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;

export const INITIAL_QUERY: QueueQuery = {
  page: 0,
  pageSize: 50,
  sort: 'createdAt',
  dir: 'desc',
  status: [],
  channel: null,
  locationId: null,
  search: '',
  urgency: null,
};

/** The `orders.list` input for a queue state: empty filters are left out rather than sent blank. */
export function buildListInput(q: QueueQuery): InputOf<'orders.list'> {
  const search = q.search.trim().slice(0, 120);
  return {
    page: q.page,
    pageSize: q.pageSize,
    sort: q.sort,
    dir: q.dir,
    ...(q.status.length ? { status: [...q.status] } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.locationId ? { locationId: q.locationId } : {}),
    ...(search ? { search } : {}),
    ...(q.urgency ? { urgency: q.urgency } : {}),
  };
}

export function isSortField(id: string): id is SortField {
  return (ORDER_SORT_FIELDS as readonly string[]).includes(id);
}

/** Pages for a total; at least one so "page 1 of 1" reads right on an empty queue. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The page to stay on when the total shrinks under it (e.g. a filter narrowed the set). */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(Math.max(0, page), pageCount(total, pageSize) - 1);
}

/** Toggles a status in a filter set, keeping the lifecycle order for a stable query. */
export function toggleStatus(current: readonly OrderStatus[], status: OrderStatus, order: readonly OrderStatus[]): OrderStatus[] {
  const next = current.includes(status) ? current.filter((s) => s !== status) : [...current, status];
  return order.filter((s) => next.includes(s));
}

/** The table library's sorting state for a query (one column, never unsorted). */
export function toSorting(q: Pick<QueueQuery, 'sort' | 'dir'>): { id: string; desc: boolean }[] {
  return [{ id: q.sort, desc: q.dir === 'desc' }];
}

/** The query's sort from the table library's sorting state; `undefined` when it names no server-sortable column. */
export function fromSorting(sorting: readonly { id: string; desc: boolean }[]): { sort: SortField; dir: SortDir } | undefined {
  const first = sorting[0];
  if (!first || !isSortField(first.id)) return undefined;
  return { sort: first.id, dir: first.desc ? 'desc' : 'asc' };
}
