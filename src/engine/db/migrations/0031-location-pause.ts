import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The map's location panel:
 * - who paused a location, when and why (`active = false` is the pause sourcing already honours);
 * - an index on the open fulfilment orders per location (the map's backlog and late counts, read
 *   every second under load) and one on reservations by time (recent demand for stock-outs that matter).
 */
export class LocationPause1764145000031 implements MigrationInterface {
  name = 'LocationPause1764145000031';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE locations
        ADD COLUMN paused_at timestamptz,
        ADD COLUMN paused_by text,
        ADD COLUMN paused_reason text;
      CREATE INDEX fulfilment_orders_open_idx ON fulfilment_orders (location_id, created_at) WHERE status IN ('assigned','picked','packed');
      CREATE INDEX reservations_created_idx ON reservations (created_at);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS reservations_created_idx;
      DROP INDEX IF EXISTS fulfilment_orders_open_idx;
      ALTER TABLE locations DROP COLUMN IF EXISTS paused_at, DROP COLUMN IF EXISTS paused_by, DROP COLUMN IF EXISTS paused_reason;`);
  }
}
