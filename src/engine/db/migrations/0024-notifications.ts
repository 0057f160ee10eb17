import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer notifications and merchant webhooks.
 *
 * - `notification_outbox`: written by a trigger on `order_events`, in the transaction of the change
 *   itself, for each event a customer or a merchant's systems hear of (order confirmed, ready for
 *   pickup, shipped, out for delivery, delivered, delayed, cancelled, return approved, refund
 *   issued). Nothing that records an order event can forget it.
 * - `notification_messages`: one row per message to send (an intent), made from an outbox row per
 *   channel; its unique `key` (event, order or shipment, version, channel, endpoint) is what keeps
 *   an at-least-once worker from sending the same message twice. The message keeps the facts it
 *   shows (`view`), its status (queued → sending → sent → delivered; retrying, failed,
 *   undeliverable, suppressed), attempts and the provider's reply.
 * - `notification_attempts`: the delivery log, one row per try.
 * - `notification_settings` (one row), `notification_providers` (one per channel, secrets sealed),
 *   `notification_preferences` (per customer), `notification_templates` (merchant overrides of the
 *   default templates), `webhook_endpoints` (merchant receivers, secrets sealed).
 */
export class Notifications1764145000024 implements MigrationInterface {
  name = 'Notifications1764145000024';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_outbox (
        id bigserial PRIMARY KEY,
        order_event_id bigint NOT NULL UNIQUE,
        order_id uuid NOT NULL,
        event text NOT NULL,
        shipment_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        expanded_at timestamptz
      );
      CREATE INDEX notification_outbox_pending_idx ON notification_outbox (id) WHERE expanded_at IS NULL;

      CREATE FUNCTION atalaya_notification_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
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
            WHEN 'return.approved' THEN 'return.approved'
            WHEN 'refund.issued' THEN 'refund.issued'
          END,
          CASE WHEN NEW.data ? 'shipmentId' AND NEW.data->>'shipmentId' ~ '^[0-9a-f-]{36}$' THEN (NEW.data->>'shipmentId')::uuid END);
        RETURN NULL;
      END $$;
      CREATE TRIGGER order_events_notify AFTER INSERT ON order_events FOR EACH ROW
        WHEN (NEW.type IN ('order.sourced', 'order.ready_for_pickup', 'shipment.in_transit', 'shipment.out_for_delivery',
                           'shipment.delivered', 'shipment.delayed', 'order.cancelled', 'return.approved', 'refund.issued')
              -- The engine's own order.shipped/delivered follow tracked parcels, already told per parcel.
              OR (NEW.type IN ('order.shipped', 'order.delivered') AND NEW.actor_id <> 'system'))
        EXECUTE FUNCTION atalaya_notification_outbox();

      CREATE TABLE notification_messages (
        id uuid PRIMARY KEY,
        key text NOT NULL UNIQUE,
        outbox_id bigint,
        event text NOT NULL,
        order_id uuid NOT NULL REFERENCES orders(id),
        shipment_id uuid,
        channel text NOT NULL CHECK (channel IN ('email','whatsapp','sms','webhook')),
        recipient text,
        endpoint_id text,
        locale text NOT NULL,
        view jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('queued','sending','sent','delivered','retrying','failed','undeliverable','suppressed')),
        reason text,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        -- Who holds the message now (a token per claim): only that claim may record what became of it.
        claim uuid,
        provider_id text,
        reply text,
        subject text,
        preview text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        delivered_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notification_messages_due_idx ON notification_messages (next_attempt_at) WHERE status IN ('queued','retrying','sending');
      CREATE INDEX notification_messages_order_idx ON notification_messages (order_id, created_at);
      CREATE INDEX notification_messages_failed_idx ON notification_messages (updated_at DESC) WHERE status IN ('failed','undeliverable');

      CREATE TABLE notification_attempts (
        id bigserial PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES notification_messages(id),
        at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL,
        reply text,
        actor text NOT NULL DEFAULT 'system'
      );
      CREATE INDEX notification_attempts_message_idx ON notification_attempts (message_id, id);

      CREATE TABLE notification_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        settings jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text
      );

      CREATE TABLE notification_providers (
        channel text PRIMARY KEY CHECK (channel IN ('email','whatsapp','sms','webhook')),
        enabled boolean NOT NULL DEFAULT true,
        settings jsonb NOT NULL DEFAULT '{}',
        secrets bytea,
        secrets_key_id text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text
      );

      CREATE TABLE notification_preferences (
        customer_key text PRIMARY KEY,
        channels text[] NOT NULL DEFAULT '{}',
        opted_out text[] NOT NULL DEFAULT '{}',
        locale text,
        time_zone text,
        quiet_from smallint CHECK (quiet_from BETWEEN 0 AND 1439),
        quiet_to smallint CHECK (quiet_to BETWEEN 0 AND 1439),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text
      );

      CREATE TABLE notification_templates (
        event text NOT NULL,
        locale text NOT NULL,
        template jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text,
        PRIMARY KEY (event, locale)
      );

      CREATE TABLE webhook_endpoints (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
        url text NOT NULL,
        events text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        secrets bytea,
        secrets_key_id text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS webhook_endpoints, notification_templates, notification_preferences, notification_providers,
        notification_settings, notification_attempts, notification_messages;
      DROP TRIGGER IF EXISTS order_events_notify ON order_events;
      DROP FUNCTION IF EXISTS atalaya_notification_outbox();
      DROP TABLE IF EXISTS notification_outbox;
    `);
  }
}
