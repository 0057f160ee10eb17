/**
 * Printing's part of the exception inbox: print jobs that failed (retries used up). A SELECT with
 * the exception inbox's item columns (kind, ref_id, order_id, since, reason_text, reason_code,
 * reason_params, detail). A job about an order names it in `ref.orderId`.
 */
export const printExceptionItemsSql = (): string => `
  SELECT 'print_failure'::text AS kind, j.id::text AS ref_id,
         CASE WHEN j.ref->>'orderId' ~* '^[0-9a-f-]{36}$' THEN (j.ref->>'orderId')::uuid END AS order_id, j.updated_at AS since,
         NULL::text AS reason_text, 'exception.print_failed' AS reason_code,
         jsonb_build_object('title', j.title, 'error', coalesce(j.last_error, '—')) AS reason_params,
         jsonb_build_object('printer', p.name, 'docType', j.doc_type) AS detail
  FROM print_jobs j LEFT JOIN printers p ON p.id = j.printer_id WHERE j.status = 'failed'`;
