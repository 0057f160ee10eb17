import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "I take it" in the exception inbox: who holds an item (a kind and the id of the thing in its
 * module) since when. One holder per item. A claim is only read joined to an item that still needs
 * a person, so a claim of something resolved is simply not shown (and is swept on the next take).
 * The name is kept as taken, so the inbox names the holder without reading the users table (and
 * engine-side actors without a user row can hold items too).
 */
export class ExceptionClaims1764145000034 implements MigrationInterface {
  name = 'ExceptionClaims1764145000034';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exception_claims (
        kind text NOT NULL,
        ref_id text NOT NULL,
        user_id text NOT NULL,
        user_name text NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, ref_id)
      );
      CREATE INDEX exception_claims_user_idx ON exception_claims (user_id);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS exception_claims;`);
  }
}
