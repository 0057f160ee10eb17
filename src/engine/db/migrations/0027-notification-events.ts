import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Desks hear customer messages and webhook deliveries move (`notifications.changed`): statement
 * triggers on `notification_messages` write one event per statement that made or moved messages.
 * A trigger needs its function when it is made: a stub is made here, and the function's body —
 * `db/functions/atalaya_notifications_changed.sql` — is applied right after the migrations, as every
 * SQL function file is.
 */
export class NotificationEvents1764145000027 implements MigrationInterface {
  name = 'NotificationEvents1764145000027';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION atalaya_notifications_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RETURN NULL;
      END $$;
      CREATE TRIGGER notification_messages_made AFTER INSERT ON notification_messages
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atalaya_notifications_changed();
      CREATE TRIGGER notification_messages_moved AFTER UPDATE ON notification_messages
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atalaya_notifications_changed();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER IF EXISTS notification_messages_moved ON notification_messages;
      DROP TRIGGER IF EXISTS notification_messages_made ON notification_messages;
      DROP FUNCTION IF EXISTS atalaya_notifications_changed();
    `);
  }
}
