-- Keeps stock.ring_fenced equal to the sum of the row's ring_fences.
-- Trigger ring_fences_sum (AFTER INSERT OR UPDATE OR DELETE ON ring_fences).
CREATE OR REPLACE FUNCTION atalaya_ring_fence_sum()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE r record;
BEGIN
  FOR r IN SELECT DISTINCT x.location_id, x.sku FROM (SELECT OLD.location_id, OLD.sku WHERE TG_OP <> 'INSERT' UNION ALL SELECT NEW.location_id, NEW.sku WHERE TG_OP <> 'DELETE') AS x(location_id, sku) LOOP
    UPDATE stock SET ring_fenced = (SELECT coalesce(sum(quantity), 0) FROM ring_fences f WHERE f.location_id = r.location_id AND f.sku = r.sku)
    WHERE location_id = r.location_id AND sku = r.sku;
  END LOOP;
  RETURN NULL;
END $function$;
