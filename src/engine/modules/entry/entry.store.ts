import type { Db, Tx } from '../../db/data-source';
import type { CatalogItem, LocationKind, SkuAvailability } from '../../../shared';
import { availableSql } from '../inventory/stock.store';

/** The pool or a transaction: these reads and writes run on either. */
type Conn = Db | Tx;

/** Products by SKU prefix or name words (accent- and case-insensitive enough for a search box), exact SKU first. */
export async function searchCatalog(db: Conn, q: string, limit: number): Promise<CatalogItem[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows: { sku: string; name: string; category: string | null; price: string | null }[] = await db.query(
    `SELECT sku, name, category, price FROM products
     WHERE sku ILIKE $1 OR name ILIKE $1
     ORDER BY (upper(sku) = upper($2)) DESC, (sku ILIKE $3) DESC, name, sku LIMIT $4`,
    [like, q, `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit],
  );
  return rows.map((r) => ({ sku: r.sku, name: r.name, category: r.category, price: r.price === null ? null : Number(r.price) }));
}

const KM = `2 * 6371 * asin(sqrt(power(sin(radians(l.lat - $2::float8) / 2), 2) + cos(radians($2::float8)) * cos(radians(l.lat)) * power(sin(radians(l.lng - $3::float8) / 2), 2)))`;

/**
 * Live availability per SKU: the network total of what can be promised (on hand − reserved −
 * safety stock, never below zero per active location) and the nearest locations that have it.
 */
export async function queryAvailability(
  db: Conn,
  skus: string[],
  near: { lat: number; lng: number } | undefined,
  limit: number,
  channel: string | null = null,
): Promise<SkuAvailability[]> {
  const rows: {
    sku: string;
    id: string;
    code: string;
    name: string;
    kind: LocationKind;
    city: string;
    available: number;
    km: number | null;
    rn: string;
    total: string;
  }[] = await db.query(
    `WITH a AS (
       SELECT s.sku, l.id, l.code, l.name, l.kind, l.city, greatest(${availableSql('s', '$5::text')}, 0)::int AS available,
              CASE WHEN $2::float8 IS NULL THEN NULL ELSE ${KM} END AS km
       FROM stock s JOIN locations l ON l.id = s.location_id
       WHERE s.sku = ANY($1::text[]) AND l.active),
     r AS (
       SELECT a.*, row_number() OVER (PARTITION BY sku ORDER BY km NULLS LAST, available DESC, code) AS rn,
              sum(available) OVER (PARTITION BY sku) AS total
       FROM a WHERE available > 0)
     SELECT * FROM r WHERE rn <= $4 ORDER BY sku, rn`,
    [skus, near?.lat ?? null, near?.lng ?? null, limit, channel],
  );
  const bySku = new Map<string, SkuAvailability>(skus.map((sku) => [sku, { sku, networkAvailable: 0, locations: [] }]));
  for (const r of rows) {
    const a = bySku.get(r.sku);
    if (!a) continue;
    a.networkAvailable = Number(r.total);
    a.locations.push({
      locationId: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      city: r.city,
      available: r.available,
      distanceKm: r.km === null ? null : Math.round(r.km * 10) / 10,
    });
  }
  return [...bySku.values()];
}

export async function findLocationByCode(
  db: Conn,
  code: string,
): Promise<{ id: string; code: string; name: string; kind: LocationKind; city: string; lat: number; lng: number; active: boolean } | null> {
  const rows: { id: string; code: string; name: string; kind: LocationKind; city: string; lat: number; lng: number; active: boolean }[] =
    await db.query(`SELECT id, code, name, kind, city, lat, lng, active FROM locations WHERE upper(code) = upper($1)`, [code]);
  return rows[0] ?? null;
}
