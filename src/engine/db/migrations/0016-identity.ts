import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may use Atalaya: users (staff who sign in), their sessions, the sign-in failures that
 * throttle guessing across every desk on the database, the first-run setup token and integrator
 * API keys. Secrets are never stored: passwords as scrypt hashes, tokens and keys as SHA-256.
 *
 * The placeholder `users` table of 0001 was never used by any code: it is replaced.
 */
export class Identity1764145000016 implements MigrationInterface {
  name = 'Identity1764145000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE users;

      CREATE TABLE users (
        id text PRIMARY KEY,
        -- Compared case-insensitively: stored lower-case, so the unique index is the rule.
        username text NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) BETWEEN 2 AND 120),
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('planner','supervisor','associate','admin')),
        -- NULL: signs in through the identity provider only.
        password_hash text,
        email text,
        external_issuer text,
        external_subject text,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz,
        password_changed_at timestamptz,
        CHECK ((external_issuer IS NULL) = (external_subject IS NULL))
      );
      CREATE UNIQUE INDEX users_external_identity ON users (external_issuer, external_subject) WHERE external_issuer IS NOT NULL;
      CREATE INDEX users_email ON users (lower(email)) WHERE email IS NOT NULL;

      CREATE TABLE user_locations (
        user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        location_id text NOT NULL REFERENCES locations(id),
        PRIMARY KEY (user_id, location_id)
      );

      CREATE TABLE sessions (
        id text PRIMARY KEY,
        -- SHA-256 of the token: a copy of this table signs nobody in.
        token_hash bytea NOT NULL UNIQUE,
        user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_reason text,
        via text NOT NULL CHECK (via IN ('web','electron','cli')),
        ip text,
        user_agent text
      );
      CREATE INDEX sessions_live_by_user ON sessions (user_id) WHERE ended_at IS NULL;
      CREATE INDEX sessions_expires_at ON sessions (expires_at);

      -- One row per failed (or still being checked) sign-in, keyed 'user:<name>' or 'ip:<address>':
      -- every desk on the database counts the same attempts.
      CREATE TABLE sign_in_failures (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sign_in_failures_key_at ON sign_in_failures (key, at);
      CREATE INDEX sign_in_failures_at ON sign_in_failures (at);

      CREATE TABLE setup_tokens (
        token_hash bytea PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );

      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        name text NOT NULL,
        prefix text NOT NULL,
        secret_hash bytea NOT NULL UNIQUE,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['inventory.feeds','orders.read']::text[]),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE api_keys, setup_tokens, sign_in_failures, sessions, user_locations, users;
      CREATE TABLE users (
        id text PRIMARY KEY,
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('planner','supervisor','associate','integrator','system')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }
}
