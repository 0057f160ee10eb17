import { randomUUID } from 'node:crypto';
import {
  AppError,
  PRINT_JOB_TRANSITIONS,
  type Actor,
  type DocLocale,
  type DocType,
  type PrintJob,
  type PrintJobStatus,
  type PrinterLanguage,
  SHEET_DOCS,
} from '../../../shared';
import type { DocumentModel, PrintRequest } from '../../core/documents/document-models';
import type { Tx } from '../../db/data-source';
import { preparedRows, statusGuard } from '../../db/sql';
import { formatFor, isUuid, noPrinterMessage } from './print-policy';
import { stationNameOf } from './printers.store';

/**
 * Print jobs as people and other modules see them: queue one (the one function other modules call
 * to print), list, reprint, retry, cancel. Every move writes a `print.changed` outbox row in the
 * same statement; status guards come from PRINT_JOB_TRANSITIONS.
 */

/** The outbox row of a print.changed event over a row source `src` (id, station_id, printer_id, status). */
export const printChangedSql = (src: string) =>
  `INSERT INTO engine_events (payload) SELECT jsonb_build_object('type', 'print.changed', 'jobId', ${src}.id::text,
     'stationId', ${src}.station_id, 'printerId', ${src}.printer_id::text, 'status', ${src}.status,
     'at', atalaya_iso(clock_timestamp())) FROM ${src}`;

/** A job with what its sender, a reprint and a preview need (the model, the locale). */
export interface PrintJobRow {
  id: string;
  station_id: string;
  doc_type: DocType;
  doc_key: string;
  title: string;
  ref: PrintJob['ref'];
  locale: DocLocale;
  model: DocumentModel;
  printer_id: string | null;
  printer_name: string | null;
  routed_from: string | null;
  format: PrinterLanguage;
  status: PrintJobStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  reprint_of: string | null;
  reason: string | null;
  requested_by: string;
  created_at: Date;
  done_at: Date | null;
}

const JOB_SELECT = `SELECT j.id::text, j.station_id, j.doc_type, j.doc_key, j.title, j.ref, j.locale, j.model, j.printer_id::text,
  p.name AS printer_name, j.routed_from::text, j.format, j.status, j.attempts, j.next_attempt_at, j.last_error, j.reprint_of::text,
  j.reason, j.requested_by, j.created_at, j.done_at
  FROM print_jobs j LEFT JOIN printers p ON p.id = j.printer_id`;

export function toPrintJob(r: PrintJobRow): PrintJob {
  return {
    id: r.id,
    stationId: r.station_id,
    docType: r.doc_type,
    title: r.title,
    ref: r.ref ?? {},
    printerId: r.printer_id,
    printerName: r.printer_name,
    routedFrom: r.routed_from,
    format: r.format,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'queued' && r.next_attempt_at ? r.next_attempt_at.toISOString() : null,
    lastError: r.last_error,
    reprintOf: r.reprint_of,
    reason: r.reason,
    requestedBy: r.requested_by,
    createdAt: r.created_at.toISOString(),
    doneAt: r.done_at?.toISOString() ?? null,
  };
}

/** A station's name and the printer it routes a document type to (not removed), if any; NOT_FOUND for no such station. */
async function stationRoute(
  m: Tx,
  stationId: string,
  docType: DocType,
): Promise<{ stationName: string; printer: { id: string; name: string; language: PrinterLanguage } | null }> {
  // Prepared (plan once per connection): every print of every module passes here.
  const r = await preparedRows<{ station_name: string; id: string | null; name: string | null; language: PrinterLanguage | null }>(
    m,
    'print_station_route',
    `SELECT s.name AS station_name, p.id::text, p.name, p.language FROM print_stations s
     LEFT JOIN print_routes r ON r.station_id = s.id AND r.doc_type = $2
     LEFT JOIN printers p ON p.id = r.printer_id AND NOT p.removed
     WHERE s.id = $1`,
    [stationId, docType],
  );
  if (!r[0]) await stationNameOf(m, stationId); // throws NOT_FOUND naming the station
  const row = r[0]!;
  return { stationName: row.station_name, printer: row.id ? { id: row.id, name: row.name!, language: row.language! } : null };
}

/**
 * What other modules call to print (published at the module's root): queues a document in the
 * caller's transaction — routed to the station's printer for its type, written with a
 * `print.changed` outbox event so the station's sender prints it once the work commits. With no
 * printer routed yet the job waits (queued, saying so) and is routed when a route appears.
 * A document already printed (same docKey) is refused with ALREADY_PRINTED: reprint it with a reason.
 */
export async function enqueuePrint(m: Tx, request: PrintRequest & { stationId: string }, actor: Actor): Promise<PrintJob> {
  const { stationName, printer } = await stationRoute(m, request.stationId, request.docType);
  const rows = await preparedRows<PrintJobRow>(
    m,
    'print_enqueue',
    `WITH ins AS (
       INSERT INTO print_jobs (id, station_id, doc_type, doc_key, title, ref, locale, model, printer_id, format, status, last_error, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::uuid, $10, 'queued', $11, $12)
       ON CONFLICT (doc_key) WHERE reprint_of IS NULL DO NOTHING RETURNING *),
     ev AS (${printChangedSql('ins')})
     SELECT id::text, station_id, doc_type, title, ref, printer_id::text, NULL AS routed_from, format, status, attempts, next_attempt_at,
       last_error, NULL AS reprint_of, NULL AS reason, requested_by, created_at, done_at, $13::text AS printer_name FROM ins`,
    [
      randomUUID(),
      request.stationId,
      request.docType,
      request.docKey,
      request.title,
      request.ref,
      request.locale,
      request.model,
      printer?.id ?? null,
      formatFor(request.docType, printer?.language ?? null),
      printer ? null : noPrinterMessage(request.docType, stationName),
      actor.name,
      printer?.name ?? null,
    ],
  );
  if (rows[0]) return toPrintJob(rows[0]);
  const first: PrintJobRow[] = await m.query(`${JOB_SELECT} WHERE j.doc_key = $1 AND j.reprint_of IS NULL`, [request.docKey]);
  const f = first[0];
  throw new AppError(
    'ALREADY_PRINTED',
    f
      ? `${f.title} was sent to print already (job ${f.id}, ${f.status}${f.printer_name ? ` on ${f.printer_name}` : ''}): reprint it with a reason`
      : `${request.title} was sent to print already: reprint it with a reason`,
  );
}

/** One job, or NOT_FOUND. */
export async function getJob(m: Tx, id: string, opts: { lock?: boolean } = {}): Promise<PrintJobRow> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', `No print job ${id}`, [{ path: 'jobId', message: 'pick a job from the print queue' }]);
  const r: PrintJobRow[] = await m.query(`${JOB_SELECT} WHERE j.id = $1::uuid ${opts.lock ? 'FOR UPDATE OF j' : ''}`, [id]);
  if (!r[0]) throw new AppError('NOT_FOUND', `No print job ${id}`, [{ path: 'jobId', message: 'pick a job from the print queue' }]);
  return r[0];
}

/** The first print of a document (its reprints name it), or null: for modules that reprint their own documents. */
export async function firstPrintOf(m: Tx, docKey: string, opts: { lock?: boolean } = {}): Promise<PrintJobRow | null> {
  const r: PrintJobRow[] = await m.query(
    `${JOB_SELECT} WHERE j.doc_key = $1 AND j.reprint_of IS NULL ${opts.lock ? 'FOR UPDATE OF j' : ''}`,
    [docKey],
  );
  return r[0] ?? null;
}

/** Jobs newest first, filtered. */
export async function listJobs(
  m: Tx,
  f: { stationId?: string; status?: PrintJobStatus; orderId?: string; waveId?: string; limit: number },
): Promise<PrintJob[]> {
  const rows: PrintJobRow[] = await m.query(
    `${JOB_SELECT}
     WHERE ($1::text IS NULL OR j.station_id = $1) AND ($2::text IS NULL OR j.status = $2)
       AND ($3::text IS NULL OR j.ref->>'orderId' = $3) AND ($4::text IS NULL OR j.ref->>'waveId' = $4)
     ORDER BY j.created_at DESC, j.id LIMIT $5`,
    [f.stationId ?? null, f.status ?? null, f.orderId ?? null, f.waveId ?? null, f.limit],
  );
  return rows.map(toPrintJob);
}

/** A copy of a job for a reason, to `printer` (null = wait for a route): same document model, same key. */
export async function insertReprint(
  m: Tx,
  of: PrintJobRow,
  r: { printer: { id: string; language: PrinterLanguage } | null; reason: string; actor: Actor; stationName: string },
): Promise<PrintJobRow> {
  const id = randomUUID();
  await m.query(
    `WITH ins AS (
       INSERT INTO print_jobs (id, station_id, doc_type, doc_key, title, ref, locale, model, printer_id, format, status, last_error,
         reprint_of, reason, requested_by)
       SELECT $1, station_id, doc_type, doc_key, title, ref, locale, model, $2::uuid, $3, 'queued', $4, id, $5, $6 FROM print_jobs WHERE id = $7::uuid
       RETURNING *)
     ${printChangedSql('ins')}`,
    [
      id,
      r.printer?.id ?? null,
      formatFor(of.doc_type, r.printer?.language ?? null),
      r.printer ? null : noPrinterMessage(of.doc_type, r.stationName),
      r.reason,
      r.actor.name,
      of.id,
    ],
  );
  return getJob(m, id);
}

/** The sheet document types as an SQL list (they always print as PDF). */
const SHEET_FORMAT_SQL = `(${SHEET_DOCS.map((d) => `'${d}'`).join(', ')})`;

const INTO_QUEUED_BY_PERSON = statusGuard(PRINT_JOB_TRANSITIONS, 'queued', ['failed']);
const INTO_CANCELLED = statusGuard(PRINT_JOB_TRANSITIONS, 'cancelled');

/**
 * A failed job tries again as it is (same job): now, with its attempts counted afresh. A job whose
 * printer was removed goes back to waiting for its route. False when it is not failed.
 */
export async function requeueFailed(m: Tx, id: string): Promise<boolean> {
  const r: unknown[] = await m.query(
    `WITH u AS (
       UPDATE print_jobs j SET status = 'queued', attempts = 0, next_attempt_at = now(), lease_until = NULL, last_error = NULL,
         printer_id = CASE WHEN EXISTS (SELECT 1 FROM printers p WHERE p.id = j.printer_id AND p.removed) THEN NULL ELSE j.printer_id END,
         updated_at = now()
       WHERE j.id = $1::uuid AND j.status IN ${INTO_QUEUED_BY_PERSON} RETURNING j.*),
     ev AS (${printChangedSql('u')})
     SELECT id FROM u`,
    [id],
  );
  return r.length > 0;
}

/** A queued or failed job is cancelled; false when it is in another state. */
export async function cancelJobRow(m: Tx, id: string): Promise<boolean> {
  const r: unknown[] = await m.query(
    `WITH u AS (UPDATE print_jobs SET status = 'cancelled', lease_until = NULL, updated_at = now()
       WHERE id = $1::uuid AND status IN ${INTO_CANCELLED} RETURNING *),
     ev AS (${printChangedSql('u')})
     SELECT id FROM u`,
    [id],
  );
  return r.length > 0;
}

/**
 * Jobs of a station waiting without a printer take the route its document type now has (and the
 * format of that printer), due now. Returns how many were routed.
 */
export async function routeWaitingJobs(m: Tx, stationId: string): Promise<number> {
  const r: unknown[] = await m.query(
    `WITH u AS (
       UPDATE print_jobs j SET printer_id = r.printer_id,
         format = CASE WHEN j.doc_type IN ${SHEET_FORMAT_SQL} THEN 'pdf' ELSE p.language END,
         last_error = NULL, next_attempt_at = now(), updated_at = now()
       FROM print_routes r JOIN printers p ON p.id = r.printer_id AND NOT p.removed
       WHERE j.station_id = $1 AND j.status = 'queued' AND j.printer_id IS NULL AND r.station_id = j.station_id AND r.doc_type = j.doc_type
       RETURNING j.*),
     ev AS (${printChangedSql('u')})
     SELECT id FROM u`,
    [stationId],
  );
  return r.length;
}
