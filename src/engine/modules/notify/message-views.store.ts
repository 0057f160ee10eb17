import type { MessageStatus, NotificationChannel, NotificationEvent, NotificationMessage } from '../../../shared';
import type { Tx } from '../../db/data-source';

/** What the desk reads of notification messages: an order's, the failed ones, one with its log, the webhook deliveries. */

interface MessageRow {
  id: string;
  event: NotificationEvent;
  order_id: string;
  number: string;
  shipment_id: string | null;
  channel: NotificationChannel;
  recipient: string | null;
  locale: string;
  status: MessageStatus;
  reason: string | null;
  attempts: number;
  next_attempt_at: Date | null;
  subject: string | null;
  preview: string | null;
  created_at: Date;
  sent_at: Date | null;
  pickup_code: string | null;
}

const SELECT = `SELECT n.id, n.event, n.order_id, o.number, n.shipment_id, n.channel, n.recipient, n.locale, n.status, n.reason, n.attempts,
  n.next_attempt_at, n.subject, n.preview, n.created_at, n.sent_at, n.view->>'pickupCode' AS pickup_code
  FROM notification_messages n JOIN orders o ON o.id = n.order_id`;

/** Who reads messages: a pickup code in a message is shown only to those who may see pickup codes. */
export interface MessageReader {
  seesPickupCode: boolean;
}

const hideCode = (text: string | null, code: string | null): string | null =>
  text !== null && code ? text.split(code).join('••••••') : text;

const toMessage = (r: MessageRow, reader: MessageReader): NotificationMessage => ({
  id: r.id,
  event: r.event,
  orderId: r.order_id,
  orderNumber: Number(r.number),
  shipmentId: r.shipment_id,
  channel: r.channel,
  recipient: r.recipient,
  locale: r.locale,
  status: r.status,
  reason: r.reason,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at?.toISOString() ?? null,
  subject: reader.seesPickupCode ? r.subject : hideCode(r.subject, r.pickup_code),
  preview: reader.seesPickupCode ? r.preview : hideCode(r.preview, r.pickup_code),
  createdAt: r.created_at.toISOString(),
  sentAt: r.sent_at?.toISOString() ?? null,
});

export async function messagesOfOrder(m: Tx, orderId: string, reader: MessageReader): Promise<NotificationMessage[]> {
  const rows: MessageRow[] = await m.query(`${SELECT} WHERE n.order_id = $1 ORDER BY n.created_at, n.id`, [orderId]);
  return rows.map((r) => toMessage(r, reader));
}

export async function failedMessages(m: Tx, limit: number, reader: MessageReader): Promise<NotificationMessage[]> {
  const rows: MessageRow[] = await m.query(`${SELECT} WHERE n.status IN ('failed','undeliverable') ORDER BY n.updated_at DESC LIMIT $1`, [
    limit,
  ]);
  return rows.map((r) => toMessage(r, reader));
}

export async function messageById(
  m: Tx,
  id: string,
  reader: MessageReader,
): Promise<{ message: NotificationMessage; attempts: { at: string; outcome: string; reply: string | null; actor: string }[] } | null> {
  const rows: MessageRow[] = await m.query(`${SELECT} WHERE n.id = $1`, [id]);
  if (!rows[0]) return null;
  const attempts: { at: Date; outcome: string; reply: string | null; actor: string }[] = await m.query(
    `SELECT at, outcome, reply, actor FROM notification_attempts WHERE message_id = $1 ORDER BY id`,
    [id],
  );
  return { message: toMessage(rows[0], reader), attempts: attempts.map((a) => ({ ...a, at: a.at.toISOString() })) };
}

/** The merchant webhook deliveries, newest first (of one endpoint, or all). */
export async function webhookDeliveries(m: Tx, endpointId: string | null, limit: number): Promise<NotificationMessage[]> {
  const rows: MessageRow[] = await m.query(
    `${SELECT} WHERE n.channel = 'webhook' AND ($1::text IS NULL OR n.endpoint_id = $1) ORDER BY n.created_at DESC, n.id LIMIT $2`,
    [endpointId, limit],
  );
  return rows.map((r) => toMessage(r, { seesPickupCode: false }));
}
