import type { Db, Tx } from '../../db/data-source';
import { parseReasons, storableText, type ImportRow, type ImportRowStatus, type ImportSummary } from '../../../shared';
import type { Actor } from '../../../shared';

/** The pool or a transaction: these reads and writes run on either. */
type Conn = Db | Tx;

/**
 * Text as Postgres can keep it: a NUL character cannot be stored in text or jsonb (the statement
 * fails, and an import that cannot record its report never finishes), and a lone UTF-16 surrogate
 * is refused in jsonb (replaced as everywhere, storableText). Reasons name the cell; the stored value simply lacks the NUL.
 */
const storable = (s: string): string => storableText(s.replaceAll('\u0000', ''));
const storableOrNull = (s: string | null): string | null => (s === null ? null : storable(s));
const storableCells = (cells: Record<string, string> | null) =>
  cells && Object.fromEntries(Object.entries(cells).map(([k, v]) => [storable(k), storable(v)]));

/** TypeORM answers an UPDATE … RETURNING with [rows, count]; a SELECT or INSERT with the rows. */
const returned = <T>(res: unknown): T[] => (Array.isArray(res) && Array.isArray(res[0]) ? (res[0] as T[]) : (res as T[]));

const SUMMARY = `id, file_name, format, source, size_bytes, sha256, status, bytes_read, rows_read, imported, duplicates, failed, error, created_by, created_at, finished_at`;

interface SummaryRow {
  id: string;
  file_name: string;
  format: 'csv' | 'xlsx';
  source: 'desk' | 'folder';
  size_bytes: string;
  sha256: string;
  status: ImportSummary['status'];
  bytes_read: string;
  rows_read: number;
  imported: number;
  duplicates: number;
  failed: number;
  error: string | null;
  created_by: string;
  created_at: Date;
  finished_at: Date | null;
}

function toSummary(r: SummaryRow): ImportSummary {
  const size = Number(r.size_bytes);
  return {
    id: r.id,
    fileName: r.file_name,
    format: r.format,
    source: r.source,
    sizeBytes: size,
    sha256: r.sha256,
    status: r.status,
    progress: r.status === 'done' || size === 0 ? 1 : Math.min(1, Number(r.bytes_read) / size),
    rowsRead: r.rows_read,
    imported: r.imported,
    duplicates: r.duplicates,
    failed: r.failed,
    error: r.error,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

export interface NewImport {
  id: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  source: 'desk' | 'folder';
  sourcePath?: string;
  content: Buffer;
  sha256: string;
  actor: Actor;
}

/** Keeps the raw file and queues it; the `import.progress` trigger announces it. */
export async function insertImport(db: Conn, n: NewImport): Promise<ImportSummary> {
  const rows: SummaryRow[] = await db.query(
    `INSERT INTO imports (id, file_name, format, source, source_path, content, size_bytes, sha256, created_by, actor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${SUMMARY}`,
    [
      n.id,
      n.fileName,
      n.format,
      n.source,
      n.sourcePath ?? null,
      n.content,
      n.content.length,
      n.sha256,
      n.actor.name,
      JSON.stringify(n.actor),
    ],
  );
  return toSummary(rows[0]!);
}

export async function getImportSummary(db: Conn, id: string): Promise<ImportSummary | null> {
  const rows: SummaryRow[] = await db.query(`SELECT ${SUMMARY} FROM imports WHERE id = $1`, [id]);
  return rows[0] ? toSummary(rows[0]) : null;
}

export async function listImports(db: Conn, limit: number): Promise<ImportSummary[]> {
  const rows: SummaryRow[] = await db.query(`SELECT ${SUMMARY} FROM imports ORDER BY created_at DESC, id LIMIT $1`, [limit]);
  return rows.map(toSummary);
}

/** A folder import of this very file (same path and content) that already exists, so a restart does not queue it twice. */
export async function findFolderImport(db: Conn, sourcePath: string, sha256: string): Promise<ImportSummary | null> {
  const rows: SummaryRow[] = await db.query(
    `SELECT ${SUMMARY} FROM imports WHERE source = 'folder' AND source_path = $1 AND sha256 = $2 ORDER BY created_at DESC LIMIT 1`,
    [sourcePath, sha256],
  );
  return rows[0] ? toSummary(rows[0]) : null;
}

/** Moves a queued (or interrupted running) import to running; null when it has already finished. */
export async function claimImport(
  db: Conn,
  id: string,
): Promise<{ fileName: string; format: 'csv' | 'xlsx'; actor: Actor; sizeBytes: number } | null> {
  const rows = returned<{ file_name: string; format: 'csv' | 'xlsx'; actor: Actor; size_bytes: string }>(
    await db.query(
      `UPDATE imports SET status = 'running', started_at = coalesce(started_at, now()) WHERE id = $1 AND status IN ('queued', 'running')
       RETURNING file_name, format, actor, size_bytes`,
      [id],
    ),
  );
  const r = rows[0];
  return r ? { fileName: r.file_name, format: r.format, actor: r.actor, sizeBytes: Number(r.size_bytes) } : null;
}

/** The raw file, read back in slices (EXTERNAL storage lets Postgres fetch only the slice's chunks). */
export async function* readImportContent(db: Conn, id: string, sliceBytes = 256 * 1024): AsyncGenerator<Buffer> {
  for (let from = 1; ; from += sliceBytes) {
    const rows: { part: Buffer | null }[] = await db.query(`SELECT substring(content FROM $2 FOR $3) AS part FROM imports WHERE id = $1`, [
      id,
      from,
      sliceBytes,
    ]);
    const part = rows[0]?.part;
    if (!part || part.length === 0) return;
    yield part;
    if (part.length < sliceBytes) return;
  }
}

/**
 * Imports no worker may be running: every `running` one (the caller checks whether a live worker
 * holds it) and those `queued` for longer than `queuedForMs` (their job may be lost).
 */
export async function unfinishedImports(
  db: Conn,
  queuedForMs: number,
  limit: number,
): Promise<{ id: string; status: 'queued' | 'running' }[]> {
  return db.query(
    `SELECT id, status FROM imports
     WHERE status = 'running' OR (status = 'queued' AND created_at < now() - make_interval(secs => $1::float8 / 1000))
     ORDER BY created_at, id LIMIT $2`,
    [queuedForMs, limit],
  );
}

/** Lines already reported, when an interrupted import is resumed. */
export async function reportedLines(db: Conn, id: string): Promise<Set<number>> {
  const rows: { line: number }[] = await db.query(`SELECT line FROM import_rows WHERE import_id = $1`, [id]);
  return new Set(rows.map((r) => r.line));
}

export interface RowOutcome {
  line: number;
  orderRef: string | null;
  status: ImportRowStatus;
  column: string | null;
  reason: string | null;
  orderId: string | null;
  /** The row's cells by column, kept for failed rows (the "download failed rows" file). */
  cells: Record<string, string> | null;
}

/**
 * Writes a batch of row outcomes and moves the counters by what was actually inserted (a line
 * already reported is not counted twice), in one statement; the trigger announces the progress.
 */
export async function recordRows(db: Conn, id: string, rows: RowOutcome[], read: { bytes: number; rows: number }): Promise<void> {
  const payload = JSON.stringify(
    rows.map((r) => ({
      line: r.line,
      order_ref: storableOrNull(r.orderRef),
      status: r.status,
      column_name: storableOrNull(r.column),
      reason: storableOrNull(r.reason),
      order_id: r.orderId,
      cells: storableCells(r.cells),
    })),
  );
  await db.query(
    `WITH ins AS (
       INSERT INTO import_rows (import_id, line, order_ref, status, column_name, reason, order_id, cells)
       SELECT $1, r.line, r.order_ref, r.status, r.column_name, r.reason, r.order_id, r.cells
       FROM jsonb_to_recordset($2::jsonb) AS r(line int, order_ref text, status text, column_name text, reason text, order_id uuid, cells jsonb)
       ON CONFLICT (import_id, line) DO NOTHING
       RETURNING status)
     UPDATE imports SET
       imported = imported + (SELECT count(*) FROM ins WHERE status = 'imported'),
       duplicates = duplicates + (SELECT count(*) FROM ins WHERE status = 'duplicate'),
       failed = failed + (SELECT count(*) FROM ins WHERE status = 'failed'),
       bytes_read = greatest(bytes_read, $3), rows_read = greatest(rows_read, $4)
     WHERE id = $1 AND status = 'running'`,
    [id, payload, read.bytes, read.rows],
  );
}

/** Ends an import (done, or failed with the reason the whole file could not be read). */
export async function finishImport(
  db: Conn,
  id: string,
  outcome: { status: 'done' } | { status: 'failed'; error: string },
  read?: { bytes: number; rows: number },
): Promise<ImportSummary | null> {
  const rows = returned<SummaryRow>(
    await db.query(
      `UPDATE imports SET status = $2, error = $3, finished_at = now(), bytes_read = greatest(bytes_read, $4), rows_read = greatest(rows_read, $5)
     WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${SUMMARY}`,
      [id, outcome.status, outcome.status === 'failed' ? storable(outcome.error) : null, read?.bytes ?? 0, read?.rows ?? 0],
    ),
  );
  return rows[0] ? toSummary(rows[0]) : null;
}

export async function getImportRows(
  db: Conn,
  id: string,
  q: { status?: ImportRowStatus; offset: number; limit: number },
): Promise<{ rows: ImportRow[]; total: number }> {
  const rows: {
    line: number;
    order_ref: string | null;
    status: ImportRowStatus;
    column_name: string | null;
    reason: string | null;
    order_id: string | null;
    total: string;
  }[] = await db.query(
    `SELECT line, order_ref, status, column_name, reason, order_id, count(*) OVER () AS total FROM import_rows
     WHERE import_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY line OFFSET $3 LIMIT $4`,
    [id, q.status ?? null, q.offset, q.limit],
  );
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (!rows[0] && q.offset > 0) {
    const c: { n: string }[] = await db.query(
      `SELECT count(*) AS n FROM import_rows WHERE import_id = $1 AND ($2::text IS NULL OR status = $2)`,
      [id, q.status ?? null],
    );
    total = Number(c[0]!.n);
  }
  return {
    total,
    rows: rows.map((r) => ({
      line: r.line,
      orderId: r.order_ref,
      status: r.status,
      column: r.column_name,
      reason: r.reason,
      reasonCodes: r.status === 'failed' && r.reason ? parseReasons(r.reason) : null,
      atalayaOrderId: r.order_id,
    })),
  };
}

/** Failed rows with their cells, in line order, for the "download failed rows" file. */
export async function failedRowCells(db: Conn, id: string): Promise<{ line: number; reason: string; cells: Record<string, string> }[]> {
  const rows: { line: number; reason: string; cells: Record<string, string> | null }[] = await db.query(
    `SELECT line, reason, cells FROM import_rows WHERE import_id = $1 AND status = 'failed' ORDER BY line`,
    [id],
  );
  return rows.map((r) => ({ line: r.line, reason: r.reason, cells: r.cells ?? {} }));
}
