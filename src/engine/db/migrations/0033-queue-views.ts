import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A planner's saved queue views: a name and the queue's filters and sort (as the contract's
 * `QueueViewQuery`, JSON), kept per user so they follow the person to any desk. One name per user;
 * a user's views go with the user.
 */
export class QueueViews1764145000033 implements MigrationInterface {
  name = 'QueueViews1764145000033';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE queue_views (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        query jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, name)
      );`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS queue_views;`);
  }
}
