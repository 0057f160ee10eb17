-- Aborts a one-statement reservation when some line's stock was taken by another order (SQLSTATE AT409).
-- Called by the assignment statement of inventory/stock.store.ts (assignIfWaiting).
CREATE OR REPLACE FUNCTION atalaya_contended()
 RETURNS boolean
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'stock of a line was taken by another order; source again' USING ERRCODE = 'AT409';
END $function$;
