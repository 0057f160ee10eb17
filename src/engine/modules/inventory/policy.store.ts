import type { Tx } from '../../db/data-source';
import { AppError } from '../../../shared';
import { returningRows } from '../../db/sql';

type Safety =
  | { scope: 'location'; locationId: string; sku: string; quantity: number }
  | { scope: 'network'; sku: string; quantity: number }
  | { scope: 'channel'; channel: string; sku: string; quantity: number };

/** Sets safety stock per location × SKU, per network (SKU) or per channel × SKU. */
export async function setSafety(m: Tx, s: Safety): Promise<void> {
  await assertSku(m, s.sku);
  if (s.scope === 'location') {
    const rows = await returningRows<unknown>(
      m,
      `UPDATE stock SET safety_stock = $3, updated_at = now() WHERE location_id = $1 AND sku = $2 RETURNING 1`,
      [s.locationId, s.sku, s.quantity],
    );
    if (!rows.length)
      throw new AppError('NOT_FOUND', `No stock of ${s.sku} at ${s.locationId}: receive or snapshot it there first`, [
        { path: 'locationId', message: 'no stock row for this SKU here' },
      ]);
  } else if (s.scope === 'network') {
    await m.query(
      `INSERT INTO network_safety_stock (sku, quantity) VALUES ($1, $2) ON CONFLICT (sku) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()`,
      [s.sku, s.quantity],
    );
  } else {
    await m.query(
      `INSERT INTO channel_safety_stock (channel, sku, quantity) VALUES ($1, $2, $3) ON CONFLICT (channel, sku) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()`,
      [s.channel, s.sku, s.quantity],
    );
  }
}

/** Ring-fences `quantity` units of a SKU at a location for one channel (0 removes the fence). Answers the location's total fenced units. */
export async function setRingFence(m: Tx, f: { locationId: string; sku: string; channel: string; quantity: number }): Promise<number> {
  const exists: unknown[] = await m.query(`SELECT 1 FROM stock WHERE location_id = $1 AND sku = $2`, [f.locationId, f.sku]);
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
  return rows[0]!.ring_fenced;
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
