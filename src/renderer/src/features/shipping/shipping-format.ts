import { formatDateWith, formatPercent } from '../../i18n/format';
import type { Locale } from '../../i18n/i18n';

/** A day as people say it for deliveries: "lun 5 ene" / "Mon 5 Jan" (promises and ETAs are days, not instants). */
export function formatDay(locale: Locale, iso: string | null): string {
  if (!iso) return '—';
  return formatDateWith(locale, iso, { weekday: 'short', day: 'numeric', month: 'short' });
}

/** A rate (0–1) as a whole percentage: "94 %". */
export function formatRate(locale: Locale, rate: number): string {
  return formatPercent(locale, rate);
}
