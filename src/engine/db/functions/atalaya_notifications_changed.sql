-- Announces `notifications.changed` through engine_events: one event per statement that made messages
-- or moved their status (a claim, 'sending', is not news), naming up to 100 of their orders.
-- Triggers notification_messages_made (AFTER INSERT) and _moved (AFTER UPDATE), per statement.
CREATE OR REPLACE FUNCTION atalaya_notifications_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- old_rows exists only for an update: the rows moved are named in dynamic SQL.
  EXECUTE format(
    $q$INSERT INTO engine_events (payload)
       SELECT jsonb_build_object(
         'type', 'notifications.changed',
         'orderIds', to_jsonb((array_agg(DISTINCT n.order_id::text))[1:100]),
         'more', count(DISTINCT n.order_id) > 100,
         'failed', bool_or(n.status IN ('failed', 'undeliverable')),
         'webhooks', bool_or(n.channel = 'webhook'),
         'at', atalaya_iso(clock_timestamp()))
       FROM new_rows n %s
       HAVING count(*) > 0$q$,
    CASE WHEN TG_OP = 'UPDATE'
      THEN $w$JOIN old_rows o ON o.id = n.id WHERE n.status IS DISTINCT FROM o.status AND n.status <> 'sending'$w$
      ELSE '' END);
  RETURN NULL;
END $function$;
