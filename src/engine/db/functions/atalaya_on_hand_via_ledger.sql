-- stock.on_hand changes only through the ledger (atalaya_ledger_apply), never by a direct UPDATE.
-- Trigger stock_on_hand_via_ledger (BEFORE UPDATE OF on_hand ON stock).
CREATE OR REPLACE FUNCTION atalaya_on_hand_via_ledger()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'stock.on_hand of % at % changes only through the ledger: insert a stock_movements row with on_hand_delta instead', NEW.sku, NEW.location_id
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $function$;
