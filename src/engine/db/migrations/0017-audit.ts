import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only audit log. (Filled in by the audit work.) */
export class Audit1764145000017 implements MigrationInterface {
  name = 'Audit1764145000017';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
