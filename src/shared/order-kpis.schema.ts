import { z } from 'zod';

/**
 * The planner's KPI strip (`orders.kpis`): six figures of the order flow, each defined here once —
 * the engine computes them in one SQL statement (`order-kpis.store.ts`), the desk's tooltips say the
 * same in words. The engine sends counts, not ratios, so a reader sees what a rate is made of and an
 * empty window is "no data", not 0 %. Every window ends at `asOf`, the database's clock.
 *
 * "Customer orders" are orders a channel or the desk took in: backorders (orders the engine split
 * off a short order, `backorder_of`) are not new demand and are left out of the intake, fill and
 * split figures; the backlog and the at-risk count take every open order, as the queue's counts do.
 */

/** Orders/h: customer orders received in the last 60 minutes, and in the 60 before them (the trend). */
export const KpiThroughputSchema = z.object({
  lastHour: z.number().int(),
  previousHour: z.number().int(),
});

/**
 * Fill rate — the order fill rate as supply-chain practice (SCOR "orders delivered in full") and OMS
 * vendors define it, taken at sourcing: of the customer orders received in the last 24 h that the
 * engine has decided (their first sourcing decision has been made), the share whose first decision
 * sourced every ordered unit. Not filled: first decided unfillable (even if sourced later), or
 * sourced only in part (units backordered or cancelled as unavailable). Orders still waiting for
 * their first decision, and orders cancelled before it, are not counted.
 */
export const KpiFillSchema = z.object({
  /** Customer orders received in the last 24 h with a first sourcing decision. */
  decided: z.number().int(),
  /** Of those, sourced complete at their first decision. */
  filledFirstTime: z.number().int(),
});

/**
 * Split rate: of the customer orders received in the last 24 h that hold stock somewhere (at least
 * one fulfilment order not cancelled), the share that ship from more than one fulfilment order.
 */
export const KpiSplitSchema = z.object({
  sourced: z.number().int(),
  split: z.number().int(),
});

/**
 * On-time %: of the orders that left in the last 24 h — shipped, or handed over at a counter
 * without shipping (packed → delivered) — the share that left by their deadline (`due_at`: the
 * promised date, else arrival plus the default service level; the queue's "late" is past it).
 */
export const KpiOnTimeSchema = z.object({
  left: z.number().int(),
  onTime: z.number().int(),
});

/**
 * Backlog age: the open orders (the queue's open statuses: received, unfillable, sourced, picked,
 * packed), when the oldest arrived and when the median one did (for an even count, the older of the
 * two middle orders); ages are `asOf` minus these. Null without open orders.
 */
export const KpiBacklogSchema = z.object({
  open: z.number().int(),
  oldestCreatedAt: z.string().nullable(),
  medianCreatedAt: z.string().nullable(),
});

/**
 * At risk: open orders due within the queue's at-risk window (`AT_RISK_HOURS`) and not yet late,
 * and open orders already past their deadline — exactly the queue's "at risk" and "late" counts.
 */
export const KpiRiskSchema = z.object({
  atRisk: z.number().int(),
  late: z.number().int(),
});

export const OrderKpisSchema = z.object({
  /** The database's clock when the figures were taken: every window ends here. */
  asOf: z.string(),
  throughput: KpiThroughputSchema,
  fill: KpiFillSchema,
  split: KpiSplitSchema,
  onTime: KpiOnTimeSchema,
  backlog: KpiBacklogSchema,
  risk: KpiRiskSchema,
});
export type OrderKpis = z.infer<typeof OrderKpisSchema>;
