/**
 * How the map grades a location, in one place so the engine (which sends the grade), the desk's
 * legend and the tests state the same thresholds.
 *
 * - critical: the backlog here is at least a full day's capacity (`BACKLOG_CRITICAL` × daily capacity),
 *   or there is a backlog and no capacity at all;
 * - busy: the backlog is past `BACKLOG_BUSY` of daily capacity, or some orders here are late, or some
 *   SKUs with open demand have nothing to promise here (stock-outs that matter);
 * - ok: the rest; paused: a supervisor paused it (sourcing does not choose it).
 *
 * Late orders and stock-outs never make a location red on their own: red means "more work waiting
 * than it can do today", which is what a planner acts on by moving work elsewhere.
 */
export const HEALTH_GRADES = ['ok', 'busy', 'critical', 'paused'] as const;
export type HealthGrade = (typeof HEALTH_GRADES)[number];

/** Backlog ÷ daily capacity from which a location is busy (amber). */
export const BACKLOG_BUSY = 0.7;
/** Backlog ÷ daily capacity from which a location is critical (red). */
export const BACKLOG_CRITICAL = 1;
/** An order waiting at a location longer than this, or past its promised date, is late. */
export const LATE_AFTER_HOURS = 24;
/** How far back a reservation at a location counts as recent demand for its SKU there. */
export const RECENT_DEMAND_DAYS = 7;

export interface HealthInputs {
  active: boolean;
  dailyCapacity: number;
  backlog: number;
  late: number;
  stockOuts: number;
}

/** Backlog ÷ daily capacity (Infinity with a backlog and no capacity, 0 with neither). */
export function backlogLoad(l: Pick<HealthInputs, 'dailyCapacity' | 'backlog'>): number {
  if (l.dailyCapacity > 0) return l.backlog / l.dailyCapacity;
  return l.backlog > 0 ? Infinity : 0;
}

/** The grade of one location (see the module comment for the rules). */
export function gradeLocation(l: HealthInputs): HealthGrade {
  if (!l.active) return 'paused';
  const load = backlogLoad(l);
  if (load >= BACKLOG_CRITICAL) return 'critical';
  if (load >= BACKLOG_BUSY || l.late > 0 || l.stockOuts > 0) return 'busy';
  return 'ok';
}
