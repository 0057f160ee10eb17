-- A timestamp as ISO-8601 UTC text for event payloads and history entries. STABLE (to_char is), so it inlines.
-- Used by the outbox triggers, atalaya_order_changed and the orders, inbox and inventory stores.
CREATE OR REPLACE FUNCTION atalaya_iso(at timestamp with time zone)
 RETURNS text
 LANGUAGE sql
 STABLE
AS $function$
  SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$function$;
