-- Announces `import.progress` through the engine_events outbox.
-- Trigger imports_progress (AFTER INSERT OR UPDATE ON imports).
CREATE OR REPLACE FUNCTION atalaya_import_progress()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO engine_events (payload) VALUES (jsonb_build_object(
    'type', 'import.progress', 'importId', NEW.id, 'status', NEW.status,
    'progress', CASE WHEN NEW.status = 'done' OR NEW.size_bytes = 0 THEN 1 ELSE least(1, NEW.bytes_read::float8 / NEW.size_bytes) END,
    'rowsRead', NEW.rows_read, 'imported', NEW.imported, 'duplicates', NEW.duplicates, 'failed', NEW.failed,
    'at', atalaya_iso(clock_timestamp())));
  RETURN NULL;
END $function$;
