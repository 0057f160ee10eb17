import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Tx } from '../../db/data-source';
import { DEMO_CARRIERS, demoCarrierCutoff } from './demo-carriers';
import { generateCatalog } from './demo-catalog';
import { demoStockLevel } from './demo-demand';
import { demoBin, withFloorData } from './demo-floor';
import type { Logger } from '../../ports/logger.port';

const DEMO_SEED = 20261125;

interface DemoLocation {
  id: string;
  code: string;
  name: string;
  kind: 'store' | 'dc' | 'dark_store';
  city: string;
  lat: number;
  lng: number;
  dailyCapacity: number;
  openingHours: Record<string, { open: string; close: string }>;
  labourCostPerUnit: number;
}

/** Finds resources/demo/locations.json from the source tree or a bundle next to it. */
function demoLocationsPath(): string {
  const candidates = [
    process.env.ATALAYA_RESOURCES_DIR ? join(process.env.ATALAYA_RESOURCES_DIR, 'demo/locations.json') : '',
    resolve(dirname(fileURLToPath(import.meta.url)), '../../../../resources/demo/locations.json'),
    resolve(process.cwd(), 'resources/demo/locations.json'),
  ].filter(Boolean);
  for (const c of candidates) {
    try {
      readFileSync(c);
      return c;
    } catch {
      // next
    }
  }
  throw new Error(`Demo data not found (looked in ${candidates.join(', ')}); set ATALAYA_RESOURCES_DIR or ATALAYA_DEMO=empty`);
}

export function readDemoLocations(): DemoLocation[] {
  return (JSON.parse(readFileSync(demoLocationsPath(), 'utf8')) as { locations: DemoLocation[] }).locations;
}

/**
 * On first start with an empty database, fills in a realistic Argentine retailer: ~49 locations,
 * a few thousand SKUs and their stock (with the matching ledger rows), in one transaction — a
 * second desk starting at the same moment waits on the lock and then finds it done.
 */
export async function seedDemoIfEmpty(ds: Db, log: Logger, skuCount = 3000): Promise<boolean> {
  return ds.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('atalaya:demo-seed'))`);
    const [{ n }] = (await m.query('SELECT count(*)::int AS n FROM locations')) as [{ n: number }];
    if (n > 0) {
      // A demo seeded before carriers existed gets them once (never over accounts someone configured).
      const [{ accounts }] = (await m.query('SELECT count(*)::int AS accounts FROM carrier_accounts')) as [{ accounts: number }];
      if (accounts === 0) {
        await seedDemoCarriers(m);
        log.info(`Demo carriers added: ${DEMO_CARRIERS.map((c) => c.name).join(', ')}`);
      }
      return false;
    }
    const locations = readDemoLocations();
    const catalog = withFloorData(generateCatalog(DEMO_SEED, skuCount));
    await m.query(
      `INSERT INTO locations (id, code, name, kind, city, lat, lng, opening_hours, daily_capacity, labour_cost_per_unit)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id text, code text, name text, kind text, city text, lat float8, lng float8, "openingHours" jsonb, "dailyCapacity" int, "labourCostPerUnit" numeric)`,
      [JSON.stringify(locations)],
    );
    await m.query(
      `INSERT INTO products (sku, name, category, weight_grams, price, ean, length_mm, width_mm, height_mm)
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS t(sku text, name text, category text, "weightGrams" int, price numeric, ean text, "lengthMm" int, "widthMm" int, "heightMm" int)`,
      [JSON.stringify(catalog)],
    );
    const locIds: string[] = [];
    const skus: string[] = [];
    const qtys: number[] = [];
    const bins: string[] = [];
    for (const loc of locations) {
      catalog.forEach((p, i) => {
        const q = demoStockLevel(DEMO_SEED, loc.kind, i, loc.id);
        if (q === null) return;
        locIds.push(loc.id);
        skus.push(p.sku);
        qtys.push(q);
        bins.push(demoBin(loc.id, p.category, p.sku, i));
      });
    }
    await m.query(
      `INSERT INTO stock (location_id, sku, on_hand, bin) SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[])`,
      [locIds, skus, qtys, bins],
    );
    await m.query(
      `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) SELECT loc, sku, q, 'initial', 'demo-seed' FROM unnest($1::text[], $2::text[], $3::int[]) AS t(loc, sku, q) WHERE q <> 0`,
      [locIds, skus, qtys],
    );
    await seedDemoCarriers(m);
    // Fresh statistics now, not whenever autovacuum gets to it: plans made on empty-table
    // statistics (seq scans of stock) would make the first minutes of sourcing 5× slower.
    await m.query('ANALYZE locations, products, stock');
    log.info(`Demo retailer seeded: ${locations.length} locations, ${catalog.length} SKUs, ${qtys.length} stock rows`);
    return true;
  });
}

/**
 * The demo's carrier accounts (the built-in simulator; no secrets, so `secrets` stays NULL) and a
 * carrier cut-off for every location that has none (stores 16:00, DCs 18:00).
 */
async function seedDemoCarriers(m: Tx): Promise<void> {
  await m.query(
    `INSERT INTO carrier_accounts (id, kind, name, settings)
     SELECT t.id, t.kind, t.name, t.settings FROM jsonb_to_recordset($1::jsonb) AS t(id text, kind text, name text, settings jsonb)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(DEMO_CARRIERS)],
  );
  await m.query(`UPDATE locations SET carrier_cutoff = CASE kind WHEN 'dc' THEN $1 ELSE $2 END WHERE carrier_cutoff IS NULL`, [
    demoCarrierCutoff('dc'),
    demoCarrierCutoff('store'),
  ]);
}

/** Every SKU of the catalog with its price, for the order simulator's draws. */
export async function catalogPrices(ds: Db): Promise<{ sku: string; price: number }[]> {
  const rows: { sku: string; price: string }[] = await ds.query('SELECT sku, price FROM products ORDER BY sku');
  return rows.map((p) => ({ sku: p.sku, price: Number(p.price) }));
}
