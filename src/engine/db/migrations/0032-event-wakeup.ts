import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live events are pushed: a statement trigger on the outbox wakes the engines' relays at commit
 * (NOTIFY `atalaya_events`, no payload — `engine_events` stays the source of truth). The trigger's
 * function is `db/functions/atalaya_events_wake.sql`; a stub is made here and its body applied right
 * after the migrations, as every SQL function file is.
 *
 * Why only one writer at a time notifies: NOTIFY serialises the commits of the transactions that
 * send it (a database-wide lock from pre-commit to the end of commit, so no group commit among
 * them). Sent by every event-writing transaction it halved the commit rate of an insert-only
 * pgbench on 2 cores (2,572 → 1,276/s). So one writer at a time is elected to notify (the try-lock
 * on key 2, held to its commit); the others only take key 1 shared, which shows them in pg_locks as
 * writers in flight (1,852/s against 1,935/s with no trigger). A relay woken by the elected writer
 * reads again while it sees writers in flight, so a writer that was not elected is read when it commits.
 */
export class EventWakeup1764145000032 implements MigrationInterface {
  name = 'EventWakeup1764145000032';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION atalaya_events_wake() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RETURN NULL;
      END $$;
      CREATE TRIGGER engine_events_wake AFTER INSERT ON engine_events FOR EACH STATEMENT EXECUTE FUNCTION atalaya_events_wake();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER IF EXISTS engine_events_wake ON engine_events;
      DROP FUNCTION IF EXISTS atalaya_events_wake();
    `);
  }
}
