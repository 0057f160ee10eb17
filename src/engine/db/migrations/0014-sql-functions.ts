import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The engine's Postgres functions live as source files (src/engine/db/functions/<name>.sql), each
 * holding its current body, instead of being spread over migration history. When the engine opens
 * the database it applies every file whose text changed (db/sql-functions.ts); this table records
 * the sha256 of the text applied per function. Empty at first: the first start applies every file.
 */
export class SqlFunctions1764145000014 implements MigrationInterface {
  name = 'SqlFunctions1764145000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE atalaya_sql_functions (
        name text PRIMARY KEY,
        sha256 text NOT NULL,
        -- The version of the engine that applied it: an older engine never puts its body back over a newer one's.
        engine_version text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // The functions stay as the files left them.
    await q.query(`DROP TABLE IF EXISTS atalaya_sql_functions;`);
  }
}
