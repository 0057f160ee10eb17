import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order's identity is per channel ACCOUNT, not per channel kind: two Shopify stores may both
 * send order "1001". `channel_key` is the configured channel's id, or `:<kind>` for orders that
 * came through no channel row (keyless loopback REST, ad-hoc imports); channel ids never contain a
 * colon, so the two spaces cannot collide. Redeliveries stay idempotent through the same key.
 */
export class OrderIdentityPerChannel1764145000011 implements MigrationInterface {
  name = 'OrderIdentityPerChannel1764145000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE orders ADD COLUMN channel_key text GENERATED ALWAYS AS (coalesce(channel_id, ':' || channel)) STORED;
      ALTER TABLE orders ADD CONSTRAINT orders_channel_key_external_id_key UNIQUE (channel_key, external_id);
      ALTER TABLE orders DROP CONSTRAINT orders_channel_external_id_key;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Fails (and changes nothing) if two accounts of one kind now share an external id: resolve those first.
    await q.query(`
      ALTER TABLE orders ADD CONSTRAINT orders_channel_external_id_key UNIQUE (channel, external_id);
      ALTER TABLE orders DROP CONSTRAINT orders_channel_key_external_id_key;
      ALTER TABLE orders DROP COLUMN channel_key;
    `);
  }
}
