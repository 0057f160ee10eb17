import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a pickup hands over, fixed when it is made ready (sku → units): the counter shows "2 of 3
 * taken" against it, and what is declined or not collected in time (lines − collected) is what goes
 * back to stock. Order lines cannot say it once the rest is cancelled, so the pickup keeps it.
 */
export class PickupLines1764145000021 implements MigrationInterface {
  name = 'PickupLines1764145000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pickups ADD COLUMN lines jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pickups DROP COLUMN IF EXISTS lines`);
  }
}
