-- Announces `locations.changed` through the engine_events outbox.
-- Trigger locations_changed (every statement changing locations).
CREATE OR REPLACE FUNCTION atalaya_locations_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'locations.changed', 'at', atalaya_iso(clock_timestamp())));
  RETURN NULL;
END $function$;
