import type { Db, Tx } from '../../db/data-source';
import type { AuditRow } from '../../kernel/audit';
import type { AuditEntry, ParsedInputOf } from '../../../shared';

/** Appends one row, in its own statement (see the dispatcher for why not in the command's transaction). */
export async function appendAudit(ds: Db, r: AuditRow): Promise<void> {
  await ds.query(
    `INSERT INTO audit_log (user_id, user_name, role, session_id, action, outcome, reason, order_id, location_id, subject, before, after, input, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13::jsonb, $14)`,
    [
      r.userId,
      r.userName,
      r.role,
      r.sessionId,
      r.action,
      r.outcome,
      r.reason,
      r.orderId,
      r.locationId,
      r.subject,
      json(r.before),
      json(r.after),
      json(r.input),
      r.error,
    ],
  );
}

/** jsonb parameters go as JSON text: pg would send a JS array as a Postgres array, not JSON. */
const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

interface Row {
  id: string;
  at: Date;
  user_id: string;
  user_name: string;
  role: string;
  action: string;
  outcome: AuditEntry['outcome'];
  reason: string | null;
  order_id: string | null;
  location_id: string | null;
  subject: string | null;
  before: unknown;
  after: unknown;
  input: unknown;
  error: string | null;
}

/**
 * The Audit view's page: newest first, filtered in SQL (each filter has its index), `limit` rows
 * older than `before`; `nextBefore` is the id to ask with for the next page, null on the last.
 */
export async function listAudit(m: Tx, q: ParsedInputOf<'audit.list'>): Promise<{ rows: AuditEntry[]; nextBefore: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  if (q.userId) where.push(`user_id = ${p(q.userId)}`);
  if (q.orderId) where.push(`order_id = ${p(q.orderId)}`);
  if (q.locationId) where.push(`location_id = ${p(q.locationId)}`);
  // A prefix: `sourcing.` matches every sourcing action; LIKE's own wildcards in it are literal.
  if (q.action) where.push(`action LIKE ${p(`${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  if (q.outcome) where.push(`outcome = ${p(q.outcome)}`);
  if (q.from) where.push(`at >= ${p(q.from)}::timestamptz`);
  if (q.to) where.push(`at <= ${p(q.to)}::timestamptz`);
  if (q.before) where.push(`id < ${p(q.before)}::bigint`);
  // ORDER BY names the column: the output's `id` is text, and would sort "9" after "10".
  const rows: Row[] = await m.query(
    `SELECT id::text, at, user_id, user_name, role, action, outcome, reason, order_id, location_id, subject, before, after, input, error
     FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY audit_log.id DESC LIMIT ${p(q.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  return { rows: page.map(toEntry), nextBefore: rows.length > q.limit ? page[page.length - 1]!.id : null };
}

function toEntry(r: Row): AuditEntry {
  return {
    id: r.id,
    at: r.at.toISOString(),
    userId: r.user_id,
    userName: r.user_name,
    role: r.role,
    action: r.action,
    outcome: r.outcome,
    reason: r.reason,
    orderId: r.order_id,
    locationId: r.location_id,
    subject: r.subject,
    before: r.before ?? null,
    after: r.after ?? null,
    input: r.input ?? null,
    error: r.error,
  };
}
