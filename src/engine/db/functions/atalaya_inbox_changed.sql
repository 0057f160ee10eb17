-- Announces `inbox.changed` through the engine_events outbox.
-- Triggers inbox_changed_insert and inbox_changed_update (status changes of inbox rows).
CREATE OR REPLACE FUNCTION atalaya_inbox_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'inbox.changed', 'inboxId', NEW.id::text,
    'channelId', NEW.channel_id, 'status', NEW.status, 'at', atalaya_iso(clock_timestamp())));
  RETURN NULL;
END $function$;
