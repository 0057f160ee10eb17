import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inventory truth. On hand moves only through the ledger: an insert into `stock_movements` applies
 * its `on_hand_delta` to `stock` (one set-based statement trigger), and a direct UPDATE of
 * `stock.on_hand` is refused — so on hand always equals the ledger sum. A stock row is born with
 * its on hand and an `initial` ledger row that records it (checked when it is written).
 * Also: safety stock per network and per channel, channel ring-fences (denormalised into
 * `stock.ring_fenced` for the reservation guard), reservation holds with a TTL, inbound receipts,
 * per-source feed cursors (stale deltas are ignored) and snapshot reconciliation reports.
 */
export class Inventory1764144300000 implements MigrationInterface {
  name = 'Inventory1764144300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE stock ADD COLUMN ring_fenced integer NOT NULL DEFAULT 0 CHECK (ring_fenced >= 0);

      ALTER TABLE stock_movements
        ADD COLUMN source text NOT NULL DEFAULT 'engine',
        ADD COLUMN reservation_id bigint,
        ADD COLUMN reference text;

      ALTER TABLE reservations
        ALTER COLUMN order_id DROP NOT NULL,
        ALTER COLUMN fulfilment_order_id DROP NOT NULL,
        ADD COLUMN channel text,
        ADD COLUMN hold_ref text,
        ADD COLUMN expires_at timestamptz,
        ADD CONSTRAINT reservations_owner CHECK (order_id IS NOT NULL OR hold_ref IS NOT NULL);
      CREATE INDEX reservations_expiry_idx ON reservations (expires_at) WHERE status = 'reserved' AND expires_at IS NOT NULL;
      CREATE INDEX reservations_active_item_idx ON reservations (location_id, sku) WHERE status = 'reserved';

      CREATE TABLE network_safety_stock (
        sku text PRIMARY KEY REFERENCES products(sku),
        quantity integer NOT NULL CHECK (quantity >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE channel_safety_stock (
        channel text NOT NULL,
        sku text NOT NULL REFERENCES products(sku),
        quantity integer NOT NULL CHECK (quantity >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel, sku)
      );
      -- Units at a location held back for one channel: other channels cannot promise them.
      CREATE TABLE ring_fences (
        location_id text NOT NULL,
        sku text NOT NULL,
        channel text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (location_id, sku, channel),
        FOREIGN KEY (location_id, sku) REFERENCES stock(location_id, sku)
      );
      CREATE FUNCTION atalaya_ring_fence_sum() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT DISTINCT x.location_id, x.sku FROM (SELECT OLD.location_id, OLD.sku WHERE TG_OP <> 'INSERT' UNION ALL SELECT NEW.location_id, NEW.sku WHERE TG_OP <> 'DELETE') AS x(location_id, sku) LOOP
          UPDATE stock SET ring_fenced = (SELECT coalesce(sum(quantity), 0) FROM ring_fences f WHERE f.location_id = r.location_id AND f.sku = r.sku)
          WHERE location_id = r.location_id AND sku = r.sku;
        END LOOP;
        RETURN NULL;
      END $$;
      CREATE TRIGGER ring_fences_sum AFTER INSERT OR UPDATE OR DELETE ON ring_fences FOR EACH ROW EXECUTE FUNCTION atalaya_ring_fence_sum();

      -- The ledger moves on hand. 'initial' rows record the on hand a stock row was created with.
      CREATE FUNCTION atalaya_ledger_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE bad record;
      BEGIN
        UPDATE stock s SET on_hand = s.on_hand + d.delta, updated_at = now()
        FROM (SELECT location_id, sku, sum(on_hand_delta)::int AS delta FROM new_rows
              WHERE on_hand_delta <> 0 AND reason <> 'initial' GROUP BY location_id, sku) d
        WHERE s.location_id = d.location_id AND s.sku = d.sku;
        IF EXISTS (SELECT 1 FROM new_rows WHERE reason = 'initial') THEN
          SELECT s.location_id, s.sku, s.on_hand, l.total INTO bad
          FROM (SELECT DISTINCT location_id, sku FROM new_rows WHERE reason = 'initial') i
          JOIN stock s ON s.location_id = i.location_id AND s.sku = i.sku
          JOIN LATERAL (SELECT coalesce(sum(m.on_hand_delta), 0) AS total FROM stock_movements m WHERE m.location_id = i.location_id AND m.sku = i.sku) l ON true
          WHERE s.on_hand <> l.total LIMIT 1;
          IF FOUND THEN
            RAISE EXCEPTION 'ledger of % at % sums to % but on hand is %: an initial row must record the on hand its stock row was created with',
              bad.sku, bad.location_id, bad.total, bad.on_hand USING ERRCODE = 'check_violation';
          END IF;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER stock_movements_apply AFTER INSERT ON stock_movements REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION atalaya_ledger_apply();

      CREATE FUNCTION atalaya_on_hand_via_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() < 2 THEN
          RAISE EXCEPTION 'stock.on_hand of % at % changes only through the ledger: insert a stock_movements row with on_hand_delta instead', NEW.sku, NEW.location_id
            USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER stock_on_hand_via_ledger BEFORE UPDATE OF on_hand ON stock FOR EACH ROW
        WHEN (OLD.on_hand IS DISTINCT FROM NEW.on_hand) EXECUTE FUNCTION atalaya_on_hand_via_ledger();

      CREATE TABLE inventory_receipts (
        id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('transfer','purchase_order')),
        reference text NOT NULL,
        location_id text NOT NULL REFERENCES locations(id),
        from_location_id text REFERENCES locations(id),
        sku text NOT NULL REFERENCES products(sku),
        quantity integer NOT NULL CHECK (quantity > 0),
        received_quantity integer CHECK (received_quantity >= 0),
        expected_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'expected' CHECK (status IN ('expected','received','cancelled')),
        received_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX inventory_receipts_open_idx ON inventory_receipts (sku, expected_at) WHERE status = 'expected';

      -- Per feed source and location: the newest sequence applied. Older deltas are ignored.
      CREATE TABLE inventory_feed_cursors (
        source text NOT NULL,
        location_id text NOT NULL REFERENCES locations(id),
        last_seq bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, location_id)
      );

      CREATE TABLE inventory_snapshots (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        actor text NOT NULL,
        rows integer NOT NULL,
        locations integer NOT NULL,
        changed integer NOT NULL,
        unchanged integer NOT NULL,
        units_added bigint NOT NULL,
        units_removed bigint NOT NULL,
        shortfalls integer NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE inventory_snapshot_corrections (
        snapshot_id bigint NOT NULL REFERENCES inventory_snapshots(id),
        location_id text NOT NULL,
        sku text NOT NULL,
        before integer NOT NULL,
        reported integer NOT NULL,
        after integer NOT NULL,
        PRIMARY KEY (snapshot_id, location_id, sku)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS inventory_snapshot_corrections, inventory_snapshots, inventory_feed_cursors, inventory_receipts,
        ring_fences, channel_safety_stock, network_safety_stock CASCADE;
      DROP TRIGGER IF EXISTS stock_on_hand_via_ledger ON stock;
      DROP TRIGGER IF EXISTS stock_movements_apply ON stock_movements;
      DROP FUNCTION IF EXISTS atalaya_on_hand_via_ledger(), atalaya_ledger_apply(), atalaya_ring_fence_sum();
      DROP INDEX IF EXISTS reservations_expiry_idx, reservations_active_item_idx;
      ALTER TABLE reservations DROP CONSTRAINT IF EXISTS reservations_owner, DROP COLUMN IF EXISTS channel, DROP COLUMN IF EXISTS hold_ref, DROP COLUMN IF EXISTS expires_at;
      ALTER TABLE stock_movements DROP COLUMN IF EXISTS source, DROP COLUMN IF EXISTS reservation_id, DROP COLUMN IF EXISTS reference;
      ALTER TABLE stock DROP COLUMN IF EXISTS ring_fenced;
    `);
  }
}
