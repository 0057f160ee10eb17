import type { MessageStatus, NotificationChannel, NotificationEvent } from '../../../shared';
import type { Db, Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';

/**
 * Notification messages in SQL: the messages made from the outbox (de-duplicated by key),
 * claiming the ones due with a lease, recording one as sent with its point of no return, what each
 * try did, and a resend. The outbox: outbox.store.ts; what the desk reads: message-views.store.ts.
 */

/** A message to keep (an intent); its key makes it once, however often the outbox row is expanded. */
export interface NewMessage {
  id: string;
  key: string;
  outboxId: string;
  event: NotificationEvent;
  orderId: string;
  shipmentId: string | null;
  channel: NotificationChannel;
  recipient: string | null;
  endpointId: string | null;
  locale: string;
  view: Record<string, unknown>;
  status: Extract<MessageStatus, 'queued' | 'undeliverable' | 'suppressed'>;
  reason: string | null;
  nextAttemptAt: Date | null;
}

/** Keeps messages in one statement; a key kept before is left as it was. Answers how many are new. */
export async function insertMessages(m: Tx, list: readonly NewMessage[]): Promise<number> {
  if (!list.length) return 0;
  const rows = await returningRows<{ id: string }>(
    m,
    `INSERT INTO notification_messages (id, key, outbox_id, event, order_id, shipment_id, channel, recipient, endpoint_id, locale, view, status, reason, next_attempt_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[],
                          $11::jsonb[], $12::text[], $13::text[], $14::timestamptz[])
     ON CONFLICT (key) DO NOTHING RETURNING id`,
    [
      list.map((x) => x.id),
      list.map((x) => x.key),
      list.map((x) => x.outboxId),
      list.map((x) => x.event),
      list.map((x) => x.orderId),
      list.map((x) => x.shipmentId),
      list.map((x) => x.channel),
      list.map((x) => x.recipient),
      list.map((x) => x.endpointId),
      list.map((x) => x.locale),
      list.map((x) => JSON.stringify(x.view)),
      list.map((x) => x.status),
      list.map((x) => x.reason),
      list.map((x) => x.nextAttemptAt),
    ],
  );
  return rows.length;
}

/** A message claimed for sending. */
export interface DueMessage {
  id: string;
  key: string;
  event: NotificationEvent;
  orderId: string;
  channel: NotificationChannel;
  recipient: string | null;
  endpointId: string | null;
  locale: string;
  view: Record<string, unknown>;
  attempts: number;
  /** This claim's token: only it may record the outcome (a node whose lease ran out may not). */
  claim: string;
}

/**
 * Claims up to `limit` messages due — queued or retrying whose time came, or left `sending` by a
 * node that died (its lease ran out) — holding them for `leaseSeconds`. Counts the attempt.
 */
export async function claimDueMessages(m: Tx, limit: number, leaseSeconds: number): Promise<DueMessage[]> {
  const rows = await returningRows<{
    id: string;
    key: string;
    event: NotificationEvent;
    order_id: string;
    channel: NotificationChannel;
    recipient: string | null;
    endpoint_id: string | null;
    locale: string;
    view: Record<string, unknown>;
    attempts: number;
    claim: string;
  }>(
    m,
    `UPDATE notification_messages n SET status = 'sending', lease_until = now() + make_interval(secs => $2), attempts = n.attempts + 1,
       claim = gen_random_uuid(), updated_at = now()
     FROM (SELECT id FROM notification_messages
           WHERE status IN ('queued','retrying','sending') AND coalesce(CASE WHEN status = 'sending' THEN lease_until END, next_attempt_at, now()) <= now()
           ORDER BY next_attempt_at NULLS FIRST LIMIT $1 FOR UPDATE SKIP LOCKED) due
     WHERE n.id = due.id
     RETURNING n.id, n.key, n.event, n.order_id, n.channel, n.recipient, n.endpoint_id, n.locale, n.view, n.attempts, n.claim`,
    [limit, leaseSeconds],
  );
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    event: r.event,
    orderId: r.order_id,
    channel: r.channel,
    recipient: r.recipient,
    endpointId: r.endpoint_id,
    locale: r.locale,
    view: r.view,
    attempts: r.attempts,
    claim: r.claim,
  }));
}

/** A message about to pass its point of no return, as recorded sent. */
export interface HeldMessage {
  id: string;
  /** The claim that is sending it. */
  claim: string;
  subject: string | null;
  preview: string;
}

/**
 * Marks a group of messages sent in one transaction left open, each only if its claim still holds
 * it (one whose lease ran out and was taken by another node is not in `held`: its send is
 * abandoned). `commit()` sends the COMMIT at once and answers when it is done: the worker calls it
 * in the same turn as the providers' points of no return (each e-mail's end-of-data dot), so the
 * row and the dot leave this process together or not at all — a worker killed before sent
 * neither (the rows roll back, the server discards the messages), one killed after sent both.
 * Every message recorded sent has its line in the delivery log from the same statement; the
 * provider's receipt (its id and reply) is added to it later ({@link recordReceipts}).
 */
export async function holdSent(ds: Db, group: readonly HeldMessage[]): Promise<{ held: Set<string>; commit(): Promise<void> }> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.startTransaction();
    const rows = await returningRows<{ id: string }>(
      qr.manager,
      `WITH g AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS g(id, claim, subject, preview)),
       u AS (
         UPDATE notification_messages n SET status = 'sent', sent_at = now(), subject = g.subject, preview = g.preview, reason = NULL,
           next_attempt_at = NULL, lease_until = NULL, updated_at = now()
         FROM g WHERE n.id = g.id AND n.claim = g.claim AND n.status = 'sending' RETURNING n.id)
       INSERT INTO notification_attempts (message_id, outcome) SELECT id, 'sent' FROM u RETURNING message_id AS id`,
      [group.map((x) => x.id), group.map((x) => x.claim), group.map((x) => x.subject), group.map((x) => x.preview)],
    );
    if (!rows.length) {
      await qr.rollbackTransaction();
      await qr.release();
      return { held: new Set(), commit: () => Promise.resolve() };
    }
    return {
      held: new Set(rows.map((r) => r.id)),
      commit: () => qr.commitTransaction().finally(() => qr.release()),
    };
  } catch (e) {
    await qr.release();
    throw e;
  }
}

/** What one try did, for the message and its delivery log (one statement). */
export interface MessageOutcome {
  id: string;
  /** The claim that tried it. */
  claim: string;
  status: Extract<MessageStatus, 'sent' | 'retrying' | 'failed' | 'undeliverable' | 'queued'>;
  reason: string | null;
  providerId?: string | null;
  reply?: string | null;
  subject?: string | null;
  preview?: string | null;
  nextAttemptAt?: Date | null;
  /** Undo the attempt count (a message held for quiet hours was not tried). */
  notTried?: boolean;
  outcome: string;
}

export async function recordOutcome(m: Tx, o: MessageOutcome): Promise<void> {
  await m.query(
    `WITH u AS (
       UPDATE notification_messages SET status = $2, reason = $3, provider_id = coalesce($4, provider_id), reply = coalesce($5, reply),
         subject = coalesce($6, subject), preview = coalesce($7, preview), next_attempt_at = $8, lease_until = NULL,
         attempts = attempts - CASE WHEN $9 THEN 1 ELSE 0 END,
         sent_at = CASE WHEN $2 = 'sent' THEN now() WHEN $2 IN ('retrying','failed','undeliverable') THEN NULL ELSE sent_at END, updated_at = now()
       WHERE id = $1 AND claim = $11 AND status IN ('sending','sent') RETURNING id),
     -- A message recorded sent at its dot whose server then refused it: its 'sent' line becomes this outcome.
     was AS (SELECT status FROM notification_messages WHERE id = $1 AND claim = $11),
     fixed AS (
       UPDATE notification_attempts SET outcome = $10, reply = $5, at = now()
       WHERE id = (SELECT max(id) FROM notification_attempts WHERE message_id = $1 AND outcome = 'sent' AND reply IS NULL)
         AND NOT $9 AND $2 <> 'sent' AND (SELECT status FROM was) = 'sent' AND EXISTS (SELECT 1 FROM u)
       RETURNING id)
     INSERT INTO notification_attempts (message_id, outcome, reply) SELECT id, $10, $5 FROM u WHERE NOT $9 AND NOT EXISTS (SELECT 1 FROM fixed)`,
    [
      o.id,
      o.status,
      o.reason,
      o.providerId ?? null,
      o.reply ?? null,
      o.subject ?? null,
      o.preview ?? null,
      o.nextAttemptAt ?? null,
      !!o.notTried,
      o.outcome,
      o.claim,
    ],
  );
}

/**
 * The providers' receipts of messages already recorded as sent (their id, the server's reply),
 * many in one statement: the reply goes on the message and on the 'sent' line of its delivery log
 * that {@link holdSent} wrote.
 */
export async function recordReceipts(
  m: Tx,
  receipts: readonly { id: string; claim: string; providerId: string | null; reply: string; subject: string | null; preview: string }[],
): Promise<void> {
  if (!receipts.length) return;
  await m.query(
    `WITH r AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS r(id, claim, provider_id, reply, subject, preview)),
     u AS (
       UPDATE notification_messages n SET provider_id = r.provider_id, reply = r.reply, subject = r.subject, preview = r.preview, updated_at = now()
       FROM r WHERE n.id = r.id AND n.claim = r.claim AND n.status = 'sent' RETURNING n.id, r.reply),
     last AS (SELECT max(a.id) AS id, u.reply FROM u JOIN notification_attempts a ON a.message_id = u.id AND a.outcome = 'sent' GROUP BY u.id, u.reply)
     UPDATE notification_attempts a SET reply = last.reply FROM last WHERE a.id = last.id`,
    [
      receipts.map((x) => x.id),
      receipts.map((x) => x.claim),
      receipts.map((x) => x.providerId),
      receipts.map((x) => x.reply),
      receipts.map((x) => x.subject),
      receipts.map((x) => x.preview),
    ],
  );
}

/** Queues a message again by hand (resend), with who and why in its log; null when there is no such message. */
export async function requeueMessage(m: Tx, id: string, actor: string, why: string): Promise<boolean> {
  const rows = await returningRows<{ id: string }>(
    m,
    `WITH u AS (
       UPDATE notification_messages SET status = 'queued', next_attempt_at = now(), reason = NULL, lease_until = NULL, claim = NULL, updated_at = now()
       WHERE id = $1 AND status <> 'sending' RETURNING id)
     INSERT INTO notification_attempts (message_id, outcome, reply, actor) SELECT id, 'resend', $3, $2 FROM u RETURNING message_id AS id`,
    [id, actor, why],
  );
  return rows.length > 0;
}
