import { AT_RISK_HOURS, QUEUE_OPEN_STATUSES, type OrderStatus, type QueueOrder } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import type { Locale } from '../../i18n/i18n';

/** How urgent a queue row is now: the same rules the engine counts and sorts by (`order-queue.store.ts`). */
export type Urgency = 'late' | 'atRisk' | 'onTime' | 'closed';

const OPEN = new Set<OrderStatus>(QUEUE_OPEN_STATUSES);

export function urgencyOf(o: Pick<QueueOrder, 'status' | 'dueAt'>, now: number): Urgency {
  if (!OPEN.has(o.status) || !o.dueAt) return 'closed';
  const due = new Date(o.dueAt).getTime();
  if (due < now) return 'late';
  return due < now + AT_RISK_HOURS * 3_600_000 ? 'atRisk' : 'onTime';
}

/** A span of time in one unit, in the locale's short unit ("45 min", "3 h", "2 d"). */
export function shortSpan(locale: Locale, ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const [n, unit] =
    minutes < 60 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.floor(minutes / 60), 'hour'] : [Math.floor(minutes / 1440), 'day'];
  // Days in full: the short form of a day is cryptic in Spanish ("3 dd.").
  return formatNumber(locale, n, { style: 'unit', unit, unitDisplay: unit === 'day' ? 'long' : 'short' });
}
