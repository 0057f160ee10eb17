/**
 * Returns' part of the exception inbox: return requests waiting for a person's decision. A SELECT
 * with the exception inbox's item columns (kind, ref_id, order_id, since, reason_text, reason_code,
 * reason_params, detail).
 */
export const reviewExceptionItemsSql = (): string => `
  SELECT 'return_review'::text AS kind, r.id::text AS ref_id, r.order_id, r.requested_at AS since,
         NULL::text AS reason_text, 'exception.return_review' AS reason_code, jsonb_build_object('number', r.number) AS reason_params,
         jsonb_build_object('returnNumber', r.number, 'dueAt', r.due_at) AS detail
  FROM returns r WHERE r.status = 'requested'`;
