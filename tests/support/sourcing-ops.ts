import type pg from 'pg';
import type { Actor, Engine } from '../../src/engine';
import type { OrderDetail } from '../../src/shared';
import { PLANNER } from './engine-under-test';
import { anOrder } from './fixtures';
import { eventually } from './test-database';

export const SUPERVISOR: Actor = { id: 'u-super', name: 'Sofía Supervisora', role: 'supervisor' };

/** Rows where on hand or reserved differ from the sum of the ledger (should be none). */
export async function ledgerMismatches(pool: pg.Pool): Promise<unknown[]> {
  const r = await pool.query(`
    SELECT s.location_id, s.sku, s.on_hand, s.reserved, coalesce(sum(m.on_hand_delta), 0)::int AS ledger_on_hand, coalesce(sum(m.reserved_delta), 0)::int AS ledger_reserved
    FROM stock s LEFT JOIN stock_movements m ON m.location_id = s.location_id AND m.sku = s.sku
    GROUP BY s.location_id, s.sku, s.on_hand, s.reserved
    HAVING s.on_hand <> coalesce(sum(m.on_hand_delta), 0) OR s.reserved <> coalesce(sum(m.reserved_delta), 0)`);
  return r.rows;
}

export async function stockOf(pool: pg.Pool, sku: string): Promise<Record<string, { onHand: number; reserved: number }>> {
  const r = await pool.query(`SELECT location_id, on_hand, reserved FROM stock WHERE sku = $1`, [sku]);
  return Object.fromEntries(
    r.rows.map((x: { location_id: string; on_hand: number; reserved: number }) => [
      x.location_id,
      { onHand: x.on_hand, reserved: x.reserved },
    ]),
  );
}

/** Creates an order for `qty` of `sku` shipping to Palermo and waits until the engine has decided it. */
export async function placeOrder(engine: Engine, sku: string, qty = 1, want: 'sourced' | 'unfillable' = 'sourced'): Promise<OrderDetail> {
  const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines: [{ sku, quantity: qty }] }) }, PLANNER);
  return waitForStatus(engine, order.id, want);
}

export async function waitForStatus(engine: Engine, id: string, status: string, timeoutMs = 30_000): Promise<OrderDetail> {
  return eventually(
    async () => {
      const d = await engine.dispatch('orders.get', { id }, PLANNER);
      return d.status === status ? d : undefined;
    },
    `order ${id} to be ${status}`,
    timeoutMs,
  );
}

/** Waits for the order to be sourced at a location other than `not`. */
export async function waitForResourced(engine: Engine, id: string, not: string, timeoutMs = 30_000): Promise<OrderDetail> {
  return eventually(
    async () => {
      const d = await engine.dispatch('orders.get', { id }, PLANNER);
      return (d.status === 'sourced' && d.locationId !== not) || d.status === 'unfillable' ? d : undefined;
    },
    `order ${id} to be re-sourced away from ${not}`,
    timeoutMs,
  );
}
