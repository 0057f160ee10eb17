import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tracking: the ETA before the latest one (the `eta_slipping` rule compares them), when a carrier
 * webhook that failed to apply is tried again (its re-fetch failed: nothing is lost, it waits), and
 * an index for the delay watch over shipments still on their way.
 */
export class Tracking1764145000023 implements MigrationInterface {
  name = 'Tracking1764145000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE shipments ADD COLUMN previous_eta_at timestamptz;
      ALTER TABLE carrier_webhooks ADD COLUMN next_attempt_at timestamptz;
      CREATE INDEX shipments_on_the_way_idx ON shipments (id)
        WHERE status IN ('ready','manifested','in_transit','out_for_delivery','exception','at_branch','attempt_failed','returning');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS shipments_on_the_way_idx;
      ALTER TABLE carrier_webhooks DROP COLUMN IF EXISTS next_attempt_at;
      ALTER TABLE shipments DROP COLUMN IF EXISTS previous_eta_at;
    `);
  }
}
