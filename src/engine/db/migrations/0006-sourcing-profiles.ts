import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_PROFILE_SPEC } from '../../core/sourcing/default-profile';

/**
 * Sourcing profiles, versioned: a key (e.g. "default") has numbered versions; at most one draft
 * (editable) and one active per key. Active and retired versions are immutable — a trigger refuses
 * any change but active → retired — so a decision recorded against version N can always be
 * explained by it. Locations gain what the profile filters need: pickup capability, the channels
 * they serve (NULL = all) and the carrier cut-off.
 */
export class SourcingProfiles1764144400000 implements MigrationInterface {
  name = 'SourcingProfiles1764144400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE locations
        ADD COLUMN pickup_capable boolean NOT NULL DEFAULT true,
        ADD COLUMN channels text[],
        ADD COLUMN carrier_cutoff text CHECK (carrier_cutoff ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');

      CREATE TABLE sourcing_profiles (
        id uuid PRIMARY KEY,
        key text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        status text NOT NULL CHECK (status IN ('draft','active','retired')),
        name text NOT NULL,
        selector jsonb NOT NULL,
        spec jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        retired_at timestamptz,
        UNIQUE (key, version),
        CHECK ((status = 'draft') = (activated_at IS NULL))
      );
      CREATE UNIQUE INDEX sourcing_profiles_one_active ON sourcing_profiles (key) WHERE status = 'active';
      CREATE UNIQUE INDEX sourcing_profiles_one_draft ON sourcing_profiles (key) WHERE status = 'draft';

      CREATE FUNCTION atalaya_profile_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'sourcing profile % v% is %: only drafts can be deleted', OLD.key, OLD.version, OLD.status USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF NEW.id <> OLD.id OR NEW.key <> OLD.key OR NEW.version <> OLD.version OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at THEN
          RAISE EXCEPTION 'sourcing profile identity (id, key, version, author) never changes' USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.status = 'draft' THEN
          IF NEW.status NOT IN ('draft', 'active') THEN
            RAISE EXCEPTION 'a draft can only be edited or activated' USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN NEW;
        END IF;
        IF OLD.status = 'active' AND NEW.status = 'retired'
           AND NEW.spec = OLD.spec AND NEW.selector = OLD.selector AND NEW.name = OLD.name AND NEW.activated_at = OLD.activated_at THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'sourcing profile % v% is % and immutable: save a draft and activate it', OLD.key, OLD.version, OLD.status USING ERRCODE = 'restrict_violation';
      END $$;
      CREATE TRIGGER sourcing_profiles_guard BEFORE UPDATE OR DELETE ON sourcing_profiles FOR EACH ROW EXECUTE FUNCTION atalaya_profile_guard();
    `);
    await q.query(
      `INSERT INTO sourcing_profiles (id, key, version, status, name, selector, spec, created_by, activated_at)
       VALUES (gen_random_uuid(), 'default', 1, 'active', 'Default', $1, $2, 'system', now())`,
      [{ channels: [], orderTypes: [], priority: 0 }, DEFAULT_PROFILE_SPEC],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS sourcing_profiles;
      DROP FUNCTION IF EXISTS atalaya_profile_guard();
      ALTER TABLE locations DROP COLUMN IF EXISTS pickup_capable, DROP COLUMN IF EXISTS channels, DROP COLUMN IF EXISTS carrier_cutoff;
    `);
  }
}
