import type { Locale } from './i18n';

const tag = (l: Locale) => (l === 'es' ? 'es-AR' : 'en-GB');

export function formatNumber(locale: Locale, n: number, opts?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(tag(locale), opts).format(n);
}

export function formatMoney(locale: Locale, amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(tag(locale), { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${currency} ${formatNumber(locale, amount)}`;
  }
}

export function formatDateTime(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'short', timeStyle: 'medium' }).format(d);
}

export function formatTime(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);
}

/** Hours and minutes in the locale's own clock ("7:00 p. m." in es-AR, "19:00" in en-GB). */
export function formatHourMinute(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(tag(locale), { hour: 'numeric', minute: '2-digit' }).format(d);
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', Infinity],
];

/** "3 min ago" / "hace 3 min": the age a planner reads at a glance. */
export function formatRelative(locale: Locale, iso: string, now: number = Date.now()): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  let value = (t - now) / 1000;
  // Just now, and a little in the future too: the shared clock ticks every few seconds and desks' clocks drift.
  if (value > -5 && value < 60) value = 0;
  const rtf = new Intl.RelativeTimeFormat(tag(locale), { numeric: 'auto', style: 'short' });
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return rtf.format(Math.round(value), unit);
    value /= size;
  }
  return rtf.format(Math.round(value), 'week');
}
