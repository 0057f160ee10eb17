-- Available to promise from one stock row for a channel: on hand − reserved − safety stock − units ring-fenced for OTHER channels
-- (a NULL channel, no channel known, may promise none of the fenced units). The reservation guard and every ATP reader call it (stock.store.ts availableSql).
CREATE OR REPLACE FUNCTION atalaya_available(on_hand integer, reserved integer, safety_stock integer, ring_fenced integer, location_id text, sku text, channel text)
 RETURNS integer
 LANGUAGE sql
 STABLE
AS $function$
  -- One expression without a subquery, so Postgres inlines it into the calling statement; the fence lookup is
  -- a call of its own, made only for the rows that have fences.
  -- The units fenced for other channels are never below 0: the row's ring_fenced is its newest version (a reservation
  -- re-checks a row changed under it) while the fence lookup reads the statement's snapshot, and a fence removed in
  -- between must not lend units the row does not have (reserved would pass on hand).
  SELECT on_hand - reserved - safety_stock - CASE WHEN ring_fenced = 0 THEN 0 ELSE greatest(0, ring_fenced - atalaya_ring_fenced_for(location_id, sku, channel)) END
$function$;
