-- The `order.changed` outbox payload. STABLE, so it inlines into the statements that write it.
-- Used by the transition statements of the orders, inventory and sourcing stores.
CREATE OR REPLACE FUNCTION atalaya_order_changed(order_id uuid, number bigint, status text, from_status text, location_id text, at timestamp with time zone)
 RETURNS jsonb
 LANGUAGE sql
 STABLE
AS $function$
  SELECT jsonb_build_object('type', 'order.changed', 'orderId', order_id, 'number', number, 'status', status,
    'fromStatus', from_status, 'locationId', location_id, 'at', atalaya_iso(at))
$function$;
