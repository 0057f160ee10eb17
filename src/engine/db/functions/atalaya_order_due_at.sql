-- Sets orders.due_at, the queue's deadline: the promised date (channel or shipping decision), else arrival + the
-- default 48 h service level (DEFAULT_SLA_HOURS, src/shared/order-queue.schema.ts). Trigger orders_due_at (BEFORE
-- INSERT, and BEFORE UPDATE OF promised_at, created_at), so every writer of orders keeps it without knowing it.
CREATE OR REPLACE FUNCTION atalaya_order_due_at()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  NEW.due_at := coalesce(NEW.promised_at, NEW.created_at + interval '48 hours');
  RETURN NEW;
END $function$;
