import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A returned item's acceptance, the second half of its life (after the receipt): accepted (as the
 * customer declared it; refunded when the refund waits for inspection) or rejected with the
 * inspector's reason (not refunded). A wrong item is always rejected. The item's state
 * (`RETURN_ITEM_TRANSITIONS`) reads from `receipt_outcome` and `acceptance`. A return a channel sent
 * keeps the channel's return id (`channel_return_key`), so the same return is never made twice.
 */
export class ReturnItems1764145000029 implements MigrationInterface {
  name = 'ReturnItems1764145000029';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE return_lines
        ADD COLUMN acceptance text CHECK (acceptance IN ('accepted', 'rejected')),
        ADD COLUMN rejection_reason text,
        ADD CONSTRAINT return_line_accepted_after_receipt CHECK (acceptance IS NULL OR receipt_outcome IS NOT NULL),
        ADD CONSTRAINT return_line_wrong_item_rejected CHECK (receipt_outcome IS DISTINCT FROM 'wrong_item' OR acceptance IS DISTINCT FROM 'accepted');
      -- A return a channel sent (channel id and the channel's return id): a second delivery makes nothing new.
      ALTER TABLE returns ADD COLUMN channel_return_key text UNIQUE;
      UPDATE return_lines SET acceptance = CASE WHEN receipt_outcome = 'wrong_item' THEN 'rejected' ELSE 'accepted' END
        WHERE disposition IS NOT NULL;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE returns DROP COLUMN IF EXISTS channel_return_key;
      ALTER TABLE return_lines
        DROP CONSTRAINT IF EXISTS return_line_wrong_item_rejected,
        DROP CONSTRAINT IF EXISTS return_line_accepted_after_receipt,
        DROP COLUMN IF EXISTS rejection_reason,
        DROP COLUMN IF EXISTS acceptance;`);
  }
}
