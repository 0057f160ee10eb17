-- When today ends in Buenos Aires: the end of a location's day block.
-- Used by sourcing/sourcing-ops.store.ts (blocking a location for the rest of the day).
CREATE OR REPLACE FUNCTION atalaya_location_day_end(at timestamp with time zone)
 RETURNS timestamp with time zone
 LANGUAGE sql
 STABLE
AS $function$
  SELECT (date_trunc('day', at AT TIME ZONE 'America/Argentina/Buenos_Aires') + interval '1 day') AT TIME ZONE 'America/Argentina/Buenos_Aires'
$function$;
