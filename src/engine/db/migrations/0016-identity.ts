import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, sessions, sign-in throttling, the first-run setup token and integrator API keys. (Filled in by the identity work.) */
export class Identity1764145000016 implements MigrationInterface {
  name = 'Identity1764145000016';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
