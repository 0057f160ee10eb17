import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';

/**
 * Carrier webhooks, kept raw before anything is done with them (table `carrier_webhooks`). A webhook
 * is a hint: it names shipments, whose tracking is then fetched from the carrier. A redelivery (same
 * account and dedupe key) is one row. Rows are claimed by a lease (`next_attempt_at` pushed ahead),
 * so two worker nodes do not fetch the same hint at once, and one whose re-fetch failed waits and is
 * tried again — nothing is lost.
 */

export interface NewCarrierWebhook {
  accountId: string;
  dedupeKey: string;
  refs: readonly string[];
  headers: Record<string, string>;
  raw: Buffer;
  receivedAt: Date;
}

/** Keeps a verified webhook; false when the same delivery was kept before (nothing written). */
export async function insertCarrierWebhook(m: Tx, w: NewCarrierWebhook): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `INSERT INTO carrier_webhooks (carrier_account_id, dedupe_key, refs, headers, raw, received_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (carrier_account_id, dedupe_key) DO NOTHING RETURNING id`,
    [w.accountId, w.dedupeKey, [...w.refs], w.headers, w.raw, w.receivedAt],
  );
  return rows.length > 0;
}

export interface PendingWebhook {
  id: string;
  accountId: string;
  refs: string[];
  attempts: number;
}

/**
 * Claims up to `limit` webhooks not processed yet and due, oldest first, holding them for
 * `leaseSeconds` (a node that dies mid-way leaves them due again after the lease).
 */
export async function claimPendingWebhooks(m: Tx, limit: number, leaseSeconds: number): Promise<PendingWebhook[]> {
  const rows = await returningRows<{ id: string; carrier_account_id: string; refs: string[]; attempts: number }>(
    m,
    `UPDATE carrier_webhooks w SET next_attempt_at = now() + make_interval(secs => $2), attempts = w.attempts + 1
     FROM (SELECT id FROM carrier_webhooks WHERE processed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
           ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) due
     WHERE w.id = due.id RETURNING w.id, w.carrier_account_id, w.refs, w.attempts`,
    [limit, leaseSeconds],
  );
  return rows.map((r) => ({ id: String(r.id), accountId: r.carrier_account_id, refs: r.refs, attempts: r.attempts }));
}

/** The webhooks were applied (their shipments re-fetched); `note` says what was odd (refs naming no shipment). */
export async function markWebhooksProcessed(m: Tx, ids: readonly string[], note: string | null = null): Promise<void> {
  if (!ids.length) return;
  await m.query(`UPDATE carrier_webhooks SET processed_at = now(), next_attempt_at = NULL, last_error = $2 WHERE id = ANY($1::bigint[])`, [
    [...ids],
    note?.slice(0, 1000) ?? null,
  ]);
}

/** The re-fetch failed: why, and when to try again. */
export async function failWebhooks(m: Tx, ids: readonly string[], error: string, retryAt: Date): Promise<void> {
  if (!ids.length) return;
  await m.query(`UPDATE carrier_webhooks SET last_error = $2, next_attempt_at = $3 WHERE id = ANY($1::bigint[])`, [
    [...ids],
    error.slice(0, 1000),
    retryAt,
  ]);
}

/** How many webhooks wait to be applied (for tests and the bench). */
export async function pendingWebhookCount(m: Tx): Promise<number> {
  const rows: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM carrier_webhooks WHERE processed_at IS NULL`);
  return rows[0]?.n ?? 0;
}
