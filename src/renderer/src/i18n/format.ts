import type { Locale } from './i18n';

/** The BCP 47 tag each desk language formats with: Argentine Spanish, British English, Brazilian Portuguese. */
const TAGS: Record<Locale, string> = { es: 'es-AR', en: 'en-GB', 'pt-BR': 'pt-BR' };

export const localeTag = (l: Locale): string => TAGS[l];

/**
 * Building an Intl formatter costs far more than using one (a profile of the desk under live load
 * spent 15 s of 35 s of blocked main thread in `new Intl.DateTimeFormat`), so each one is made once
 * per locale and options and reused. The key is the options as JSON: callers pass small literals.
 */
function cached<O extends object, F>(make: (tag: string, opts?: O) => F): (locale: Locale, opts?: O) => F {
  const made = new Map<string, F>();
  return (locale, opts) => {
    const key = `${locale}|${opts ? JSON.stringify(opts) : ''}`;
    let f = made.get(key);
    if (f === undefined) {
      f = make(TAGS[locale], opts);
      made.set(key, f);
    }
    return f;
  };
}

const numberFormat = cached((tag, opts?: Intl.NumberFormatOptions) => new Intl.NumberFormat(tag, opts));
const dateTimeFormat = cached((tag, opts?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, opts));
const relativeTimeFormat = cached((tag, opts?: Intl.RelativeTimeFormatOptions) => new Intl.RelativeTimeFormat(tag, opts));
const displayNames = cached((tag, opts?: Intl.DisplayNamesOptions) => new Intl.DisplayNames(tag, opts ?? { type: 'language' }));

export function formatNumber(locale: Locale, n: number, opts?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, opts).format(n);
}

export function formatMoney(locale: Locale, amount: number, currency: string): string {
  try {
    return numberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    // An unknown currency code: the code and the number, still in the locale's digits.
    return `${currency} ${formatNumber(locale, amount)}`;
  }
}

/**
 * A share as a percentage in the locale's own way ("12,5 %" in es-AR, "12.5%" in en-GB).
 * `ratio` is a fraction (0.125 for 12.5 %); `digits` the most decimals shown.
 */
export function formatPercent(locale: Locale, ratio: number, digits = 0): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(ratio);
}

export function formatDateTime(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(d);
}

/** A date in the parts a view asks for ("lun 5 ene" with weekday, day and month short), through the shared cache. */
export function formatDateWith(locale: Locale, iso: string, opts: Intl.DateTimeFormatOptions): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateTimeFormat(locale, opts).format(d);
}

/** A language tag named in the desk's language ("espanhol (Argentina)" in pt-BR); the tag itself where there is no name. */
export function formatLanguageName(locale: Locale, tag: string): string {
  try {
    return displayNames(locale, { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A calendar date alone ("7/12/2026" in es-AR). */
export function formatDate(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateTimeFormat(locale, { dateStyle: 'short' }).format(d);
}

export function formatTime(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);
}

/** Hours and minutes in the locale's own clock ("7:00 p. m." in es-AR, "19:00" in en-GB). */
export function formatHourMinute(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(d);
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
  const rtf = relativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return rtf.format(Math.round(value), unit);
    value /= size;
  }
  return rtf.format(Math.round(value), 'week');
}
