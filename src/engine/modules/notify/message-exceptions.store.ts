/**
 * Notifications' part of the exception inbox: customer messages that failed or could not be
 * delivered. A SELECT with the exception inbox's item columns (kind, ref_id, order_id, since,
 * reason_text, reason_code, reason_params, detail).
 */
export const messageExceptionItemsSql = (): string => `
  SELECT 'failed_notification'::text AS kind, n.id::text AS ref_id, n.order_id, n.updated_at AS since,
         NULL::text AS reason_text, 'exception.message_failed' AS reason_code,
         jsonb_build_object('channel', n.channel, 'event', n.event, 'recipient', coalesce(n.recipient, n.endpoint_id, '—'),
           'error', coalesce(n.reason, n.status)) AS reason_params,
         jsonb_build_object('status', n.status, 'channel', n.channel, 'event', n.event) AS detail
  FROM notification_messages n WHERE n.status IN ('failed', 'undeliverable')`;
