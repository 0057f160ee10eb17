import { z } from 'zod';
import { ANY_STAFF, type Role } from './roles';

/**
 * The product master: what the floor needs of each SKU — its name, EAN (what a scanner reads),
 * weight and dimensions (what a parcel weighs and how big it is). Channels and feeds keep SKUs in
 * step; `products.upsert` is the integration's door (and the admin's).
 */

const mm = z.number().int().min(1).max(5_000).nullable();

export const ProductSchema = z.object({
  sku: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  /** GTIN-8/12/13/14 as printed under the barcode. */
  ean: z.string().nullable(),
  weightGrams: z.number().int(),
  lengthMm: mm,
  widthMm: mm,
  heightMm: mm,
  price: z.number().nullable(),
});
export type Product = z.infer<typeof ProductSchema>;

export const ProductInputSchema = z.object({
  sku: z.string().trim().min(1, { error: 'sku is required' }).max(64),
  name: z.string().trim().min(1, { error: 'name is required: the product name people read on the pick list' }).max(200),
  category: z.string().trim().max(100).nullable().optional(),
  ean: z
    .string()
    .trim()
    .regex(/^(\d{8}|\d{12,14})$/, { error: 'ean must be a GTIN of 8, 12, 13 or 14 digits, as printed under the barcode' })
    .nullable()
    .optional(),
  weightGrams: z.number().int().min(0).max(1_000_000).optional(),
  lengthMm: mm.optional(),
  widthMm: mm.optional(),
  heightMm: mm.optional(),
  price: z.number().min(0).nullable().optional(),
});

const PRODUCT_WRITERS: readonly Role[] = ['integrator', 'system', 'admin'];

export const productsContract = {
  /** Products by SKU, EAN or name (at most `limit`). */
  'products.list': {
    kind: 'query',
    roles: ANY_STAFF,
    input: z.object({
      search: z.string().trim().max(100).optional(),
      skus: z.array(z.string().max(64)).max(500).optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    output: z.array(ProductSchema),
  },
  /** Creates or updates products (fields left out keep their value). An EAN used by another SKU is refused row by row. */
  'products.upsert': {
    kind: 'command',
    roles: PRODUCT_WRITERS,
    input: z.object({ products: z.array(ProductInputSchema).min(1).max(5_000) }),
    output: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      rejected: z.array(z.object({ index: z.number().int(), sku: z.string(), message: z.string() })),
    }),
  },
} as const;
