import type { DeskApi, Endpoint } from '../../../../shared';
import { parseOrderRef } from './template-draft';

/** An order a template can be previewed with. */
export interface PreviewOrder {
  /** Null when only its number is known (the engine finds the order by it). */
  id: string | null;
  /** Null when only its id is known (the preview's answer names its number). */
  number: number | null;
}

/** Why the typed order cannot be used: not an id or a number, or no order has it. */
export type OrderProblem = 'invalid' | 'notFound';

export type OrderLookup = { order: PreviewOrder | null; problem: OrderProblem | null };

type Api = Pick<DeskApi, 'call'>;
type May = (endpoint: Endpoint) => boolean;

/** How many recent orders the picker offers. */
export const RECENT_ORDERS = 10;

/**
 * Recent orders to preview with, newest first: the order queue's for those who read orders; an
 * admin (who does not) gets the orders of the latest webhook deliveries.
 */
export async function recentOrders(api: Api, may: May): Promise<PreviewOrder[]> {
  if (may('orders.list')) {
    const page = await api.call('orders.list', { pageSize: RECENT_ORDERS, sort: 'createdAt', dir: 'desc' });
    return page.rows.map((o) => ({ id: o.id, number: o.number }));
  }
  if (may('notifications.deliveries')) {
    const out: PreviewOrder[] = [];
    for (const d of await api.call('notifications.deliveries', { limit: 100 }))
      if (out.length < RECENT_ORDERS && !out.some((o) => o.id === d.orderId)) out.push({ id: d.orderId, number: d.orderNumber });
    return out;
  }
  return [];
}

/**
 * The order typed: an id or a number, used as it is (the engine finds the order and says when
 * none has it); one of the recent orders is known whole.
 */
export function lookUpOrder(text: string, recent: readonly PreviewOrder[]): OrderLookup {
  const ref = parseOrderRef(text);
  if (ref.kind === 'none') return { order: null, problem: null };
  if (ref.kind === 'invalid') return { order: null, problem: 'invalid' };
  if (ref.kind === 'id') return { order: recent.find((o) => o.id === ref.id) ?? { id: ref.id, number: null }, problem: null };
  return { order: recent.find((o) => o.number === ref.number) ?? { id: null, number: ref.number }, problem: null };
}

/** What the preview asks the engine for: the order by its id, else by its number. */
export function orderInput(order: PreviewOrder | null): { orderId: string } | { orderNumber: number } | Record<string, never> {
  if (order?.id) return { orderId: order.id };
  if (order?.number) return { orderNumber: order.number };
  return {};
}
