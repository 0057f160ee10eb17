/**
 * Shipping's part of the exception inbox: open shipment alerts (no first scan, stalled, late,
 * carrier exceptions, refused labels). A SELECT with the exception inbox's item columns (kind,
 * ref_id, order_id, since, reason_text, reason_code, reason_params, detail).
 */
export const alertExceptionItemsSql = (): string => `
  SELECT 'carrier_exception'::text AS kind, a.id::text AS ref_id, a.order_id, a.raised_at AS since,
         NULL::text AS reason_text, 'exception.shipment_alert' AS reason_code,
         jsonb_build_object('carrier', coalesce(ca.name, s.carrier_account_id, '—'), 'detail', a.detail) AS reason_params,
         jsonb_build_object('alert', a.reason, 'carrierName', ca.name, 'trackingNumber', s.tracking_number) AS detail
  FROM shipment_alerts a
  JOIN shipments s ON s.id = a.shipment_id
  LEFT JOIN carrier_accounts ca ON ca.id = s.carrier_account_id
  WHERE a.status = 'open'`;
