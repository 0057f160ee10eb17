import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Carriers and the last mile: carrier accounts (secrets sealed like channel secrets), shipments with
 * the full lifecycle (one per parcel; the hand-recorded `manual` shipments of before become
 * `in_transit`), their labels, tracking events in three layers (normalised status, reason code, the
 * carrier's raw code and text), the rate shop's decisions, delay alerts, close-out manifests, carrier
 * webhooks kept raw before they are applied, and the shipping policy.
 */
export class Shipping1764145000022 implements MigrationInterface {
  name = 'Shipping1764145000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE carrier_accounts (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
        kind text NOT NULL CHECK (kind IN ('simulator','andreani','oca','mercadoenvios','envia','melhorenvio')),
        name text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        settings jsonb NOT NULL DEFAULT '{}',
        secrets bytea,
        secrets_key_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      ALTER TABLE shipments DROP CONSTRAINT IF EXISTS shipments_status_check;
      UPDATE shipments SET status = 'in_transit' WHERE status = 'shipped';
      ALTER TABLE shipments
        ALTER COLUMN shipped_at DROP NOT NULL,
        ALTER COLUMN shipped_at DROP DEFAULT,
        ALTER COLUMN fulfilment_order_id DROP NOT NULL,
        ADD CONSTRAINT shipments_status_check CHECK (status IN ('draft','label_pending','ready','manifested','in_transit',
          'out_for_delivery','delivered','exception','at_branch','attempt_failed','returning','returned','lost','cancelled')),
        ADD COLUMN order_id uuid REFERENCES orders(id),
        ADD COLUMN location_id text REFERENCES locations(id),
        ADD COLUMN parcel_id uuid REFERENCES parcels(id),
        ADD COLUMN carrier_account_id text REFERENCES carrier_accounts(id),
        ADD COLUMN service text,
        ADD COLUMN external_id text,
        ADD COLUMN tracking_url text,
        ADD COLUMN label_format text CHECK (label_format IS NULL OR label_format IN ('zpl','pdf')),
        ADD COLUMN no_label boolean NOT NULL DEFAULT false,
        ADD COLUMN station_id text,
        ADD COLUMN promised_at timestamptz,
        ADD COLUMN eta_at timestamptz,
        ADD COLUMN first_scan_at timestamptz,
        ADD COLUMN last_event_at timestamptz,
        ADD COLUMN status_at timestamptz NOT NULL DEFAULT now(),
        -- The label worker: when this draft / pending shipment is next due, and who holds it.
        ADD COLUMN next_action_at timestamptz,
        ADD COLUMN action_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN lease_until timestamptz,
        ADD COLUMN leased_by text,
        -- Polling: when tracking is next asked for; null = not polled (final, or 90 days after the last event).
        ADD COLUMN next_poll_at timestamptz,
        ADD COLUMN poll_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN last_error text,
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
      UPDATE shipments s SET order_id = f.order_id, location_id = f.location_id, created_at = s.shipped_at, status_at = coalesce(s.delivered_at, s.shipped_at)
        FROM fulfilment_orders f WHERE f.id = s.fulfilment_order_id;
      ALTER TABLE shipments ALTER COLUMN order_id SET NOT NULL, ALTER COLUMN location_id SET NOT NULL;
      CREATE INDEX shipments_order_idx ON shipments (order_id);
      CREATE UNIQUE INDEX shipments_live_parcel_idx ON shipments (parcel_id) WHERE parcel_id IS NOT NULL AND status <> 'cancelled';
      CREATE UNIQUE INDEX shipments_tracking_idx ON shipments (carrier_account_id, tracking_number) WHERE tracking_number IS NOT NULL AND carrier_account_id IS NOT NULL;
      CREATE INDEX shipments_external_idx ON shipments (carrier_account_id, external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX shipments_action_due_idx ON shipments (next_action_at) WHERE status IN ('draft','label_pending') AND next_action_at IS NOT NULL;
      CREATE INDEX shipments_poll_due_idx ON shipments (next_poll_at) WHERE next_poll_at IS NOT NULL;
      CREATE INDEX shipments_dock_idx ON shipments (location_id, carrier_account_id) WHERE status IN ('label_pending','ready');

      CREATE TABLE shipment_labels (
        shipment_id uuid PRIMARY KEY REFERENCES shipments(id),
        format text NOT NULL CHECK (format IN ('zpl','pdf')),
        bytes bytea NOT NULL,
        fetched_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE tracking_events (
        id bigserial PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES shipments(id),
        status text,
        reason text,
        carrier_code text NOT NULL,
        carrier_text text NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        source text NOT NULL CHECK (source IN ('webhook','poll','label','manual','system')),
        applied boolean NOT NULL,
        location text,
        eta_at timestamptz,
        -- The same carrier event seen again (webhook and poll, a redelivery) is one row.
        dedupe_key text NOT NULL,
        UNIQUE (shipment_id, dedupe_key)
      );
      CREATE INDEX tracking_events_shipment_idx ON tracking_events (shipment_id, occurred_at);

      CREATE TABLE shipping_decisions (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders(id),
        location_id text NOT NULL REFERENCES locations(id),
        carrier_account_id text NOT NULL REFERENCES carrier_accounts(id),
        service text NOT NULL,
        options jsonb NOT NULL,
        explanation text NOT NULL,
        promised_at timestamptz,
        cutoff_at timestamptz,
        decided_by text NOT NULL,
        overridden boolean NOT NULL DEFAULT false,
        reason text,
        current boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX shipping_decisions_current_idx ON shipping_decisions (order_id, location_id) WHERE current;

      CREATE TABLE shipment_alerts (
        id uuid PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES shipments(id),
        order_id uuid NOT NULL REFERENCES orders(id),
        reason text NOT NULL CHECK (reason IN ('no_first_scan','stalled','eta_after_promise','eta_slipping','promise_passed',
          'carrier_exception','waiting_at_branch','label_rejected')),
        detail text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
        raised_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by text
      );
      -- One open alert per shipment and reason: a rule that fires again changes nothing.
      CREATE UNIQUE INDEX shipment_alerts_open_idx ON shipment_alerts (shipment_id, reason) WHERE status = 'open';
      CREATE INDEX shipment_alerts_board_idx ON shipment_alerts (status, raised_at);

      CREATE TABLE shipping_manifests (
        id uuid PRIMARY KEY,
        carrier_account_id text NOT NULL REFERENCES carrier_accounts(id),
        location_id text NOT NULL REFERENCES locations(id),
        external_id text,
        shipment_ids uuid[] NOT NULL,
        pickup_confirmation text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      -- A carrier's webhook, kept raw before anything is done with it; a redelivery is one row.
      CREATE TABLE carrier_webhooks (
        id bigserial PRIMARY KEY,
        carrier_account_id text NOT NULL REFERENCES carrier_accounts(id),
        dedupe_key text NOT NULL,
        refs text[] NOT NULL,
        headers jsonb NOT NULL,
        raw bytea NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        UNIQUE (carrier_account_id, dedupe_key)
      );
      CREATE INDEX carrier_webhooks_pending_idx ON carrier_webhooks (id) WHERE processed_at IS NULL;

      CREATE TABLE shipping_policy (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        late_day_cost numeric NOT NULL DEFAULT 2000,
        min_on_time_rate numeric NOT NULL DEFAULT 0 CHECK (min_on_time_rate BETWEEN 0 AND 1),
        handling_hours integer NOT NULL DEFAULT 4,
        stalled_business_days integer NOT NULL DEFAULT 2,
        branch_wait_days integer NOT NULL DEFAULT 5,
        holiday_country text NOT NULL DEFAULT 'AR',
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO shipping_policy DEFAULT VALUES;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS shipping_policy, carrier_webhooks, shipping_manifests, shipment_alerts, shipping_decisions,
        tracking_events, shipment_labels;
      DELETE FROM shipments WHERE carrier_account_id IS NOT NULL OR status NOT IN ('in_transit','delivered');
      ALTER TABLE shipments DROP CONSTRAINT IF EXISTS shipments_status_check;
      UPDATE shipments SET status = 'shipped' WHERE status = 'in_transit';
      ALTER TABLE shipments
        DROP COLUMN order_id, DROP COLUMN location_id, DROP COLUMN parcel_id, DROP COLUMN carrier_account_id, DROP COLUMN service,
        DROP COLUMN external_id, DROP COLUMN tracking_url, DROP COLUMN label_format, DROP COLUMN no_label, DROP COLUMN station_id,
        DROP COLUMN promised_at, DROP COLUMN eta_at, DROP COLUMN first_scan_at, DROP COLUMN last_event_at, DROP COLUMN status_at,
        DROP COLUMN next_action_at, DROP COLUMN action_attempts, DROP COLUMN lease_until, DROP COLUMN leased_by,
        DROP COLUMN next_poll_at, DROP COLUMN poll_attempts, DROP COLUMN last_error, DROP COLUMN created_at, DROP COLUMN updated_at,
        ADD CONSTRAINT shipments_status_check CHECK (status IN ('shipped','delivered'));
      UPDATE shipments SET shipped_at = now() WHERE shipped_at IS NULL;
      ALTER TABLE shipments ALTER COLUMN shipped_at SET NOT NULL, ALTER COLUMN shipped_at SET DEFAULT now();
      DROP TABLE IF EXISTS carrier_accounts;
    `);
  }
}
