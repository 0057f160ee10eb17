import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk imports (CSV/XLSX): the raw file is kept as it arrived (`imports.content`, stored EXTERNAL —
 * uncompressed out of line — so a worker can read it back in slices instead of whole) and each
 * file row's outcome goes to `import_rows`. Status only moves forward (queued → running → done |
 * failed), enforced by a trigger; every change of an import writes `import.progress` to the event
 * outbox in the same transaction.
 */
export class Imports1764144200000 implements MigrationInterface {
  name = 'Imports1764144200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        format text NOT NULL CHECK (format IN ('csv','xlsx')),
        source text NOT NULL CHECK (source IN ('desk','folder')),
        source_path text,
        content bytea NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 text NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
        bytes_read bigint NOT NULL DEFAULT 0 CHECK (bytes_read >= 0),
        rows_read integer NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
        imported integer NOT NULL DEFAULT 0 CHECK (imported >= 0),
        duplicates integer NOT NULL DEFAULT 0 CHECK (duplicates >= 0),
        failed integer NOT NULL DEFAULT 0 CHECK (failed >= 0),
        error text,
        created_by text NOT NULL,
        actor jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT imports_failed_has_error CHECK (status <> 'failed' OR error IS NOT NULL),
        CONSTRAINT imports_finished_at CHECK ((status IN ('done','failed')) = (finished_at IS NOT NULL))
      );
      ALTER TABLE imports ALTER COLUMN content SET STORAGE EXTERNAL;
      CREATE INDEX imports_created_idx ON imports (created_at DESC);
      CREATE INDEX imports_folder_idx ON imports (source_path, sha256) WHERE source = 'folder';

      CREATE TABLE import_rows (
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        line integer NOT NULL CHECK (line >= 1),
        order_ref text,
        status text NOT NULL CHECK (status IN ('imported','duplicate','failed')),
        column_name text,
        reason text,
        order_id uuid REFERENCES orders(id),
        cells jsonb,
        PRIMARY KEY (import_id, line),
        CONSTRAINT import_rows_failed_has_reason CHECK (status <> 'failed' OR reason IS NOT NULL),
        CONSTRAINT import_rows_order CHECK ((status = 'failed') = (order_id IS NULL))
      );
      CREATE INDEX import_rows_status_idx ON import_rows (import_id, status, line);

      CREATE FUNCTION atalaya_import_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status IN ('done','failed') THEN
          RAISE EXCEPTION 'import % is already %: it cannot change', OLD.id, OLD.status USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.status = 'queued' AND OLD.status <> 'queued' THEN
          RAISE EXCEPTION 'import % cannot go back from % to queued', OLD.id, OLD.status USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.content IS DISTINCT FROM OLD.content OR NEW.sha256 <> OLD.sha256 THEN
          RAISE EXCEPTION 'the raw file of import % is kept as it arrived', OLD.id USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER imports_guard BEFORE UPDATE ON imports FOR EACH ROW EXECUTE FUNCTION atalaya_import_guard();

      CREATE FUNCTION atalaya_import_progress() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO engine_events (payload) VALUES (jsonb_build_object(
          'type', 'import.progress', 'importId', NEW.id, 'status', NEW.status,
          'progress', CASE WHEN NEW.status = 'done' OR NEW.size_bytes = 0 THEN 1 ELSE least(1, NEW.bytes_read::float8 / NEW.size_bytes) END,
          'rowsRead', NEW.rows_read, 'imported', NEW.imported, 'duplicates', NEW.duplicates, 'failed', NEW.failed,
          'at', atalaya_iso(clock_timestamp())));
        RETURN NULL;
      END $$;
      CREATE TRIGGER imports_progress AFTER INSERT OR UPDATE ON imports FOR EACH ROW EXECUTE FUNCTION atalaya_import_progress();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS import_rows, imports CASCADE;
      DROP FUNCTION IF EXISTS atalaya_import_progress();
      DROP FUNCTION IF EXISTS atalaya_import_guard();
    `);
  }
}
