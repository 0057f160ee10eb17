import type { Tx } from '../../db/data-source';
import type { OutputOf, ParsedInputOf, Product } from '../../../shared';
import { isValidGtin } from '../../core/picking/gtin';

type ProductInput = ParsedInputOf<'products.upsert'>['products'][number];
type UpsertResult = OutputOf<'products.upsert'>;

interface ProductRow {
  sku: string;
  name: string;
  category: string | null;
  ean: string | null;
  weight_grams: number;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  price: string | null;
}

const COLUMNS = `sku, name, category, ean, weight_grams, length_mm, width_mm, height_mm, price`;

function toProduct(r: ProductRow): Product {
  return {
    sku: r.sku,
    name: r.name,
    category: r.category,
    ean: r.ean,
    weightGrams: r.weight_grams,
    lengthMm: r.length_mm,
    widthMm: r.width_mm,
    heightMm: r.height_mm,
    price: r.price === null ? null : Number(r.price),
  };
}

/** Products by SKU, exact EAN or part of the name/SKU (case-insensitive), SKU order. */
export async function listProducts(m: Tx, q: ParsedInputOf<'products.list'>): Promise<Product[]> {
  const search = q.search?.trim() || null;
  const rows: ProductRow[] = await m.query(
    `SELECT ${COLUMNS} FROM products
     WHERE ($1::text[] IS NULL OR sku = ANY($1))
       AND ($2::text IS NULL OR ean = $2 OR sku ILIKE '%' || $3 || '%' OR name ILIKE '%' || $3 || '%')
     ORDER BY (ean IS NOT DISTINCT FROM $2) DESC, sku LIMIT $4`,
    [q.skus ?? null, search, search?.replace(/[\\%_]/g, (c) => `\\${c}`) ?? null, q.limit],
  );
  return rows.map(toProduct);
}

/** The product master's rows for these SKUs (what the floor reads: names, EANs, weights). */
export async function productsBySku(m: Tx, skus: readonly string[]): Promise<Map<string, Product>> {
  if (!skus.length) return new Map();
  const rows: ProductRow[] = await m.query(`SELECT ${COLUMNS} FROM products WHERE sku = ANY($1)`, [[...new Set(skus)]]);
  return new Map(rows.map((r) => [r.sku, toProduct(r)]));
}

/** The SKU a scanned code names: the SKU itself, or the product whose EAN it is. */
export async function productByCode(m: Tx, code: string): Promise<Product | null> {
  const rows: ProductRow[] = await m.query(`SELECT ${COLUMNS} FROM products WHERE sku = $1 OR ean = $1 ORDER BY (sku = $1) DESC LIMIT 1`, [
    code,
  ]);
  return rows[0] ? toProduct(rows[0]) : null;
}

/**
 * Creates or updates products in the caller's transaction. A row is refused on its own (nothing of
 * it written) when its EAN has a wrong check digit, is another SKU's, or is given twice in the batch;
 * the other rows go in. Fields a row leaves out keep their value; `null` clears one. Upserts are
 * serialised by a transaction lock, so the EAN checks hold when the rows are written.
 */
export async function upsertProducts(m: Tx, products: readonly ProductInput[]): Promise<UpsertResult> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('atalaya:products-upsert'))`);
  const rejected: UpsertResult['rejected'] = [];
  const reject = (index: number, sku: string, message: string) => rejected.push({ index, sku, message });
  // The last row for a SKU wins, as if the rows were applied one by one.
  const lastOf = new Map<string, number>();
  products.forEach((p, i) => lastOf.set(p.sku, i));
  const eans = [...new Set(products.map((p) => p.ean).filter((e): e is string => !!e))];
  const holders: { ean: string; sku: string }[] = eans.length
    ? await m.query(`SELECT ean, sku FROM products WHERE ean = ANY($1)`, [eans])
    : [];
  const heldBy = new Map(holders.map((h) => [h.ean, h.sku]));
  const claimed = new Map<string, string>();
  const accepted: { index: number; p: ProductInput }[] = [];
  products.forEach((p, index) => {
    if (lastOf.get(p.sku) !== index) return reject(index, p.sku, `SKU ${p.sku} is given again later in this batch; that row is applied`);
    if (p.ean) {
      if (!isValidGtin(p.ean))
        return reject(index, p.sku, `ean ${p.ean} has a wrong check digit: check the code as printed under the barcode`);
      const holder = heldBy.get(p.ean);
      if (holder && holder !== p.sku)
        return reject(index, p.sku, `ean ${p.ean} is already SKU ${holder}'s: clear it there first, or fix the code`);
      const other = claimed.get(p.ean);
      if (other) return reject(index, p.sku, `ean ${p.ean} is also given to SKU ${other} in this batch: an EAN names one product`);
      claimed.set(p.ean, p.sku);
    }
    accepted.push({ index, p });
  });
  if (!accepted.length) return { created: 0, updated: 0, rejected };
  // Keys present in each row's JSON say which fields it sets; absent ones keep their value.
  const rows: { created: number; updated: number }[] = await m.query(
    `WITH input AS (SELECT j, j->>'sku' AS sku FROM jsonb_array_elements($1::jsonb) j),
     upd AS (
       UPDATE products p SET
         name = j->>'name',
         category = CASE WHEN j ? 'category' THEN j->>'category' ELSE p.category END,
         ean = CASE WHEN j ? 'ean' THEN j->>'ean' ELSE p.ean END,
         weight_grams = CASE WHEN j ? 'weightGrams' THEN (j->>'weightGrams')::int ELSE p.weight_grams END,
         length_mm = CASE WHEN j ? 'lengthMm' THEN (j->>'lengthMm')::int ELSE p.length_mm END,
         width_mm = CASE WHEN j ? 'widthMm' THEN (j->>'widthMm')::int ELSE p.width_mm END,
         height_mm = CASE WHEN j ? 'heightMm' THEN (j->>'heightMm')::int ELSE p.height_mm END,
         price = CASE WHEN j ? 'price' THEN (j->>'price')::numeric ELSE p.price END,
         updated_at = now()
       FROM input WHERE p.sku = input.sku RETURNING p.sku),
     ins AS (
       INSERT INTO products (sku, name, category, ean, weight_grams, length_mm, width_mm, height_mm, price)
       SELECT sku, j->>'name', j->>'category', j->>'ean', coalesce((j->>'weightGrams')::int, 0), (j->>'lengthMm')::int,
              (j->>'widthMm')::int, (j->>'heightMm')::int, (j->>'price')::numeric
       FROM input WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = input.sku) RETURNING sku)
     SELECT (SELECT count(*) FROM ins)::int AS created, (SELECT count(*) FROM upd)::int AS updated`,
    [JSON.stringify(accepted.map((a) => a.p))],
  );
  return { created: rows[0]!.created, updated: rows[0]!.updated, rejected: rejected.sort((a, b) => a.index - b.index) };
}
