import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The planner's queue sorts and flags by urgency: `orders.due_at` (the promise, or arrival plus the
 * default service level) is kept by the trigger `orders_due_at` (its function's body is in
 * `db/functions/atalaya_order_due_at.sql`; it is created here because the trigger needs it now).
 * The partial index holds the open orders — those that can be late — in urgency order, so the
 * first pages of a queue sorted by urgency are read from it rather than sorted.
 */
export class QueueUrgency1764145000030 implements MigrationInterface {
  name = 'QueueUrgency1764145000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION atalaya_order_due_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.due_at := coalesce(NEW.promised_at, NEW.created_at + interval '48 hours');
        RETURN NEW;
      END $$;
      ALTER TABLE orders ADD COLUMN due_at timestamptz;
      UPDATE orders SET due_at = coalesce(promised_at, created_at + interval '48 hours');
      ALTER TABLE orders ALTER COLUMN due_at SET NOT NULL;
      CREATE TRIGGER orders_due_at BEFORE INSERT OR UPDATE OF promised_at, created_at ON orders
        FOR EACH ROW EXECUTE FUNCTION atalaya_order_due_at();
      CREATE INDEX orders_queue_urgency_idx ON orders (due_at, number)
        WHERE status IN ('received', 'unfillable', 'sourced', 'picked', 'packed');`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS orders_queue_urgency_idx;
      DROP TRIGGER IF EXISTS orders_due_at ON orders;
      ALTER TABLE orders DROP COLUMN IF EXISTS due_at;
      DROP FUNCTION IF EXISTS atalaya_order_due_at();
      DELETE FROM atalaya_sql_functions WHERE name = 'atalaya_order_due_at';`);
  }
}
