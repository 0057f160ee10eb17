-- Wakes the engines' event relays when events commit (trigger engine_events_wake; migration 0032 says why only
-- one writer at a time is elected to NOTIFY: it serialises commits). The row is the news, the notification only a wake-up;
-- writers not elected hold key 1 shared (seen in pg_locks), and a woken relay reads again while it sees them.
CREATE OR REPLACE FUNCTION atalaya_events_wake()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1096043097, 1);
  IF pg_try_advisory_xact_lock(1096043097, 2) THEN
    PERFORM pg_notify('atalaya_events', '');
  END IF;
  RETURN NULL;
END $function$;
