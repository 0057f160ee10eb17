import {
  RETURN_TRANSITIONS,
  returnItemState,
  type Actor,
  type PolicyReasonItem,
  type Return,
  type ReturnEvent,
  type ReturnLine,
  type ReturnStatus,
} from '../../../shared';
import type { Tx } from '../../db/data-source';
import { returningRows, statusGuard } from '../../db/sql';

/**
 * Every statement on `returns`, `return_lines` and `return_events` (migration 0028). A return's
 * row is locked (`lockReturn`) before it moves, so a decision, a receipt and an inspection never
 * cross; a move is written only from a status the transition table allows (`statusGuard`).
 */

interface ReturnRow {
  id: string;
  number: string;
  order_id: string;
  order_number: string;
  customer_name: string | null;
  currency: string;
  status: ReturnStatus;
  source: Return['source'];
  method: Return['method'];
  resolution: Return['resolution'];
  location_id: string | null;
  verdict: Return['verdict'];
  reasons: PolicyReasonItem[];
  legal_withdrawal: boolean;
  procedure_code: string | null;
  value: string;
  notes: string | null;
  photos: string[];
  requested_by: string;
  requested_at: Date;
  due_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  label_expires_at: Date | null;
  refunded_amount: string | null;
  refunded_at: Date | null;
  updated_at: Date;
  lines: {
    line_no: number;
    sku: string;
    name: string | null;
    quantity: number;
    unit_price: string;
    reason: string;
    condition: ReturnLine['condition'];
    verdict: ReturnLine['verdict'];
    received: number;
    receipt_outcome: ReturnLine['receiptOutcome'];
    disposition: ReturnLine['disposition'];
    acceptance: ReturnLine['acceptance'];
    rejection_reason: string | null;
  }[];
  carrier_label: NonNullable<Return['carrierLabel']> | null;
}

const SELECT = `
  SELECT r.*, o.number AS order_number, o.customer->>'name' AS customer_name, o.currency,
    (SELECT coalesce(jsonb_agg(jsonb_build_object('line_no', l.line_no, 'sku', l.sku, 'name', p.name, 'quantity', l.quantity,
        'unit_price', l.unit_price, 'reason', l.reason, 'condition', l.condition, 'verdict', l.verdict, 'received', l.received,
        'receipt_outcome', l.receipt_outcome, 'disposition', l.disposition, 'acceptance', l.acceptance,
        'rejection_reason', l.rejection_reason) ORDER BY l.line_no), '[]')
       FROM return_lines l LEFT JOIN products p ON p.sku = l.sku WHERE l.return_id = r.id) AS lines,
    (SELECT jsonb_build_object('status', rl.status, 'carrierAccountId', rl.carrier_account_id, 'trackingNumber', rl.tracking_number,
        'trackingUrl', rl.tracking_url, 'url', rl.url, 'firstScanAt', rl.first_scan_at, 'error', rl.last_error,
        'pickupDate', to_char(rl.pickup_date, 'YYYY-MM-DD'), 'pickupConfirmation', rl.pickup_confirmation)
       FROM return_labels rl WHERE rl.return_id = r.id) AS carrier_label
  FROM returns r JOIN orders o ON o.id = r.order_id`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toReturn(r: ReturnRow): Return {
  return {
    id: r.id,
    number: Number(r.number),
    orderId: r.order_id,
    orderNumber: Number(r.order_number),
    customerName: r.customer_name,
    status: r.status,
    source: r.source,
    method: r.method,
    resolution: r.resolution,
    locationId: r.location_id,
    verdict: r.verdict,
    reasons: r.reasons,
    legalWithdrawal: r.legal_withdrawal,
    procedureCode: r.procedure_code,
    value: Number(r.value),
    currency: r.currency.trim(),
    notes: r.notes,
    photos: r.photos,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at.toISOString(),
    dueAt: iso(r.due_at),
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    decisionReason: r.decision_reason,
    labelExpiresAt: iso(r.label_expires_at),
    refundedAmount: r.refunded_amount === null ? null : Number(r.refunded_amount),
    refundedAt: iso(r.refunded_at),
    lines: r.lines.map((l) => ({
      lineNo: l.line_no,
      sku: l.sku,
      productName: l.name,
      quantity: l.quantity,
      unitPrice: Number(l.unit_price),
      reason: l.reason,
      condition: l.condition,
      verdict: l.verdict,
      received: l.received,
      receiptOutcome: l.receipt_outcome,
      disposition: l.disposition,
      acceptance: l.acceptance,
      rejectionReason: l.rejection_reason,
      state: returnItemState({ receiptOutcome: l.receipt_outcome, acceptance: l.acceptance }),
    })),
    carrierLabel: r.carrier_label
      ? { ...r.carrier_label, firstScanAt: r.carrier_label.firstScanAt ? new Date(r.carrier_label.firstScanAt).toISOString() : null }
      : null,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function readReturn(m: Tx, by: { id: string } | { number: number }): Promise<Return | null> {
  const rows: ReturnRow[] =
    'id' in by ? await m.query(`${SELECT} WHERE r.id = $1`, [by.id]) : await m.query(`${SELECT} WHERE r.number = $1`, [by.number]);
  return rows[0] ? toReturn(rows[0]) : null;
}

/** Returns, newest first; `review`: those waiting for a person, the most overdue first. */
export async function listReturns(
  m: Tx,
  q: {
    status?: readonly ReturnStatus[] | undefined;
    review: boolean;
    orderId?: string | undefined;
    /** Only returns received (or to be received) at these locations. */
    locationIds?: readonly string[] | undefined;
    limit: number;
  },
): Promise<Return[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.locationIds) where.push(`r.location_id = ANY($${params.push(q.locationIds)}::text[])`);
  if (q.review) where.push(`r.status = 'requested'`);
  if (q.status?.length) where.push(`r.status = ANY($${params.push(q.status)}::text[])`);
  if (q.orderId) where.push(`r.order_id = $${params.push(q.orderId)}`);
  const order = q.review ? 'r.due_at NULLS LAST, r.requested_at' : 'r.requested_at DESC';
  const rows: ReturnRow[] = await m.query(
    `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT $${params.push(q.limit)}`,
    params,
  );
  return rows.map(toReturn);
}

export async function readEvents(m: Tx, returnId: string): Promise<ReturnEvent[]> {
  const rows: {
    at: Date;
    type: string;
    from_status: ReturnStatus | null;
    to_status: ReturnStatus | null;
    actor_name: string;
    reason: string | null;
  }[] = await m.query(`SELECT at, type, from_status, to_status, actor_name, reason FROM return_events WHERE return_id = $1 ORDER BY id`, [
    returnId,
  ]);
  return rows.map((r) => ({
    at: r.at.toISOString(),
    type: r.type,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    actor: r.actor_name,
    reason: r.reason,
  }));
}

/** A new return and its lines, in one statement; answers its number. */
export async function insertReturn(
  m: Tx,
  r: {
    id: string;
    orderId: string;
    status: ReturnStatus;
    source: Return['source'];
    method: Return['method'];
    resolution: Return['resolution'];
    locationId: string | null;
    verdict: Return['verdict'];
    reasons: PolicyReasonItem[];
    legalWithdrawal: boolean;
    procedureCode: string | null;
    value: number;
    notes: string | null;
    photos: string[];
    requestedBy: string;
    dueAt: Date | null;
    decidedBy: string | null;
    /** A return a channel sent: the channel's id and its return id. */
    channelReturnKey?: string | null;
    lines: Omit<ReturnLine, 'received' | 'receiptOutcome' | 'disposition' | 'productName' | 'acceptance' | 'rejectionReason' | 'state'>[];
  },
): Promise<number> {
  const rows = await returningRows<{ number: string }>(
    m,
    `WITH r AS (
       INSERT INTO returns (id, order_id, status, source, method, resolution, location_id, verdict, reasons, legal_withdrawal, procedure_code,
         value, notes, photos, requested_by, due_at, decided_by, decided_at, channel_return_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, CASE WHEN $17::text IS NULL THEN NULL ELSE now() END, $19)
       RETURNING id, number),
     l AS (
       INSERT INTO return_lines (return_id, line_no, sku, quantity, unit_price, reason, condition, verdict)
       SELECT r.id, x.line_no, x.sku, x.quantity, x.unit_price, x.reason, x.condition, x.verdict
       FROM r, jsonb_to_recordset($18::jsonb) AS x(line_no int, sku text, quantity int, unit_price numeric, reason text, condition text, verdict text))
     SELECT number FROM r`,
    [
      r.id,
      r.orderId,
      r.status,
      r.source,
      r.method,
      r.resolution,
      r.locationId,
      r.verdict,
      JSON.stringify(r.reasons),
      r.legalWithdrawal,
      r.procedureCode,
      r.value,
      r.notes,
      JSON.stringify(r.photos),
      r.requestedBy,
      r.dueAt,
      r.decidedBy,
      JSON.stringify(
        r.lines.map((l) => ({
          line_no: l.lineNo,
          sku: l.sku,
          quantity: l.quantity,
          unit_price: l.unitPrice,
          reason: l.reason,
          condition: l.condition,
          verdict: l.verdict,
        })),
      ),
      r.channelReturnKey ?? null,
    ],
  );
  return Number(rows[0]!.number);
}

/** Locks returns for a change (in id order: two bulk decisions cannot deadlock); answers their statuses. */
export async function lockReturns(m: Tx, ids: readonly string[]): Promise<Map<string, ReturnStatus>> {
  const rows: { id: string; status: ReturnStatus }[] = await m.query(
    `SELECT id, status FROM returns WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** Moves a return (only from a status the table allows) with its event; false when it was not in such a status. */
export async function moveReturn(
  m: Tx,
  id: string,
  to: ReturnStatus,
  actor: Actor,
  e: {
    type: string;
    reason?: string | null;
    data?: Record<string, unknown> | null;
    set?: Partial<{ decided: boolean; locationId: string }>;
  },
): Promise<boolean> {
  const rows = await returningRows<{ id: string }>(
    m,
    `WITH u AS (
       UPDATE returns r SET status = $2, updated_at = now(),
         decided_by = CASE WHEN $6 THEN $4 ELSE decided_by END, decided_at = CASE WHEN $6 THEN now() ELSE decided_at END,
         decision_reason = CASE WHEN $6 THEN $5 ELSE decision_reason END, location_id = coalesce($8, location_id)
       WHERE id = $1 AND status IN ${statusGuard(RETURN_TRANSITIONS, to)}
       RETURNING id, (SELECT status FROM returns WHERE id = $1) AS was)
     INSERT INTO return_events (return_id, type, from_status, to_status, actor_id, actor_name, reason, data)
     SELECT id, $9, was, $2, $3, $4, $5, $7 FROM u RETURNING return_id AS id`,
    [
      id,
      to,
      actor.id,
      actor.name,
      e.reason ?? null,
      !!e.set?.decided,
      e.data ? JSON.stringify(e.data) : null,
      e.set?.locationId ?? null,
      e.type,
    ],
  );
  return rows.length > 0;
}

/** An event of a return that does not move it (a refund issued, a label printed). */
export async function recordReturnEvent(
  m: Tx,
  id: string,
  actor: Actor,
  type: string,
  reason: string | null,
  data?: Record<string, unknown>,
) {
  await m.query(`INSERT INTO return_events (return_id, type, actor_id, actor_name, reason, data) VALUES ($1, $2, $3, $4, $5, $6)`, [
    id,
    type,
    actor.id,
    actor.name,
    reason,
    data ? JSON.stringify(data) : null,
  ]);
}
