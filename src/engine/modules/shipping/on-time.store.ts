import type { Tx } from '../../db/data-source';

/**
 * The carriers' measured on-time rate, per carrier account and destination region
 * (`orders.ship_to->>'region'`), over delivered shipments that had a promise: on time = delivered
 * by the promised moment. The rate shop weighs it; the late board shows it.
 */

/** Deliveries below this are too few to call a rate: the rate shop treats the rate as unknown. */
export const MIN_DELIVERIES_FOR_RATE = 10;
/** The window measured, in days back from now. */
export const ON_TIME_WINDOW_DAYS = 90;
/** The region of an order with none in its address. */
export const UNKNOWN_REGION = 'unknown';

export interface OnTimeRow {
  carrierAccountId: string;
  /** The carrier kind (`andreani`, `simulator`, …). */
  carrier: string;
  carrierName: string;
  region: string;
  delivered: number;
  onTime: number;
  /** onTime / delivered (0–1). Trust it only from {@link MIN_DELIVERIES_FOR_RATE} deliveries ({@link measuredRate}). */
  rate: number;
}

/** The rate when there is enough history, else null. */
export const measuredRate = (row: Pick<OnTimeRow, 'delivered' | 'rate'> | undefined): number | null =>
  row && row.delivered >= MIN_DELIVERIES_FOR_RATE ? row.rate : null;

/**
 * On-time rows per account and region over the last `days` (default 90), optionally only for some
 * accounts or one region; biggest first.
 */
export async function onTimeRates(
  m: Tx,
  opts: { accountIds?: readonly string[]; region?: string; days?: number } = {},
): Promise<OnTimeRow[]> {
  const rows: { account: string; kind: string; name: string; region: string; delivered: string; on_time: string }[] = await m.query(
    `SELECT s.carrier_account_id AS account, a.kind, a.name,
       coalesce(nullif(trim(o.ship_to->>'region'), ''), '${UNKNOWN_REGION}') AS region,
       count(*) AS delivered, count(*) FILTER (WHERE s.delivered_at <= s.promised_at) AS on_time
     FROM shipments s JOIN orders o ON o.id = s.order_id JOIN carrier_accounts a ON a.id = s.carrier_account_id
     WHERE s.status = 'delivered' AND s.promised_at IS NOT NULL AND s.delivered_at IS NOT NULL
       AND s.delivered_at > now() - make_interval(days => $1)
       AND ($2::text[] IS NULL OR s.carrier_account_id = ANY($2::text[]))
       AND ($3::text IS NULL OR coalesce(nullif(trim(o.ship_to->>'region'), ''), '${UNKNOWN_REGION}') = $3)
     GROUP BY 1, 2, 3, 4 ORDER BY count(*) DESC, 1, 4`,
    [opts.days ?? ON_TIME_WINDOW_DAYS, opts.accountIds ? [...opts.accountIds] : null, opts.region ?? null],
  );
  return rows.map((r) => ({
    carrierAccountId: r.account,
    carrier: r.kind,
    carrierName: r.name,
    region: r.region,
    delivered: Number(r.delivered),
    onTime: Number(r.on_time),
    rate: Number(r.delivered) ? Number(r.on_time) / Number(r.delivered) : 0,
  }));
}

/** The region key of an address, as {@link onTimeRates} groups it. */
export const regionOf = (shipTo: { region?: string | null } | null | undefined): string => shipTo?.region?.trim() || UNKNOWN_REGION;
