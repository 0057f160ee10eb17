import { PRINT_JOB_TRANSITIONS, type DocLocale, type DocType, type PrinterLanguage } from '../../../shared';
import type { DocumentModel } from '../../core/documents/document-models';
import type { Tx } from '../../db/data-source';
import { preparedRows, returningRows, statusGuard } from '../../db/sql';
import { INTERRUPTED_MESSAGE } from './print-policy';
import { printChangedSql } from './print-jobs.store';
import type { PrinterRow } from './printers.store';

/**
 * The sender's moves of a print job: claim (queued → sending, with a lease), done, back to queued
 * with backoff or to the fallback printer, failed; and the sweep of jobs whose sender died mid-send.
 * Each statement guards the status with PRINT_JOB_TRANSITIONS and writes its print.changed event.
 * Every statement names the station: a sender never touches another station's jobs.
 */

const INTO_SENDING = statusGuard(PRINT_JOB_TRANSITIONS, 'sending');
const INTO_DONE = statusGuard(PRINT_JOB_TRANSITIONS, 'done');
const INTO_QUEUED_BY_SENDER = statusGuard(PRINT_JOB_TRANSITIONS, 'queued', ['sending']);
const INTO_FAILED_BY_SENDER = statusGuard(PRINT_JOB_TRANSITIONS, 'failed', ['sending']);

/** A claimed job and the printer it goes to. */
export interface ClaimedJob {
  id: string;
  docType: DocType;
  title: string;
  model: DocumentModel;
  locale: DocLocale;
  format: PrinterLanguage;
  attempts: number;
  printer: PrinterRow;
}

/**
 * Claims up to `limit` due jobs of the station whose printer is active (queued → sending, leased
 * for `leaseMs`); jobs another sender holds are skipped.
 */
export async function claimDue(m: Tx, stationId: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
  const rows: (Omit<PrinterRow, 'id'> & {
    job_id: string;
    printer_id: string;
    doc_type: DocType;
    title: string;
    model: DocumentModel;
    locale: DocLocale;
    format: PrinterLanguage;
    attempts: number;
  })[] = await preparedRows(
    m,
    'print_claim_due',
    `WITH c AS (
       SELECT j.id FROM print_jobs j JOIN printers p ON p.id = j.printer_id
       WHERE j.station_id = $1 AND j.status = 'queued' AND j.next_attempt_at <= now() AND p.station_id = $1 AND p.active AND NOT p.removed
       ORDER BY j.next_attempt_at, j.created_at LIMIT $2 FOR UPDATE OF j SKIP LOCKED),
     u AS (
       UPDATE print_jobs j SET status = 'sending', lease_until = now() + $3 * interval '1 millisecond', updated_at = now()
       FROM c WHERE j.id = c.id AND j.status IN ${INTO_SENDING} RETURNING j.*),
     ev AS (${printChangedSql('u')})
     SELECT u.id::text AS job_id, u.doc_type, u.title, u.model, u.locale, u.format, u.attempts, u.created_at,
       p.id::text AS printer_id, p.station_id, p.name, p.transport, p.address, p.language, p.dpi, p.paper, p.active, p.removed,
       p.health_state, p.health_detail, p.health_checked_at
     FROM u JOIN printers p ON p.id = u.printer_id ORDER BY u.next_attempt_at, u.created_at`,
    [stationId, limit, leaseMs],
  );
  return rows.map((r) => ({
    id: r.job_id,
    docType: r.doc_type,
    title: r.title,
    model: r.model,
    locale: r.locale,
    format: r.format,
    attempts: r.attempts,
    printer: {
      id: r.printer_id,
      station_id: r.station_id,
      name: r.name,
      transport: r.transport,
      address: r.address,
      language: r.language,
      dpi: r.dpi,
      paper: r.paper,
      active: r.active,
      removed: r.removed,
      health_state: r.health_state,
      health_detail: r.health_detail,
      health_checked_at: r.health_checked_at,
    },
  }));
}

/** One guarded move of a job of the station out of sending; false when the job was not sending (someone else moved it). */
async function moveSending(
  m: Tx,
  move: string,
  stationId: string,
  id: string,
  guard: string,
  set: string,
  params: unknown[],
): Promise<boolean> {
  // Prepared per move (its text never varies for one name): the sender makes one per job.
  const r = await preparedRows(
    m,
    `print_move_${move}`,
    `WITH u AS (UPDATE print_jobs SET ${set}, lease_until = NULL, updated_at = now()
       WHERE id = $1::uuid AND station_id = $2 AND status IN ${guard} RETURNING *),
     ev AS (${printChangedSql('u')})
     SELECT id FROM u`,
    [id, stationId, ...params],
  );
  return r.length > 0;
}

/** Printed: done, with what the transport answered. */
export const markDone = (m: Tx, stationId: string, id: string, receipt: string) =>
  moveSending(m, 'done', stationId, id, INTO_DONE, `status = 'done', done_at = now(), receipt = $3, last_error = NULL`, [receipt]);

/** The printer could not take it now: back to queued, tried again after `waitMs`. */
export const backOff = (m: Tx, stationId: string, id: string, error: string, waitMs: number) =>
  moveSending(
    m,
    'back_off',
    stationId,
    id,
    INTO_QUEUED_BY_SENDER,
    `status = 'queued', attempts = attempts + 1, last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond'`,
    [error, waitMs],
  );

/** The printer could not take it and the route has a healthy fallback: queued for the fallback now, naming the first printer. */
export const moveToFallback = (m: Tx, stationId: string, id: string, to: { id: string; format: PrinterLanguage }, error: string) =>
  moveSending(
    m,
    'fallback',
    stationId,
    id,
    INTO_QUEUED_BY_SENDER,
    `status = 'queued', attempts = attempts + 1, last_error = $3, next_attempt_at = now(),
     routed_from = coalesce(routed_from, printer_id), printer_id = $4::uuid, format = $5`,
    [error, to.id, to.format],
  );

/** It never will print as it is: failed, with the reason. */
export const markFailed = (m: Tx, stationId: string, id: string, error: string) =>
  moveSending(m, 'failed', stationId, id, INTO_FAILED_BY_SENDER, `status = 'failed', attempts = attempts + 1, last_error = $3`, [error]);

/** Claimed but not started (the sender is stopping): queued again as it was, nothing tried. */
export const releaseClaim = (m: Tx, stationId: string, id: string) =>
  moveSending(m, 'release', stationId, id, INTO_QUEUED_BY_SENDER, `status = 'queued', next_attempt_at = now()`, []);

/**
 * Jobs of the station left `sending` past their lease (their sender died mid-send) fail and are
 * never sent again on their own: the printer may have printed them. Returns how many.
 */
export async function failInterrupted(m: Tx, stationId: string): Promise<number> {
  const r: unknown[] = await m.query(
    `WITH u AS (UPDATE print_jobs SET status = 'failed', last_error = $2, lease_until = NULL, updated_at = now()
       WHERE station_id = $1 AND status IN ${INTO_FAILED_BY_SENDER} AND lease_until < now() RETURNING *),
     ev AS (${printChangedSql('u')})
     SELECT id FROM u`,
    [stationId, INTERRUPTED_MESSAGE],
  );
  return r.length;
}

/** The route's fallback for a job's printer, when the route is not strict and the fallback is active (health is the caller's to judge). */
export async function fallbackOf(
  m: Tx,
  stationId: string,
  docType: DocType,
  printerId: string,
): Promise<{ id: string; name: string; language: PrinterLanguage; health: string } | null> {
  const r: { id: string; name: string; language: PrinterLanguage; health: string }[] = await m.query(
    `SELECT f.id::text, f.name, f.language, f.health_state AS health FROM print_routes r
     JOIN printers f ON f.id = r.fallback_printer_id AND f.active AND NOT f.removed
     WHERE r.station_id = $1 AND r.doc_type = $2 AND r.printer_id = $3::uuid AND NOT r.strict AND f.id <> $3::uuid`,
    [stationId, docType, printerId],
  );
  return r[0] ?? null;
}

/** A printer is back: its waiting jobs are due now instead of at the end of their backoff. */
export async function dueNow(m: Tx, printerId: string): Promise<void> {
  await m.query(
    `UPDATE print_jobs SET next_attempt_at = now() WHERE printer_id = $1::uuid AND status = 'queued' AND next_attempt_at > now()`,
    [printerId],
  );
}

/**
 * A removed printer's waiting jobs fail with the reason (a person reprints or retries them, and a
 * retry goes to the route's printer). The lifecycle has no queued → failed move: they are taken
 * off the queue (queued → sending) and failed (sending → failed) in the remover's transaction, as
 * a sender would have found them. Returns how many.
 */
export async function failJobsOfRemovedPrinter(m: Tx, printerId: string, printerName: string): Promise<number> {
  const taken = await returningRows<{ id: string }>(
    m,
    `UPDATE print_jobs SET status = 'sending', updated_at = now() WHERE printer_id = $1::uuid AND status IN ${statusGuard(PRINT_JOB_TRANSITIONS, 'sending')}
     RETURNING id::text`,
    [printerId],
  );
  if (!taken.length) return 0;
  const r: unknown[] = await m.query(
    `WITH u AS (UPDATE print_jobs SET status = 'failed', last_error = $2, lease_until = NULL, updated_at = now()
       WHERE id = ANY($1::uuid[]) AND status IN ${INTO_FAILED_BY_SENDER} RETURNING *),
     ev AS (${printChangedSql('u')})
     SELECT id FROM u`,
    [
      taken.map((t) => t.id),
      `printer ${printerName} was removed: retry the job to print it on the route's printer, or reprint it elsewhere`,
    ],
  );
  return r.length;
}
