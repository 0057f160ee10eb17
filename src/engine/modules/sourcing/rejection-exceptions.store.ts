/**
 * Sourcing's part of the exception inbox: orders a store gave back (rejected or came up short) that
 * have not found another location yet (still `received` or `unfillable`). One item per order, about
 * its latest rejection. A SELECT with the exception inbox's item columns (kind, ref_id, order_id,
 * since, reason_text, reason_code, reason_params, detail).
 */
export const rejectionExceptionItemsSql = (): string => `
  SELECT DISTINCT ON (o.id) 'store_rejection'::text AS kind, o.id::text AS ref_id, o.id AS order_id, r.at AS since,
         NULL::text AS reason_text, 'exception.rejected_' || r.code AS reason_code,
         jsonb_build_object('location', coalesce(l.name, r.location_id)) AS reason_params,
         jsonb_build_object('status', o.status, 'locationId', r.location_id, 'rejection', r.code) AS detail
  FROM orders o
  JOIN (
    SELECT x.order_id, x.location_id, x.reason_code AS code, x.created_at AS at FROM sourcing_exclusions x
    UNION ALL
    SELECT b.order_id, b.location_id, 'no_capacity', b.created_at FROM location_day_blocks b WHERE b.order_id IS NOT NULL
  ) r ON r.order_id = o.id
  LEFT JOIN locations l ON l.id = r.location_id
  WHERE o.status IN ('received', 'unfillable') AND r.at >= o.created_at
  ORDER BY o.id, r.at DESC`;
