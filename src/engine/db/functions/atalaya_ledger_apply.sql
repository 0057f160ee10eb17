-- The ledger moves on hand: applies new stock_movements rows to stock.on_hand and checks that 'initial' rows match it.
-- Trigger stock_movements_apply (AFTER INSERT ON stock_movements, per statement).
CREATE OR REPLACE FUNCTION atalaya_ledger_apply()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE bad record;
BEGIN
  UPDATE stock s SET on_hand = s.on_hand + d.delta, updated_at = now()
  FROM (SELECT location_id, sku, sum(on_hand_delta)::int AS delta FROM new_rows
        WHERE on_hand_delta <> 0 AND reason <> 'initial' GROUP BY location_id, sku) d
  WHERE s.location_id = d.location_id AND s.sku = d.sku;
  IF EXISTS (SELECT 1 FROM new_rows WHERE reason = 'initial') THEN
    SELECT s.location_id, s.sku, s.on_hand, l.total INTO bad
    FROM (SELECT DISTINCT location_id, sku FROM new_rows WHERE reason = 'initial') i
    JOIN stock s ON s.location_id = i.location_id AND s.sku = i.sku
    JOIN LATERAL (SELECT coalesce(sum(m.on_hand_delta), 0) AS total FROM stock_movements m WHERE m.location_id = i.location_id AND m.sku = i.sku) l ON true
    WHERE s.on_hand <> l.total LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'ledger of % at % sums to % but on hand is %: an initial row must record the on hand its stock row was created with',
        bad.sku, bad.location_id, bad.total, bad.on_hand USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NULL;
END $function$;
