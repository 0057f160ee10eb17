import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: who did what, when, through which session, with what outcome, and what changed.
 * Append-only in the database itself — a row cannot be updated or deleted, nor the table
 * truncated, by the engine or by anyone with its credentials short of dropping the trigger (which
 * needs the table's owner). The indexes serve the Audit view's filters, newest first (the primary
 * key serves the unfiltered list and the paging by id).
 */
export class Audit1764145000017 implements MigrationInterface {
  name = 'Audit1764145000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        -- No foreign key: an actor may be a desk, an API key, a name that failed to sign in.
        user_id text NOT NULL,
        user_name text NOT NULL,
        role text NOT NULL,
        session_id text,
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
        reason text,
        -- Text, not uuid: a refused call may name an order id that is not one.
        order_id text,
        location_id text,
        subject text,
        before jsonb,
        after jsonb,
        input jsonb,
        error text
      );
      CREATE INDEX audit_log_user_idx ON audit_log (user_id, id DESC);
      CREATE INDEX audit_log_order_idx ON audit_log (order_id, id DESC) WHERE order_id IS NOT NULL;
      CREATE INDEX audit_log_location_idx ON audit_log (location_id, id DESC) WHERE location_id IS NOT NULL;
      CREATE INDEX audit_log_action_idx ON audit_log (action text_pattern_ops);
      CREATE INDEX audit_log_at_idx ON audit_log (at);
      -- atalaya_append_only (db/functions) raises "audit_log is append-only: <op> refused".
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION atalaya_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION atalaya_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_log`);
  }
}
