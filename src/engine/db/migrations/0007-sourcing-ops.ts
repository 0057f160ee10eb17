import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The floor pushes back: store rejections, short picks, supervisor overrides and the unroutable
 * queue. Invariants stay in the database: one exclusion per order × location, one capacity block
 * per location × day, overrides are an append-only audit, and the priority of the unroutable queue
 * is one index the retry pass walks in order.
 */
export class SourcingOps1764144500000 implements MigrationInterface {
  name = 'SourcingOps1764144500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Locations that must not be offered again to one order (the store rejected it there, or the
      -- pick came up short). Sourcing drops them and says why in the decision record.
      CREATE TABLE sourcing_exclusions (
        order_id uuid NOT NULL REFERENCES orders(id),
        location_id text NOT NULL REFERENCES locations(id),
        reason_code text NOT NULL CHECK (reason_code IN ('not_in_stock','damaged','no_capacity','short_pick')),
        reason text NOT NULL,
        actor_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, location_id)
      );

      -- "No capacity": the location takes no new orders until the end of its day.
      CREATE TABLE location_day_blocks (
        location_id text NOT NULL REFERENCES locations(id),
        day date NOT NULL,
        until timestamptz NOT NULL,
        reason text NOT NULL,
        order_id uuid REFERENCES orders(id),
        actor_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (location_id, day),
        CHECK (until > created_at)
      );
      CREATE INDEX location_day_blocks_until_idx ON location_day_blocks (until);

      -- Every supervisor override: the engine's choice and the supervisor's, side by side, and why.
      CREATE TABLE sourcing_overrides (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders(id),
        from_location_id text REFERENCES locations(id),
        to_location_id text NOT NULL REFERENCES locations(id),
        engine_location_id text REFERENCES locations(id),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (from_location_id IS DISTINCT FROM to_location_id)
      );
      CREATE INDEX sourcing_overrides_order_idx ON sourcing_overrides (order_id, id);
      CREATE TRIGGER sourcing_overrides_append_only BEFORE UPDATE OR DELETE ON sourcing_overrides FOR EACH ROW EXECUTE FUNCTION atalaya_append_only();

      -- Priority of the unroutable queue: promised date, then age, then customer tier. Channels that
      -- know them fill these; absent, an order ranks by age.
      -- promised_at comes with channel intake (0002); the unroutable queue ranks by it.
      ALTER TABLE orders ADD COLUMN IF NOT EXISTS promised_at timestamptz;
      ALTER TABLE orders ADD COLUMN customer_tier text CHECK (customer_tier IN ('vip','gold','silver','standard'));
      -- When capacity last freed up (a fulfilment order given back or cancelled): one index probe.
      CREATE INDEX fulfilment_orders_cancelled_idx ON fulfilment_orders (updated_at) WHERE status = 'cancelled';
      CREATE INDEX orders_unroutable_priority_idx ON orders (promised_at ASC NULLS LAST, created_at, number) WHERE status = 'unfillable';

      -- The end of a location's local day (locations carry no zone yet: the network is Argentine).
      CREATE FUNCTION atalaya_location_day_end(at timestamptz) RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT (date_trunc('day', at AT TIME ZONE 'America/Argentina/Buenos_Aires') + interval '1 day') AT TIME ZONE 'America/Argentina/Buenos_Aires'
      $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION IF EXISTS atalaya_location_day_end(timestamptz);
      DROP INDEX IF EXISTS orders_unroutable_priority_idx;
      DROP INDEX IF EXISTS fulfilment_orders_cancelled_idx;
      ALTER TABLE orders DROP COLUMN IF EXISTS customer_tier;
      DROP TABLE IF EXISTS sourcing_overrides, location_day_blocks, sourcing_exclusions;
    `);
  }
}
