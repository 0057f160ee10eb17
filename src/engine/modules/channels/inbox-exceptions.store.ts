/**
 * The channel inbox's part of the exception inbox: messages that could not become an order
 * (quarantined, failed repeatedly, held). One SELECT with the exception inbox's item columns
 * (kind, ref_id, order_id, since, reason_text, reason_code, reason_params, detail); the exceptions
 * module puts every module's part into one query.
 */
export const inboxExceptionItemsSql = (): string => `
  SELECT 'intake_quarantine'::text AS kind, i.id::text AS ref_id, i.order_id, i.received_at AS since,
         i.error->>'reason' AS reason_text,
         CASE WHEN i.error->>'reason' IS NULL THEN 'exception.quarantined' END AS reason_code, '{}'::jsonb AS reason_params,
         jsonb_build_object('status', i.status, 'channelName', c.name, 'topic', i.topic) AS detail
  FROM inbox i LEFT JOIN channels c ON c.id = i.channel_id
  WHERE i.status IN ('quarantined', 'exception', 'held')`;
