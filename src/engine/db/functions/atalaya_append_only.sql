-- Refuses UPDATE, DELETE (and, as a statement trigger, TRUNCATE): the table is append-only.
-- Triggers order_events_append_only, stock_movements_append_only, sourcing_overrides_append_only,
-- audit_log_append_only and audit_log_no_truncate (a statement trigger: TG_OP is TRUNCATE).
CREATE OR REPLACE FUNCTION atalaya_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END $function$;
