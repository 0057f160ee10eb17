-- Units of a stock row ring-fenced for one channel (0 when none, or when the channel is NULL).
-- Called by atalaya_available only for rows with fences (kept apart so that atalaya_available has no subquery and inlines).
CREATE OR REPLACE FUNCTION atalaya_ring_fenced_for(location_id text, sku text, channel text)
 RETURNS integer
 LANGUAGE sql
 STABLE
AS $function$
  SELECT coalesce((SELECT f.quantity FROM ring_fences f
                   WHERE f.location_id = atalaya_ring_fenced_for.location_id AND f.sku = atalaya_ring_fenced_for.sku
                     AND f.channel = atalaya_ring_fenced_for.channel), 0)
$function$;
