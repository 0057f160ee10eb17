import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-optimisation covers the whole backlog: each pass marks the orders it takes
 * (`reopt_examined_at`) and the next pass starts with those never examined (NULL first), then
 * those examined longest ago. Before, a pass took the least recently *changed* orders, and an
 * order examined and kept was not changed — so past one batch of waiting orders, every pass
 * looked at the same oldest ones. The partial index holds only sourced orders, in pick order.
 */
export class ReoptCoverage1764145000026 implements MigrationInterface {
  name = 'ReoptCoverage1764145000026';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE orders ADD COLUMN reopt_examined_at timestamptz;
      CREATE INDEX orders_reopt_pick_idx ON orders (reopt_examined_at ASC NULLS FIRST, updated_at, id) WHERE status = 'sourced';`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS orders_reopt_pick_idx;
      ALTER TABLE orders DROP COLUMN IF EXISTS reopt_examined_at;`);
  }
}
