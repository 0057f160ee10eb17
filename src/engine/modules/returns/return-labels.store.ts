import { randomBytes } from 'node:crypto';
import type { Return } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';

/**
 * Return labels bought from a carrier (`return_labels`, migration 0029): ordered at approval,
 * bought by a worker with backoff, downloaded by the customer through an unguessable token, and
 * watched until the carrier's first scan.
 */

/** Orders a label for an approved return, to be bought once the approval commits. */
export async function orderReturnLabel(m: Tx, returnId: string, carrier: { accountId: string; service: string }): Promise<void> {
  await m.query(
    `INSERT INTO return_labels (return_id, carrier_account_id, service, token, status) VALUES ($1, $2, $3, $4, 'pending')
     ON CONFLICT (return_id) DO NOTHING`,
    [returnId, carrier.accountId, carrier.service, randomBytes(24).toString('base64url')],
  );
}

export interface DueLabel {
  returnId: string;
  accountId: string;
  service: string;
  token: string;
  attempts: number;
}

/**
 * Takes up to `limit` labels due to be bought, leased for `leaseMs` (a node that dies mid-call
 * leaves them to another after that); each take counts as an attempt.
 */
export async function takeDueLabels(m: Tx, limit: number, leaseMs: number): Promise<DueLabel[]> {
  return returningRows<DueLabel>(
    m,
    `WITH due AS (SELECT return_id FROM return_labels WHERE status = 'pending' AND next_try_at <= now()
                  ORDER BY next_try_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     UPDATE return_labels l SET attempts = attempts + 1, next_try_at = now() + make_interval(secs => $2::float8 / 1000), updated_at = now()
     FROM due WHERE l.return_id = due.return_id
     RETURNING l.return_id AS "returnId", l.carrier_account_id AS "accountId", l.service, l.token, l.attempts`,
    [limit, leaseMs],
  );
}

/** What a return label is made of: the customer's address, the receiving location, the parcel. */
export interface LabelFacts {
  returnNumber: number;
  status: Return['status'];
  orderId: string;
  orderNumber: number;
  customer: { name: string; phone?: string; email?: string };
  shipTo: { line1: string; city: string; region?: string; postalCode?: string; country?: string; lat?: number; lng?: number };
  currency: string;
  value: number;
  location: { id: string; name: string; city: string; lat: number; lng: number } | null;
  weightGrams: number;
  /** Argentina's withdrawal procedure code, told with the approval. */
  procedureCode: string | null;
  method: Return['method'];
}

/** The return's facts for its label; the receiving location is the return's, else the one that shipped the order. */
export async function labelFacts(m: Tx, returnId: string): Promise<LabelFacts | null> {
  const rows: (Omit<LabelFacts, 'value' | 'orderNumber' | 'returnNumber' | 'weightGrams' | 'procedureCode' | 'method'> & {
    method: Return['method'];
    procedure_code: string | null;
    value: string;
    order_number: string;
    return_number: string;
    weight_grams: number;
  })[] = await m.query(
    `SELECT r.number AS return_number, r.status, r.order_id AS "orderId", o.number AS order_number, o.customer, o.ship_to AS "shipTo",
       trim(o.currency) AS currency, r.value, r.procedure_code, r.method,
       (SELECT jsonb_build_object('id', l.id, 'name', l.name, 'city', l.city, 'lat', l.lat, 'lng', l.lng) FROM locations l
          WHERE l.id = coalesce(r.location_id,
            (SELECT f.location_id FROM fulfilment_orders f WHERE f.order_id = r.order_id ORDER BY f.created_at LIMIT 1))) AS location,
       (SELECT coalesce(sum(rl.quantity * coalesce(p.weight_grams, 0)), 0)::int FROM return_lines rl LEFT JOIN products p ON p.sku = rl.sku
          WHERE rl.return_id = r.id) AS weight_grams
     FROM returns r JOIN orders o ON o.id = r.order_id WHERE r.id = $1`,
    [returnId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    returnNumber: Number(r.return_number),
    status: r.status,
    orderId: r.orderId,
    orderNumber: Number(r.order_number),
    customer: r.customer,
    shipTo: r.shipTo,
    currency: r.currency,
    value: Number(r.value),
    location: r.location,
    weightGrams: r.weight_grams || 500,
    procedureCode: r.procedure_code,
    method: r.method,
  };
}

/** Records the label the carrier made. Answers false when the label was no longer pending (another node recorded it). */
export async function labelBought(
  m: Tx,
  returnId: string,
  l: { externalId: string; trackingNumber: string; trackingUrl: string | null; format: 'zpl' | 'pdf'; bytes: Uint8Array; url: string },
): Promise<boolean> {
  const rows = await returningRows(
    m,
    `UPDATE return_labels SET status = 'created', external_id = $2, tracking_number = $3, tracking_url = $4, format = $5, bytes = $6,
       url = $7, last_error = NULL, updated_at = now()
     WHERE return_id = $1 AND status = 'pending' RETURNING return_id`,
    [returnId, l.externalId, l.trackingNumber, l.trackingUrl, l.format, Buffer.from(l.bytes), l.url],
  );
  return rows.length > 0;
}

/** The courier's pickup of a bought label, as the carrier confirmed it. */
export async function pickupBooked(m: Tx, returnId: string, date: string, confirmation: string): Promise<void> {
  await m.query(`UPDATE return_labels SET pickup_date = $2::date, pickup_confirmation = $3, updated_at = now() WHERE return_id = $1`, [
    returnId,
    date,
    confirmation,
  ]);
}

/** A failed try: again after `retryInMs`, or given up (`retryInMs` null) with the reason. */
export async function labelFailed(m: Tx, returnId: string, error: string, retryInMs: number | null): Promise<void> {
  await m.query(
    `UPDATE return_labels SET last_error = $2, updated_at = now(),
       status = CASE WHEN $3::float8 IS NULL THEN 'failed' ELSE status END,
       next_try_at = CASE WHEN $3::float8 IS NULL THEN next_try_at ELSE now() + make_interval(secs => $3::float8 / 1000) END
     WHERE return_id = $1 AND status = 'pending'`,
    [returnId, error.slice(0, 1_000), retryInMs],
  );
}

/** The label behind a customer's link. */
export async function labelByToken(m: Tx, token: string): Promise<{ format: 'zpl' | 'pdf'; bytes: Buffer; returnNumber: number } | null> {
  const rows: { format: 'zpl' | 'pdf'; bytes: Buffer; number: string }[] = await m.query(
    `SELECT l.format, l.bytes, r.number FROM return_labels l JOIN returns r ON r.id = l.return_id
     WHERE l.token = $1 AND l.status = 'created' AND r.status IN ('approved', 'in_transit')`,
    [token],
  );
  return rows[0] ? { format: rows[0].format, bytes: rows[0].bytes, returnNumber: Number(rows[0].number) } : null;
}

/** Bought labels of returns still waiting for their parcel's first scan, per carrier account. */
export async function unscannedLabels(m: Tx, limit: number): Promise<Map<string, { returnId: string; trackingNumber: string }[]>> {
  const rows: { account: string; return_id: string; tracking_number: string }[] = await m.query(
    `SELECT l.carrier_account_id AS account, l.return_id, l.tracking_number FROM return_labels l JOIN returns r ON r.id = l.return_id
     WHERE l.status = 'created' AND l.first_scan_at IS NULL AND r.status = 'approved' ORDER BY l.updated_at LIMIT $1`,
    [limit],
  );
  const by = new Map<string, { returnId: string; trackingNumber: string }[]>();
  for (const r of rows) by.set(r.account, [...(by.get(r.account) ?? []), { returnId: r.return_id, trackingNumber: r.tracking_number }]);
  return by;
}

/** The first scan, once. Answers whether this call recorded it. */
export async function markFirstScan(m: Tx, returnId: string, at: Date): Promise<boolean> {
  const rows = await returningRows(
    m,
    `UPDATE return_labels SET first_scan_at = $2, updated_at = now() WHERE return_id = $1 AND first_scan_at IS NULL RETURNING return_id`,
    [returnId, at],
  );
  return rows.length > 0;
}

/** The public link to a label: the engine's address and the token. */
export const labelUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/api/v1/returns/labels/${token}`;
