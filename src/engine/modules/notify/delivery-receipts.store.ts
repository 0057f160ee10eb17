import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';

/**
 * Providers' delivery receipts in SQL: what a channel later says became of messages it accepted
 * (WhatsApp's status webhooks), applied to `notification_messages` and logged in
 * `notification_attempts`, many in one statement.
 */

/** One receipt to apply: the provider's id of the send, and what became of it. */
export interface DeliveryReceipt {
  /** The provider's message id the send recorded (WhatsApp's wamid). */
  providerId: string;
  /** The message key the send passed along and the provider echoes (WhatsApp's biz_opaque_callback_data), when it did. */
  key: string | null;
  outcome: 'delivered' | 'failed';
  /** When it happened, by the provider's clock. */
  at: Date;
  /** The message's reason, for a failure. */
  reason: string | null;
  /** The provider's words, for the delivery log. */
  reply: string;
}

/** What a batch of receipts did. */
export interface ReceiptsApplied {
  /** Messages that moved (each with its line in the log). */
  applied: number;
  /** Provider ids no message of this channel has: not sent by Atalaya, or since forgotten. */
  unknown: string[];
  /** Provider ids of messages still being sent (the send's answer is not recorded yet): ask again later. */
  pending: string[];
  /** Provider ids of an earlier send of a message sent again since: left alone. */
  stale: string[];
}

/**
 * Applies receipts of one channel's messages in one statement. A message is found by its key when
 * the provider echoes it (the unique index), else by the provider id (a key that is not one of
 * ours, or a long one the send hashed), and moves only when the
 * receipt is about its latest send (the provider id it recorded) and only forwards:
 * - delivered (with the provider's time in `delivered_at`) from sent, or from failed — a message
 *   reported failed and then delivered reached the customer (a second device, a late report);
 * - failed (with the reason) from sent only: a delivered message stays delivered.
 * A message named twice in the batch takes its strongest receipt (delivered over failed, the
 * earliest time). A repeat, a late `sent` or a receipt older than the message's state changes
 * nothing, and a row locked by another batch is judged again once it is free, so two webhooks
 * reporting the same receipt at once log it once.
 */
export async function applyDeliveryReceipts(m: Tx, channel: 'whatsapp', receipts: readonly DeliveryReceipt[]): Promise<ReceiptsApplied> {
  if (!receipts.length) return { applied: 0, unknown: [], pending: [], stale: [] };
  const rows = await returningRows<ReceiptsApplied>(
    m,
    `WITH r AS (
       SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[]) WITH ORDINALITY
         AS r(provider_id, key, outcome, at, reason, reply, ord)),
     by_key AS (
       SELECT r.*, n.id, n.status AS was, n.provider_id AS recorded
         FROM r JOIN notification_messages n ON n.key = r.key AND n.channel = $1),
     hit AS (
       SELECT * FROM by_key
       UNION ALL
       SELECT r.*, n.id, n.status, n.provider_id
         FROM r JOIN notification_messages n ON n.provider_id = r.provider_id AND n.channel = $1
        WHERE NOT EXISTS (SELECT 1 FROM by_key k WHERE k.ord = r.ord)),
     best AS (
       SELECT DISTINCT ON (id) id, outcome, at, reason, reply FROM hit WHERE recorded = provider_id
       ORDER BY id, CASE outcome WHEN 'delivered' THEN 0 ELSE 1 END, at),
     u AS (
       UPDATE notification_messages n SET status = b.outcome,
         delivered_at = CASE WHEN b.outcome = 'delivered' THEN b.at ELSE n.delivered_at END,
         reason = CASE WHEN b.outcome = 'failed' THEN b.reason END, next_attempt_at = NULL, updated_at = now()
       FROM best b
       WHERE n.id = b.id AND (n.status = 'sent' OR (b.outcome = 'delivered' AND n.status = 'failed'))
       RETURNING n.id, b.outcome, b.reply),
     logged AS (INSERT INTO notification_attempts (message_id, outcome, reply) SELECT id, outcome, reply FROM u RETURNING message_id)
     SELECT (SELECT count(*) FROM logged)::int AS applied,
       coalesce((SELECT array_agg(r.provider_id ORDER BY r.ord) FROM r WHERE NOT EXISTS (SELECT 1 FROM hit h WHERE h.ord = r.ord)), '{}') AS unknown,
       coalesce((SELECT array_agg(h.provider_id ORDER BY h.ord) FROM hit h
                 WHERE h.recorded IS DISTINCT FROM h.provider_id AND h.was = 'sending'), '{}') AS pending,
       coalesce((SELECT array_agg(h.provider_id ORDER BY h.ord) FROM hit h
                 WHERE h.recorded IS DISTINCT FROM h.provider_id AND h.was <> 'sending'), '{}') AS stale`,
    [
      channel,
      receipts.map((x) => x.providerId),
      receipts.map((x) => x.key),
      receipts.map((x) => x.outcome),
      receipts.map((x) => x.at),
      receipts.map((x) => x.reason),
      receipts.map((x) => x.reply),
    ],
  );
  return rows[0]!;
}
