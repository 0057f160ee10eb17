-- A finished import never changes, none goes back to queued, and its raw file stays as it arrived.
-- Trigger imports_guard (BEFORE UPDATE ON imports).
CREATE OR REPLACE FUNCTION atalaya_import_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF OLD.status IN ('done','failed') THEN
    RAISE EXCEPTION 'import % is already %: it cannot change', OLD.id, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'queued' AND OLD.status <> 'queued' THEN
    RAISE EXCEPTION 'import % cannot go back from % to queued', OLD.id, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.content IS DISTINCT FROM OLD.content OR NEW.sha256 <> OLD.sha256 THEN
    RAISE EXCEPTION 'the raw file of import % is kept as it arrived', OLD.id USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $function$;
