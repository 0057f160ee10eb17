import type { Tx } from '../../db/data-source';
import { AppError } from '../../../shared';
import { returningRows } from '../../db/sql';

type Safety =
  | { scope: 'location'; locationId: string; sku: string; quantity: number }
  | { scope: 'network'; sku: string; quantity: number }
  | { scope: 'channel'; channel: string; sku: string; quantity: number };

/**
 * Sets safety stock per location × SKU, per network (SKU) or per channel × SKU. Answers the
 * quantity it replaced (null: none was set), for the audit log.
 */
export async function setSafety(m: Tx, s: Safety): Promise<number | null> {
  await assertSku(m, s.sku);
  if (s.scope === 'location') {
    const rows = await returningRows<{ before: number }>(
      m,
      `WITH old AS (SELECT safety_stock FROM stock WHERE location_id = $1 AND sku = $2 FOR UPDATE)
       UPDATE stock SET safety_stock = $3, updated_at = now() FROM old WHERE location_id = $1 AND sku = $2 RETURNING old.safety_stock AS before`,
      [s.locationId, s.sku, s.quantity],
    );
    if (!rows.length)
      throw new AppError('NOT_FOUND', `No stock of ${s.sku} at ${s.locationId}: receive or snapshot it there first`, [
        { path: 'locationId', message: 'no stock row for this SKU here' },
      ]);
    return rows[0]!.before;
  }
  // The CTE reads the row as it was before the statement's own write.
  const rows = await returningRows<{ before: number | null }>(
    m,
    s.scope === 'network'
      ? `WITH old AS (SELECT quantity FROM network_safety_stock WHERE sku = $1)
         INSERT INTO network_safety_stock (sku, quantity) VALUES ($1, $2) ON CONFLICT (sku) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()
         RETURNING (SELECT quantity FROM old) AS before`
      : `WITH old AS (SELECT quantity FROM channel_safety_stock WHERE channel = $3 AND sku = $1)
         INSERT INTO channel_safety_stock (channel, sku, quantity) VALUES ($3, $1, $2) ON CONFLICT (channel, sku) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()
         RETURNING (SELECT quantity FROM old) AS before`,
    s.scope === 'network' ? [s.sku, s.quantity] : [s.sku, s.quantity, s.channel],
  );
  return rows[0]?.before ?? null;
}

/**
 * Ring-fences `quantity` units of a SKU at a location for one channel (0 removes the fence).
 * Answers the location's total fenced units and the channel's fence it replaced (0: none).
 */
export async function setRingFence(
  m: Tx,
  f: { locationId: string; sku: string; channel: string; quantity: number },
): Promise<{ ringFenced: number; before: number }> {
  const exists: { before: number }[] = await m.query(
    `SELECT coalesce((SELECT quantity FROM ring_fences WHERE location_id = $1 AND sku = $2 AND channel = $3), 0)::int AS before
     FROM stock WHERE location_id = $1 AND sku = $2`,
    [f.locationId, f.sku, f.channel],
  );
  if (!exists.length)
    throw new AppError('NOT_FOUND', `No stock of ${f.sku} at ${f.locationId}: receive or snapshot it there first`, [
      { path: 'locationId', message: 'no stock row for this SKU here' },
    ]);
  if (f.quantity === 0)
    await m.query(`DELETE FROM ring_fences WHERE location_id = $1 AND sku = $2 AND channel = $3`, [f.locationId, f.sku, f.channel]);
  else
    await m.query(
      `INSERT INTO ring_fences (location_id, sku, channel, quantity) VALUES ($1, $2, $3, $4) ON CONFLICT (location_id, sku, channel) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()`,
      [f.locationId, f.sku, f.channel, f.quantity],
    );
  const rows: { ring_fenced: number }[] = await m.query(`SELECT ring_fenced FROM stock WHERE location_id = $1 AND sku = $2`, [
    f.locationId,
    f.sku,
  ]);
  return { ringFenced: rows[0]!.ring_fenced, before: exists[0]!.before };
}

export async function assertSku(m: Tx, sku: string): Promise<void> {
  const r: unknown[] = await m.query(`SELECT 1 FROM products WHERE sku = $1`, [sku]);
  if (!r.length)
    throw new AppError('UNKNOWN_SKU', `Unknown SKU ${sku}: add it to the catalog first`, [
      { path: 'sku', message: `${sku} is not in the catalog` },
    ]);
}

export async function assertLocation(m: Tx, locationId: string, path = 'locationId'): Promise<void> {
  const r: unknown[] = await m.query(`SELECT 1 FROM locations WHERE id = $1`, [locationId]);
  if (!r.length)
    throw new AppError('NOT_FOUND', `Unknown location ${locationId}`, [
      { path, message: `${locationId} is not a location of the network` },
    ]);
}

/** Which of these SKUs the catalog has. */
export async function catalogSkus(m: Tx, skus: readonly string[]): Promise<Set<string>> {
  const rows: { sku: string }[] = await m.query('SELECT sku FROM products WHERE sku = ANY($1::text[])', [skus]);
  return new Set(rows.map((r) => r.sku));
}
