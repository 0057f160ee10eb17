import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Print stations (engine nodes), their printers and routes, and print jobs. A job is a durable row:
 * its document model is kept (a reprint prints the same document), its status follows
 * PRINT_JOB_TRANSITIONS, and `doc_key` makes a document print once — a second job for the same
 * document is only a reprint (reprint_of + reason).
 */
export class Printing1764145000019 implements MigrationInterface {
  name = 'Printing1764145000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE print_stations (
        id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
        name text NOT NULL,
        last_seen_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE printers (
        id uuid PRIMARY KEY,
        station_id text NOT NULL REFERENCES print_stations(id),
        name text NOT NULL,
        transport text NOT NULL CHECK (transport IN ('ipp','raw9100','folder','electron')),
        address text NOT NULL,
        language text NOT NULL CHECK (language IN ('pdf','zpl')),
        dpi integer CHECK (dpi IS NULL OR dpi IN (203, 300)),
        paper text NOT NULL CHECK (paper IN ('A4','Letter','4x6')),
        active boolean NOT NULL DEFAULT true,
        removed boolean NOT NULL DEFAULT false,
        health_state text NOT NULL DEFAULT 'unknown',
        health_detail text,
        health_checked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT printers_zpl_dpi CHECK (language <> 'zpl' OR dpi IS NOT NULL)
      );
      CREATE UNIQUE INDEX printers_name_idx ON printers (station_id, lower(name)) WHERE NOT removed;

      CREATE TABLE print_routes (
        station_id text NOT NULL REFERENCES print_stations(id),
        doc_type text NOT NULL CHECK (doc_type IN ('pick_list','packing_slip','shipping_label','pickup_label','return_label')),
        printer_id uuid NOT NULL REFERENCES printers(id),
        fallback_printer_id uuid REFERENCES printers(id),
        strict boolean NOT NULL DEFAULT false,
        PRIMARY KEY (station_id, doc_type)
      );

      CREATE TABLE print_jobs (
        id uuid PRIMARY KEY,
        station_id text NOT NULL REFERENCES print_stations(id),
        doc_type text NOT NULL,
        -- The document's identity (doc type + what it is about): one first print per document.
        doc_key text NOT NULL,
        title text NOT NULL,
        ref jsonb NOT NULL DEFAULT '{}',
        locale text NOT NULL DEFAULT 'es',
        -- The document model it renders from (or carrier-supplied ZPL, passed through untouched).
        model jsonb NOT NULL,
        printer_id uuid REFERENCES printers(id),
        routed_from uuid REFERENCES printers(id),
        format text NOT NULL CHECK (format IN ('pdf','zpl')),
        status text NOT NULL CHECK (status IN ('queued','sending','done','failed','cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        -- What the transport answered (a CUPS job id, a file written).
        receipt text,
        reprint_of uuid REFERENCES print_jobs(id),
        reason text,
        requested_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        CONSTRAINT print_jobs_reprint_reason CHECK (reprint_of IS NULL OR reason IS NOT NULL)
      );
      CREATE UNIQUE INDEX print_jobs_first_print_idx ON print_jobs (doc_key) WHERE reprint_of IS NULL;
      CREATE INDEX print_jobs_due_idx ON print_jobs (station_id, next_attempt_at) WHERE status = 'queued';
      CREATE INDEX print_jobs_recent_idx ON print_jobs (station_id, created_at DESC);
      CREATE INDEX print_jobs_ref_order_idx ON print_jobs ((ref->>'orderId')) WHERE ref ? 'orderId';
      CREATE INDEX print_jobs_ref_wave_idx ON print_jobs ((ref->>'waveId')) WHERE ref ? 'waveId';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS print_jobs, print_routes, printers, print_stations`);
  }
}
