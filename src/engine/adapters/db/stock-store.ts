import type { EntityManager } from 'typeorm';
import type { Actor } from '../../engine.types';
import { returningRows } from './sql';

/** Available to promise (on hand − reserved − safety stock) of these SKUs at every active location. */
export async function loadAtp(m: EntityManager, skus: string[]): Promise<Map<string, Map<string, number>>> {
  const rows: { location_id: string; sku: string; atp: number }[] = await m.query(
    `SELECT location_id, sku, on_hand - reserved - safety_stock AS atp FROM stock WHERE sku = ANY($1::text[]) AND on_hand - reserved - safety_stock > 0`,
    [skus],
  );
  const byLocation = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let m2 = byLocation.get(r.location_id);
    if (!m2) byLocation.set(r.location_id, (m2 = new Map()));
    m2.set(r.sku, r.atp);
  }
  return byLocation;
}

export async function knownSkus(m: EntityManager, skus: string[]): Promise<Set<string>> {
  const rows: { sku: string }[] = await m.query('SELECT sku FROM products WHERE sku = ANY($1::text[])', [skus]);
  return new Set(rows.map((r) => r.sku));
}

/**
 * Reserves every line at one location, or nothing. The guard is in the UPDATE itself
 * (`on_hand − reserved − safety ≥ qty`), so two transactions can never both take the last unit:
 * the second one re-checks the guard on the row the first one changed, and updates nothing.
 * Rows are touched in SKU order to keep lock order consistent between concurrent orders.
 * Returns false (and has changed nothing) if any line could not be reserved; the caller must be
 * inside a savepoint or transaction to roll back the lines that did succeed.
 */
export async function reserveAll(
  m: EntityManager,
  r: { locationId: string; orderId: string; fulfilmentOrderId: string; lines: { sku: string; quantity: number }[]; actor: Actor },
): Promise<boolean> {
  const lines = [...r.lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  const skus = lines.map((l) => l.sku);
  const qtys = lines.map((l) => l.quantity);
  const updated = await returningRows<{ sku: string }>(
    m,
    `WITH want AS (SELECT * FROM unnest($2::text[], $3::int[]) WITH ORDINALITY AS w(sku, qty, ord))
     UPDATE stock s SET reserved = s.reserved + w.qty, updated_at = now()
     FROM want w
     WHERE s.location_id = $1 AND s.sku = w.sku AND s.on_hand - s.reserved - s.safety_stock >= w.qty
     RETURNING s.sku`,
    [r.locationId, skus, qtys],
  );
  if (updated.length !== lines.length) return false;
  await m.query(
    `INSERT INTO reservations (order_id, fulfilment_order_id, location_id, sku, quantity, status)
     SELECT $1, $2, $3, sku, qty, 'reserved' FROM unnest($4::text[], $5::int[]) AS t(sku, qty)`,
    [r.orderId, r.fulfilmentOrderId, r.locationId, skus, qtys],
  );
  await ledger(m, r.locationId, skus, qtys.map(() => 0), qtys, 'reserve', r.orderId, r.actor);
  return true;
}

/** Releases an order's open reservations (cancel): reserved goes down, on hand stays. */
export async function releaseReservations(m: EntityManager, orderId: string, actor: Actor): Promise<number> {
  return settle(m, orderId, actor, 'released');
}

/** Commits an order's reservations at shipment: the units leave on hand and reserved together. */
export async function commitReservations(m: EntityManager, orderId: string, actor: Actor): Promise<number> {
  return settle(m, orderId, actor, 'committed');
}

async function settle(m: EntityManager, orderId: string, actor: Actor, to: 'released' | 'committed'): Promise<number> {
  const rows = await returningRows<{ location_id: string; sku: string; quantity: number }>(
    m,
    `UPDATE reservations SET status = $2, updated_at = now() WHERE order_id = $1 AND status = 'reserved' RETURNING location_id, sku, quantity`,
    [orderId, to],
  );
  if (rows.length === 0) return 0;
  rows.sort((a, b) => (a.location_id + a.sku < b.location_id + b.sku ? -1 : 1));
  const locs = rows.map((r) => r.location_id);
  const skus = rows.map((r) => r.sku);
  const qtys = rows.map((r) => r.quantity);
  const onHandDelta = to === 'committed' ? qtys.map((q) => -q) : qtys.map(() => 0);
  await m.query(
    `UPDATE stock s SET reserved = s.reserved - t.qty, on_hand = s.on_hand + t.dh, updated_at = now()
     FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS t(loc, sku, qty, dh)
     WHERE s.location_id = t.loc AND s.sku = t.sku`,
    [locs, skus, qtys, onHandDelta],
  );
  await m.query(
    `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor)
     SELECT loc, sku, dh, -qty, $5, $6, $7 FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS t(loc, sku, qty, dh)`,
    [locs, skus, qtys, onHandDelta, to === 'committed' ? 'ship' : 'release', orderId, actor.id],
  );
  return rows.length;
}

async function ledger(m: EntityManager, locationId: string, skus: string[], onHand: number[], reserved: number[], reason: string, orderId: string | null, actor: Actor) {
  await m.query(
    `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor)
     SELECT $1, sku, dh, dr, $5, $6, $7 FROM unnest($2::text[], $3::int[], $4::int[]) AS t(sku, dh, dr)`,
    [locationId, skus, onHand, reserved, reason, orderId, actor.id],
  );
}
