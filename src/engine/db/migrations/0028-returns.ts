import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Returns:
 * - `returns` (one per return: its number, status, the policy's verdict and reasons, how it comes
 *   back and how the customer is made whole) and `return_lines` (per item: what was asked, what
 *   was received, its disposition — `disposed <= received <= quantity`, so no unit is restocked twice);
 * - `return_events`: the return's history (append-only);
 * - `return_stock` and `return_stock_movements`: each location's non-sellable returns stock and its
 *   ledger — received units wait there until inspected; a restock moves them to `stock`;
 * - `return_settings` (one row): policy, reasons, approval limits, refund gate, review SLA.
 */
export class Returns1764145000028 implements MigrationInterface {
  name = 'Returns1764145000028';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE returns (
        id uuid PRIMARY KEY,
        number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        order_id uuid NOT NULL REFERENCES orders(id),
        -- A parcel the carrier brought back undelivered: its return, made without a request (one per shipment).
        shipment_id uuid UNIQUE REFERENCES shipments(id),
        status text NOT NULL,
        source text NOT NULL,
        method text NOT NULL,
        resolution text NOT NULL,
        location_id text REFERENCES locations(id),
        verdict text NOT NULL,
        reasons jsonb NOT NULL,
        legal_withdrawal boolean NOT NULL DEFAULT false,
        procedure_code text UNIQUE,
        value numeric(14,2) NOT NULL,
        notes text,
        photos jsonb NOT NULL DEFAULT '[]',
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        due_at timestamptz,
        decided_by text,
        decided_at timestamptz,
        decision_reason text,
        label_expires_at timestamptz,
        refunded_amount numeric(14,2),
        refunded_at timestamptz,
        -- The refund pushed to the order's channel (its payment), where the channel can: pending → done | failed.
        channel_refund_status text,
        channel_refund_attempts integer NOT NULL DEFAULT 0,
        channel_refund_next_at timestamptz,
        channel_refund_id text,
        channel_refund_reply text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX returns_order_idx ON returns (order_id);
      CREATE INDEX returns_review_idx ON returns (due_at) WHERE status = 'requested';
      CREATE INDEX returns_channel_refund_idx ON returns (channel_refund_next_at) WHERE channel_refund_status = 'pending';
      CREATE INDEX returns_label_expiry_idx ON returns (label_expires_at) WHERE status = 'approved';
      CREATE INDEX returns_recent_idx ON returns (requested_at DESC);

      CREATE TABLE return_lines (
        return_id uuid NOT NULL REFERENCES returns(id),
        line_no integer NOT NULL,
        sku text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        unit_price numeric(14,2) NOT NULL,
        reason text NOT NULL,
        condition text NOT NULL,
        verdict text NOT NULL,
        received integer NOT NULL DEFAULT 0,
        receipt_outcome text,
        disposition text,
        disposed integer NOT NULL DEFAULT 0,
        PRIMARY KEY (return_id, line_no),
        CONSTRAINT return_line_received_within CHECK (received >= 0 AND received <= quantity),
        CONSTRAINT return_line_disposed_within CHECK (disposed >= 0 AND disposed <= received)
      );

      CREATE TABLE return_events (
        id bigserial PRIMARY KEY,
        return_id uuid NOT NULL REFERENCES returns(id),
        type text NOT NULL,
        from_status text,
        to_status text,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        reason text,
        data jsonb,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX return_events_return_idx ON return_events (return_id, id);

      CREATE TABLE return_stock (
        location_id text NOT NULL REFERENCES locations(id),
        sku text NOT NULL REFERENCES products(sku),
        on_hand integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (location_id, sku)
      );
      CREATE TABLE return_stock_movements (
        id bigserial PRIMARY KEY,
        location_id text NOT NULL,
        sku text NOT NULL,
        delta integer NOT NULL,
        reason text NOT NULL,
        return_id uuid REFERENCES returns(id),
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (location_id, sku) REFERENCES return_stock(location_id, sku)
      );
      CREATE INDEX return_stock_movements_item_idx ON return_stock_movements (location_id, sku);

      CREATE TABLE return_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        settings jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS return_settings, return_stock_movements, return_stock, return_events, return_lines, returns;
    `);
  }
}
