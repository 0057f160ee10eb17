import { isLate } from './order-queue.store';

/**
 * The orders' part of the exception inbox: orders no location can take (`unfillable`) and open
 * orders past their deadline (`due_at`, the promise or the default service level). Each is a SELECT
 * with the exception inbox's item columns (kind, ref_id, order_id, since, reason_text, reason_code,
 * reason_params, detail); the exceptions module puts every module's part into one query.
 */
export const unroutableExceptionItemsSql = (): string => `
  SELECT 'unroutable'::text AS kind, o.id::text AS ref_id, o.id AS order_id, o.created_at AS since,
         o.unfillable_reason AS reason_text,
         CASE WHEN o.unfillable_reason IS NULL THEN 'exception.unfillable' END AS reason_code, '{}'::jsonb AS reason_params,
         jsonb_build_object('status', o.status, 'attempts', o.sourcing_attempts) AS detail
  FROM orders o WHERE o.status = 'unfillable'`;

/** Open orders whose deadline has passed at `asOf` (an SQL expression); unfillable ones are the unroutable part's. */
export const lateExceptionItemsSql = (asOf: string): string => `
  SELECT 'late_order'::text AS kind, o.id::text AS ref_id, o.id AS order_id, o.due_at AS since,
         NULL::text AS reason_text, 'exception.late' AS reason_code, jsonb_build_object('dueAt', o.due_at) AS reason_params,
         jsonb_build_object('status', o.status) AS detail
  FROM orders o WHERE ${isLate(asOf)} AND o.status <> 'unfillable'`;

/** An order's number from its id (an SQL expression), for items that name an order. */
export const orderNumberSql = (orderIdExpr: string): string => `(SELECT number FROM orders WHERE id = ${orderIdExpr})`;
