import type pg from 'pg';
import type { OrderInput } from '../../src/shared';

/** A tiny network around Buenos Aires and Córdoba, with known stock, for exact assertions. */
export const FIXTURE_LOCATIONS = [
  {
    id: 'loc-palermo',
    code: 'ST-001',
    name: 'Tienda Palermo',
    kind: 'store',
    city: 'Buenos Aires',
    lat: -34.5889,
    lng: -58.4306,
    capacity: 100,
  },
  { id: 'loc-quilmes', code: 'ST-002', name: 'Tienda Quilmes', kind: 'store', city: 'Quilmes', lat: -34.7206, lng: -58.2546, capacity: 80 },
  { id: 'loc-dc-ezeiza', code: 'DC-01', name: 'CD Ezeiza', kind: 'dc', city: 'Ezeiza', lat: -34.8539, lng: -58.5225, capacity: 5000 },
  {
    id: 'loc-cordoba',
    code: 'ST-003',
    name: 'Tienda Córdoba',
    kind: 'store',
    city: 'Córdoba',
    lat: -31.4135,
    lng: -64.1811,
    capacity: 120,
  },
] as const;

export async function seedFixture(
  pool: pg.Pool,
  stock: { location: string; sku: string; onHand: number; safety?: number; bin?: string; ean?: string }[],
): Promise<void> {
  for (const l of FIXTURE_LOCATIONS) {
    await pool.query(
      `INSERT INTO locations (id, code, name, kind, city, lat, lng, daily_capacity) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (id) DO NOTHING`,
      [l.id, l.code, l.name, l.kind, l.city, l.lat, l.lng, l.capacity],
    );
  }
  const skus = [...new Set(stock.map((s) => s.sku))];
  for (const sku of skus)
    await pool.query(`INSERT INTO products (sku, name, weight_grams, price) VALUES ($1, $2, 500, 1000) ON CONFLICT DO NOTHING`, [
      sku,
      `Producto ${sku}`,
    ]);
  // Optional: the product's EAN (scanned on the floor) and the SKU's bin at a location (the walk order).
  for (const s of stock) if (s.ean) await pool.query(`UPDATE products SET ean = $2 WHERE sku = $1`, [s.sku, s.ean]);
  for (const s of stock) {
    await pool.query(`INSERT INTO stock (location_id, sku, on_hand, safety_stock, bin) VALUES ($1,$2,$3,$4,$5)`, [
      s.location,
      s.sku,
      s.onHand,
      s.safety ?? 0,
      s.bin ?? null,
    ]);
    await pool.query(`INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) VALUES ($1,$2,$3,'initial','test')`, [
      s.location,
      s.sku,
      s.onHand,
    ]);
  }
}

let seq = 0;
/** A valid order shipping to Palermo (Buenos Aires) unless told otherwise. */
export function anOrder(overrides: Partial<OrderInput> = {}): OrderInput {
  seq += 1;
  return {
    channel: 'web',
    externalId: `T-${process.pid}-${Date.now()}-${seq}`,
    customer: { name: 'Lucía Fernández', email: 'lucia@example.com' },
    shipTo: { line1: 'Av. Santa Fe 3253', city: 'Buenos Aires', country: 'AR', lat: -34.588, lng: -58.41 },
    currency: 'ARS',
    lines: [{ sku: 'SKU-A', quantity: 1, unitPrice: 25000 }],
    ...overrides,
  };
}
