import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partial fulfilment. A line keeps what the customer ordered (`quantity`); units the order no longer
 * fulfils itself are counted beside it — `cancelled_quantity` (cancelled because no location could
 * supply them, backorder policy `cancel_unavailable`) and `backordered_quantity` (moved to a
 * backorder order that waits for stock, policy `ship_available`). `open_quantity` is what this order
 * still ships, computed by the database so no writer can get it wrong. A backorder is an order of
 * its own (`backorder_of` its parent) with the parent's customer, address and channel, so each keeps
 * one straight lifecycle and the unroutable queue fills it in priority order when stock arrives.
 */
export class Backorders1764145000012 implements MigrationInterface {
  name = 'Backorders1764145000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE order_lines
        ADD COLUMN cancelled_quantity integer NOT NULL DEFAULT 0,
        ADD COLUMN backordered_quantity integer NOT NULL DEFAULT 0,
        ADD COLUMN open_quantity integer GENERATED ALWAYS AS (quantity - cancelled_quantity - backordered_quantity) STORED,
        ADD CONSTRAINT order_lines_open_quantity CHECK (cancelled_quantity >= 0 AND backordered_quantity >= 0 AND cancelled_quantity + backordered_quantity <= quantity);
      ALTER TABLE orders ADD COLUMN backorder_of uuid REFERENCES orders(id);
      CREATE INDEX orders_backorder_of_idx ON orders (backorder_of) WHERE backorder_of IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS orders_backorder_of_idx;
      ALTER TABLE orders DROP COLUMN IF EXISTS backorder_of;
      ALTER TABLE order_lines DROP CONSTRAINT IF EXISTS order_lines_open_quantity,
        DROP COLUMN IF EXISTS open_quantity, DROP COLUMN IF EXISTS backordered_quantity, DROP COLUMN IF EXISTS cancelled_quantity;
    `);
  }
}
