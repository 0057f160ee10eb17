import type { OrderStatus } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { visibleAtSql } from './order-views.store';

/** An order as a bulk answer names it: its number and status. */
export interface OrderHead {
  number: number;
  status: OrderStatus;
}

/**
 * The number and status of many orders, read without locks (each order's own action locks it);
 * absent for an id that names no order, or none the scope (`locations`, when given) may read.
 */
export async function orderHeads(m: Tx, ids: readonly string[], locations?: readonly string[] | null): Promise<Map<string, OrderHead>> {
  if (!ids.length) return new Map();
  const rows: { id: string; number: string; status: OrderStatus }[] = await m.query(
    `SELECT o.id, o.number, o.status FROM orders o WHERE o.id = ANY($1::uuid[])${locations ? ` AND ${visibleAtSql('o', '$2')}` : ''}`,
    locations ? [ids, locations] : [ids],
  );
  return new Map(rows.map((r) => [r.id, { number: Number(r.number), status: r.status }]));
}
