import type { Locale } from '../../i18n/i18n';

const tag = (l: Locale) => (l === 'es' ? 'es-AR' : 'en-GB');

/** A day as people say it for deliveries: "lun 5 ene" / "Mon 5 Jan" (promises and ETAs are days, not instants). */
export function formatDay(locale: Locale, iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(tag(locale), { weekday: 'short', day: 'numeric', month: 'short' }).format(d);
}

/** A rate (0–1) as a whole percentage: "94 %". */
export function formatRate(locale: Locale, rate: number): string {
  return new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}
