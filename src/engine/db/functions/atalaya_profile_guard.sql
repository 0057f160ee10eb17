-- Sourcing profiles: only drafts are edited or deleted, identity never changes, active ones may only retire.
-- Trigger sourcing_profiles_guard (BEFORE UPDATE OR DELETE ON sourcing_profiles).
CREATE OR REPLACE FUNCTION atalaya_profile_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
END $function$;
