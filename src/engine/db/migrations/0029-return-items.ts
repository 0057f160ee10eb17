import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A returned item's acceptance, the second half of its life (after the receipt): accepted (as the
 * customer declared it; refunded when the refund waits for inspection) or rejected with the
 * inspector's reason (not refunded). A wrong item is always rejected. The item's state
 * (`RETURN_ITEM_TRANSITIONS`) reads from `receipt_outcome` and `acceptance`. A return a channel sent
 * keeps the channel's return id (`channel_return_key`), so the same return is never made twice.
 * `return_labels`: return labels bought from a carrier and sent to the customer as a link.
 */
export class ReturnItems1764145000029 implements MigrationInterface {
  name = 'ReturnItems1764145000029';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE return_lines
        ADD COLUMN acceptance text CHECK (acceptance IN ('accepted', 'rejected')),
        ADD COLUMN rejection_reason text,
        ADD CONSTRAINT return_line_accepted_after_receipt CHECK (acceptance IS NULL OR receipt_outcome IS NOT NULL),
        ADD CONSTRAINT return_line_wrong_item_rejected CHECK (receipt_outcome IS DISTINCT FROM 'wrong_item' OR acceptance IS DISTINCT FROM 'accepted');
      -- A return a channel sent (channel id and the channel's return id): a second delivery makes nothing new.
      ALTER TABLE returns ADD COLUMN channel_return_key text UNIQUE;
      -- A return label bought from a carrier: pending until bought (retried with backoff), then its
      -- tracking number and bytes (the customer's link carries the token); the first scan says the
      -- parcel is on its way back.
      CREATE TABLE return_labels (
        return_id uuid PRIMARY KEY REFERENCES returns(id),
        carrier_account_id text NOT NULL,
        service text NOT NULL,
        token text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('pending', 'created', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_try_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        external_id text,
        tracking_number text,
        tracking_url text,
        -- The customer's link (the engine's public address and the token), as it was sent.
        url text,
        format text CHECK (format IN ('zpl', 'pdf')),
        bytes bytea,
        first_scan_at timestamptz,
        -- A courier pickup at the customer's address (method courier_pickup): the day and the carrier's confirmation.
        pickup_date date,
        pickup_confirmation text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT return_label_created_has_bytes CHECK (status <> 'created' OR (tracking_number IS NOT NULL AND bytes IS NOT NULL))
      );
      CREATE INDEX return_labels_due_idx ON return_labels (next_try_at) WHERE status = 'pending';
      CREATE INDEX return_labels_unscanned_idx ON return_labels (carrier_account_id) WHERE status = 'created' AND first_scan_at IS NULL;
      -- The customer also hears of a return request waiting for review (with Argentina's withdrawal procedure code), of one
      -- refused and of one received (notification events return.requested, return.rejected, return.received).
      DROP TRIGGER order_events_notify ON order_events;
      CREATE TRIGGER order_events_notify AFTER INSERT ON order_events FOR EACH ROW
        WHEN (NEW.type IN ('order.sourced', 'order.ready_for_pickup', 'shipment.in_transit', 'shipment.out_for_delivery',
                           'shipment.delivered', 'shipment.delayed', 'order.cancelled', 'return.requested', 'return.approved',
                           'return.rejected', 'return.received', 'refund.issued')
              OR (NEW.type IN ('order.shipped', 'order.delivered') AND NEW.actor_id <> 'system'))
        EXECUTE FUNCTION atalaya_notification_outbox();
      UPDATE return_lines SET acceptance = CASE WHEN receipt_outcome = 'wrong_item' THEN 'rejected' ELSE 'accepted' END
        WHERE disposition IS NOT NULL;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER order_events_notify ON order_events;
      CREATE TRIGGER order_events_notify AFTER INSERT ON order_events FOR EACH ROW
        WHEN (NEW.type IN ('order.sourced', 'order.ready_for_pickup', 'shipment.in_transit', 'shipment.out_for_delivery',
                           'shipment.delivered', 'shipment.delayed', 'order.cancelled', 'return.approved', 'refund.issued')
              OR (NEW.type IN ('order.shipped', 'order.delivered') AND NEW.actor_id <> 'system'))
        EXECUTE FUNCTION atalaya_notification_outbox();
      DROP TABLE IF EXISTS return_labels;
      ALTER TABLE returns DROP COLUMN IF EXISTS channel_return_key;
      ALTER TABLE return_lines
        DROP CONSTRAINT IF EXISTS return_line_wrong_item_rejected,
        DROP CONSTRAINT IF EXISTS return_line_accepted_after_receipt,
        DROP COLUMN IF EXISTS rejection_reason,
        DROP COLUMN IF EXISTS acceptance;`);
  }
}
