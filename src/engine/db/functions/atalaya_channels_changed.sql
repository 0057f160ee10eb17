-- Announces `channels.changed` through the engine_events outbox.
-- Trigger channels_changed (every change to channels).
CREATE OR REPLACE FUNCTION atalaya_channels_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'channels.changed',
    'channelId', coalesce(NEW.id, OLD.id), 'at', atalaya_iso(clock_timestamp())));
  RETURN NULL;
END $function$;
