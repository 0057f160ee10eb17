import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channel intake: configured channels (secrets encrypted at rest, API keys as hashes only), the
 * inbox every inbound request is committed to before it is acknowledged, per-channel SKU maps,
 * and the canonical order fields channels send. Inbox and channel changes announce themselves to
 * desks from triggers, so the event commits with the change whoever writes it.
 */
export class ChannelIntake1764144000000 implements MigrationInterface {
  name = 'ChannelIntake1764144000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channels (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('api','shopify','woocommerce','vtex','mercadolibre','csv','endless_aisle','call_center')),
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 120),
        paused boolean NOT NULL DEFAULT false,
        settings jsonb NOT NULL DEFAULT '{}',
        -- AES-256-GCM: version byte, 12-byte IV, 16-byte tag, ciphertext of the JSON secrets.
        secrets bytea,
        -- Which key encrypted them (first bytes of its SHA-256): a desk with another key says so.
        secrets_key_id text,
        -- SHA-256 of the channel's API key (kind 'api'); the key itself is shown once, never stored.
        api_key_hash text UNIQUE,
        api_key_hint text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE inbox (
        id bigserial PRIMARY KEY,
        -- NULL only for keyless loopback calls to POST /api/v1/orders (no API channel configured).
        channel_id text REFERENCES channels(id),
        received_at timestamptz NOT NULL DEFAULT now(),
        method text NOT NULL,
        path text NOT NULL,
        headers jsonb NOT NULL,
        raw_body bytea NOT NULL,
        -- The body as first received, kept when a planner replays with a fixed body.
        original_body bytea,
        dedupe_key text NOT NULL,
        topic text NOT NULL,
        status text NOT NULL CHECK (status IN ('received','processed','ignored','quarantined','discarded','exception','held')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        error jsonb,
        order_id uuid REFERENCES orders(id),
        history jsonb NOT NULL DEFAULT '[]',
        processed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT inbox_dedupe UNIQUE NULLS NOT DISTINCT (channel_id, dedupe_key),
        CONSTRAINT inbox_discard_has_reason CHECK (status <> 'discarded' OR error ? 'reason')
      );
      CREATE INDEX inbox_open_idx ON inbox (status, received_at) WHERE status IN ('received','quarantined','exception','held');
      CREATE INDEX inbox_channel_received_idx ON inbox (channel_id, received_at DESC);
      CREATE INDEX inbox_order_idx ON inbox (order_id) WHERE order_id IS NOT NULL;

      CREATE TABLE channel_sku_map (
        channel_id text NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        channel_sku text NOT NULL CHECK (length(channel_sku) BETWEEN 1 AND 128),
        sku text NOT NULL REFERENCES products(sku),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel_id, channel_sku)
      );

      ALTER TABLE orders
        ADD COLUMN channel_id text REFERENCES channels(id),
        ADD COLUMN external_number text,
        ADD COLUMN delivery_type text NOT NULL DEFAULT 'home_delivery' CHECK (delivery_type IN ('home_delivery','store_pickup')),
        ADD COLUMN pickup_location_id text REFERENCES locations(id),
        ADD COLUMN bill_to jsonb,
        ADD COLUMN promised_at timestamptz,
        ADD COLUMN payment_status text NOT NULL DEFAULT 'unknown'
          CHECK (payment_status IN ('pending','authorized','paid','partially_paid','refunded','partially_refunded','voided','unknown')),
        ADD COLUMN shipping_method text,
        ADD COLUMN shipping_amount numeric(14,2),
        ADD COLUMN tax_total numeric(16,2),
        ADD COLUMN discount_total numeric(16,2),
        ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
        ADD COLUMN geocode_source text,
        ADD CONSTRAINT orders_pickup_has_location CHECK (delivery_type <> 'store_pickup' OR pickup_location_id IS NOT NULL);
      CREATE INDEX orders_channel_id_idx ON orders (channel_id, created_at DESC) WHERE channel_id IS NOT NULL;

      CREATE FUNCTION atalaya_inbox_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'inbox.changed', 'inboxId', NEW.id::text,
          'channelId', NEW.channel_id, 'status', NEW.status, 'at', atalaya_iso(clock_timestamp())));
        RETURN NULL;
      END $$;
      -- Desks hear of rows that need (or no longer need) a person; routine received → processed is silent.
      CREATE TRIGGER inbox_changed_insert AFTER INSERT ON inbox FOR EACH ROW
        WHEN (NEW.status <> 'received') EXECUTE FUNCTION atalaya_inbox_changed();
      CREATE TRIGGER inbox_changed_update AFTER UPDATE OF status ON inbox FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status AND (NEW.status IN ('quarantined','exception','held','discarded') OR OLD.status IN ('quarantined','exception','held')))
        EXECUTE FUNCTION atalaya_inbox_changed();

      CREATE FUNCTION atalaya_channels_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'channels.changed',
          'channelId', coalesce(NEW.id, OLD.id), 'at', atalaya_iso(clock_timestamp())));
        RETURN NULL;
      END $$;
      CREATE TRIGGER channels_changed AFTER INSERT OR UPDATE OR DELETE ON channels FOR EACH ROW EXECUTE FUNCTION atalaya_channels_changed();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_pickup_has_location,
        DROP COLUMN IF EXISTS channel_id, DROP COLUMN IF EXISTS external_number, DROP COLUMN IF EXISTS delivery_type,
        DROP COLUMN IF EXISTS pickup_location_id, DROP COLUMN IF EXISTS bill_to, DROP COLUMN IF EXISTS promised_at,
        DROP COLUMN IF EXISTS payment_status, DROP COLUMN IF EXISTS shipping_method, DROP COLUMN IF EXISTS shipping_amount,
        DROP COLUMN IF EXISTS tax_total, DROP COLUMN IF EXISTS discount_total, DROP COLUMN IF EXISTS tags, DROP COLUMN IF EXISTS geocode_source;
      DROP TABLE IF EXISTS channel_sku_map, inbox, channels CASCADE;
      DROP FUNCTION IF EXISTS atalaya_inbox_changed();
      DROP FUNCTION IF EXISTS atalaya_channels_changed();
    `);
  }
}
