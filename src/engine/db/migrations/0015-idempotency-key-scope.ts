import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys are scoped per channel account: two integrations (two API channels) that
 * happen to send the same Idempotency-Key do not collide. `scope` is the channel id of the request
 * (the API key's channel on REST), or '' for calls through no channel (keyless loopback REST, the
 * desk). Existing keys take the channel of the order they answered with.
 */
export class IdempotencyKeyScope1764145000015 implements MigrationInterface {
  name = 'IdempotencyKeyScope1764145000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE idempotency_keys ADD COLUMN scope text NOT NULL DEFAULT '';
      UPDATE idempotency_keys k SET scope = o.channel_id FROM orders o WHERE o.id = k.order_id AND o.channel_id IS NOT NULL;
      ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
      ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (scope, key);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // One key used by several channels keeps its oldest use.
    await q.query(`
      DELETE FROM idempotency_keys k USING idempotency_keys older
       WHERE older.key = k.key AND (older.created_at, older.scope) < (k.created_at, k.scope);
      ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
      ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (key);
      ALTER TABLE idempotency_keys DROP COLUMN scope;
    `);
  }
}
