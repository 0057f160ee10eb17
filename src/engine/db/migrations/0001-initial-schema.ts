import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema. Invariants live in the database, not in Node: stock can never go negative nor
 * reserve more than is on hand (CHECK), one order per channel + external id (UNIQUE), and the
 * order timeline and the stock ledger are append-only (triggers refuse UPDATE and DELETE).
 */
export class InitialSchema1764057600000 implements MigrationInterface {
  name = 'InitialSchema1764057600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id text PRIMARY KEY,
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('planner','supervisor','associate','integrator','system')),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE locations (
        id text PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('store','dc','dark_store')),
        city text NOT NULL,
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
        opening_hours jsonb NOT NULL DEFAULT '{}',
        daily_capacity integer NOT NULL DEFAULT 0 CHECK (daily_capacity >= 0),
        labour_cost_per_unit numeric(12,2) NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE products (
        sku text PRIMARY KEY,
        name text NOT NULL,
        category text,
        weight_grams integer NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
        price numeric(14,2),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE stock (
        location_id text NOT NULL REFERENCES locations(id),
        sku text NOT NULL REFERENCES products(sku),
        on_hand integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        safety_stock integer NOT NULL DEFAULT 0 CHECK (safety_stock >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (location_id, sku),
        CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand)
      );
      CREATE INDEX stock_sku_idx ON stock (sku);

      CREATE TABLE stock_movements (
        id bigserial PRIMARY KEY,
        location_id text NOT NULL,
        sku text NOT NULL,
        on_hand_delta integer NOT NULL DEFAULT 0,
        reserved_delta integer NOT NULL DEFAULT 0,
        reason text NOT NULL,
        order_id uuid,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (location_id, sku) REFERENCES stock(location_id, sku)
      );
      CREATE INDEX stock_movements_item_idx ON stock_movements (location_id, sku);
      CREATE INDEX stock_movements_order_idx ON stock_movements (order_id) WHERE order_id IS NOT NULL;

      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        channel text NOT NULL,
        external_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('received','unfillable','sourced','picked','packed','shipped','delivered','cancelled')),
        customer jsonb NOT NULL,
        ship_to jsonb NOT NULL,
        currency char(3) NOT NULL,
        total_units integer NOT NULL CHECK (total_units > 0),
        total_amount numeric(16,2),
        location_id text REFERENCES locations(id),
        unfillable_reason text,
        sourcing_attempts integer NOT NULL DEFAULT 0,
        sourcing_attempted_at timestamptz,
        notes text,
        raw jsonb NOT NULL,
        payload_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (channel, external_id)
      );
      CREATE INDEX orders_created_idx ON orders (created_at DESC);
      CREATE INDEX orders_status_created_idx ON orders (status, created_at DESC);
      CREATE INDEX orders_location_status_idx ON orders (location_id, status);
      CREATE INDEX orders_waiting_idx ON orders (status, sourcing_attempted_at) WHERE status IN ('received', 'unfillable');

      CREATE TABLE order_lines (
        order_id uuid NOT NULL REFERENCES orders(id),
        line_no integer NOT NULL,
        sku text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        unit_price numeric(14,2),
        PRIMARY KEY (order_id, line_no)
      );

      CREATE TABLE fulfilment_orders (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders(id),
        location_id text NOT NULL REFERENCES locations(id),
        status text NOT NULL CHECK (status IN ('assigned','picked','packed','shipped','delivered','cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX fulfilment_orders_order_idx ON fulfilment_orders (order_id);
      CREATE INDEX fulfilment_orders_location_day_idx ON fulfilment_orders (location_id, created_at);

      CREATE TABLE reservations (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders(id),
        fulfilment_order_id uuid NOT NULL REFERENCES fulfilment_orders(id),
        location_id text NOT NULL,
        sku text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        status text NOT NULL CHECK (status IN ('reserved','committed','released')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (location_id, sku) REFERENCES stock(location_id, sku)
      );
      CREATE INDEX reservations_order_idx ON reservations (order_id);

      CREATE TABLE shipments (
        id uuid PRIMARY KEY,
        fulfilment_order_id uuid NOT NULL REFERENCES fulfilment_orders(id),
        carrier text NOT NULL,
        tracking_number text,
        status text NOT NULL CHECK (status IN ('shipped','delivered')),
        shipped_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      );

      CREATE TABLE order_events (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders(id),
        type text NOT NULL,
        from_status text,
        to_status text,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        reason text,
        data jsonb,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX order_events_order_idx ON order_events (order_id, id);

      CREATE TABLE idempotency_keys (
        key text PRIMARY KEY,
        request_hash text NOT NULL,
        order_id uuid NOT NULL REFERENCES orders(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      -- The transactional outbox of engine events: written in the same transaction as the change,
      -- relayed to desks by polling only transactions that are surely finished (tx below the
      -- snapshot's xmin). Unlike NOTIFY, it takes no global lock at commit.
      CREATE TABLE engine_events (
        id bigserial PRIMARY KEY,
        tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
        payload jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX engine_events_tx_idx ON engine_events (tx, id);

      -- One spelling of the event payloads written from SQL (shared/events.ts is their schema).
      CREATE FUNCTION atalaya_iso(at timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      $$;
      CREATE FUNCTION atalaya_order_changed(order_id uuid, number bigint, status text, from_status text, location_id text, at timestamptz)
        RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT jsonb_build_object('type', 'order.changed', 'orderId', order_id, 'number', number, 'status', status,
          'fromStatus', from_status, 'locationId', location_id, 'at', atalaya_iso(at))
      $$;

      CREATE FUNCTION atalaya_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
      END $$;
      -- Any change to the network, by any desk or by hand in SQL, tells every engine to reload it.
      CREATE FUNCTION atalaya_locations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'locations.changed', 'at', atalaya_iso(clock_timestamp())));
        RETURN NULL;
      END $$;
      CREATE TRIGGER locations_changed AFTER INSERT OR UPDATE OR DELETE ON locations FOR EACH STATEMENT EXECUTE FUNCTION atalaya_locations_changed();

      CREATE TRIGGER order_events_append_only BEFORE UPDATE OR DELETE ON order_events FOR EACH ROW EXECUTE FUNCTION atalaya_append_only();
      CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements FOR EACH ROW EXECUTE FUNCTION atalaya_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS engine_events, idempotency_keys, order_events, shipments, reservations, fulfilment_orders, order_lines, orders,
        stock_movements, stock, products, locations, users CASCADE;
      DROP FUNCTION IF EXISTS atalaya_append_only();
      DROP FUNCTION IF EXISTS atalaya_locations_changed();
      DROP FUNCTION IF EXISTS atalaya_order_changed(uuid, bigint, text, text, text, timestamptz);
      DROP FUNCTION IF EXISTS atalaya_iso(timestamptz);
    `);
  }
}
