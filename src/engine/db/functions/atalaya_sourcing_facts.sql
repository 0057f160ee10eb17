-- What sourcing reads about a new order: ATP of its SKUs for its channel (atalaya_available), weights and exclusions.
-- Returned by the order's insert (orders/order.store.ts); the exclusions are the rows of exclusionsSql (sourcing/sourcing-ops.store.ts).
CREATE OR REPLACE FUNCTION atalaya_sourcing_facts(p_channel text, p_skus text[], p_order uuid)
 RETURNS json
 LANGUAGE plpgsql
 STABLE
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
BEGIN
  RETURN json_build_object(
    'atp', (SELECT coalesce(json_agg(json_build_array(s.location_id, s.sku, a.qty)), '[]')
            FROM (SELECT DISTINCT unnest(p_skus) AS sku) w JOIN stock s ON s.sku = w.sku
            CROSS JOIN LATERAL (SELECT atalaya_available(s.on_hand, s.reserved, s.safety_stock, s.ring_fenced, s.location_id, s.sku, p_channel) AS qty) a
            WHERE a.qty > 0),
    'weights', (SELECT coalesce(json_object_agg(p.sku, p.weight_grams), '{}') FROM (SELECT DISTINCT unnest(p_skus) AS sku) w JOIN products p ON p.sku = w.sku),
    'exclusions', (SELECT coalesce(json_agg(json_build_array(x.location_id, x.reason) ORDER BY x.rank), '[]') FROM (
        SELECT location_id, reason, 0 AS rank FROM sourcing_exclusions WHERE order_id = p_order
        UNION ALL
        SELECT location_id, reason || ' (until ' || to_char(until AT TIME ZONE 'America/Argentina/Buenos_Aires', 'HH24:MI') || ')', 1
        FROM location_day_blocks WHERE until > now()) x));
END $function$;
