import { DEFAULT_TIME_ZONE, dayKey, localDayOf, weekdayOf } from './local-time';

/** How shipping explains itself to a planner: money as "$2,310", days as "Tue 15 Dec", dates as ISO days. */

export { DEFAULT_TIME_ZONE };

const SYMBOL: Record<string, string> = { ARS: '$', MXN: '$', USD: 'US$', CLP: '$', COP: '$', UYU: '$', BRL: 'R$', EUR: '€' };
const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 0 });
const cents = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/** "$2,310", "$2,310.50", "R$45.90", "GBP 12" — whole amounts without decimals. */
export function moneyText(m: { amount: number; currency: string }): string {
  const n = Number.isInteger(m.amount) ? grouped.format(m.amount) : cents.format(m.amount);
  const sym = SYMBOL[m.currency.toUpperCase()];
  return sym ? `${sym}${n}` : `${m.currency.toUpperCase()} ${n}`;
}

/** "Tue 15 Dec": the local day of an instant. */
export function shortDay(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const d = localDayOf(at, timeZone);
  return `${WEEKDAY[weekdayOf(d) - 1]} ${d.d} ${MONTH[d.mo - 1]}`;
}

/** "2026-12-15": the local day of an instant as an ISO date. */
export function isoDay(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return dayKey(localDayOf(at, timeZone));
}
