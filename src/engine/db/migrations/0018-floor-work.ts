import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The floor's work: where each SKU sits at a location (its bin, carried by the stock feeds), the
 * product master's EAN and dimensions, pick waves and their lines (a batch walk sorted to orders),
 * parcels (packing), and store pickups with their code.
 */
export class FloorWork1764145000018 implements MigrationInterface {
  name = 'FloorWork1764145000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- A bin per location × SKU ("A03-12-2": aisle, bay, level); walked in text order, unbinned last.
      ALTER TABLE stock ADD COLUMN bin text CHECK (bin IS NULL OR length(bin) BETWEEN 1 AND 32);

      ALTER TABLE products
        ADD COLUMN ean text CHECK (ean IS NULL OR ean ~ '^([0-9]{8}|[0-9]{12,14})$'),
        ADD COLUMN length_mm integer CHECK (length_mm IS NULL OR length_mm > 0),
        ADD COLUMN width_mm integer CHECK (width_mm IS NULL OR width_mm > 0),
        ADD COLUMN height_mm integer CHECK (height_mm IS NULL OR height_mm > 0),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
      CREATE UNIQUE INDEX products_ean_idx ON products (ean) WHERE ean IS NOT NULL;

      CREATE TABLE pick_waves (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        location_id text NOT NULL REFERENCES locations(id),
        status text NOT NULL CHECK (status IN ('released','completed','cancelled')),
        grouped_by text NOT NULL,
        cutoff_at timestamptz,
        released_by text NOT NULL,
        released_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      );
      CREATE SEQUENCE pick_wave_code_seq;
      CREATE INDEX pick_waves_open_idx ON pick_waves (location_id, released_at) WHERE status = 'released';

      -- One fulfilment order in a wave, with its sort slot. A fulfilment order is in one open wave at most.
      CREATE TABLE pick_wave_orders (
        wave_id uuid NOT NULL REFERENCES pick_waves(id),
        fulfilment_order_id uuid NOT NULL REFERENCES fulfilment_orders(id),
        slot text NOT NULL,
        open boolean NOT NULL DEFAULT true,
        PRIMARY KEY (wave_id, fulfilment_order_id),
        UNIQUE (wave_id, slot)
      );
      CREATE UNIQUE INDEX pick_wave_orders_one_open_idx ON pick_wave_orders (fulfilment_order_id) WHERE open;

      -- What each order of a wave needs of each SKU and how many were scanned; seq is the walk order.
      CREATE TABLE pick_wave_lines (
        wave_id uuid NOT NULL REFERENCES pick_waves(id),
        fulfilment_order_id uuid NOT NULL REFERENCES fulfilment_orders(id),
        sku text NOT NULL,
        seq integer NOT NULL,
        bin text,
        quantity integer NOT NULL CHECK (quantity > 0),
        picked integer NOT NULL DEFAULT 0 CHECK (picked >= 0),
        CONSTRAINT pick_wave_lines_not_over CHECK (picked <= quantity),
        PRIMARY KEY (wave_id, fulfilment_order_id, sku)
      );
      CREATE INDEX pick_wave_lines_walk_idx ON pick_wave_lines (wave_id, seq);

      CREATE TABLE parcels (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        order_id uuid NOT NULL REFERENCES orders(id),
        fulfilment_order_id uuid REFERENCES fulfilment_orders(id),
        location_id text NOT NULL REFERENCES locations(id),
        seq integer NOT NULL CHECK (seq > 0),
        of integer NOT NULL CHECK (of >= seq),
        weight_grams integer NOT NULL CHECK (weight_grams >= 0),
        length_mm integer,
        width_mm integer,
        height_mm integer,
        lines jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('ready_to_ship','shipped','cancelled')),
        carrier text,
        tracking_number text,
        packed_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (order_id, seq)
      );
      CREATE INDEX parcels_ready_idx ON parcels (location_id, created_at) WHERE status = 'ready_to_ship';

      CREATE TABLE pickups (
        order_id uuid PRIMARY KEY REFERENCES orders(id),
        location_id text NOT NULL REFERENCES locations(id),
        code text NOT NULL,
        status text NOT NULL CHECK (status IN ('ready','partially_collected','collected','expired','cancelled')),
        -- sku → units collected so far.
        collected jsonb NOT NULL DEFAULT '{}',
        wrong_codes integer NOT NULL DEFAULT 0,
        ready_by text NOT NULL,
        ready_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        collected_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX pickups_open_idx ON pickups (location_id, expires_at) WHERE status IN ('ready','partially_collected');
      CREATE INDEX pickups_expiry_idx ON pickups (expires_at) WHERE status IN ('ready','partially_collected');

      CREATE TABLE pickup_policy (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        hold_hours integer NOT NULL DEFAULT 168 CHECK (hold_hours > 0),
        on_no_show text NOT NULL DEFAULT 'cancel' CHECK (on_no_show IN ('cancel')),
        allow_partial boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO pickup_policy DEFAULT VALUES;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS pickup_policy, pickups, parcels, pick_wave_lines, pick_wave_orders, pick_waves;
      DROP SEQUENCE IF EXISTS pick_wave_code_seq;
      DROP INDEX IF EXISTS products_ean_idx;
      ALTER TABLE products DROP COLUMN IF EXISTS ean, DROP COLUMN IF EXISTS length_mm, DROP COLUMN IF EXISTS width_mm,
        DROP COLUMN IF EXISTS height_mm, DROP COLUMN IF EXISTS updated_at;
      ALTER TABLE stock DROP COLUMN IF EXISTS bin;
    `);
  }
}
