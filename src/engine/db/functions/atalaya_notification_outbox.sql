-- Keeps each order event a customer (or a merchant's systems) hears of in notification_outbox, in the
-- transaction of the change itself. Trigger order_events_notify (migration 0024) calls it for those
-- events only; the notify module's intents loop makes each row into messages.
CREATE OR REPLACE FUNCTION atalaya_notification_outbox()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO notification_outbox (order_event_id, order_id, event, shipment_id)
  VALUES (NEW.id, NEW.order_id,
    CASE NEW.type
      WHEN 'order.sourced' THEN 'order.confirmed'
      WHEN 'order.ready_for_pickup' THEN 'order.ready_for_pickup'
      WHEN 'shipment.in_transit' THEN 'shipment.shipped'
      WHEN 'shipment.out_for_delivery' THEN 'shipment.out_for_delivery'
      WHEN 'shipment.delivered' THEN 'shipment.delivered'
      -- A person shipping or delivering an order by hand (no carrier tracks it) tells the customer too.
      WHEN 'order.shipped' THEN 'shipment.shipped'
      WHEN 'order.delivered' THEN 'shipment.delivered'
      WHEN 'shipment.delayed' THEN 'shipment.delayed'
      WHEN 'order.cancelled' THEN 'order.cancelled'
      WHEN 'return.requested' THEN 'return.requested'
      WHEN 'return.approved' THEN 'return.approved'
      WHEN 'return.rejected' THEN 'return.rejected'
      WHEN 'return.received' THEN 'return.received'
      WHEN 'refund.issued' THEN 'refund.issued'
    END,
    CASE WHEN NEW.data ? 'shipmentId' AND NEW.data->>'shipmentId' ~ '^[0-9a-f-]{36}$' THEN (NEW.data->>'shipmentId')::uuid END);
  RETURN NULL;
END $function$;
