import type { ShippingPolicy } from '../../../shared';
import type { Tx } from '../../db/data-source';

/** The shipping policy (one row, table `shipping_policy`): rate-shop weights, handling time, delay thresholds, holidays. */

interface Row {
  late_day_cost: string;
  min_on_time_rate: string;
  handling_hours: number;
  stalled_business_days: number;
  branch_wait_days: number;
  holiday_country: string;
}

const toPolicy = (r: Row): ShippingPolicy => ({
  lateDayCost: Number(r.late_day_cost),
  minOnTimeRate: Number(r.min_on_time_rate),
  handlingHours: r.handling_hours,
  stalledBusinessDays: r.stalled_business_days,
  branchWaitDays: r.branch_wait_days,
  holidayCountry: r.holiday_country,
});

const COLS = 'late_day_cost, min_on_time_rate, handling_hours, stalled_business_days, branch_wait_days, holiday_country';

export async function getShippingPolicy(m: Tx): Promise<ShippingPolicy> {
  const rows: Row[] = await m.query(`SELECT ${COLS} FROM shipping_policy WHERE id`);
  return toPolicy(rows[0]!);
}

/** Writes the policy; answers the one it replaced (for the audit note). */
export async function writeShippingPolicy(m: Tx, p: ShippingPolicy): Promise<ShippingPolicy> {
  const before = await m.query(`SELECT ${COLS} FROM shipping_policy WHERE id FOR UPDATE`);
  await m.query(
    `UPDATE shipping_policy SET late_day_cost = $1, min_on_time_rate = $2, handling_hours = $3, stalled_business_days = $4,
       branch_wait_days = $5, holiday_country = $6, updated_at = now() WHERE id`,
    [p.lateDayCost, p.minOnTimeRate, p.handlingHours, p.stalledBusinessDays, p.branchWaitDays, p.holidayCountry],
  );
  return toPolicy((before as Row[])[0]!);
}
