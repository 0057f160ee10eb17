import { EntitySchema } from 'typeorm';

export interface ProductRow {
  sku: string;
  name: string;
  category: string | null;
  weightGrams: number;
  price: string | null;
  createdAt: Date;
}

export const ProductEntity = new EntitySchema<ProductRow>({
  name: 'Product',
  tableName: 'products',
  columns: {
    sku: { type: 'text', primary: true },
    name: { type: 'text' },
    category: { type: 'text', nullable: true },
    weightGrams: { type: 'integer', name: 'weight_grams' },
    price: { type: 'numeric', precision: 14, scale: 2, nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});

/** Stock of one SKU at one location. Changed only by guarded SQL in stock.repository.ts. */
export interface StockRow {
  locationId: string;
  sku: string;
  onHand: number;
  reserved: number;
  safetyStock: number;
  updatedAt: Date;
}

export const StockEntity = new EntitySchema<StockRow>({
  name: 'Stock',
  tableName: 'stock',
  columns: {
    locationId: { type: 'text', primary: true, name: 'location_id' },
    sku: { type: 'text', primary: true },
    onHand: { type: 'integer', name: 'on_hand' },
    reserved: { type: 'integer' },
    safetyStock: { type: 'integer', name: 'safety_stock' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
  },
});
