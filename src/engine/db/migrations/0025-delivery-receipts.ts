import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery receipts: a provider's status webhook names the message by the id the provider gave it
 * (WhatsApp's wamid) when it does not echo our key — found through this index, not a scan.
 */
export class DeliveryReceipts1764145000025 implements MigrationInterface {
  name = 'DeliveryReceipts1764145000025';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX notification_messages_provider_idx ON notification_messages (provider_id, channel) WHERE provider_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS notification_messages_provider_idx`);
  }
}
