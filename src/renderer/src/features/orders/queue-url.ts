import { ORDER_STATUSES, QUEUE_URGENCY_FILTERS, type OrderStatus, type QueueUrgencyFilter } from '../../../../shared';
import { INITIAL_QUERY, isSortField, PAGE_SIZES, type QueueQuery } from './order-query';

/**
 * The queue's state in the address: `#/orders?sort=urgency&dir=asc&status=received,sourced&order=<id>`.
 * A hash route, because the Electron desk is served as files (`app://desk/`) where only the hash is
 * the page's own. Only what differs from the initial state is written, so a plain desk keeps a
 * plain address; whatever cannot be read is dropped, never an error.
 */
export const QUEUE_ROUTE = '#/orders';

export interface QueueLocation {
  query: QueueQuery;
  orderId: string | null;
}

const ID = /^[0-9a-f-]{36}$/i;

/** The hash for a queue state and the open order. */
export function toQueueHash({ query: q, orderId }: QueueLocation): string {
  const p = new URLSearchParams();
  if (q.sort !== INITIAL_QUERY.sort || q.dir !== INITIAL_QUERY.dir) {
    p.set('sort', q.sort);
    p.set('dir', q.dir);
  }
  if (q.status.length) p.set('status', q.status.join(','));
  if (q.urgency) p.set('urgency', q.urgency);
  if (q.channel) p.set('channel', q.channel);
  if (q.locationId) p.set('location', q.locationId);
  if (q.search.trim()) p.set('q', q.search.trim());
  if (q.page) p.set('page', String(q.page + 1));
  if (q.pageSize !== INITIAL_QUERY.pageSize) p.set('size', String(q.pageSize));
  if (orderId) p.set('order', orderId);
  const s = p.toString();
  return s ? `${QUEUE_ROUTE}?${s}` : QUEUE_ROUTE;
}

/** The queue state a hash names; null when the hash is not the queue's (another view's, or none). */
export function fromQueueHash(hash: string): QueueLocation | null {
  if (hash !== QUEUE_ROUTE && !hash.startsWith(`${QUEUE_ROUTE}?`)) return null;
  const p = new URLSearchParams(hash.slice(QUEUE_ROUTE.length + 1));
  const sort = p.get('sort') ?? '';
  const dir = p.get('dir');
  const statuses = (p.get('status') ?? '').split(',').filter((s): s is OrderStatus => (ORDER_STATUSES as readonly string[]).includes(s));
  const urgency = p.get('urgency');
  const page = Number(p.get('page'));
  const size = Number(p.get('size'));
  const order = p.get('order');
  const query: QueueQuery = {
    ...INITIAL_QUERY,
    ...(isSortField(sort) ? { sort, dir: dir === 'asc' ? 'asc' : 'desc' } : {}),
    status: ORDER_STATUSES.filter((s) => statuses.includes(s)),
    urgency: (QUEUE_URGENCY_FILTERS as readonly string[]).includes(urgency ?? '') ? (urgency as QueueUrgencyFilter) : null,
    channel: p.get('channel')?.slice(0, 40) || null,
    locationId: p.get('location')?.slice(0, 64) || null,
    search: p.get('q')?.slice(0, 120) ?? '',
    page: Number.isInteger(page) && page >= 1 ? page - 1 : 0,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : INITIAL_QUERY.pageSize,
  };
  return { query, orderId: order && ID.test(order) ? order : null };
}

/** Whether two queue states ask the engine the same thing. */
export function sameQuery(a: QueueQuery, b: QueueQuery): boolean {
  return toQueueHash({ query: a, orderId: null }) === toQueueHash({ query: b, orderId: null });
}
